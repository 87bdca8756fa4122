import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, Nodes } from 'mdast';
import { LineIndex } from './text';

/**
 * The block-level facts a note is built from: where the frontmatter is, which stretches hide their text
 * (code, HTML), the headings, and the list items whose first paragraph starts with a task marker.
 * Two producers give the same facts: `scanBlocksFast`, a line scanner that handles the shapes meeting
 * notes are made of and gives up (returns undefined) on anything it is not certain of, and
 * `scanBlocksWithRemark`, the full remark parse, which is the reference. A differential test holds the
 * first to the second.
 */
export interface BlockFacts {
  /** The frontmatter block, both fences included, when it is closed. */
  frontmatter: [number, number] | undefined;
  /**
   * Code, inline code and HTML (frontmatter included), and what Obsidian hides or renders as math
   * (`%% comments %%`, `$$ … $$`): sorted by start, not overlapping. Text there is not markdown.
   */
  excluded: [number, number][];
  /** Markdown links and images (`[text](url)`, `![alt](src)`, references), sorted, not overlapping: a `#` there is no tag. */
  links: [number, number][];
  /** Where a `%%` comment that is never closed starts: it hides the rest of the note, and what is added after it too. */
  openComment?: number;
  headings: HeadingFact[];
  /** Pre-order, so a parent task comes before the tasks nested under it. */
  taskItems: TaskItemFact[];
  /**
   * Set when lists and block quotes may nest more than MAX_NESTING deep, from the line (0-based) where
   * they may: the body is then not parsed (remark's work grows with the square of the depth, and a deep
   * enough note overflows its stack), so there are no headings, tasks or code ranges; only the
   * frontmatter is read.
   */
  tooDeep?: { line: number };
}

export interface HeadingFact {
  depth: number;
  start: number;
  end: number;
  /** Setext headings take their text from the first line only. */
  setext: boolean;
}

export interface TaskItemFact {
  /** Where the list item starts (its marker). */
  start: number;
  /** Where its first paragraph, `[c] …`, starts. */
  paragraphStart: number;
  /** paragraphStart of the nearest task this one is nested under. */
  parentTaskStart: number | undefined;
}

export const TASK_MARKER = /^\[[^\r\n]\][ \t]/u;

// ---------------------------------------------------------------------------------------------------
// Reference: remark

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const markdownWithoutFrontmatter = unified().use(remarkParse);

/**
 * Parses markdown, frontmatter included. When a file opens with `---` that never closes, the
 * frontmatter extension leaves micromark unable to see any list after it (every task would vanish,
 * micromark/micromark-extension-frontmatter#5), so such a file is parsed again without the extension.
 */
function parseMarkdown(text: string): Root {
  const tree = markdown.parse(text) as Root;
  if (tree.children[0]?.type === 'yaml' || !text.startsWith('---')) return tree;
  return markdownWithoutFrontmatter.parse(text) as Root;
}

/**
 * The full remark parse. The walk is iterative: a list nested thousands deep must not overflow the
 * stack. A note nested deeper than MAX_NESTING is not given to remark at all (see `tooDeepFacts`), and
 * should micromark still run out of stack, the note is reported as too deep too.
 */
export function scanBlocksWithRemark(text: string, lines: LineIndex = new LineIndex(text)): BlockFacts {
  return tooDeepFacts(lines) ?? remarkFacts(text, lines);
}

/** scanBlocksWithRemark without the depth check: for a caller that has made it. */
export function remarkFacts(text: string, lines: LineIndex): BlockFacts {
  let tree: Root;
  try {
    tree = parseMarkdown(text);
  } catch (error) {
    if (error instanceof RangeError) return { ...frontmatterOnly(lines), tooDeep: { line: 0 } };
    throw error;
  }
  const facts: BlockFacts = { frontmatter: undefined, excluded: [], headings: [], taskItems: [], links: [] };
  // Pre-order: children pushed in reverse so the first child is visited first.
  const stack: { node: Nodes; enclosingTaskStart: number | undefined }[] = [{ node: tree, enclosingTaskStart: undefined }];
  while (stack.length) {
    const { node, enclosingTaskStart: enclosing } = stack.pop()!;
    let enclosingTaskStart = enclosing;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    switch (node.type) {
      case 'yaml':
        facts.frontmatter = [start, end];
        facts.excluded.push([start, end]);
        continue;
      case 'code':
      case 'inlineCode':
      case 'html':
        facts.excluded.push([start, end]);
        continue;
      case 'heading':
        facts.headings.push({ depth: node.depth, start, end, setext: text[start] !== '#' });
        break;
      case 'link':
      case 'linkReference':
      case 'image':
      case 'imageReference':
        facts.links.push([start, end]);
        break;
      case 'listItem': {
        const first = node.children[0];
        const paragraphStart = first?.type === 'paragraph' ? first.position?.start.offset : undefined;
        if (paragraphStart !== undefined && TASK_MARKER.test(text.slice(paragraphStart, paragraphStart + 4))) {
          facts.taskItems.push({ start, paragraphStart, parentTaskStart: enclosingTaskStart });
          enclosingTaskStart = paragraphStart;
        }
        break;
      }
    }
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, enclosingTaskStart });
    }
  }
  facts.excluded.sort((a, b) => a[0] - b[0]);
  // An image inside a link nests: the ranges are kept as their union.
  facts.links = unionOfSorted(facts.links);
  return withObsidianHidden(text, facts);
}

