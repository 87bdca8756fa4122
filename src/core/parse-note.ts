import { parseDocument, isAlias, isMap, isSeq, isScalar, isPair, Parser, visit, type CST, type Document, type Node as YamlNode, type ParsedNode, type Scalar } from 'yaml';
import { DEFAULT_CONFIG, type StatusSetting, type TaskStatusKind } from './config';
import { collapseWhitespace, isWhitespaceCode, LineIndex, stripBom, type Span } from './text';
import { rangeAt, rangeTest, remarkFacts, scanBlocksFast, tooDeepFacts, type BlockFacts, type HeadingFact } from './markdown-blocks';
import { DATE_KIND_BY_EMOJI, PRIORITY_BY_EMOJI } from './task-emoji';
import { fastFrontmatterFields } from './yaml-fast';
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
} from './note';

export interface ParseOptions {
  taskStatuses?: Readonly<Record<string, StatusSetting>>;
  /**
   * `reference` always runs the full remark parse and reads the frontmatter with `yaml`; `fast` (the
   * default) scans lines and uses remark only for notes the scanner is not certain of, and reads the
   * frontmatter with js-yaml when it is one of the plain shapes yaml-fast.ts is certain of. Both give
   * the same Note.
   */
  parser?: 'fast' | 'reference';
}

/**
 * A Note as parseNote returns it. `tooDeep` is there only when lists or block quotes may nest more
 * than MAX_NESTING deep from that line (0-based) on: the body is then not read (no headings, tasks,
 * links or With names), the frontmatter still is, and the `too-deep` rule reports it.
 */
export type ParsedNote = Note & { tooDeep?: { line: number } };

/** Where a note's body is too deep to read (see ParsedNote), for a note parseNote made. */
export function tooDeepLine(note: Note): number | undefined {
  return (note as ParsedNote).tooDeep?.line;
}

/** Block facts: none past the frontmatter for a note nested too deep, else by the fast scanner when it is certain, else by remark. */
export function blockFacts(text: string, lines: LineIndex, parser: ParseOptions['parser'] = 'fast'): BlockFacts {
  return tooDeepFacts(lines) ?? (parser === 'fast' ? scanBlocksFast(text, lines) : undefined) ?? remarkFacts(text, lines);
}

/** What `.` does not match: the line terminators of JavaScript regexes. */
const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * The base name of a uri, decoded. A query or fragment is cut off where `uri.replace(/[?#].*$/u, '')`
 * did (at the first `?` or `#` of the last line), in one pass instead of one per `?` and `#`.
 */
export function fileNameOf(uri: string): string {
  let lastLineStart = uri.length;
  while (lastLineStart > 0 && !isLineTerminator(uri.charCodeAt(lastLineStart - 1))) lastLineStart--;
  let cut = uri.length;
  for (let i = lastLineStart; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c === 63 /* ? */ || c === 35 /* # */) {
      cut = i;
      break;
    }
  }
  const withoutQuery = uri.slice(0, cut);
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
    ? parseFrontmatter(text, lines, facts.frontmatter[0], facts.frontmatter[1], options.parser)
    : unclosedFrontmatter(text, lines);
  const headings = facts.headings.map((h) => toHeading(h, text, lines));
  const isExcluded = rangeTest(facts.excluded);
  const where: TaskSurroundings = { facts, isExcluded, isInLink: rangeTest(facts.links) };
  const tasks: Task[] = [];
  const taskIndexByStart = new Map<number, number>();
  for (const item of facts.taskItems) {
    if (statuses[text[item.paragraphStart + 1]!] === 'non-task') continue; // a checkbox that is not a task
    const task = parseTask(text, lines, item.paragraphStart, statuses, where);
    task.heading = headingBefore(headings, item.start);
    task.parent = item.parentTaskStart === undefined ? undefined : taskIndexByStart.get(item.parentTaskStart);
    taskIndexByStart.set(item.paragraphStart, tasks.length);
    tasks.push(task);
  }

  const note: ParsedNote = {
    uri,
    fileName: fileNameOf(uri),
    text,
    hasBom,
    lines,
    frontmatter,
    headings,
    tasks,
    wikilinks: facts.tooDeep ? [] : findWikiLinks(text, lines, isExcluded),
    withNames: facts.tooDeep ? [] : findWithNames(text, lines, isExcluded),
  };
  if (facts.tooDeep) note.tooDeep = facts.tooDeep;
  return note;
}

