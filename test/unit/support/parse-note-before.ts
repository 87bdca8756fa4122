// parse-note.ts as it was before its linear rewrite (regexes run over whole texts, yaml's own
// duplicate-key check), kept verbatim but for its imports and for the behaviour changed on purpose
// since, which the reference takes on in its own (regex) style so that it keeps checking the rewrite:
// - YAML: a lone CR is a line break (the text yaml reads has LF there); an alias has the value of its
//   anchor; a block scalar's span stops at its last line; an empty value with an anchor or a tag
//   (`person: !!str`) is empty where yaml puts it; an alias that names no anchor is an error.
// - Tasks: a `#` inside a wikilink or a markdown link is no tag; `visibleEnd`; a block id ends the
//   visible text. (Obsidian comments and math come with the block facts both read.)
import { parseDocument, isAlias, isMap, isSeq, isScalar, isPair, visit, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import { DEFAULT_CONFIG, type TaskStatusKind } from '../../../src/core/config';
import { LineIndex, stripBom, type Span } from '../../../src/core/text';
import { scanBlocksFast, scanBlocksWithRemark, type BlockFacts, type HeadingFact } from '../../../src/core/markdown-blocks';
import type {
  DateField,
  DateFieldKind,
  FieldValue,
  Frontmatter,
  FrontmatterField,
  Heading,
  Mention,
  NameRef,
  Note,
  Priority,
  PriorityLevel,
  ScalarStyle,
  ScalarValue,
  Tag,
  Task,
  WikiLink,
  YamlProblem,
} from '../../../src/core/note';

export interface ParseOptions {
  taskStatuses?: Readonly<Record<string, TaskStatusKind>>;
  /**
   * `reference` always runs the full remark parse; `fast` (the default) scans lines and uses remark
   * only for notes the scanner is not certain of. Both give the same Note.
   */
  parser?: 'fast' | 'reference';
}

/** Block facts by the fast scanner when it is certain, else by remark. */
export function blockFacts(text: string, lines: LineIndex, parser: ParseOptions['parser'] = 'fast'): BlockFacts {
  return (parser === 'fast' ? scanBlocksFast(text, lines) : undefined) ?? scanBlocksWithRemark(text);
}

export function fileNameOf(uri: string): string {
  const withoutQuery = uri.replace(/[?#].*$/, '');
  const last = withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Parses a note. Never throws on any input: whatever is malformed is recorded for the rules to report. */
export function parseNote(uri: string, fileText: string, options: ParseOptions = {}): Note {
  const { text, hasBom } = stripBom(fileText);
  const lines = new LineIndex(text);
  const statuses = options.taskStatuses ?? DEFAULT_CONFIG.taskStatuses;
  const facts = blockFacts(text, lines, options.parser);
  const frontmatter = facts.frontmatter
    ? parseFrontmatter(text, lines, facts.frontmatter[0], facts.frontmatter[1])
    : unclosedFrontmatter(text, lines);
  const headings = facts.headings.map((h) => toHeading(h, text, lines));
  const isExcluded = exclusionTest(facts.excluded);
  const inLink = exclusionTest(facts.links);
  const tasks: Task[] = [];
  const taskIndexByStart = new Map<number, number>();
  for (const item of facts.taskItems) {
    const task = parseTask(text, lines, item.paragraphStart, statuses as Readonly<Record<string, TaskStatusKind>>, isExcluded, inLink, facts);
    task.heading = headingBefore(headings, item.start);
    task.parent = item.parentTaskStart === undefined ? undefined : taskIndexByStart.get(item.parentTaskStart);
    taskIndexByStart.set(item.paragraphStart, tasks.length);
    tasks.push(task);
  }

  return {
    uri,
    fileName: fileNameOf(uri),
    text,
    hasBom,
    lines,
    frontmatter,
    headings,
    tasks,
    wikilinks: findWikiLinks(text, lines, isExcluded),
    withNames: findWithNames(text, lines, isExcluded),
  };
}

/** Whether an offset lies in one of the sorted, non-overlapping ranges: a binary search. */
function exclusionTest(ranges: readonly [number, number][]): (offset: number) => boolean {
  return (offset) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [s, e] = ranges[mid]!;
      if (offset < s) high = mid - 1;
      else if (offset >= e) low = mid + 1;
      else return true;
    }
    return false;
  };
}

function headingBefore(headings: Heading[], offset: number): string | undefined {
  let found: Heading | undefined;
  for (const h of headings) {
    if (h.span.start < offset) found = h;
    else break;
  }
  return found?.text;
}

function toHeading(h: HeadingFact, text: string, lines: LineIndex): Heading {
  const line = lines.positionAt(h.start).line;
  const firstLine = text.slice(h.start, Math.min(h.end, lines.lineEnd(line)));
  return { depth: h.depth, text: h.setext ? firstLine.trim() : atxHeadingText(firstLine), line, span: lines.span(h.start, h.end) };
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** An ATX heading's text: the opening #'s, a closing run of #'s after a space, and the spaces around go. Linear in the line. */
export function atxHeadingText(line: string): string {
  let start = 0;
  while (line[start] === '#') start++;
  let end = line.length;
  while (end > start && isBlank(line[end - 1])) end--;
  let closing = end;
  while (closing > start && line[closing - 1] === '#') closing--;
  if (closing < end && (closing === start || isBlank(line[closing - 1]))) end = closing;
  return line.slice(start, end).trim();
}

// ---------------------------------------------------------------------------------------------------
// Frontmatter

function unclosedFrontmatter(text: string, lines: LineIndex): Frontmatter | undefined {
  // remark-frontmatter only yields a yaml node when the block is closed; an opening fence alone means
  // the author forgot the closing one, and the whole "frontmatter" is being read as markdown.
  // A file may also start with a thematic break (`---` then prose): only a fence followed by a
  // `key:` line is a frontmatter block.
  if (!/^---[ \t]*(\r\n|\r|\n)/u.test(text) || !/^[\p{L}\p{N}_"'][^:\r\n]*:/u.test(lines.lineText(1))) return undefined;
  const firstLineEnd = lines.lineEnd(0);
  return {
    span: lines.span(0, firstLineEnd),
    contentStart: lines.lineStart(1),
    contentEnd: text.length,
    closed: false,
    errors: [],
    warnings: [],
    fields: [],
    isMapping: false,
  };
}

function parseFrontmatter(text: string, lines: LineIndex, start: number, end: number): Frontmatter {
  const openLine = lines.positionAt(start).line;
  const closeLine = lines.positionAt(end).line;
  const contentStart = lines.lineStart(openLine + 1);
  // The closing fence sits on closeLine; the content ends with the line break before it.
  const contentEnd = Math.max(contentStart, lines.lineStart(closeLine));
  const source = text.slice(contentStart, contentEnd).replace(/\r(?!\n)/gu, '\n');
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const spanOf = (from: number, to: number) => lines.span(contentStart + from, contentStart + Math.max(from, to));
  const problem = (e: { code: string; message: string; pos: [number, number] }): YamlProblem => {
    const [from, to] = e.pos;
    // Point at least one character so the problem is visible; a zero-width error at the end of the
    // content is moved onto the closing fence line.
    const safeFrom = Math.min(from, source.length);
    const safeTo = Math.max(safeFrom, Math.min(to, source.length));
    return { code: e.code, message: cleanYamlMessage(e.message), span: spanOf(safeFrom, safeTo) };
  };

  const fields: FrontmatterField[] = [];
  const contents = doc.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const keyNode = pair.key as Scalar;
      const keyRange = keyNode.range!;
      fields.push({
        key: String(keyNode.value),
        keySpan: spanOf(keyRange[0], keyRange[1]),
        value: fieldValue(pair.value as YamlNode | null, doc, source, keyRange[1], spanOf),
      });
    }
  }

  return {
    span: lines.span(start, end),
    contentStart,
    contentEnd,
    closed: true,
    errors: [
      ...doc.errors.map(problem),
      ...[...source.matchAll(/\*([^\s,[\]{}]+)/gu)].flatMap((m) => {
        const alias = findUnresolvedAlias(doc, m.index);
        return alias ? [{ code: 'BAD_ALIAS', message: `The alias *${alias} names no anchor before it.`, span: spanOf(m.index, m.index + m[0].length) }] : [];
      }),
    ],
    warnings: doc.warnings.map(problem),
    fields,
    isMapping: isMap(contents) || contents === null,
  };
}

/** The name of the alias node that starts at `at`, when it names no anchor. */
function findUnresolvedAlias(doc: Document.Parsed, at: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.range?.[0] === at && !alias.resolve(doc)) found = alias.source;
    },
  });
  return found;
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" plus a snippet; the range already says where.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/u, '').trim();
}

