// The data-safety properties of parse, check, fix and triage, over generated notes. Shared by the unit
// tests (test/unit/data-safety-properties.test.ts runs a fixed-seed slice in `npm test`) and by
// `npm run fuzz` (scripts/fuzz.mjs bundles scripts/fuzz-run.mts, which runs them 100,000 times).
//
// A generated note varies: line endings (LF, CRLF, lone CR, mixed), a BOM, the frontmatter (block,
// folded, quoted and plain scalars; flow and block lists; anchors and aliases; YAML comments; blank
// lines; a block never closed), the body (emoji and non-Latin text; tags inside links, code,
// comments and math; adjacent tags; block ids; Obsidian comments and math blocks; HTML comments; code
// fences) and the file name (with and without a date). Each property throws an Error that says what
// broke; fast-check shrinks a failing note to a small one and reports its seed.
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../src/core/config';
import { acceptAllProposals, acceptProposal, isProposedTag, rejectAllProposals, rejectProposal, setTaskStatus } from '../src/core/edits';
import type { FrontmatterField, Note, Task } from '../src/core/note';
import { parseNote } from '../src/core/parse-note';
import { PeopleRegistry, type Person } from '../src/core/people';
import { checkNote, safeFixEdits, type Fix, type Issue } from '../src/core/rules';
import { applyEditsToFile, LineIndex, type TextEdit } from '../src/core/text';

// ---------------------------------------------------------------------------------------------------
// Generated notes

export interface NoteCase {
  fileName: string;
  bom: boolean;
  /** How lines end: one kind, or `mixed` (each break picked from `mixedBreaks`, in turn). */
  eol: 'lf' | 'crlf' | 'cr' | 'mixed';
  mixedBreaks: number[];
  finalBreak: boolean;
  /** The note's lines, without their breaks. */
  lines: string[];
  /** Whether person notes exist (else names are not checked). */
  withPeople: boolean;
}

const BREAKS = ['\n', '\r\n', '\r'] as const;

/** The file text of a generated note. */
export function renderCase(c: NoteCase): string {
  let text = c.bom ? '\uFEFF' : '';
  c.lines.forEach((line, i) => {
    text += line;
    const last = i === c.lines.length - 1;
    if (last && !c.finalBreak) return;
    if (c.eol === 'mixed') text += BREAKS[c.mixedBreaks[i % c.mixedBreaks.length]! % 3];
    else text += c.eol === 'lf' ? '\n' : c.eol === 'crlf' ? '\r\n' : '\r';
  });
  return text;
}

const NAMES = ['Ann Lee', 'Bo Chan', 'Bo Chen', 'Ann Le', 'Annie', 'Ravi (last name unknown)', 'Speaker 2', 'Zoë Ångström', '田中 太郎', 'Dana Whitlock', '[[Ann Lee]]'];
const TITLES = [
  'Ann Lee 1:1 - growth',
  '1:1 with Bo Chan - plans',
  'Weekly sync 🚀',
  '週次 定例',
  'Réunion d’équipe',
  'Dana Whitlock 1:1',
  'Ravi Menon 1:1 - 🎯 goals',
  'Q3: review',
  // 1:1s with "people" that YAML reads as null, a boolean, a number when written plain.
  '1:1 with Null - odd',
  'True 1:1',
  '2025 1:1 - numbers',
];
const DATES = ['2025-01-05', '2025/1/5', '2025-02-30', '2025.12.9', '2024-02-29', ''];
const TAG_VALUES = ['person/', 'type/people', 'type/meeting', 'generated', '#person/', 'a//b', '日本/会議'];

type Style = 'plain' | 'double' | 'single' | 'literal' | 'folded' | 'keep';
const STYLES: readonly Style[] = ['plain', 'double', 'single', 'literal', 'folded', 'keep'];