/** The text of the last heading that starts before an offset (headings are in document order): a binary search. */
function headingBefore(headings: readonly Heading[], offset: number): string | undefined {
  let low = 0;
  let high = headings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (headings[mid]!.span.start < offset) low = mid + 1;
    else high = mid;
  }
  return low ? headings[low - 1]!.text : undefined;
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
  if (!/^---[ \t]*(?:\r\n|\r|\n)/u.test(text) || !/^[\p{L}\p{N}_"'][^:\r\n]*:/u.test(lines.lineText(1))) return undefined;
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

/** How deep YAML collections may nest: yaml composes them recursively, and a stack runs out somewhere near 1,000. */
export const MAX_YAML_NESTING = 100;

/**
 * An upper bound of how deep the collections of a YAML text nest, in one pass. Flow collections nest
 * by their brackets. A block collection starts either first on its line, at a larger indent than the
 * one it is in (or at the same indent, once, for a sequence under a mapping key), or later on a line,
 * after an indicator (`- `, `? `, `: `): so block collections nest at most 2 × (largest indent + 1) ×
 * (most indicators on a line + 2) deep.
 */
function yamlNestingBound(source: string): number {
  let flow = 0;
  let deepestFlow = 0;
  let widest = 0;
  let mostIndicators = 0;
  let atIndent = true;
  let indent = 0;
  let indicators = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) {
      atIndent = true;
      indent = 0;
      indicators = 0;
    } else if (atIndent && (c === 32 || c === 9)) {
      widest = Math.max(widest, ++indent);
    } else {
      atIndent = false;
      if (c === 45 /* - */ || c === 63 /* ? */ || c === 58 /* : */) {
        const next = source.charCodeAt(i + 1);
        if (next === 32 || next === 9 || next === 10 || next === 13 || i + 1 === source.length) mostIndicators = Math.max(mostIndicators, ++indicators);
      } else if (c === 91 /* [ */ || c === 123 /* { */) {
        deepestFlow = Math.max(deepestFlow, ++flow);
      } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) {
        flow--;
      }
    }
  }
  return 2 * (widest + 1) * (mostIndicators + 2) + deepestFlow;
}

/**
 * Whether a YAML text may nest collections more than `limit` deep. Each collection needs a character
 * of its own that starts it (`[`, `{`, `-`, `?` or `:`): a text with no more of them than `limit`, as
 * almost every frontmatter, is settled by counting them natively; else yamlNestingBound decides.
 */
function mayNestDeeperThan(source: string, limit: number): boolean {
  let count = 0;
  for (const c of '[{-?:') {
    for (let i = source.indexOf(c); i >= 0; i = source.indexOf(c, i + 1)) if (++count > limit) return yamlNestingBound(source) > limit;
  }
  return false;
}

/** How deep the collections of a YAML text nest, from yaml's concrete syntax tree (which it builds without recursion). */
function yamlNesting(source: string): number {
  let deepest = 0;
  const stack: [CST.Token, number][] = [];
  for (const token of new Parser().parse(source)) stack.push([token, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    let inner = depth;
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      inner = depth + 1;
      deepest = Math.max(deepest, inner);
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push([item.key, inner]);
        if (item.value) stack.push([item.value, inner]);
      }
    } else if (token.type === 'document' && token.value) {
      stack.push([token.value, inner]);
    }
  }
  return deepest;
}

/**
 * yaml finds a duplicate key by comparing it with every earlier key of its mapping (its `uniqueKeys:
 * true`), which for 50,000 keys takes seconds. This stands in for that comparison with a set of the
 * keys of each mapping, and keeps yaml's own DUPLICATE_KEY errors, which come in its order and at its
 * positions. yaml asks `test(earlierKey, key)` for each earlier key of the mapping in turn and stops at
 * the first true; the first one it asks about is the mapping's first key, which names the mapping here.
 * A duplicate answers true at once. Another key answers false to every question while its mapping is
 * small, and true at once in a large mapping (so that yaml stops asking): the error yaml then reports
 * for it is one to drop, which `keep` tells from a real one. Keys are equal as yaml finds them: the
 * same node, or scalars with `===` values.
 */