function scalarStyle(node: Scalar): ScalarStyle {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'QUOTE_SINGLE':
      return 'single';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}

function fieldValue(
  node: YamlNode | null,
  doc: Document.Parsed,
  source: string,
  keyEnd: number,
  spanOf: (from: number, to: number) => Span,
): FieldValue {
  const afterColon = () => {
    const colon = source.indexOf(':', keyEnd);
    const at = colon < 0 ? keyEnd : colon + 1;
    return spanOf(at, at);
  };
  if (!node || !node.range) return { kind: 'empty', span: afterColon() };
  const [from, valueEnd] = node.range;
  const scalarItems = (items: readonly unknown[]): ScalarValue[] =>
    items.flatMap((item): ScalarValue[] => {
      if (isScalar(item) && item.range) return [toScalarValue(item, source, spanOf)];
      if (!isAlias(item) || !item.range) return [];
      const target = item.resolve(doc);
      return !target || isScalar(target) ? [{ kind: 'scalar', value: target ? target.value : null, style: 'plain', span: spanOf(item.range[0], item.range[1]) }] : [];
    });
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target || isScalar(target)) return { kind: 'scalar', value: target ? target.value : null, style: 'plain', span: spanOf(from, valueEnd) };
    if (isSeq(target)) return { kind: 'list', flow: target.flow === true, items: scalarItems(target.items), span: spanOf(from, valueEnd) };
    return { kind: 'map', span: spanOf(from, valueEnd) };
  }
  if (isScalar(node)) {
    if (from === valueEnd && (node.value === null || node.value === '')) return { kind: 'empty', span: spanOf(from, from) };
    return toScalarValue(node, source, spanOf);
  }
  if (isSeq(node)) {
    const items = scalarItems(node.items);
    // A block list's range runs on over the line break after its last item; the span should not.
    let end = valueEnd;
    while (end > from && /\s/u.test(source[end - 1]!)) end--;
    return { kind: 'list', flow: node.flow === true, items, span: spanOf(from, end) };
  }
  return { kind: 'map', span: spanOf(from, valueEnd) };
}

