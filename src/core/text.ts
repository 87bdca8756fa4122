/** 0-based line and UTF-16 column, as VS Code counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A stretch of the note's text: UTF-16 offsets (BOM excluded) and the same stretch as a range. */
export interface Span {
  start: number;
  end: number;
  range: Range;
}

/** A replacement of text[start, end) by newText; offsets are into the BOM-less text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  range: Range;
}

/** Whether a UTF-16 code unit is one that `\s` matches (and `trim` removes). */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Whitespace that collapseWhitespace changes: any but a single space between other characters. */
const UNCOLLAPSED = /[^\S ]| {2}|^ | $/u;

/** `s.replace(/\s+/gu, ' ').trim()`, in one pass that copies nothing when there is nothing to change. */
export function collapseWhitespace(s: string): string {
  if (!UNCOLLAPSED.test(s)) return s;
  let start = 0;
  let end = s.length;
  while (start < end && isWhitespaceCode(s.charCodeAt(start))) start++;
  while (end > start && isWhitespaceCode(s.charCodeAt(end - 1))) end--;
  let out = '';
  let piece = start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    // Most characters are printable ASCII: one comparison each.
    if ((c > 32 && c < 0xa0) || !isWhitespaceCode(c)) continue;
    const next = s.charCodeAt(i + 1);
    // A single space between words stays as it is.
    if (c === 32 && next > 32 && !isWhitespaceCode(next)) continue;
    let j = i + 1;
    while (isWhitespaceCode(s.charCodeAt(j))) j++;
    out += s.slice(piece, i) + ' ';
    piece = j;
    i = j - 1;
  }
  return piece === start ? s.slice(start, end) : out + s.slice(piece, end);
}

const BOM = '\uFEFF';

export function stripBom(text: string): { text: string; hasBom: boolean } {
  return text.startsWith(BOM) ? { text: text.slice(1), hasBom: true } : { text, hasBom: false };
}

/**
 * Maps offsets to positions. Line breaks are \r\n, \n or a lone \r, as in VS Code's text model, so
 * ranges computed here line up with an editor's on any line ending.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** The line of the last offset looked up: spans come mostly in order, so the next is often on it. */
  #lastLine = 0;

  constructor(readonly text: string) {
    const starts = this.starts;
    if (text.indexOf('\r') < 0) {
      // Only \n breaks: let indexOf find them.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line holding an offset already clamped to the text: the last line that starts at or before it. */
  private lineOf(offset: number): number {
    const starts = this.starts;
    const last = this.#lastLine;
    if (starts[last]! <= offset) {
      if (last + 1 >= starts.length || offset < starts[last + 1]!) return last;
      if (last + 2 >= starts.length || offset < starts[last + 2]!) return (this.#lastLine = last + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return (this.#lastLine = low);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, position.line)]!;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  span(start: number, end: number): Span {
    return { start, end, range: this.range(start, end) };
  }

  edit(start: number, end: number, newText: string): TextEdit {
    return { start, end, newText, range: this.range(start, end) };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The line ending a note mostly uses (\n on a tie or with none), so inserted lines match their neighbours. */
export function dominantEol(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) crlf++;
    else cr++;
  }
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
  lf -= crlf;
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/**
 * Applies non-overlapping edits to the BOM-less text a note was parsed from. Overlapping edits are a
 * programming error: they would change bytes nobody meant to change, so they throw.
 */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'start' | 'end' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    if (edit.end < edit.start || edit.end > text.length) throw new Error(`edit out of bounds: ${edit.start}-${edit.end}`);
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Applies edits to a file's full text, keeping a leading BOM untouched. */
export function applyEditsToFile(fileText: string, edits: readonly Pick<TextEdit, 'start' | 'end' | 'newText'>[]): string {
  const { text, hasBom } = stripBom(fileText);
  return (hasBom ? BOM : '') + applyEdits(text, edits);
}