class DuplicateKeys {
  private readonly mappings = new Map<ParsedNode, { values: Set<unknown>; size: number }>();
  private key: ParsedNode | undefined;
  private answer = false;
  /** Per DUPLICATE_KEY error yaml reports, in order: whether it is a real one. */
  private readonly real: boolean[] = [];
  private reported = 0;

  /** Mappings up to this many keys are compared key by key, as yaml does: cheaper than a false error each. */
  private static readonly SMALL = 32;

  readonly test = (earlier: ParsedNode, key: ParsedNode): boolean => {
    if (key === this.key) return this.answer;
    this.key = key;
    let mapping = this.mappings.get(earlier);
    if (!mapping) {
      mapping = { values: new Set(), size: 1 };
      if (isComparable(earlier)) mapping.values.add(earlier.value);
      this.mappings.set(earlier, mapping);
    }
    mapping.size++;
    let duplicate = false;
    if (isComparable(key)) {
      duplicate = mapping.values.has(key.value);
      mapping.values.add(key.value);
    }
    this.answer = duplicate || mapping.size > DuplicateKeys.SMALL;
    if (this.answer) this.real.push(duplicate);
    return this.answer;
  };

  /** Call once per DUPLICATE_KEY error, in order: whether it is a real one. */
  keep(): boolean {
    return this.real[this.reported++] ?? true;
  }
}

/** A scalar key whose value a Set compares as `===` does: every value but NaN. */
function isComparable(node: ParsedNode): node is Scalar.Parsed {
  return isScalar(node) && !(typeof node.value === 'number' && Number.isNaN(node.value));
}

/** From this size on, a frontmatter may hold mappings large enough for DuplicateKeys to make yaml report thousands of errors. */
const LARGE_YAML = 64 * 1024;

/**
 * Runs `work` with V8's stack traces off. An error's stack trace costs more than the rest of it, and
 * none is read here: for the errors DuplicateKeys makes yaml report in a large mapping (one per key),
 * this halves the time of the whole parse. The setting is put back before returning.
 */
