// The frontmatter's fields by js-yaml, for the frontmatter shapes it is certain of.
//
// `yaml` (eemeli/yaml) reads every frontmatter exactly: each error and warning with its place, ranges
// for every node. It is also most of the time of a cold index (0.57 s of 10,000 frontmatters, where
// js-yaml's loader takes 0.07 s). Most frontmatters are plain: a mapping of one-line scalars and lists
// of them. For those, js-yaml's loader reads the values and its `listener` option reports where each
// node opens and closes; the spans are taken from there. Anything else (a comment, an anchor, an
// alias, a tag, a block scalar, a nested mapping, a scalar over more than one line, a key yaml would
// find twice, any error) gets `undefined`, and the caller asks `yaml`. Both give the same fields: the
// differential tests compare this path against `yaml` alone (parseNote's `reference` parser).
import { FAILSAFE_SCHEMA, load, type State } from 'js-yaml';
import { isScalar, Schema } from 'yaml';
import type { FieldValue, FrontmatterField, ScalarStyle, ScalarValue } from './note';
import type { Span } from './text';

/** One node as js-yaml composed it: where it opened (before the space that leads to it) and closed. */
interface Composed {
  open: number;
  close: number;
  kind: string | null;
  result: unknown;
  children: Composed[];
}

interface ResolvingTag {
  default?: boolean | 'key';
  test?: RegExp;
  collection?: string;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

// How `yaml` types a plain scalar (`3`, `true`, `~`, `0x1F`): its own core schema's tags, tried in
// order as its composer tries them. js-yaml reads every scalar as a string (the failsafe schema).
const CORE_TAGS = (new Schema({}).tags as ResolvingTag[]).filter((t) => !t.collection && t.test);
const VALUE_TAGS = CORE_TAGS.filter((t) => t.default === true);
const KEY_TAGS = CORE_TAGS.filter((t) => t.default === true || t.default === 'key');
const RESOLVE_OPTIONS = { intAsBigInt: false };

/** No fast answer: the caller asks `yaml`. */
class NotCertain extends Error {}
const notCertain = (): never => {
  throw new NotCertain();
};

/** What `yaml` makes of a plain scalar's text. */
function plainValue(raw: string, atKey: boolean): unknown {
  for (const tag of atKey ? KEY_TAGS : VALUE_TAGS) {
    if (!tag.test!.test(raw)) continue;
    // As yaml's composer: a tag may give the value or a Scalar holding it (`true`, `~`, `1.50`).
    const resolved = tag.resolve(raw, notCertain, RESOLVE_OPTIONS);
    const value = isScalar(resolved) ? resolved.value : resolved;
    if (value !== null && typeof value === 'object') notCertain();
    return value;
  }
  return raw;
}

const isBlank = (c: number) => c === 32 || c === 10 || c === 13;
/** Characters that may stand outside every scalar of a frontmatter this path reads. */
const isPunctuation = (c: number) => c === 58 /* : */ || c === 45 /* - */ || c === 91 /* [ */ || c === 93 /* ] */ || c === 44 /* , */;
/** What a plain scalar read here may start with: not an indicator, a quote or a blank. */
const PLAIN_START_EXCLUDED = new Set('-?:,[]{}#&*!|>\'"%@`\t \r\n'.split('').map((c) => c.charCodeAt(0)));
/** yaml refuses an implicit key longer than this (1,024); keys near it are left to yaml. */
const MAX_KEY_LENGTH = 1000;

interface Reader {
  source: string;
  spanOf: (from: number, to: number) => Span;
  /** The scalars' [start, end) pairs in source order: everything else must be blanks and punctuation. */
  covered: number[];
}

/** Where a node's text starts: its open position, past the blanks before it. */
function startOf(r: Reader, node: Composed): number {
  let i = node.open;
  while (i < r.source.length && isBlank(r.source.charCodeAt(i))) i++;
  return i;
}

/** A one-line scalar: its text's span and what `yaml` reads it as. */
function scalar(r: Reader, node: Composed, atKey: boolean): ScalarValue & { start: number; end: number } {
  if (node.kind !== 'scalar' || typeof node.result !== 'string') notCertain();
  const { source } = r;
  const start = startOf(r, node);
  const first = source.charCodeAt(start);
  let style: ScalarStyle;
  let end = node.close;
  let value: unknown;
  if (first === 34 /* " */ || first === 39 /* ' */) {
    style = first === 34 ? 'double' : 'single';
    if (end <= start + 1 || source.charCodeAt(end - 1) !== first) notCertain();
    value = node.result;
  } else {
    if (PLAIN_START_EXCLUDED.has(first)) notCertain();
    style = 'plain';
    while (end > start && isBlank(source.charCodeAt(end - 1))) end--;
    if (end <= start) notCertain();
    const raw = source.slice(start, end);
    if (raw !== node.result) notCertain();
    value = plainValue(raw, atKey);
  }
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) notCertain(); // over more than one line: folding is left to yaml
  }
  r.covered.push(start, end);
  return { kind: 'scalar', value, style, span: r.spanOf(start, end), start, end };
}