function toScalarValue(node: Scalar, source: string, spanOf: (from: number, to: number) => Span): ScalarValue {
  const [from, valueEnd] = node.range!;
  const style = scalarStyle(node);
  const end = style === 'block' ? from + source.slice(from, valueEnd).trimEnd().length : valueEnd;
  return { kind: 'scalar', value: node.value, style, span: spanOf(from, end) };
}

// ---------------------------------------------------------------------------------------------------
// Tasks

const PRIORITIES: Record<string, PriorityLevel> = {
  '🔺': 'highest',
  '⏫': 'high',
  '🔼': 'medium',
  '🔽': 'low',
  '⏬': 'lowest',
};
const DATE_FIELDS: Record<string, DateFieldKind> = {
  '📅': 'due',
  '⏳': 'scheduled',
  '🛫': 'start',
  '➕': 'created',
  '✅': 'done',
  '❌': 'cancelled',
};
const PRIORITY_RE = /(🔺|⏫|🔼|🔽|⏬)\uFE0F?/gu;
const HAS_PRIORITY = /🔺|⏫|🔼|🔽|⏬/u;
const HAS_DATE = /📅|⏳|🛫|➕|✅|❌/u;
const DATE_RE = /(📅|⏳|🛫|➕|✅|❌)\uFE0F?[ \t]*(\d{4}-\d{2}-\d{2})/gu;
// A tag starts after whitespace or at the start; it may hold letters, digits, _, -, / (Obsidian's rules).
const TAG_RE = /(?<=^|[\s(])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu;
const MENTION_RE = /(?<=^|[\s(])@(?:\[\[([^\]\r\n]+?)\]\]|([\p{L}\p{N}][\p{L}\p{N}_.'-]*[\p{L}\p{N}]|[\p{L}\p{N}]))/gu;
const BLOCK_ID_RE = /[ \t]\^([A-Za-z0-9-]+)[ \t]*$/u;

function parseTask(
  text: string,
  lines: LineIndex,
  paragraphStart: number,
  statuses: Readonly<Record<string, TaskStatusKind>>,
  isExcluded: (offset: number) => boolean,
  inLink: (offset: number) => boolean,
  facts: BlockFacts,
): Task {
  const { line } = lines.positionAt(paragraphStart);
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  // The list marker starts the line's content (after indentation and any blockquote `>`).
  const markerStart = lineStart + (/^[ \t>]*/u.exec(text.slice(lineStart, paragraphStart))?.[0].length ?? 0);
  const statusChar = text[paragraphStart + 1]!;
  const textStart = paragraphStart + 4;
  const taskText = text.slice(textStart, lineEnd);
  const at = (i: number, len: number) => lines.span(textStart + i, textStart + i + len);
  const visible = (i: number) => !isExcluded(textStart + i);
  // A stretch that starts on the line and goes on past its end; an open comment on the last line.
  let visibleEnd = lineEnd;
  for (const [s, e] of [...facts.excluded, ...facts.links]) if (s < visibleEnd && e > lineEnd) visibleEnd = s;
  if (lineEnd === text.length && facts.openComment !== undefined && facts.openComment < visibleEnd) visibleEnd = facts.openComment;
  visibleEnd = Math.max(textStart, visibleEnd);
  const inWikiLink = (i: number) => [...taskText.matchAll(/\[\[[\s\S]*?\]\]/gu)].some((m) => m.index <= i && i < m.index + m[0].length);

  const tags: Tag[] = [];
  // Each pattern runs only when its first character is there: most tasks have no dates or block id.
  if (taskText.includes('#')) for (const m of taskText.matchAll(TAG_RE)) {
    if (visible(m.index) && !inLink(textStart + m.index) && !inWikiLink(m.index)) tags.push({ name: m[1]!, span: at(m.index, m[0].length) });
  }
  const assignees: Mention[] = [];
  if (taskText.includes('@')) for (const m of taskText.matchAll(MENTION_RE)) {
    if (visible(m.index)) assignees.push({ name: (m[1] ?? m[2]!).trim(), span: at(m.index, m[0].length) });
  }
  let priority: Priority | undefined;
  if (HAS_PRIORITY.test(taskText)) for (const m of taskText.matchAll(PRIORITY_RE)) {
    if (visible(m.index) && !priority) priority = { level: PRIORITIES[m[1]!]!, span: at(m.index, m[0].length) };
  }
  const dates: DateField[] = [];
  if (HAS_DATE.test(taskText)) for (const m of taskText.matchAll(DATE_RE)) {
    if (visible(m.index)) dates.push({ kind: DATE_FIELDS[m[1]!]!, date: m[2]!, span: at(m.index, m[0].length) });
  }
  const shown = taskText.slice(0, visibleEnd - textStart);
  const blockMatch = shown.includes('^') ? BLOCK_ID_RE.exec(shown) : null;
  const blockId = blockMatch ? at(blockMatch.index + 1, blockMatch[0].trimEnd().length - 1) : undefined;

  const noise = [...tags, ...assignees, ...dates, ...(priority ? [priority] : []), ...(blockId ? [{ span: blockId }] : [])]
    .map((x) => [x.span.start - textStart, x.span.end - textStart] as const)
    .sort((a, b) => a[0] - b[0]);
  let description = '';
  let cursor = 0;
  for (const [s, e] of noise) {
    if (s >= cursor) description += taskText.slice(cursor, s) + ' ';
    cursor = Math.max(cursor, e);
  }
  description = (description + taskText.slice(cursor)).replace(/\s+/gu, ' ').trim();

  return {
    line,
    statusChar,
    status: statuses[statusChar] ?? 'unknown',
    statusSpan: lines.span(paragraphStart + 1, paragraphStart + 2),
    lineSpan: lines.span(markerStart, lineEnd),
    textSpan: lines.span(textStart, lineEnd),
    visibleEnd,
    text: taskText,
    description,
    assignees,
    priority,
    dates,
    tags,
    blockId,
    heading: undefined,
    parent: undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// Body links and names

const WIKILINK_RE = /(?<!!)\[\[([^[\]|#^\r\n]+)(?:[#^][^[\]|\r\n]*)?(?:\|[^[\]\r\n]*)?\]\]/gu;

function findWikiLinks(text: string, lines: LineIndex, isExcluded: (o: number) => boolean): WikiLink[] {
  const out: WikiLink[] = [];
  for (const m of text.matchAll(WIKILINK_RE)) {
    if (!isExcluded(m.index)) out.push({ target: m[1]!.trim(), span: lines.span(m.index, m.index + m[0].length), embed: false }); // embed: added with the field
  }
  return out;
}

const WITH_LINE_RE = /^\*\*With\*\*:?[ \t]*(?:\*\*)?:?[ \t]*(.*)$/gmu;

function findWithNames(text: string, lines: LineIndex, isExcluded: (o: number) => boolean): NameRef[] {
  const out: NameRef[] = [];
  for (const m of text.matchAll(WITH_LINE_RE)) {
    if (isExcluded(m.index)) continue;
    const list = m[1]!.replace(/\r$/u, '');
    let offset = m.index + m[0].length - m[1]!.length;
    for (const part of list.split(',')) {
      const lead = part.length - part.trimStart().length;
      const name = part.trim();
      if (name) out.push({ name, span: lines.span(offset + lead, offset + lead + name.length) });
      offset += part.length + 1;
    }
  }
  return out;
}