function withoutStackTraces<T>(work: () => T): T {
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
  } catch {
    return work(); // an engine where the setting is read-only
  }
  try {
    return work();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function parseFrontmatter(text: string, lines: LineIndex, start: number, end: number, parser: ParseOptions['parser'] = 'fast'): Frontmatter {
  const openLine = lines.positionAt(start).line;
  const closeLine = lines.positionAt(end).line;
  const contentStart = lines.lineStart(openLine + 1);
  // The closing fence sits on closeLine; the content ends with the line break before it.
  const contentEnd = Math.max(contentStart, lines.lineStart(closeLine));
  const source = yamlSource(text.slice(contentStart, contentEnd));
  const spanOf = (from: number, to: number) => lines.span(contentStart + from, contentStart + Math.max(from, to));

  if (mayNestDeeperThan(source, MAX_YAML_NESTING) && yamlNesting(source) > MAX_YAML_NESTING) {
    return {
      span: lines.span(start, end),
      contentStart,
      contentEnd,
      closed: true,
      errors: [
        {
          code: 'TOO_DEEP',
          message: `The frontmatter nests more than ${MAX_YAML_NESTING} levels deep, so none of it is read.`,
          span: lines.span(start, lines.lineEnd(openLine)),
        },
      ],
      warnings: [],
      fields: [],
      isMapping: false,
    };
  }

  const fast = parser === 'fast' ? fastFrontmatterFields(source, spanOf) : undefined;
  if (fast) return { span: lines.span(start, end), contentStart, contentEnd, closed: true, errors: [], warnings: [], fields: fast, isMapping: true };

  const { doc, errors: yamlErrors } = parseYaml(source);
  const problem = (e: { code: string; message: string; pos: [number, number] }): YamlProblem => {
    const [from, to] = e.pos;
    // Point at least one character so the problem is visible; a zero-width error at the end of the
    // content is moved onto the closing fence line.
    const safeFrom = Math.min(from, source.length);
    const safeTo = Math.max(safeFrom, Math.min(to, source.length));
    return { code: e.code, message: cleanYamlMessage(e.message), span: spanOf(safeFrom, safeTo) };
  };
  const errors = yamlErrors.map(problem);
  // yaml leaves an alias that names no anchor to whoever reads its value; it is an error here.
  if (source.includes('*')) {
    visit(doc, {
      Alias(_, alias) {
        if (alias.range && !alias.resolve(doc)) {
          errors.push({ code: 'BAD_ALIAS', message: `The alias *${alias.source} names no anchor before it.`, span: spanOf(alias.range[0], alias.range[1]) });
        }
      },
    });
  }

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
    errors,
    warnings: doc.warnings.map(problem),
    fields,
    isMapping: isMap(contents) || contents === null,
  };
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" plus a snippet; the range already says where.
  return message.replace(/ at line \d+, column \d[\s\S]*$/u, '').trim();
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

/**
 * The YAML text yaml is given: a lone CR, a line break to YAML (and to the LineIndex) but not to the
 * yaml library, becomes LF. One character for one, so every offset yaml reports is the note's.
 */
export function yamlSource(source: string): string {
  return source.indexOf('\r') < 0 ? source : source.replace(/\r(?!\n)/gu, '\n');
}

/**
 * Whether a YAML text is a mapping (or nothing) that parses without an error: what a frontmatter must
 * be for its fields to be read. For the fix that closes a frontmatter block, which tries a few places.
 */
export function isCleanYamlMapping(source: string): boolean {
  const yaml = yamlSource(source);
  if (mayNestDeeperThan(yaml, MAX_YAML_NESTING) && yamlNesting(yaml) > MAX_YAML_NESTING) return false;
  const { doc, errors } = parseYaml(yaml);
  return errors.length === 0 && (isMap(doc.contents) || doc.contents === null);
}

/**
 * yaml's parse of a frontmatter's text (lone CRs made LF already; not nested too deep), with its
 * errors: duplicate keys found by DuplicateKeys, in yaml's order, in linear time.
 */
function parseYaml(source: string): { doc: Document.Parsed; errors: Document.Parsed['errors'] } {
  const duplicates = new DuplicateKeys();
  const parse = () => parseDocument(source, { prettyErrors: false, uniqueKeys: duplicates.test, keepSourceTokens: false });
  const doc = source.length > LARGE_YAML ? withoutStackTraces(parse) : parse();
  return { doc, errors: doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY' || duplicates.keep()) };
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
  if (isAlias(node)) {
    // `participants: *p` has the value of the node anchored `&p`. The alias itself is what a fix
    // replaces (with a value of its own), so a scalar keeps the alias's span; a list's items stay
    // where the anchored list writes them.
    const target = node.resolve(doc);
    const aliasSpan = spanOf(from, valueEnd);
    if (!target || isScalar(target)) return { kind: 'scalar', value: target ? target.value : null, style: 'plain', span: aliasSpan };
    if (isSeq(target)) return { kind: 'list', flow: target.flow === true, items: listItems(target.items, doc, source, spanOf), span: aliasSpan };
    return { kind: 'map', span: aliasSpan };
  }
  if (isScalar(node)) {
    // Nothing written but perhaps an anchor or a tag (`person: !!str`): a value goes where yaml put
    // the empty node, after them.
    if (from === valueEnd && (node.value === null || node.value === '')) return { kind: 'empty', span: spanOf(from, from) };
    return toScalarValue(node, source, spanOf);
  }
  if (isSeq(node)) {
    // A block list's range runs on over the line break after its last item; the span should not.
    let end = valueEnd;
    while (end > from && isWhitespaceCode(source.charCodeAt(end - 1))) end--;
    return { kind: 'list', flow: node.flow === true, items: listItems(node.items, doc, source, spanOf), span: spanOf(from, end) };
  }
  return { kind: 'map', span: spanOf(from, valueEnd) };
}

/** A list's scalar items; an item that is an alias of a scalar counts with the alias's span. */
function listItems(items: readonly unknown[], doc: Document.Parsed, source: string, spanOf: (from: number, to: number) => Span): ScalarValue[] {
  const out: ScalarValue[] = [];
  for (const item of items) {
    if (isScalar(item) && item.range) {
      out.push(toScalarValue(item, source, spanOf));
    } else if (isAlias(item) && item.range) {
      const target = item.resolve(doc);
      if (!target || isScalar(target)) out.push({ kind: 'scalar', value: target ? target.value : null, style: 'plain', span: spanOf(item.range[0], item.range[1]) });
    }
  }
  return out;
}

/**
 * A scalar and its span. A block scalar's (`|`, `>-`) range takes in the line breaks and blank lines
 * after its last line, which belong to the mapping around it as much as to the value: the span stops
 * at the end of its last line, so that a fix replacing the value leaves the next key on a line of its
 * own and a blank line after the block where it was.
 */
function toScalarValue(node: Scalar, source: string, spanOf: (from: number, to: number) => Span): ScalarValue {
  const [from, valueEnd] = node.range!;
  const style = scalarStyle(node);
  let end = valueEnd;
  if (style === 'block') while (end > from && isWhitespaceCode(source.charCodeAt(end - 1))) end--;
  return { kind: 'scalar', value: node.value, style, span: spanOf(from, end) };
}

// ---------------------------------------------------------------------------------------------------
// Tasks

/**
 * Each pattern of a task's text is looked for where it can start (`#`, `@`, an emoji), found with
 * indexOf or one pass over the code units, and matched there with a sticky regex: what a global regex
 * over the text matched, without trying it at every position.
 */
// A tag starts after whitespace or at the start; it may hold letters, digits, _, -, / (Obsidian's rules).
const TAG_AT = /(?<=^|[\s(])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/uy;
/** A mention's name after `@`, when it is not `@[[…]]`. */
const MENTION_NAME_AT = /[\p{L}\p{N}][\p{L}\p{N}_.'-]*[\p{L}\p{N}]|[\p{L}\p{N}]/uy;
/** What follows a date emoji: an optional variation selector, blanks, the date. */
const DATE_AFTER_EMOJI = /\uFE0F?[ \t]*(\d{4}-\d{2}-\d{2})/uy;

const isAsciiAlphanumeric = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Within a tag, ASCII: letters, digits, `_`, `-`, `/`. */
const isAsciiTagChar = (c: number) => isAsciiAlphanumeric(c) || c === 95 || c === 45 || c === 47;
/** Within a mention's name, ASCII: letters, digits, `_`, `.`, `'`, `-`. */
const isAsciiNameChar = (c: number) => isAsciiAlphanumeric(c) || c === 95 || c === 46 || c === 39 || c === 45;

/**
 * The end of the tag whose `#` is at `i`, or -1: what TAG_AT matches there. An ASCII tag is the run of
 * tag characters after the `#` when it holds more than digits; a run that meets a non-ASCII character
 * is left to the regex.
 */
function tagEnd(s: string, i: number): number {
  const before = i === 0 ? 32 : s.charCodeAt(i - 1);
  if (before !== 40 /* ( */ && !isWhitespaceCode(before)) return -1;
  let j = i + 1;
  let onlyDigits = true;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c >= 0x80) {
      TAG_AT.lastIndex = i;
      const m = TAG_AT.exec(s);
      return m ? i + m[0].length : -1;
    }
    if (!isAsciiTagChar(c)) break;
    if (c < 48 || c > 57) onlyDigits = false;
  }
  return onlyDigits ? -1 : j;
}

/**
 * The end of the mention name starting at `i` (after `@`), or -1: what MENTION_NAME_AT matches there.
 * An ASCII name runs from a letter or digit over name characters and ends at the last letter or digit;
 * one that meets a non-ASCII character is left to the regex.
 */
function mentionNameEnd(s: string, i: number): number {
  let lastAlphanumeric = -1;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c >= 0x80) {
      MENTION_NAME_AT.lastIndex = i;
      const m = MENTION_NAME_AT.exec(s);
      return m ? i + m[0].length : -1;
    }
    if (isAsciiAlphanumeric(c)) lastAlphanumeric = j;
    else if (j === i || !isAsciiNameChar(c)) break;
  }
  return lastAlphanumeric + 1 || -1;
}