/** `key: value` in a style, as one or more lines; block styles may leave a blank line after them. */
function scalarLines(key: string, value: string, style: Style, blankAfter: boolean): string[] {
  switch (style) {
    case 'plain':
      return /^[\p{L}\p{N}][^:#]*$/u.test(value) && !value.endsWith(' ') ? [`${key}: ${value}`] : value === '' ? [`${key}:`] : [`${key}: ${JSON.stringify(value)}`];
    case 'double':
      return [`${key}: ${JSON.stringify(value)}`];
    case 'single':
      return [`${key}: '${value.replace(/'/gu, "''")}'`];
    default: {
      const header = style === 'literal' ? '|' : style === 'folded' ? '>-' : '|+';
      return [`${key}: ${header}`, ...(value ? [`  ${value}`] : []), ...(blankAfter ? [''] : [])];
    }
  }
}

const quoteItem = (name: string, how: number): string => (how === 0 && /^[\p{L}][\p{L}\p{N} ]*$/u.test(name) ? name : how === 2 ? `'${name.replace(/'/gu, "''")}'` : JSON.stringify(name));

const scalarField = (key: string, values: readonly string[]): fc.Arbitrary<readonly string[]> =>
  fc.tuple(fc.constantFrom(...values), fc.constantFrom(...STYLES), fc.boolean()).map(([v, style, blank]) => scalarLines(key, v, style, blank));

const listField = (key: string, values: readonly string[]): fc.Arbitrary<readonly string[]> =>
  fc.tuple(fc.subarray([...values], { maxLength: 4 }), fc.nat(2), fc.constantFrom('flow', 'block', 'string', 'alias', 'commented')).chain(([items, how, shape]): fc.Arbitrary<readonly string[]> => {
    if (shape === 'flow') return fc.constant<readonly string[]>([`${key}: [${items.map((i) => quoteItem(i, how)).join(', ')}]`]);
    if (shape === 'block' || shape === 'commented') {
      const lines = [`${key}:`, ...items.map((i) => `  - ${quoteItem(i, how)}`)];
      if (shape === 'commented') lines.splice(1, 0, '  # a YAML comment');
      return fc.constant<readonly string[]>(items.length ? lines : [`${key}: []`]);
    }
    if (shape === 'alias') return fc.constant<readonly string[]>([`${key}-source: &${key}list [${items.map((i) => quoteItem(i, how)).join(', ')}]`, `${key}: *${key}list`]);
    return fc.tuple(fc.constantFrom(...STYLES), fc.boolean()).map(([style, blank]) => scalarLines(key, items.join(', '), style, blank));
  });

const emptyPerson: fc.Arbitrary<readonly string[]> = fc.constantFrom(['person:'], ['person: ""'], ["person: ''"], ['person: |'], ['person: ~'], ['person: # who?'], ['person: &who'], ['person: !!str']);
const typeField: fc.Arbitrary<readonly string[]> = fc.constantFrom(['type: meeting'], ['type: people'], ['type: "people"'], ['type: meeting # a comment']);
const extraLines: fc.Arbitrary<(readonly string[])[]> = fc.subarray([['# A comment line'], [''], ['notes: |', '  - [?] not a task #proposed'], ['count: 3']], { maxLength: 2 });

const frontmatterFields: fc.Arbitrary<(readonly string[])[]> = fc
  .tuple(
    fc.option(typeField, { nil: undefined }),
    fc.option(scalarField('title', TITLES), { nil: undefined }),
    fc.option(scalarField('date', DATES), { nil: undefined }),
    fc.option(fc.oneof(emptyPerson, scalarField('person', NAMES.slice(0, 6))), { nil: undefined }),
    fc.option(listField('participants', NAMES), { nil: undefined }),
    fc.option(listField('tags', TAG_VALUES), { nil: undefined }),
    extraLines,
  )
  .chain(([type, title, date, person, participants, tags, extra]) =>
    fc.shuffledSubarray([title, date, person, participants, tags, ...extra].filter((x): x is readonly string[] => x !== undefined), { minLength: 0 }).map((rest) =>
      type ? [type, ...rest] : rest,
    ),
  );

const frontmatter: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant([] as string[]) },
  { weight: 6, arbitrary: frontmatterFields.map((fields) => ['---', ...fields.flat(), '---']) },
  // The whole mapping indented: a field added must be indented the same.
  { weight: 1, arbitrary: frontmatterFields.map((fields) => ['---', ...fields.flat().map((l) => (l ? `  ${l}` : l)), '---']) },
  // Never closed: the fix must close it before the first task, heading or prose.
  { weight: 1, arbitrary: frontmatterFields.map((fields) => ['---', ...fields.flat().filter((l) => l !== '')]) },
);