// ---------------------------------------------------------------------------------------------------
// What Obsidian hides: `%% comments %%` and `$$ math $$`

/** Sorted ranges merged where they overlap or nest: what a binary search over them needs. */
export function unionOfSorted(ranges: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of ranges) {
    const last = out[out.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const PERCENT = 37;
const DOLLAR = 36;

/**
 * The stretches Obsidian does not show as markdown: `%% … %%` comments (inline or over lines; one
 * left open runs to the end of the note) and `$$ … $$` math (only when closed). Delimiters inside
 * code, HTML or the frontmatter (`excluded`, sorted and not overlapping) do not count. One pass: each
 * delimiter is looked for once, from where the last one ended.
 */
export function obsidianHiddenRanges(text: string, excluded: readonly [number, number][]): { ranges: [number, number][]; openComment: number | undefined } {
  const out: [number, number][] = [];
  let openComment: number | undefined;
  let k = 0;
  /** `pos` if it lies outside every excluded range, else the end of the range holding it (ranges are passed in order). */
  const outside = (pos: number): number => {
    while (k < excluded.length && excluded[k]![1] <= pos) k++;
    const range = excluded[k];
    return range && range[0] <= pos ? range[1] : pos;
  };
  // The next occurrence of each delimiter at or after where it was last looked for: each search
  // resumes where the last one ended, so the whole scan reads the text about once per delimiter.
  const found = { [PERCENT]: -2, [DOLLAR]: -2 } as Record<number, number>;
  const occurrence = (marker: number, from: number): number => {
    if (found[marker]! !== -1 && found[marker]! < from) found[marker] = text.indexOf(marker === PERCENT ? '%%' : '$$', from);
    return found[marker]!;
  };
  /** The next `%%` or `$$` (only `marker` when given) at or after `from` outside the excluded ranges, or -1. */
  const next = (marker: number | undefined, from: number): number => {
    let at = from;
    for (;;) {
      let hit: number;
      if (marker !== undefined) hit = occurrence(marker, at);
      else {
        const percent = occurrence(PERCENT, at);
        const dollar = occurrence(DOLLAR, at);
        hit = percent < 0 ? dollar : dollar < 0 ? percent : Math.min(percent, dollar);
      }
      if (hit < 0) return -1;
      const free = outside(hit);
      if (free === hit) return hit;
      at = free;
    }
  };
  let pos = 0;
  for (;;) {
    const open = next(undefined, pos);
    if (open < 0) break;
    const marker = text.charCodeAt(open);
    const close = next(marker, open + 2);
    if (close < 0) {
      // An open comment hides the rest of the note; an open `$$` is only text. No other `$$` follows.
      if (marker === PERCENT) {
        out.push([open, text.length]);
        openComment = open;
        break;
      }
      pos = open + 2;
      continue;
    }
    out.push([open, close + 2]);
    pos = close + 2;
  }
  return { ranges: out, openComment };
}

/**
 * The facts with Obsidian's comments and math blocks taken out: their stretches join `excluded`, and
 * the headings and tasks that start in them are dropped (a task nested under a dropped one is linked
 * to the nearest task above that stays). Both parsers end with this, on the same text and the same
 * code ranges, so they agree here too.
 */
export function withObsidianHidden(text: string, facts: BlockFacts): BlockFacts {
  if (text.indexOf('%%') < 0 && text.indexOf('$$') < 0) return facts;
  const { ranges: hidden, openComment } = obsidianHiddenRanges(text, facts.excluded);
  if (!hidden.length) return facts;
  const excluded = unionOfSorted([...facts.excluded, ...hidden].sort((a, b) => a[0] - b[0]));
  const isHidden = rangeTest(hidden);
  const parentOfDropped = new Map<number, number | undefined>();
  const taskItems: TaskItemFact[] = [];
  for (const item of facts.taskItems) {
    let parent = item.parentTaskStart;
    while (parent !== undefined && parentOfDropped.has(parent)) parent = parentOfDropped.get(parent);
    if (isHidden(item.start) || isHidden(item.paragraphStart)) parentOfDropped.set(item.paragraphStart, parent);
    else taskItems.push(parent === item.parentTaskStart ? item : { ...item, parentTaskStart: parent });
  }
  const result: BlockFacts = { ...facts, excluded, headings: facts.headings.filter((h) => !isHidden(h.start)), taskItems };
  if (openComment !== undefined) result.openComment = openComment;
  return result;
}

/** Whether an offset lies in one of sorted, non-overlapping ranges: a binary search. */
export function rangeTest(ranges: readonly [number, number][]): (offset: number) => boolean {
  return (offset) => rangeAt(ranges, offset) !== undefined;
}

/** The one of sorted, non-overlapping ranges that holds an offset, if any. */
export function rangeAt(ranges: readonly [number, number][], offset: number): [number, number] | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (offset < range[0]) high = mid - 1;
    else if (offset >= range[1]) low = mid + 1;
    else return range;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Nesting depth

/** How deep lists and block quotes may nest before a note is reported as too deep instead of parsed. */
export const MAX_NESTING = 100;

/** The closed frontmatter block, both fences included, by the rule both parsers follow. */
function closedFrontmatter(lines: LineIndex): [number, number] | undefined {
  if (!isFence(lines.lineText(0))) return undefined;
  for (let close = 1; close < lines.lineCount; close++) {
    if (isFence(lines.lineText(close))) return [0, lines.lineEnd(close)];
  }
  return undefined;
}

function frontmatterOnly(lines: LineIndex): BlockFacts {
  const frontmatter = closedFrontmatter(lines);
  return { frontmatter, excluded: frontmatter ? [frontmatter] : [], headings: [], taskItems: [], links: [] };
}

/**
 * The facts of a note whose lists and block quotes may nest more than MAX_NESTING deep, or undefined
 * for any other note. The test is an upper bound of the depth, the same for both parsers, and one
 * pass over the line starts: a line holds at most as many containers as it continues (each list item
 * needs two columns of indentation, each quote its `>`, and no more than were open after an earlier
 * line) plus the markers it opens. Almost every line starts with a letter and costs one comparison.
 */
export function tooDeepFacts(lines: LineIndex): BlockFacts | undefined {
  const text = lines.text;
  const frontmatter = closedFrontmatter(lines);
  const first = frontmatter ? lines.positionAt(frontmatter[1]).line + 1 : 0;
  let deepest = 0;
  for (let line = first; line < lines.lineCount; line++) {
    let pos = lines.lineStart(line);
    if (!mayOpenContainer(text.charCodeAt(pos))) continue; // no container: depth 0
    const end = lines.lineEnd(line);
    let columns = 0;
    let markers = 0;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === SPACE) {
        columns++;
        pos++;
      } else if (c === TAB) {
        columns += 4;
        pos++;
      } else if (c === 62 /* > */) {
        markers++;
        pos++;
      } else {
        let after = pos;
        if (c === 45 /* - */ || c === 43 /* + */ || c === 42 /* * */) after = pos + 1;
        else if (c >= 48 && c <= 57) {
          while (after < end && after - pos < 9 && isDigit(text.charCodeAt(after))) after++;
          const d = text.charCodeAt(after);
          after = d === 46 /* . */ || d === 41 /* ) */ ? after + 1 : pos;
        }
        const next = text.charCodeAt(after);
        if (after === pos || (after < end && next !== SPACE && next !== TAB)) break;
        markers++;
        pos = after;
      }
    }
    const depth = Math.min(deepest, (columns >> 1) + markers) + markers;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > MAX_NESTING) return { ...frontmatterOnly(lines), tooDeep: { line } };
    }
  }
  return undefined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Whether a line starting with this character may hold a container: a blank, `>`, a list marker. */