/**
 * The mentions of a task's text: what `/(?<=^|[\s(])@(?:\[\[([^\]\r\n]+?)\]\]|(name))/gu` matched, in
 * linear time. The regex looked for the closing `]]` of every `@[[` to the end of the line, which on
 * a line of unclosed `@[[` is quadratic; here the first `]` or line break at or after a position is
 * found once and reused for every `@[[` before it.
 */
function findMentions(s: string, visit: (index: number, length: number, name: string) => void): void {
  let stopFrom = -1;
  let stop = -1;
  for (let i = s.indexOf('@'); i >= 0; ) {
    let end = -1;
    let name = '';
    const before = i === 0 ? 32 : s.charCodeAt(i - 1);
    if (before === 40 /* ( */ || isWhitespaceCode(before)) {
      if (s.charCodeAt(i + 1) === 91 && s.charCodeAt(i + 2) === 91 /* [[ */) {
        const from = i + 3;
        if (from < stopFrom || from > stop) {
          stopFrom = from;
          stop = from;
          while (stop < s.length) {
            const c = s.charCodeAt(stop);
            if (c === 93 /* ] */ || c === 10 || c === 13) break;
            stop++;
          }
        }
        if (stop > from && s.charCodeAt(stop) === 93 && s.charCodeAt(stop + 1) === 93) {
          end = stop + 2;
          name = s.slice(from, stop);
        }
      } else {
        end = mentionNameEnd(s, i + 1);
        if (end >= 0) name = s.slice(i + 1, end);
      }
    }
    if (end < 0) {
      i = s.indexOf('@', i + 1);
      continue;
    }
    visit(i, end - i, name.trim());
    i = s.indexOf('@', end);
  }
}