const WORDS = ['Draft', 'plan', 'the', 'review', '日本語', 'café', '🚀', 'naïve', 'Ωmega', 'x'];
const TAGS = ['#proposed', '#proposed', '#task', '#auto', '#Proposed', '#project/x', '(#proposed)'];
const MENTIONS = ['@Myself', '@Ann', '@[[Bo Chan]]', '@Anny', '@Nobody'];
const DECOR = ['⏫', '🔺', '🔽', '📅 2025-01-02', '✅ 2025-01-03', '❌ 2025-01-04', '⏳ 2025-02-30'];
const HIDERS = [
  '[[Plan #proposed]]',
  '[the #proposed list](x.md)',
  '![[img #proposed.png]]',
  '[[Plan]]',
  '[link](https://example.com/#proposed)',
  '`#proposed`',
  '`code #task`',
  '%% #proposed %%',
  '$$x #proposed$$',
  '<!-- #proposed -->',
];

const taskText: fc.Arbitrary<string> = fc
  .tuple(
    // Tags first, side by side: what accept and reject used to trip over.
    fc.constantFrom('', '', '', '', '#proposed ', '#proposed #proposed ', '#proposed\t#auto ', '#proposed ^abc ', '#task #proposed '),
    fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, fc.constantFrom(...TAGS), fc.constantFrom(...MENTIONS), fc.constantFrom(...DECOR), fc.constantFrom(...HIDERS)), {
      minLength: 1,
      maxLength: 7,
    }),
    fc.constantFrom(' ', ' ', ' ', '  ', '\t'),
    // The end: a block id, blanks, or a comment or math that the line opens (closed on a later line, or never).
    fc.constantFrom('', '', '', ' ^abc1', ' ^x-1', '  ', ' %% open', ' $$ open', ' ^abc1 %% open'),
  )
  .map(([start, tokens, sep, end]) => start + tokens.join(sep) + end);

const task = fc
  .tuple(fc.constantFrom('', '', '  ', '    '), fc.constantFrom('-', '-', '*', '+', '1.'), fc.constantFrom('?', '?', '?', ' ', 'x', '-', '/', '!'), taskText)
  .map(([indent, marker, status, text]) => `${indent}${marker} [${status}] ${text}`);

const bodyBlock: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 8, arbitrary: task.map((t) => [t]) },
  { weight: 2, arbitrary: fc.constantFrom(['# Sync 🚀'], ['## Action Items'], ['### 課題']) },
  { weight: 1, arbitrary: fc.subarray(NAMES.slice(0, 4), { minLength: 1 }).map((names) => [`**With**: ${names.join(', ')}`]) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => [w.join(' ')]) },
  { weight: 2, arbitrary: fc.constant(['']) },
  { weight: 1, arbitrary: task.map((t) => ['%%', t, '%%']) },
  { weight: 1, arbitrary: task.map((t) => ['$$', t, '$$']) },
  { weight: 1, arbitrary: task.map((t) => ['<!--', t, '-->']) },
  { weight: 1, arbitrary: task.map((t) => ['```', t, '```']) },
  { weight: 1, arbitrary: task.map((t) => [`%% note %% ${t.trimStart()}`]) },
  // A comment or math a task line opens, closed below.
  { weight: 1, arbitrary: task.map((t) => [`${t} %%`, 'hidden #proposed', '%%']) },
  { weight: 1, arbitrary: task.map((t) => [`${t} $$`, 'x^2', '$$']) },
);

export const noteCase: fc.Arbitrary<NoteCase> = fc
  .record({
    fileName: fc.constantFrom('2025-01-05 - Sync.md', 'Sync.md', '2025-12-19 - Ann Lee 1:1.md'),
    bom: fc.boolean(),
    eol: fc.constantFrom('lf', 'lf', 'crlf', 'cr', 'mixed') as fc.Arbitrary<NoteCase['eol']>,
    mixedBreaks: fc.array(fc.nat(2), { minLength: 1, maxLength: 5 }),
    finalBreak: fc.boolean(),
    frontmatter,
    body: fc.array(bodyBlock, { maxLength: 8 }),
    withPeople: fc.boolean(),
  })
  .map(({ frontmatter: fm, body, ...rest }) => ({ ...rest, lines: [...fm, ...body.flat()] }));

// ---------------------------------------------------------------------------------------------------
// The checks

/** What the checks have gone through so far (for the fuzzer's summary). */
export const stats = { notes: 0, findings: 0, fixes: 0, fixAllRounds: 0, triageEdits: 0, parsesCompared: 0 };

