import type { Note } from './note';

// Where completion is asked for, worked out from the text around the cursor. While a name is being
// typed the YAML is often broken (an open quote, a half-written list), so the frontmatter is read
// line by line here, not from the parsed fields.

/** The frontmatter fields whose values completion knows. */
export type CompletedField = 'participants' | 'person' | 'tags';

export type QuoteChar = '"' | "'" | '';

export interface FieldCompletion {
  kind: 'field';
  field: CompletedField;
  /** Replaced by the completion: from where the value being typed starts (after an opening quote or `[[`) to the cursor. */
  start: number;
  end: number;
  /** What has been typed of the value. */
  typed: string;
  /** The quote the value opened with; when none was typed, the quote the surrounding YAML uses. */
  quote: QuoteChar;
  /** Whether the user typed the opening quote (the completion then writes only the closing one). */
  quoteTyped: boolean;
  /** What must follow the inserted value to close what the user opened (a quote, `]]`): absent after the cursor. */
  closing: string;
  /** Whether the value is written as a wikilink (`"[[Om`): the name goes in without quotes of its own. */
  wikilink: boolean;
  /** Whether the value is an item of a `[…]` list on the key's line (a comma there ends a plain value). */
  flow: boolean;
}

export interface MentionCompletion {
  kind: 'mention';
  /** After the `@` (or after `@[[`) to the cursor. */
  start: number;
  end: number;
  typed: string;
  /** `@[[` was typed: the name goes in as written, then what closes the link. */
  bracketed: boolean;
  closing: string;
}

export interface TagCompletion {
  kind: 'tag';
  /** After the `#` to the cursor. */
  start: number;
  end: number;
  typed: string;
}

export interface WikiLinkCompletion {
  kind: 'wikilink';
  /** After the `[[` to the cursor. */
  start: number;
  end: number;
  typed: string;
  closing: string;
}

export type CompletionContext = FieldCompletion | MentionCompletion | TagCompletion | WikiLinkCompletion;