const mayOpenContainer = (c: number) => c === SPACE || c === TAB || c === 62 || c === 45 || c === 43 || c === 42 || isDigit(c);

// ---------------------------------------------------------------------------------------------------
// Fast path: a line scanner for the common shapes

const SPACE = 32;
const TAB = 9;

interface OpenItem {
  /** Column where the item's content starts: lines indented at least this much belong to it. */
  contentIndent: number;
  /** paragraphStart when this item is a task. */
  taskStart: number | undefined;
}

/**
 * Block facts by CommonMark's block rules for the shapes meeting notes use: frontmatter, ATX headings,
 * paragraphs (lazy continuation included), `-`/`*`/`+` lists nested by spaces, thematic breaks and
 * blank lines. Returns undefined, so that the caller uses remark, for anything else or anything
 * ambiguous: code (fenced, indented or inline), HTML, blockquotes, setext headings, ordered lists,
 * empty list items, tabs in indentation, link reference definitions, inline links and images (`](`),
 * an unclosed frontmatter block. Obsidian's `%% comments %%` and `$$` math are taken out afterwards
 * as the remark path does (withObsidianHidden), so both agree on them too.
 */
export function scanBlocksFast(text: string, lines: LineIndex): BlockFacts | undefined {
  let firstBodyLine = 0;
  let frontmatter: [number, number] | undefined;
  if (isFence(lines.lineText(0))) {
    let close = 1;
    while (close < lines.lineCount && !isFence(lines.lineText(close))) close++;
    if (close >= lines.lineCount) return undefined; // unclosed: remark's second parse decides
    frontmatter = [0, lines.lineEnd(close)];
    firstBodyLine = close + 1;
  }
  const bodyStart = lines.lineStart(firstBodyLine);
  // Inline code, inline HTML and autolinks hide or change text: left to remark. So are inline links
  // and images (`](`), whose text holds no tags: without a `](` (and without definitions, which the
  // scan gives up on below) there is no link at all.
  if (text.indexOf('`', bodyStart) >= 0 || text.indexOf('](', bodyStart) >= 0) return undefined;
  for (let at = text.indexOf('<', bodyStart); at >= 0; at = text.indexOf('<', at + 1)) {
    const c = text.charCodeAt(at + 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 /* / */ || c === 33 /* ! */ || c === 63 /* ? */) return undefined;
  }
  const mayHaveDefinitions = text.indexOf(']:', bodyStart) >= 0;

  const headings: HeadingFact[] = [];
  const taskItems: TaskItemFact[] = [];
  const stack: OpenItem[] = [];
  let paragraph = false;

  const breaks = new ThematicBreaks(text);
  for (let line = firstBodyLine; line < lines.lineCount; line++) {
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    breaks.startLine(lineEnd);
    let pos = lineStart;
    while (pos < lineEnd && text.charCodeAt(pos) === SPACE) pos++;
    if (pos < lineEnd && text.charCodeAt(pos) === TAB) return undefined;
    if (pos === lineEnd) {
      paragraph = false;
      continue;
    }
    const indent = pos - lineStart;
    let matched = 0;
    while (matched < stack.length && stack[matched]!.contentIndent <= indent) matched++;
    let relativeIndent = indent - (matched ? stack[matched - 1]!.contentIndent : 0);
    let freshItem: OpenItem | undefined;

    // One line may open several blocks: `- - [?] x` is a list item holding a list item.
    for (;;) {
      if (relativeIndent >= 4) {
        if (paragraph) break; // indented text continues a paragraph
        return undefined; // indented code
      }
      const c = text.charCodeAt(pos);
      if ((c === 45 /* - */ || c === 42 /* * */ || c === 95 /* _ */) && breaks.at(pos)) {
        // After paragraph text, a line of dashes may be a setext underline instead.
        if (paragraph && c === 45) return undefined;
        stack.length = matched;
        paragraph = false;
        break;
      }
      if (c === 61 /* = */ && paragraph) return undefined; // a setext underline, or lazy text: left to remark
      // `--` (any run of dashes, blanks after) under paragraph text is a setext underline too.
      if (c === 45 && paragraph && isDashRun(text, pos, lineEnd)) return undefined;
      if (c === 35 /* # */) {
        let hashes = 1;
        while (hashes < 7 && text.charCodeAt(pos + hashes) === 35) hashes++;
        const after = pos + hashes;
        if (hashes <= 6 && (after === lineEnd || text.charCodeAt(after) === SPACE || text.charCodeAt(after) === TAB)) {
          stack.length = matched;
          headings.push({ depth: hashes, start: pos, end: lineEnd, setext: false });
          paragraph = false;
          break;
        }
      }
      if (c === 62 /* > */ || c === 60 /* < */) return undefined;
      if (c === 126 /* ~ */ && text.startsWith('~~~', pos)) return undefined;
      if (c >= 48 && c <= 57 && /^\d{1,9}[.)](?:[ \t]|$)/u.test(text.slice(pos, Math.min(lineEnd, pos + 12)))) return undefined;
      if ((c === 45 || c === 42 || c === 43 /* + */) && (pos + 1 === lineEnd || text.charCodeAt(pos + 1) === SPACE || text.charCodeAt(pos + 1) === TAB)) {
        let content = pos + 1;
        while (content < lineEnd && text.charCodeAt(content) === SPACE) content++;
        if (content === lineEnd) return undefined; // an empty item
        if (text.charCodeAt(content) === TAB) return undefined;
        const spaces = content - pos - 1;
        if (spaces >= 5) return undefined; // the content starts with indented code
        stack.length = matched;
        freshItem = { contentIndent: pos - lineStart + 1 + spaces, taskStart: undefined };
        stack.push(freshItem);
        matched = stack.length;
        pos = content;
        relativeIndent = 0;
        paragraph = false;
        continue;
      }
      // Paragraph text.
      if (paragraph) break; // continuation, lazy or not: no container opens or closes
      if (c === 91 /* [ */ && mayHaveDefinitions) return undefined;
      stack.length = matched;
      if (freshItem && stack[stack.length - 1] === freshItem && TASK_MARKER.test(text.slice(pos, pos + 4))) {
        let parentTaskStart: number | undefined;
        for (let i = stack.length - 2; i >= 0 && parentTaskStart === undefined; i--) parentTaskStart = stack[i]!.taskStart;
        freshItem.taskStart = pos;
        taskItems.push({ start: markerStart(text, lineStart, pos), paragraphStart: pos, parentTaskStart });
      }
      paragraph = true;
      break;
    }
  }
  return withObsidianHidden(text, { frontmatter, excluded: frontmatter ? [frontmatter] : [], headings, taskItems, links: [] });
}