const person = (name: string, aliases: string[] = []): Person => ({ name, aliases, role: undefined, org: undefined, email: undefined, uri: undefined, source: 'note' });
const PEOPLE = PeopleRegistry.fromPeople([person('Ann Lee', ['Annie']), person('Bo Chan'), person('Dana Whitlock'), person('Ravi Menon')], { people: [], owner: '' });
const NOBODY = PeopleRegistry.fromPeople([], { people: [], owner: '' });
const TODAY = '2026-01-05';
/** Findings a fix must never add: the frontmatter's own. */
const FRONTMATTER_CODES = ['yaml-syntax', 'yaml-warning', 'frontmatter-unclosed', 'duplicate-key'];

export interface Checked {
  c: NoteCase;
  uri: string;
  fileText: string;
  note: Note;
  issues: Issue[];
  registry: PeopleRegistry;
}

export function checkCase(c: NoteCase): Checked {
  const uri = `file:///vault/${encodeURIComponent(c.fileName)}`;
  const fileText = renderCase(c);
  const note = parseNote(uri, fileText);
  const registry = c.withPeople ? PEOPLE : NOBODY;
  stats.notes++;
  return { c, uri, fileText, note, issues: checkNote({ note, registry, config: DEFAULT_CONFIG }), registry };
}

function fail(what: string, details: Record<string, unknown> = {}): never {
  throw new Error(`${what}\n${Object.entries(details).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}`);
}

function breaksOf(text: string): Set<string> {
  const kinds = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        kinds.add('\r\n');
        i++;
      } else kinds.add('\r');
    } else if (c === 10) kinds.add('\n');
  }
  return kinds;
}

function count(issues: readonly Issue[], code: string): number {
  return issues.filter((i) => i.code === code).length;
}

/** Whether the fast and the reference parse give the same note for a text (`fastNote`: its fast parse, if made already). */
export function expectParsersAgree(uri: string, fileText: string, fastNote?: Note): void {
  const strip = (n: Note) => JSON.stringify({ ...n, lines: undefined });
  stats.parsesCompared++;
  const fast = strip(fastNote ?? parseNote(uri, fileText, { parser: 'fast' }));
  const reference = strip(parseNote(uri, fileText, { parser: 'reference' }));
  if (fast !== reference) fail('the fast and the reference parse disagree', { fileText });
}

/**
 * What any edit of a note must keep: the BOM, the kinds of line breaks, the frontmatter's soundness
 * (checked again unless `frontmatterUntouched`: the edit is known to leave it byte for byte), the tasks.
 */
function expectSafeResult(before: Checked, out: string, what: string, frontmatterUntouched = false): { note: Note; issues: Issue[] } {
  if (out.startsWith('\uFEFF') !== before.fileText.startsWith('\uFEFF')) fail(`${what}: the BOM changed`, { before: before.fileText, out });
  const kinds = breaksOf(before.fileText);
  for (const k of breaksOf(out)) if (!kinds.has(k) && !(kinds.size === 0 && k === '\n')) fail(`${what}: a new kind of line break`, { break: k, before: before.fileText, out });
  const note = parseNote(before.uri, out);
  if (frontmatterUntouched) {
    if (note.tasks.length !== before.note.tasks.length) fail(`${what}: the number of tasks changed`, { before: before.fileText, out });
    return { note, issues: [] };
  }
  const issues = checkNote({ note, registry: before.registry, config: DEFAULT_CONFIG });
  for (const code of FRONTMATTER_CODES) {
    if (count(issues, code) > count(before.issues, code)) fail(`${what}: a new ${code} finding`, { before: before.fileText, out, found: issues.filter((i) => i.code === code).map((i) => i.message) });
  }
  if (before.note.frontmatter?.closed && !note.frontmatter?.closed) fail(`${what}: the frontmatter is no longer closed`, { before: before.fileText, out });
  if (note.tasks.length !== before.note.tasks.length) fail(`${what}: the number of tasks changed`, { before: before.fileText, out });
  return { note, issues };
}

/** The text of each field from its key to the end of its value, by key and occurrence. */
function fieldTexts(note: Note): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const f of note.frontmatter?.fields ?? []) {
    const n = (seen.get(f.key) ?? 0) + 1;
    seen.set(f.key, n);
    out.set(`${f.key}#${n}`, note.text.slice(f.keySpan.start, Math.max(f.keySpan.end, f.value.span.end)));
  }
  return out;
}