const COMPLETED_FIELDS: ReadonlySet<string> = new Set<CompletedField>(['participants', 'person', 'tags']);
const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|$)/u;
const BLOCK_ITEM = /^([ \t]*)-[ \t]+/u;
const MENTION_BRACKETED = /(?:^|[\s(])@\[\[([^\]\r\n]*)$/u;
const MENTION_PLAIN = /(?:^|[\s(])@([\p{L}\p{N}_.'-]*)$/u;
const TAG = /\S\s+#([\p{L}\p{N}_/-]*)$/u;
const WIKILINK = /(^|[^@])\[\[([^\][|#\r\n]*)$/u;

/** What closes `[[`: the `]` the cursor already has ahead of it are not written again. */
function closingBrackets(after: string): string {
  const have = after.startsWith(']]') ? 2 : after.startsWith(']') ? 1 : 0;
  return ']]'.slice(have);
}

/** Where completion is asked for at `offset` of the note, or undefined where it offers nothing. */
export function completionContextAt(note: Note, offset: number): CompletionContext | undefined {
  const { line } = note.lines.positionAt(offset);
  const lineStart = note.lines.lineStart(line);
  const before = note.text.slice(lineStart, offset);
  const after = note.text.slice(offset, note.lines.lineEnd(line));
  const fm = note.frontmatter;
  if (fm && offset >= fm.contentStart && offset <= fm.contentEnd && lineStart >= fm.contentStart && (lineStart < fm.contentEnd || !fm.closed)) {
    return frontmatterContext(note, line, lineStart, before, after) ?? wikiLinkContext(before, after, offset);
  }
  if (note.tasks.some((t) => t.line === line)) {
    const bracketed = MENTION_BRACKETED.exec(before);
    if (bracketed) return { kind: 'mention', start: offset - bracketed[1]!.length, end: offset, typed: bracketed[1]!, bracketed: true, closing: closingBrackets(after) };
    const plain = MENTION_PLAIN.exec(before);
    if (plain) return { kind: 'mention', start: offset - plain[1]!.length, end: offset, typed: plain[1]!, bracketed: false, closing: '' };
  }
  const tag = TAG.exec(before);
  if (tag) return { kind: 'tag', start: offset - tag[1]!.length, end: offset, typed: tag[1]! };
  return wikiLinkContext(before, after, offset);
}

function wikiLinkContext(before: string, after: string, offset: number): WikiLinkCompletion | undefined {
  const link = WIKILINK.exec(before);
  if (!link) return undefined;
  return { kind: 'wikilink', start: offset - link[2]!.length, end: offset, typed: link[2]!, closing: closingBrackets(after) };
}

function frontmatterContext(note: Note, line: number, lineStart: number, before: string, after: string): FieldCompletion | undefined {
  const keyLine = KEY_LINE.exec(before);
  if (keyLine) {
    const key = keyLine[1]!;
    if (!COMPLETED_FIELDS.has(key)) return undefined;
    const valueStart = lineStart + keyLine[0].length;
    const value = before.slice(keyLine[0].length);
    if (value.startsWith('[')) {
      if (key === 'person') return undefined;
      const item = currentFlowItem(value.slice(1));
      if (item === undefined) return undefined;
      return valueContext(note, key as CompletedField, valueStart + 1 + item.start, item.text, after, true);
    }
    return valueContext(note, key as CompletedField, valueStart, value, after, false);
  }
  const item = BLOCK_ITEM.exec(before);
  if (!item) return undefined;
  const key = blockListKey(note, line);
  if (!key || key === 'person' || !COMPLETED_FIELDS.has(key)) return undefined;
  return valueContext(note, key as CompletedField, lineStart + item[0].length, before.slice(item[0].length), after, false);
}

/** The key a block list item at `line` belongs to: the nearest line above that starts with `key:`. */
function blockListKey(note: Note, line: number): string | undefined {
  const fm = note.frontmatter!;
  for (let l = line - 1; l >= 0 && note.lines.lineStart(l) >= fm.contentStart; l--) {
    const text = note.lines.lineText(l);
    if (BLOCK_ITEM.test(text) || !text.trim() || text.trimStart().startsWith('#')) continue;
    return KEY_LINE.exec(text)?.[1] ?? /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*$/u.exec(text)?.[1];
  }
  return undefined;
}

/**
 * The item of a flow list being typed: `text` is what follows `[` up to the cursor. The item starts
 * after the last comma outside quotes; undefined once the list is closed.
 */
function currentFlowItem(text: string): { start: number; text: string } | undefined {
  let start = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) {
        // '' inside single quotes is an escaped quote; \" inside double quotes likewise.
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = '';
      } else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') start = i + 1;
    else if (c === ']') return undefined;
  }
  return { start, text: text.slice(start) };
}

/** The context of a value that starts at `start` and has `typed` before the cursor (blanks ahead of it skipped). */
function valueContext(note: Note, field: CompletedField, start: number, typed: string, after: string, flow: boolean): FieldCompletion | undefined {
  const lead = typed.length - typed.trimStart().length;
  let value = typed.slice(lead);
  let from = start + lead;
  let quote: QuoteChar = '';
  let quoteTyped = false;
  if (value.startsWith('"') || value.startsWith("'")) {
    quote = value[0] as QuoteChar;
    quoteTyped = true;
    value = value.slice(1);
    from++;
    // The quote is already closed: the cursor is past the value.
    if (value.includes(quote)) return undefined;
  } else {
    if (/["'#]/u.test(value) || (flow && /[[\]{}]/u.test(value.replace(/^\[\[/u, '')))) return undefined;
    quote = preferredQuote(note, field);
  }
  let wikilink = false;
  if (value.startsWith('[[')) {
    wikilink = true;
    value = value.slice(2);
    from += 2;
    if (value.includes(']')) return undefined;
  }
  if (field !== 'tags' && value.includes(':')) return undefined;
  let closing = '';
  let rest = after;
  if (wikilink) {
    closing = closingBrackets(after);
    rest = after.slice(2 - closing.length);
  }
  if (quoteTyped && !rest.startsWith(quote)) closing += quote;
  const end = start + typed.length;
  return { kind: 'field', field, start: from, end, typed: value, quote, quoteTyped, closing, wikilink, flow };
}

/**
 * The quote the note's frontmatter writes values with: that of the field's own items when it has
 * some, else the one most of its values use; double quotes when it says nothing.
 */
export function preferredQuote(note: Note, field: string): QuoteChar {
  const fm = note.frontmatter;
  if (!fm) return '"';
  const own = fm.fields.find((f) => f.key === field);
  const first = own?.value.kind === 'list' ? own.value.items[0] : own?.value.kind === 'scalar' ? own.value : undefined;
  if (first && typeof first.value === 'string') return styleQuote(first.style);
  const count = { '"': 0, "'": 0, '': 0 };
  for (const f of fm.fields) {
    const values = f.value.kind === 'list' ? f.value.items : f.value.kind === 'scalar' ? [f.value] : [];
    for (const v of values) if (typeof v.value === 'string') count[styleQuote(v.style)]++;
  }
  if (count[''] > count['"'] && count[''] > count["'"]) return '';
  return count["'"] > count['"'] ? "'" : '"';
}

function styleQuote(style: string): QuoteChar {
  return style === 'double' ? '"' : style === 'single' ? "'" : '';
}