/** Whether the line from `from` holds dashes only, then blanks. */
function isDashRun(text: string, from: number, lineEnd: number): boolean {
  let i = from;
  while (i < lineEnd && text.charCodeAt(i) === 45) i++;
  while (i < lineEnd && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  return i === lineEnd;
}

function isFence(line: string): boolean {
  if (!line.startsWith('---')) return false;
  for (let i = 3; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/**
 * Whether the rest of a line from a `-`, `*` or `_` is a thematic break: that character at least three
 * times, blanks between. A line like `- - - - … x` asks at every marker, so each line works out once
 * per character, scanning back from its end, where the last other character is and where the third
 * last occurrence of the character is: every answer then costs O(1).
 */
class ThematicBreaks {
  private lineEnd = 0;
  /** Per marker (`-`, `*`, `_`): offset of the line's last character that is neither it nor a blank; -2 until computed. */
  private readonly lastOther = [-2, -2, -2];
  /** Per marker: offset of its third last occurrence after lastOther, or -1. */
  private readonly thirdLast = [-1, -1, -1];

  constructor(private readonly text: string) {}

  startLine(lineEnd: number): void {
    this.lineEnd = lineEnd;
    this.lastOther[0] = this.lastOther[1] = this.lastOther[2] = -2;
  }

  at(pos: number): boolean {
    const text = this.text;
    const marker = text.charCodeAt(pos);
    const which = marker === 45 ? 0 : marker === 42 ? 1 : 2;
    if (this.lastOther[which] === -2) {
      let seen = 0;
      let third = -1;
      let i = this.lineEnd - 1;
      for (; i >= 0; i--) {
        const c = text.charCodeAt(i);
        if (c === marker) {
          if (++seen === 3) third = i;
        } else if (c !== SPACE && c !== TAB) break;
      }
      this.lastOther[which] = i;
      this.thirdLast[which] = third;
    }
    return this.lastOther[which]! < pos && this.thirdLast[which]! >= pos;
  }
}

/** The innermost list marker before a task's paragraph: `- [?] x` and `- - [?] x` both start at their last marker. */
function markerStart(text: string, lineStart: number, paragraphStart: number): number {
  let i = paragraphStart - 1;
  while (i > lineStart && text.charCodeAt(i) === SPACE) i--;
  return i;
}