/** The field whose lines hold an offset: from its key to the next field's key (or the content end). */
function fieldAt(note: Note, offset: number): FrontmatterField | undefined {
  const fields = note.frontmatter?.fields ?? [];
  for (let i = 0; i < fields.length; i++) {
    const next = fields[i + 1]?.keySpan.start ?? note.frontmatter!.contentEnd;
    if (offset >= fields[i]!.keySpan.start && offset < next) return fields[i];
  }
  return undefined;
}

/** The text before `start` and after `end` of `original` is in `out` unchanged. */
function expectOutsideUnchanged(original: string, out: string, start: number, end: number, what: string): void {
  const suffix = original.length - end;
  if (out.slice(0, start) !== original.slice(0, start) || out.slice(out.length - suffix) !== original.slice(end) || out.length - suffix < start) {
    fail(`${what}: text outside [${start}, ${end}) changed`, { original, out });
  }
}

/** One fix applied on its own. */
function checkOneFix(ck: Checked, issue: Issue, fix: Fix): void {
  const what = `${issue.code} fix "${fix.title}"`;
  const { note } = ck;
  stats.fixes++;
  let out: string;
  try {
    out = applyEditsToFile(ck.fileText, fix.edits);
  } catch (error) {
    fail(`${what}: ${(error as Error).message}`, { fileText: ck.fileText });
  }
  const bom = note.hasBom ? 1 : 0;
  const start = Math.min(...fix.edits.map((e) => e.start));
  const end = Math.max(...fix.edits.map((e) => e.end));
  const after = expectSafeResult(ck, out, what);
  const fm = note.frontmatter;

  if (issue.code === 'frontmatter-unclosed') {
    // One fence line inserted, before any task, and nothing else.
    const [edit] = fix.edits as [TextEdit];
    if (fix.edits.length !== 1 || edit.start !== edit.end || !/^(?:\r\n|\r|\n)?---(?:\r\n|\r|\n)$/u.test(edit.newText)) fail(`${what}: not one inserted fence`, { edits: fix.edits });
    const fenceLine = note.lines.positionAt(edit.start).line;
    if (note.tasks.some((t) => t.line < fenceLine)) fail(`${what}: the fence swallows a task`, { fileText: ck.fileText, out });
    if (!after.note.frontmatter?.closed) fail(`${what}: still not closed`, { out });
  } else if (fm?.closed && start >= fm.contentStart && end <= fm.contentEnd) {
    // A value of the frontmatter: every other field's text and the body stay as they were.
    const target = start === fm.contentEnd ? undefined : fieldAt(note, start);
    if (target && end > (fm.fields[fm.fields.indexOf(target) + 1]?.keySpan.start ?? fm.contentEnd)) fail(`${what}: edits beyond the field '${target.key}'`, { edits: fix.edits });
    const before = fieldTexts(note);
    const now = fieldTexts(after.note);
    for (const [key, text] of before) {
      if (target && key.startsWith(`${target.key}#`)) continue;
      if (now.get(key) !== text) fail(`${what}: field ${key} changed`, { before: text, now: now.get(key), fileText: ck.fileText, out });
    }
    const afterFm = after.note.frontmatter!;
    if (out.slice(bom + afterFm.span.end) !== ck.fileText.slice(bom + fm.span.end)) fail(`${what}: the body changed`, { fileText: ck.fileText, out });
  } else {
    // A task's line: only that line changes.
    const taskLine = note.tasks.find((t) => start >= note.lines.lineStart(t.line) && end <= note.lines.lineEnd(t.line));
    if (!taskLine) fail(`${what}: edits outside any one task line or field`, { edits: fix.edits, fileText: ck.fileText });
    expectOutsideUnchanged(ck.fileText, out, bom + note.lines.lineStart(taskLine.line), bom + note.lines.lineEnd(taskLine.line), what);
  }
  // The finding the fix is for is gone (one of that code fewer).
  if (count(after.issues, issue.code) >= count(ck.issues, issue.code)) {
    fail(`${what}: the finding is still there`, { fileText: ck.fileText, out, still: after.issues.filter((i) => i.code === issue.code).map((i) => i.message) });
  }
  expectParsersAgree(ck.uri, out, after.note);
}

/** Every fix of every finding, each applied on its own. */
export function propertyEveryFix(c: NoteCase): void {
  const ck = checkCase(c);
  stats.findings += ck.issues.length;
  for (const issue of ck.issues) for (const fix of issue.fixes) if (fix.edits.length) checkOneFix(ck, issue, fix);
}