/**
 * The emoji by the code unit the scan meets them at: a BMP emoji by its code, the others (all
 * U+1F4xx–U+1F6xx, so all behind the high surrogate 0xD83D) by their low surrogate.
 */
function byCodeUnit<T>(table: Readonly<Record<string, T>>): { bmp: Map<number, T>; low: Map<number, T> } {
  const bmp = new Map<number, T>();
  const low = new Map<number, T>();
  for (const [emoji, value] of Object.entries(table)) {
    if (emoji.length === 1) bmp.set(emoji.charCodeAt(0), value);
    else if (emoji.charCodeAt(0) === HIGH_SURROGATE && emoji.length === 2) low.set(emoji.charCodeAt(1), value);
    else throw new Error(`unexpected emoji ${emoji}`);
  }
  return { bmp, low };
}
const HIGH_SURROGATE = 0xd83d;
const PRIORITY_BY_UNIT = byCodeUnit<PriorityLevel>(PRIORITY_BY_EMOJI);
const DATE_BY_UNIT = byCodeUnit<DateFieldKind>(DATE_KIND_BY_EMOJI);
/** The smallest code unit any of them starts with. */
const FIRST_EMOJI_UNIT = Math.min(...[...Object.keys(PRIORITY_BY_EMOJI), ...Object.keys(DATE_KIND_BY_EMOJI)].map((e) => e.charCodeAt(0)));

/** A block id: a blank, `^`, letters, digits and `-`, then only blanks to the end (`/[ \t]\^([A-Za-z0-9-]+)[ \t]*$/u`). */
function blockIdIn(s: string): [number, number] | undefined {
  const caret = s.lastIndexOf('^');
  if (caret < 1 || !isBlank(s[caret - 1])) return undefined;
  let end = caret + 1;
  while (end < s.length && /[A-Za-z0-9-]/u.test(s[end]!)) end++;
  if (end === caret + 1) return undefined;
  for (let i = end; i < s.length; i++) if (!isBlank(s[i])) return undefined;
  return [caret, end];
}

/** What a task's parse needs to know of the note around it. */
interface TaskSurroundings {
  facts: BlockFacts;
  /** Code, HTML, comments, math: no tag, mention, date or priority there. */
  isExcluded: (offset: number) => boolean;
  /** Markdown links and images: no tag there. */
  isInLink: (offset: number) => boolean;
}

/**
 * Where a task's visible text ends: the end of its line, unless a comment, code span, math or link
 * that goes on past the line starts on it (or a `%%` comment left open, on the last line). Text added
 * at the end of the line would land in that stretch, hidden or not part of the task's text.
 */
function visibleEndOf(text: string, lineEnd: number, textStart: number, where: TaskSurroundings): number {
  let end = lineEnd;
  for (const ranges of [where.facts.excluded, where.facts.links]) {
    const around = rangeAt(ranges, lineEnd);
    if (around && around[0] < end) end = around[0];
  }
  const open = where.facts.openComment;
  if (lineEnd === text.length && open !== undefined && open < end) end = open;
  return Math.max(textStart, end);
}

