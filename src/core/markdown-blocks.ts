import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, Nodes } from 'mdast';
import type { LineIndex } from './text';

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
  /** Code, inline code and HTML (frontmatter included), sorted by start: text there is not markdown. */
  excluded: [number, number][];
  headings: HeadingFact[];
  /** Pre-order, so a parent task comes before the tasks nested under it. */
  taskItems: TaskItemFact[];
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

/** The full remark parse. The walk is iterative: a list nested thousands deep must not overflow the stack. */
export function scanBlocksWithRemark(text: string): BlockFacts {
  const tree = parseMarkdown(text);
  const facts: BlockFacts = { frontmatter: undefined, excluded: [], headings: [], taskItems: [] };
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
  return facts;
}

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
 * empty list items, tabs in indentation, link reference definitions, an unclosed frontmatter block.
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
  // Inline code, inline HTML and autolinks hide or change text: left to remark.
  if (text.indexOf('`', bodyStart) >= 0) return undefined;
  const angle = /<[A-Za-z/!?]/gu;
  angle.lastIndex = bodyStart;
  if (angle.test(text)) return undefined;
  const mayHaveDefinitions = text.indexOf(']:', bodyStart) >= 0;

  const headings: HeadingFact[] = [];
  const taskItems: TaskItemFact[] = [];
  const stack: OpenItem[] = [];
  let paragraph = false;

  for (let line = firstBodyLine; line < lines.lineCount; line++) {
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
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
      if ((c === 45 /* - */ || c === 42 /* * */ || c === 95 /* _ */) && isThematicBreak(text, pos, lineEnd)) {
        // After paragraph text, a line of dashes may be a setext underline instead.
        if (paragraph && c === 45) return undefined;
        stack.length = matched;
        paragraph = false;
        break;
      }
      if (c === 61 /* = */ && paragraph) return undefined; // a setext underline, or lazy text: left to remark
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
  return { frontmatter, excluded: frontmatter ? [frontmatter] : [], headings, taskItems };
}

function isFence(line: string): boolean {
  if (!line.startsWith('---')) return false;
  for (let i = 3; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

function isThematicBreak(text: string, pos: number, lineEnd: number): boolean {
  const marker = text.charCodeAt(pos);
  let count = 0;
  for (let i = pos; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === marker) count++;
    else if (c !== SPACE && c !== TAB) return false;
  }
  return count >= 3;
}

/** The innermost list marker before a task's paragraph: `- [?] x` and `- - [?] x` both start at their last marker. */
function markerStart(text: string, lineStart: number, paragraphStart: number): number {
  let i = paragraphStart - 1;
  while (i > lineStart && text.charCodeAt(i) === SPACE) i--;
  return i;
}