/**
 * "Fix all", repeated: each round keeps the note sound, and the rounds come to rest (a round that
 * changes nothing) within three. A fix that undid itself, or fixed what another breaks, would not.
 */
export function propertyFixAllSettles(c: NoteCase): void {
  let ck = checkCase(c);
  const first = ck;
  for (let round = 0; ; round++) {
    const { edits } = safeFixEdits(ck.issues);
    if (!edits.length) return;
    if (round === 3) fail('fix-all does not settle in three rounds', { fileText: first.fileText, now: ck.fileText });
    const out = applyEditsToFile(ck.fileText, edits);
    stats.fixAllRounds++;
    const after = expectSafeResult(first, out, `fix-all round ${round + 1}`);
    ck = { ...ck, fileText: out, note: after.note, issues: after.issues };
  }
}

/**
 * Words as a task's description holds them. Taking a tag out of `(#proposed)` or `#proposed,` leaves
 * no blank where the description had one: blanks beside anything but a letter or digit do not count.
 */
const words = (s: string) => s.replace(/\s+(?=[^\p{L}\p{N}])|(?<=[^\p{L}\p{N}\s])\s+/gu, '');

/** The parts of a task a triage edit keeps. */
function kept(t: Task, note: Note) {
  return {
    description: words(t.description),
    assignees: t.assignees.map((a) => a.name),
    priority: t.priority?.level,
    blockId: t.blockId && note.text.slice(t.blockId.start, t.blockId.end),
  };
}

/**
 * The stretches of a line no triage may touch, found here by their shapes alone (not by the parser
 * under test): wikilinks, markdown links, code spans, comments and math.
 */
function untouchable(line: string): string[] {
  const pieces = line.match(/!?\[\[[^\]]*\]\]|!?\[[^\]]*\]\([^)]*\)|`[^`]*`|%%.*?%%|\$\$.*?\$\$|<!--.*?-->/gu) ?? [];
  return pieces.sort();
}

interface TriageOp {
  name: string;
  status: string;
  run: (note: Note, t: Task) => TextEdit[];
  /** The date field it adds (when the task has none of that kind). */
  adds?: (t: Task) => 'cancelled' | 'done' | undefined;
}

const TRIAGE: readonly TriageOp[] = [
  { name: 'accept', status: ' ', run: (n, t) => acceptProposal(n, t) },
  { name: 'reject', status: '-', run: (n, t) => rejectProposal(n, t, TODAY), adds: () => 'cancelled' },
];
const STATUS_CHANGES: readonly TriageOp[] = [
  { name: 'mark done', status: 'x', run: (n, t) => setTaskStatus(n, t, 'x', TODAY), adds: () => 'done' },
  { name: 'mark in progress', status: '/', run: (n, t) => setTaskStatus(n, t, '/', TODAY) },
  { name: 'reopen', status: ' ', run: (n, t) => setTaskStatus(n, t, ' ', TODAY) },
  // Cancelling a proposal is rejecting it.
  { name: 'cancel', status: '-', run: (n, t) => setTaskStatus(n, t, '-', TODAY), adds: (t) => (t.status === 'proposed' ? 'cancelled' : undefined) },
];

function checkTriage(ck: Checked, t: Task, op: TriageOp): string {
  const { note } = ck;
  const what = `${op.name} of the task on line ${t.line + 1}`;
  stats.triageEdits++;
  let edits: TextEdit[];
  let out: string;
  try {
    edits = op.run(note, t);
    out = applyEditsToFile(ck.fileText, edits);
  } catch (error) {
    fail(`${what}: ${(error as Error).message}`, { fileText: ck.fileText });
  }
  const bom = note.hasBom ? 1 : 0;
  const lineStart = note.lines.lineStart(t.line);
  const lineEnd = note.lines.lineEnd(t.line);
  if (edits.some((e) => e.start < lineStart || e.end > lineEnd)) fail(`${what}: an edit outside the task's line`, { edits, fileText: ck.fileText });
  expectOutsideUnchanged(ck.fileText, out, bom + lineStart, bom + lineEnd, what);
  // Only the task's line changed (just checked): the frontmatter is as it was.
  const after = expectSafeResult(ck, out, what, true);
  const now = after.note.tasks.find((x) => x.line === t.line);
  if (!now) fail(`${what}: the task is gone`, { fileText: ck.fileText, out });
  const line = note.lines.lineText(t.line);
  const lineNow = after.note.lines.lineText(t.line);
  if (JSON.stringify(untouchable(lineNow)) !== JSON.stringify(untouchable(line))) fail(`${what}: a link, code span, comment or math changed`, { before: line, after: lineNow });
  if (now.statusChar !== op.status) fail(`${what}: status [${now.statusChar}], not [${op.status}]`, { out });
  const tagsBefore = t.tags.filter((g) => !(t.status === 'proposed' && isProposedTag(g))).map((g) => g.name);
  if (JSON.stringify(now.tags.map((g) => g.name)) !== JSON.stringify(tagsBefore)) fail(`${what}: the tags are not the old ones without #proposed`, { before: t.text, after: now.text });
  if (JSON.stringify(kept(now, after.note)) !== JSON.stringify(kept(t, note))) {
    fail(`${what}: the description, assignees, priority or block id changed`, { before: kept(t, note), after: kept(now, after.note), text: now.text });
  }
  const dates = t.dates.map((d) => `${d.kind} ${d.date}`);
  const adds = op.adds?.(t);
  if (adds && !t.dates.some((d) => d.kind === adds)) dates.push(`${adds} ${TODAY}`);
  const datesNow = now.dates.map((d) => `${d.kind} ${d.date}`);
  if (JSON.stringify([...datesNow].sort()) !== JSON.stringify([...dates].sort())) fail(`${what}: dates ${JSON.stringify(datesNow)}, expected ${JSON.stringify(dates)}`, { before: t.text, after: now.text });
  // The parsers are compared on the notes accept and reject make (a status change edits the same way).
  if (op === TRIAGE[0] || op === TRIAGE[1]) expectParsersAgree(ck.uri, out, after.note);
  return after.note.lines.lineText(t.line);
}