/**
 * The wikilinks and embeds (`[[…]]`, `![[…]]`) of a task's text as [start, end) pairs: a `#` inside
 * one is part of the link's target, not a tag. One pass: each `[[` looks for the first `]]` after it,
 * and when there is none, no later `[[` can have one either.
 */
function wikiLinkRanges(s: string): number[] {
  const out: number[] = [];
  for (let open = s.indexOf('[['); open >= 0; ) {
    const close = s.indexOf(']]', open + 2);
    if (close < 0) break;
    out.push(open, close + 2);
    open = s.indexOf('[[', close + 2);
  }
  return out;
}

function parseTask(
  text: string,
  lines: LineIndex,
  paragraphStart: number,
  statuses: Readonly<Record<string, StatusSetting>>,
  where: TaskSurroundings,
): Task {
  const { line } = lines.positionAt(paragraphStart);
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  // The list marker starts the line's content (after indentation and any blockquote `>`).
  let markerStart = lineStart;
  while (markerStart < paragraphStart) {
    const c = text.charCodeAt(markerStart);
    if (c !== 32 && c !== 9 && c !== 62 /* > */) break;
    markerStart++;
  }
  const statusChar = text[paragraphStart + 1]!;
  const textStart = paragraphStart + 4;
  const taskText = text.slice(textStart, lineEnd);
  const visibleEnd = visibleEndOf(text, lineEnd, textStart, where);
  const at = (i: number, len: number) => lines.span(textStart + i, textStart + i + len);
  const visible = (i: number) => !where.isExcluded(textStart + i);
  /** What the description leaves out: [start, end) pairs in the task text. */
  const noise: number[] = [];

  const tags: Tag[] = [];
  const wikiLinks = taskText.includes('[[') ? wikiLinkRanges(taskText) : [];
  let link = 0;
  for (let i = taskText.indexOf('#'); i >= 0; ) {
    const end = tagEnd(taskText, i);
    if (end < 0) {
      i = taskText.indexOf('#', i + 1);
      continue;
    }
    while (link < wikiLinks.length && wikiLinks[link + 1]! <= i) link += 2;
    const inWikiLink = link < wikiLinks.length && wikiLinks[link]! <= i;
    if (visible(i) && !inWikiLink && !where.isInLink(textStart + i)) {
      tags.push({ name: taskText.slice(i + 1, end), span: at(i, end - i) });
      noise.push(i, end);
    }
    i = taskText.indexOf('#', end);
  }
  const assignees: Mention[] = [];
  findMentions(taskText, (i, length, name) => {
    if (!visible(i)) return;
    assignees.push({ name, span: at(i, length) });
    noise.push(i, i + length);
  });
  let priority: Priority | undefined;
  const dates: DateField[] = [];
  for (let i = 0; i < taskText.length; i++) {
    const c = taskText.charCodeAt(i);
    if (c < FIRST_EMOJI_UNIT) continue;
    let width = 1;
    let level: PriorityLevel | undefined;
    let kind: DateFieldKind | undefined;
    if (c === HIGH_SURROGATE) {
      const low = taskText.charCodeAt(i + 1);
      level = PRIORITY_BY_UNIT.low.get(low);
      kind = DATE_BY_UNIT.low.get(low);
      width = 2;
    } else {
      level = PRIORITY_BY_UNIT.bmp.get(c);
      kind = DATE_BY_UNIT.bmp.get(c);
    }
    if (level) {
      const length = width + (taskText.charCodeAt(i + width) === 0xfe0f ? 1 : 0);
      if (!priority && visible(i)) {
        priority = { level, span: at(i, length) };
        noise.push(i, i + length);
      }
      i += length - 1;
    } else if (kind) {
      DATE_AFTER_EMOJI.lastIndex = i + width;
      const m = DATE_AFTER_EMOJI.exec(taskText);
      if (!m) continue;
      const length = width + m[0].length;
      if (visible(i)) {
        dates.push({ kind, date: m[1]!, span: at(i, length) });
        noise.push(i, i + length);
      }
      i += length - 1;
    }
  }
  // A block id ends the visible text: what a hidden stretch after it holds does not count.
  const shownText = visibleEnd === lineEnd ? taskText : taskText.slice(0, visibleEnd - textStart);
  const blockIdRange = shownText.includes('^') ? blockIdIn(shownText) : undefined;
  const blockId = blockIdRange ? at(blockIdRange[0], blockIdRange[1] - blockIdRange[0]) : undefined;
  if (blockIdRange) noise.push(blockIdRange[0], blockIdRange[1]);

  return {
    line,
    statusChar,
    status: (statuses[statusChar] as TaskStatusKind | undefined) ?? 'unknown', // never 'non-task': those items are skipped
    statusSpan: lines.span(paragraphStart + 1, paragraphStart + 2),
    lineSpan: lines.span(markerStart, lineEnd),
    textSpan: lines.span(textStart, lineEnd),
    visibleEnd,
    text: taskText,
    description: describe(taskText, noise),
    assignees,
    priority,
    dates,
    tags,
    blockId,
    heading: undefined,
    parent: undefined,
  };
}