function items(r: Reader, node: Composed): ScalarValue[] {
  const list = node.result;
  if (!Array.isArray(list) || list.length !== node.children.length) notCertain();
  return node.children.map((child, i) => {
    if (child.result !== (list as unknown[])[i]) notCertain();
    const { kind, value, style, span } = scalar(r, child, false);
    return { kind, value, style, span };
  });
}

function value(r: Reader, node: Composed): FieldValue {
  const { source } = r;
  if (node.kind === null) {
    // `key:` and nothing: yaml puts the empty value after the colon and the spaces that follow it.
    let at = node.open;
    while (source.charCodeAt(at) === 32) at++;
    return { kind: 'empty', span: r.spanOf(at, at) };
  }
  if (node.kind === 'scalar') {
    const { kind, value: v, style, span } = scalar(r, node, false);
    return { kind, value: v, style, span };
  }
  if (node.kind !== 'sequence') return notCertain();
  const start = startOf(r, node);
  if (source.charCodeAt(start) === 91 /* [ */) {
    const end = node.close;
    if (source.charCodeAt(end - 1) !== 93 /* ] */) notCertain();
    for (let i = start; i < end; i++) if (source.charCodeAt(i) === 10 || source.charCodeAt(i) === 13) notCertain();
    return { kind: 'list', flow: true, items: items(r, node), span: r.spanOf(start, end) };
  }
  if (source.charCodeAt(start) !== 45 /* - */ || !node.children.length) notCertain();
  const listed = items(r, node);
  // A block list ends where its last item does.
  const end = r.covered[r.covered.length - 1]!;
  return { kind: 'list', flow: false, items: listed, span: r.spanOf(start, end) };
}

/**
 * The top-level fields of a frontmatter's YAML (lone CRs already made LF), as `yaml` would give
 * them, when the text is a mapping this path is certain of and `yaml` would find no error or warning
 * in it; else undefined. `spanOf` turns offsets into the YAML text into the note's spans.
 */
export function fastFrontmatterFields(source: string, spanOf: (from: number, to: number) => Span): FrontmatterField[] | undefined {
  const top: Composed = { open: 0, close: 0, kind: null, result: null, children: [] };
  const stack: Composed[] = [top];
  let warned = false;
  try {
    load(source, {
      schema: FAILSAFE_SCHEMA,
      onWarning: () => {
        warned = true;
      },
      listener: (event: 'open' | 'close', state: State) => {
        if (event === 'open') {
          stack.push({ open: state.position, close: -1, kind: null, result: null, children: [] });
        } else {
          const node = stack.pop()!;
          node.close = state.position;
          node.kind = state.kind;
          node.result = state.result;
          stack[stack.length - 1]!.children.push(node);
        }
      },
    });
  } catch {
    return undefined; // an error: yaml reports it (and any other) where it is
  }
  if (warned || stack.length !== 1 || top.children.length !== 1) return undefined;
  const root = top.children[0]!;
  const pairs = root.children;
  if (root.kind !== 'mapping' || pairs.length === 0 || pairs.length % 2 !== 0) return undefined;
  if (Object.keys(root.result as object).length !== pairs.length / 2) return undefined;

  const r: Reader = { source, spanOf, covered: [] };
  try {
    const fields: FrontmatterField[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < pairs.length; i += 2) {
      const keyNode = scalar(r, pairs[i]!, true);
      if (keyNode.end - keyNode.start > MAX_KEY_LENGTH) notCertain();
      const key = String(keyNode.value);
      if (keys.has(key)) notCertain(); // yaml reports a duplicate key
      keys.add(key);
      fields.push({ key, keySpan: keyNode.span, value: value(r, pairs[i + 1]!) });
    }
    // Outside the scalars, only blanks and the punctuation of mappings and lists: no comment,
    // anchor, tag, directive, document marker, tab, block scalar or flow mapping.
    const { covered } = r;
    let next = 0;
    for (let i = 0; i < source.length; i++) {
      if (next < covered.length && i === covered[next]) {
        i = covered[next + 1]! - 1;
        next += 2;
        continue;
      }
      const c = source.charCodeAt(i);
      if (!isBlank(c) && !isPunctuation(c)) return undefined;
    }
    if (next !== covered.length) return undefined;
    return fields;
  } catch (e) {
    if (e instanceof NotCertain) return undefined;
    throw e;
  }
}