/**
 * Accept and reject of every proposal, and the status changes of every task: only the task's line
 * changes, and on it only the status, the #proposed tags and the added date; accept-all and reject-all
 * change each proposal's line as accepting or rejecting it alone does, and nothing else.
 */
export function propertyTriage(c: NoteCase): void {
  const ck = checkCase(c);
  const { note } = ck;
  const accepted = new Map<number, string>();
  const rejected = new Map<number, string>();
  for (const t of note.tasks) {
    if (t.status === 'proposed') {
      accepted.set(t.line, checkTriage(ck, t, TRIAGE[0]!));
      rejected.set(t.line, checkTriage(ck, t, TRIAGE[1]!));
    }
    for (const op of STATUS_CHANGES) checkTriage(ck, t, op);
  }
  for (const [name, edits, lines] of [
    ['accept all', () => acceptAllProposals(note), accepted],
    ['reject all', () => rejectAllProposals(note, TODAY), rejected],
  ] as const) {
    let out: string;
    try {
      out = applyEditsToFile(ck.fileText, edits());
    } catch (error) {
      fail(`${name}: ${(error as Error).message}`, { fileText: ck.fileText });
    }
    const after = expectSafeResult(ck, out, name);
    expectParsersAgree(ck.uri, out, after.note);
    const outLines = new LineIndex(after.note.text);
    if (outLines.lineCount !== note.lines.lineCount) fail(`${name}: the number of lines changed`, { out });
    for (let line = 0; line < note.lines.lineCount; line++) {
      const expected = lines.get(line) ?? note.lines.lineText(line);
      if (outLines.lineText(line) !== expected) fail(`${name}: line ${line + 1} differs`, { expected, got: outLines.lineText(line), fileText: ck.fileText });
    }
  }
}

/** The fast parse and the reference parse agree on every generated note. */
export function propertyParsersAgree(c: NoteCase): void {
  expectParsersAgree(`file:///vault/${encodeURIComponent(c.fileName)}`, renderCase(c));
}

/** All of the above on one note: what the fuzzer runs. */
export function propertyAll(c: NoteCase): void {
  propertyParsersAgree(c);
  propertyEveryFix(c);
  propertyFixAllSettles(c);
  propertyTriage(c);
}

export const PROPERTIES = {
  'parsers agree': propertyParsersAgree,
  'every fix': propertyEveryFix,
  'fix-all settles': propertyFixAllSettles,
  triage: propertyTriage,
} as const;