/**
 * The task text without the noise ranges (flat [start, end) pairs, in any order), each cut leaving a
 * blank, whitespace collapsed: the words of the pieces between the cuts, joined by one space. Each
 * piece is collapsed on its own, which comes to the same, and a piece with nothing to change is not
 * copied.
 */
function describe(taskText: string, noise: number[]): string {
  // Insertion sort of the pairs by start: a task has a handful.
  for (let i = 2; i < noise.length; i += 2) {
    const s = noise[i]!;
    const e = noise[i + 1]!;
    let j = i - 2;
    for (; j >= 0 && noise[j]! > s; j -= 2) {
      noise[j + 2] = noise[j]!;
      noise[j + 3] = noise[j + 1]!;
    }
    noise[j + 2] = s;
    noise[j + 3] = e;
  }
  let description = '';
  const add = (from: number, to: number) => {
    const words = collapseWhitespace(taskText.slice(from, to));
    if (words) description = description ? `${description} ${words}` : words;
  };
  let cursor = 0;
  for (let i = 0; i < noise.length; i += 2) {
    const s = noise[i]!;
    if (s >= cursor) add(cursor, s);
    cursor = Math.max(cursor, noise[i + 1]!);
  }
  add(cursor, taskText.length);
  return description;
}

// ---------------------------------------------------------------------------------------------------
// Body links and names

/** A wikilink or embed at a `[[` (tried only where `[[` is). */
const WIKILINK_AT = /\[\[([^[\]|#^\r\n]+)(?:[#^][^[\]|\r\n]*)?(?:\|[^[\]\r\n]*)?\]\]/uy;

function findWikiLinks(text: string, lines: LineIndex, isExcluded: (o: number) => boolean): WikiLink[] {
  const out: WikiLink[] = [];
  for (let i = text.indexOf('[['); i >= 0; ) {
    WIKILINK_AT.lastIndex = i;
    const m = WIKILINK_AT.exec(text);
    if (!m) {
      i = text.indexOf('[[', i + 1);
      continue;
    }
    if (!isExcluded(i)) out.push({ target: m[1]!.trim(), span: lines.span(i, i + m[0].length), embed: text[i - 1] === '!' });
    i = text.indexOf('[[', i + m[0].length);
  }
  return out;
}

/** A `**With**:` line, tried only where `**With**` is; the list is the rest of the line from its first non-blank. */
const WITH_LINE_AT = /^\*\*With\*\*:?[ \t]*(?:(?:\*\*:?|:)[ \t]*)?((?![ \t]).*)$/muy;

function findWithNames(text: string, lines: LineIndex, isExcluded: (o: number) => boolean): NameRef[] {
  const out: NameRef[] = [];
  for (let i = text.indexOf('**With**'); i >= 0; ) {
    WITH_LINE_AT.lastIndex = i;
    const m = WITH_LINE_AT.exec(text);
    if (!m) {
      i = text.indexOf('**With**', i + 1);
      continue;
    }
    const matchEnd = i + m[0].length;
    if (!isExcluded(i)) {
      const list = m[1]!;
      let offset = matchEnd - list.length;
      for (const part of list.split(',')) {
        const lead = part.length - part.trimStart().length;
        const name = part.trim();
        if (name) out.push({ name, span: lines.span(offset + lead, offset + lead + name.length) });
        offset += part.length + 1;
      }
    }
    i = text.indexOf('**With**', Math.max(matchEnd, i + 1));
  }
  return out;
}

