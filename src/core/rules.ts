import type { MeetingNotesConfig, Severity } from './config';
import { appendPoint, isProposedTag, removeTag, replaceScalar, yamlScalar } from './edits';
import type { FrontmatterField, Note, ScalarValue } from './note';
import { MAX_NESTING } from './markdown-blocks';
import { tooDeepLine } from './parse-note';
import { isPlaceholderName, normalizeName, unwrapWikiLink, type Person, type PeopleRegistry, MYSELF } from './people';
import { dominantEol, isWhitespaceCode, type Span, type TextEdit } from './text';

/** A fix that is not a text edit in the note: the editor carries it out (the CLI only names it). */
export type FixAction = { kind: 'addKnownPerson'; name: string } | { kind: 'createPersonNote'; name: string };

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** Applied by "fix all": only fixes whose result is certain. Triage is never one of them. */
  safe: boolean;
  action?: FixAction;
}

export interface Issue {
  code: RuleCode;
  severity: Severity;
  message: string;
  span: Span;
  fixes: Fix[];
}

export interface RuleContext {
  note: Note;
  registry: PeopleRegistry;
  config: MeetingNotesConfig;
}

type Finding = Omit<Issue, 'severity' | 'code'>;

interface Rule {
  code: string;
  defaultSeverity: Severity;
  description: string;
  check(ctx: RuleContext): Finding[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** The number of two or four ASCII digits at `at`, or NaN. */
function digitsAt(s: string, at: number, count: 2 | 4): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Whether a string is YYYY-MM-DD and a day of the (proleptic Gregorian) calendar. Years before 100 are
 * not: `Date.UTC`, which this used to ask, reads them as 19YY.
 */
export function isRealDate(date: string): boolean {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return false;
  const y = digitsAt(date, 0, 4);
  const mo = digitsAt(date, 5, 2);
  const d = digitsAt(date, 8, 2);
  if (!(y >= 100) || !(mo >= 1 && mo <= 12) || !(d >= 1)) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return d <= days;
}

/** The date a file name starts with (`2025-12-19 - …md`), if any. */
export function fileNameDate(fileName: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?!\d)/u.exec(fileName);
  return m && isRealDate(m[1]!) ? m[1] : undefined;
}

// personFromTitle once used two regexes, /^(.+?)\s*(?:[-–—:|]\s*)?\b1[:/]1\b/u and
// /^\s*1[:/]1\s*(?:with\s+|[-–—:|]\s*)(.+?)(?:\s+[-–—:|]\s+.*)?$/iu, whose lazy group and blank runs
// backtrack quadratically on a long title full of blanks. The scans below find the very same matches
// in one pass (test/unit/linear-rewrites.test.ts compares them with those regexes).

const TITLE_SEPARATORS = '-–—:|';
/** What `\s` matches (one UTF-16 unit; undefined past the end). */
const isBlank = (c: string | undefined): boolean => c !== undefined && isWhitespaceCode(c.charCodeAt(0));
/** What `.` does not match. */
const isLineBreak = (c: string | undefined): boolean => {
  const code = c === undefined ? 0 : c.charCodeAt(0);
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
};
const isTitleSeparator = (c: string | undefined): boolean => c !== undefined && c !== '' && TITLE_SEPARATORS.includes(c);
/** What `\b` (without the i flag) counts as a word character. */
const isAsciiWord = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/u.test(c);

/** Whether `1:1` or `1/1` stands at `at` between word boundaries (`\b1[:/]1\b`). */
function oneOnOneAt(title: string, at: number): boolean {
  return (
    title[at] === '1' &&
    (title[at + 1] === ':' || title[at + 1] === '/') &&
    title[at + 2] === '1' &&
    !isAsciiWord(title[at - 1]) &&
    !isAsciiWord(title[at + 3])
  );
}

/** "Marcus Ellery 1:1 - …": the text before the first `1:1` and the blanks and one separator ahead of it. */
function nameBeforeOneOnOne(title: string): string | undefined {
  let firstBreak = 0;
  while (firstBreak < title.length && !isLineBreak(title[firstBreak])) firstBreak++;
  for (let at = 1; at + 3 <= title.length; at++) {
    if (!oneOnOneAt(title, at)) continue;
    let end = at;
    while (end > 0 && isBlank(title[end - 1])) end--;
    if (isTitleSeparator(title[end - 1])) {
      end--;
      while (end > 0 && isBlank(title[end - 1])) end--;
    }
    end = Math.max(1, end);
    // The name may not run over a line break; a later 1:1 would need a longer name still.
    return end <= firstBreak ? title.slice(0, end) : undefined;
  }
  return undefined;
}

/** "1:1 with Marcus Ellery - …": what follows `1:1 with` (or `1:1 -`), up to a spaced separator. */
function nameAfterOneOnOne(title: string): string | undefined {
  const lead = /^\s*1[:/]1\s*(?:with\s+|[-–—:|]\s*)/iu.exec(title);
  if (!lead) return undefined;
  const start = lead[0].length;
  let lastBreak = -1;
  for (let i = title.length - 1; i >= start; i--) {
    if (isLineBreak(title[i])) {
      lastBreak = i;
      break;
    }
  }
  // The shortest name that blanks, a separator, blanks and then the rest of the title (without a line
  // break) follow; else the rest of the title. A name never holds a line break: when it would have
  // to, the regex could only settle for a name of blanks, which comes to the same as none.
  for (let end = start + 1; end <= title.length; ) {
    if (isLineBreak(title[end - 1])) return undefined;
    if (end === title.length) return title.slice(start);
    if (!isBlank(title[end])) {
      end++;
      continue;
    }
    let sep = end;
    while (isBlank(title[sep])) sep++;
    if (isTitleSeparator(title[sep]) && isBlank(title[sep + 1])) {
      let rest = sep + 1;
      while (isBlank(title[rest])) rest++;
      if (lastBreak < rest) return title.slice(start, end);
    }
    // A name ending further inside this run of blanks meets the same separator: skip the run.
    for (let i = end; i < sep; i++) if (isLineBreak(title[i])) return undefined;
    end = sep;
  }
  return undefined;
}

/** The person a 1:1's title names: "Marcus Ellery 1:1 - …", "1:1 with Marcus Ellery - …". */
export function personFromTitle(title: string): string | undefined {
  // Both forms need a 1:1 (or 1/1); most titles have none.
  if (!title.includes('1:1') && !title.includes('1/1')) return undefined;
  const before = nameBeforeOneOnOne(title)?.trim();
  if (before) return before;
  const after = nameAfterOneOnOne(title)?.trim();
  return after || undefined;
}

/** `s` without the `-`s it starts and ends with (what `.replace(/^-+|-+$/gu, '')` did, in linear time). */
function trimDashes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '-') start++;
  while (end > start && s[end - 1] === '-') end--;
  return s.slice(start, end);
}

export function tagSlug(name: string): string {
  return trimDashes(
    name
      .trim()
      .toLocaleLowerCase('en')
      .replace(/[^\p{L}\p{N}_]+/gu, '-'),
  );
}

/**
 * Each frontmatter's fields by key (the first occurrence, as `field` of note.ts finds it), built once:
 * rules look fields up per list item, and a frontmatter may hold tens of thousands of keys.
 */
const fieldsByKey = new WeakMap<readonly FrontmatterField[], Map<string, FrontmatterField>>();

function field(note: Note, key: string): FrontmatterField | undefined {
  const fields = note.frontmatter?.fields;
  if (!fields) return undefined;
  // A few fields, as most notes have, are quicker to scan than to index.
  if (fields.length <= 16) {
    for (const f of fields) if (f.key === key) return f;
    return undefined;
  }
  let byKey = fieldsByKey.get(fields);
  if (!byKey) {
    byKey = new Map();
    for (const f of fields) if (!byKey.has(f.key)) byKey.set(f.key, f);
    fieldsByKey.set(fields, byKey);
  }
  return byKey.get(key);
}

/** `stringField` of note.ts, through the cached lookup. */
function stringField(note: Note, key: string): string | undefined {
  const f = field(note, key);
  if (!f || f.value.kind !== 'scalar' || f.value.value === null) return undefined;
  const s = String(f.value.value).trim();
  return s === '' ? undefined : s;
}

function noteType(note: Note): string | undefined {
  return stringField(note, 'type');
}

/** The note's 1:1 person, from `person` or else from the title, as the registry spells it when known. */
function onePersonOf(ctx: RuleContext): string | undefined {
  const raw = stringField(ctx.note, 'person') ?? (() => {
    const title = stringField(ctx.note, 'title');
    return title ? personFromTitle(title) : undefined;
  })();
  if (!raw) return undefined;
  const name = unwrapWikiLink(raw).trim();
  return ctx.registry.lookup(name)?.name ?? name;
}

function insertField(note: Note, key: string, value: string): TextEdit {
  const fm = note.frontmatter!;
  const eol = dominantEol(note.text);
  return note.lines.edit(fm.contentEnd, fm.contentEnd, `${key}: ${value}${eol}`);
}

function firstHeadingText(note: Note): string | undefined {
  return note.headings.find((h) => h.depth === 1)?.text;
}

function listOfStrings(names: string[]): string {
  return `[${names.map((n) => yamlScalar(n)).join(', ')}]`;
}

/** What a missing field can be filled with from the note itself, if anything. */
function derivedValue(ctx: RuleContext, key: string): string | undefined {
  const { note } = ctx;
  switch (key) {
    case 'title': {
      const h = firstHeadingText(note);
      return h ? yamlScalar(h) : undefined;
    }
    case 'date': {
      const d = fileNameDate(note.fileName);
      return d ? yamlScalar(d) : undefined;
    }
    case 'participants':
      return note.withNames.length ? listOfStrings(note.withNames.map((n) => n.name)) : undefined;
    case 'person': {
      const title = stringField(note, 'title');
      const p = title ? personFromTitle(title) : undefined;
      return p ? yamlScalar(ctx.registry.lookup(p)?.name ?? p) : undefined;
    }
    default:
      return undefined;
  }
}

function isEmptyValue(f: FrontmatterField): boolean {
  if (f.value.kind === 'empty') return true;
  if (f.value.kind === 'scalar') return f.value.value === null || String(f.value.value).trim() === '';
  if (f.value.kind === 'list') return f.value.items.length === 0;
  return false;
}

/** Participant names with their spans: list items, or the scalar of a list written as a string. */
function participantItems(note: Note): ScalarValue[] {
  const f = field(note, 'participants');
  if (!f) return [];
  if (f.value.kind === 'list') return f.value.items.filter((i) => typeof i.value === 'string' && i.value.trim() !== '');
  return [];
}

/** `suggestions` are `ctx.registry.suggest(name)`, computed once for the message and the fixes. */
function personFixes(name: string, suggestions: readonly Person[], replaceWith: (p: Person) => TextEdit[]): Fix[] {
  const fixes: Fix[] = suggestions.map((p, i) => ({
    title: `Change to '${p.name}'`,
    edits: replaceWith(p),
    isPreferred: i === 0 && suggestions.length === 1,
    safe: false,
  }));
  const clean = unwrapWikiLink(name).trim();
  fixes.push(
    { title: `Create a person note for '${clean}'`, edits: [], safe: false, action: { kind: 'createPersonNote', name: clean } },
    { title: `Add '${clean}' to known people (meetingNotes.people)`, edits: [], safe: false, action: { kind: 'addKnownPerson', name: clean } },
  );
  return fixes;
}

function unknownMessage(shown: string, suggestions: readonly Person[]): string {
  const hint = suggestions.length ? `; did you mean ${suggestions.map((p) => `'${p.name}'`).join(' or ')}?` : ': no person note or alias matches.';
  return `Unknown person '${shown}'${hint}`;
}

const SINGLE_VALUE_FIELDS = ['title', 'date', 'person', 'type'];

function namesToCheck(ctx: RuleContext): boolean {
  return !ctx.registry.isEmpty;
}

function mentionText(name: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}_.'-]*$/u.test(name) ? `@${name}` : `@[[${name}]]`;
}

export const RULES: readonly Rule[] = [
  {
    code: 'yaml-syntax',
    defaultSeverity: 'error',
    description: 'The frontmatter is not valid YAML, or is not a mapping of keys to values.',
    check: ({ note }) => {
      const fm = note.frontmatter;
      if (!fm || !fm.closed) return [];
      const out: Finding[] = fm.errors
        .filter((e) => e.code !== 'DUPLICATE_KEY')
        .map((e) => ({ message: `YAML syntax error: ${e.message}`, span: e.span, fixes: [] }));
      if (!fm.errors.length && !fm.isMapping) {
        out.push({ message: 'The frontmatter should be a mapping of keys to values (key: value lines).', span: fm.span, fixes: [] });
      }
      return out;
    },
  },
  {
    code: 'yaml-warning',
    defaultSeverity: 'warning',
    description: 'The YAML parser warns about the frontmatter.',
    check: ({ note }) => (note.frontmatter?.warnings ?? []).map((w) => ({ message: `YAML: ${w.message}`, span: w.span, fixes: [] })),
  },
  {
    code: 'frontmatter-unclosed',
    defaultSeverity: 'error',
    description: 'The frontmatter block opens with --- but never closes.',
    check: ({ note }) => {
      const fm = note.frontmatter;
      if (!fm || fm.closed) return [];
      // Offer to close it after the run of lines that look like YAML.
      let line = 1;
      while (line < note.lines.lineCount) {
        const text = note.lines.lineText(line);
        if (!text.trim() || !/^(?:[ \t]+\S|-[ \t]|[\p{L}\p{N}_"'][^:]*:)/u.test(text)) break;
        line++;
      }
      const at = note.lines.lineStart(line);
      const eol = dominantEol(note.text);
      const needsBreak = line >= note.lines.lineCount - 1 && at === note.text.length && !/[\r\n]$/u.test(note.text);
      return [
        {
          message: 'The frontmatter opened on line 1 is never closed with a --- line, so none of its fields are read.',
          span: fm.span,
          fixes: [
            {
              title: `Close the frontmatter before line ${line + 1}`,
              edits: [note.lines.edit(at, at, `${needsBreak ? eol : ''}---${eol}`)],
              safe: false,
            },
          ],
        },
      ];
    },
  },
  {
    code: 'duplicate-key',
    defaultSeverity: 'error',
    description: 'A frontmatter key appears more than once.',
    check: ({ note }) => {
      const fm = note.frontmatter;
      if (!fm) return [];
      const seen = new Map<string, FrontmatterField>();
      const out: Finding[] = [];
      for (const f of fm.fields) {
        const first = seen.get(f.key);
        if (!first) {
          seen.set(f.key, f);
          continue;
        }
        out.push({
          message: `Duplicate key '${f.key}' (first on line ${first.keySpan.range.start.line + 1}): only one of the values can count.`,
          span: f.keySpan,
          fixes: [],
        });
      }
      // Duplicates the parser saw but the field list could not show (in nested mappings).
      if (!out.length) {
        for (const e of fm.errors.filter((e) => e.code === 'DUPLICATE_KEY')) out.push({ message: 'Duplicate key: only one of the values can count.', span: e.span, fixes: [] });
      }
      return out;
    },
  },
  {
    code: 'missing-field',
    defaultSeverity: 'warning',
    description: 'A field that this note type requires is missing or empty.',
    check: (ctx) => {
      const { note, config } = ctx;
      const fm = note.frontmatter;
      const type = noteType(note);
      if (!fm || !fm.closed || !fm.isMapping || !type) return [];
      const required = config.requiredFields[type] ?? [];
      const typeField = field(note, 'type')!;
      const out: Finding[] = [];
      for (const key of required) {
        const f = field(note, key);
        // An empty `person` in a 1:1 has a rule of its own, with a better message.
        if (key === 'person' && type === 'people' && f) continue;
        if (f && !isEmptyValue(f)) continue;
        const derived = derivedValue(ctx, key);
        const fixes: Fix[] = [];
        if (derived !== undefined) {
          fixes.push({
            title: `Set ${key} to ${derived}`,
            edits: [f ? note.lines.edit(f.value.span.start, f.value.span.end, f.value.kind === 'empty' ? ` ${derived}` : derived) : insertField(note, key, derived)],
            isPreferred: true,
            safe: true,
          });
        }
        out.push({
          message: f ? `'${key}' is empty; notes of type '${type}' need it.` : `Missing '${key}': notes of type '${type}' need it.`,
          span: f ? f.keySpan : typeField.keySpan,
          fixes,
        });
      }
      return out;
    },
  },
  {
    code: 'field-type',
    defaultSeverity: 'warning',
    description: 'A field has the wrong kind of value, such as a list written as a string.',
    check: ({ note, config }) => {
      const out: Finding[] = [];
      for (const f of note.frontmatter?.fields ?? []) {
        if (config.listFields.includes(f.key)) {
          if (f.value.kind === 'scalar' && typeof f.value.value === 'string' && f.value.value.trim() !== '') {
            const names = f.value.value.split(',').map((s) => s.trim()).filter(Boolean);
            out.push({
              message: `'${f.key}' should be a list, but it is written as a string.`,
              span: f.value.span,
              fixes: [
                {
                  title: `Convert to a list of ${names.length} item${names.length === 1 ? '' : 's'}`,
                  edits: [note.lines.edit(f.value.span.start, f.value.span.end, listOfStrings(names))],
                  isPreferred: true,
                  safe: true,
                },
              ],
            });
          } else if (f.value.kind === 'map') {
            out.push({ message: `'${f.key}' should be a list, not a mapping.`, span: f.value.span, fixes: [] });
          }
        } else if ((f.value.kind === 'list' || f.value.kind === 'map') && SINGLE_VALUE_FIELDS.includes(f.key)) {
          out.push({ message: `'${f.key}' should be a single value, not a ${f.value.kind === 'list' ? 'list' : 'mapping'}.`, span: f.value.span, fixes: [] });
        }
      }
      return out;
    },
  },
  {
    code: 'date-format',
    defaultSeverity: 'warning',
    description: "The 'date' field is not a real date written YYYY-MM-DD.",
    check: ({ note }) => {
      const f = field(note, 'date');
      if (!f || f.value.kind !== 'scalar' || f.value.value === null || String(f.value.value).trim() === '') return [];
      const value = String(f.value.value).trim();
      if (isRealDate(value)) return [];
      const fixes: Fix[] = [];
      const loose = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(value);
      const normalized = loose ? `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}` : undefined;
      if (normalized && isRealDate(normalized)) {
        fixes.push({ title: `Write the date as ${normalized}`, edits: [replaceScalar(note, f.value, normalized)], isPreferred: true, safe: true });
      }
      const fromName = fileNameDate(note.fileName);
      if (fromName && fromName !== normalized) {
        fixes.push({ title: `Use the file name's date, ${fromName}`, edits: [replaceScalar(note, f.value, fromName)], safe: false });
      }
      const why = ISO_DATE.test(value) ? `'${value}' is not a real calendar date` : `'${value}' is not written YYYY-MM-DD`;
      return [{ message: `${why}.`, span: f.value.span, fixes }];
    },
  },
  {
    code: 'date-filename-mismatch',
    defaultSeverity: 'info',
    description: "The 'date' field differs from the date the file name starts with.",
    check: ({ note }) => {
      const f = field(note, 'date');
      const fromName = fileNameDate(note.fileName);
      if (!f || !fromName || f.value.kind !== 'scalar') return [];
      const value = String(f.value.value ?? '').trim();
      if (!isRealDate(value) || value === fromName) return [];
      return [
        {
          message: `The date ${value} differs from the file name's date ${fromName}.`,
          span: f.value.span,
          fixes: [{ title: `Set date to ${fromName}`, edits: [replaceScalar(note, f.value, fromName)], safe: false }],
        },
      ];
    },
  },
  {
    code: 'empty-person',
    defaultSeverity: 'warning',
    description: "A 1:1 note (type: people) has an empty 'person'.",
    check: (ctx) => {
      const { note } = ctx;
      if (noteType(note) !== 'people') return [];
      const f = field(note, 'person');
      if (!f || !isEmptyValue(f) || (f.value.kind !== 'scalar' && f.value.kind !== 'empty')) return [];
      const title = stringField(note, 'title');
      const fromTitle = title ? personFromTitle(title) : undefined;
      const name = fromTitle ? ctx.registry.lookup(fromTitle)?.name ?? fromTitle : undefined;
      return [
        {
          message: name
            ? `'person' is empty, but the title names ${name}.`
            : "'person' is empty: a 1:1 note should name the other person.",
          span: f.value.kind === 'empty' ? f.keySpan : f.value.span,
          fixes: name ? [{ title: `Set person to '${name}'`, edits: [replaceScalar(note, f.value, name)], isPreferred: true, safe: true }] : [],
        },
      ];
    },
  },
  {
    code: 'empty-tag-segment',
    defaultSeverity: 'warning',
    description: 'A tag has an empty segment, like "person/".',
    check: (ctx) => {
      const { note } = ctx;
      const f = field(note, 'tags');
      if (!f || f.value.kind !== 'list') return [];
      const out: Finding[] = [];
      // Looked up once, not once per tag: a list may hold thousands of "person/" tags.
      let person: string | undefined | null = null;
      for (const item of f.value.items) {
        if (typeof item.value !== 'string') continue;
        const tag = item.value.startsWith('#') ? item.value.slice(1) : item.value;
        // An empty segment: what `tag.split('/').some((seg) => seg === '')` finds.
        if (tag !== '' && !tag.startsWith('/') && !tag.endsWith('/') && !tag.includes('//')) continue;
        const fixes: Fix[] = [];
        if (tag === 'person/' && person === null) person = onePersonOf(ctx);
        if (tag === 'person/' && person && tagSlug(person)) {
          const completed = `${item.value.startsWith('#') ? '#' : ''}person/${tagSlug(person)}`;
          fixes.push({ title: `Change to '${completed}'`, edits: [replaceScalar(note, item, completed)], isPreferred: true, safe: true });
        }
        out.push({
          message: tag === 'person/' ? `The tag '${tag}' has no name after 'person/'.` : `The tag '${tag}' has an empty segment.`,
          span: item.span,
          fixes,
        });
      }
      return out;
    },
  },
  {
    code: 'type-tag-mismatch',
    defaultSeverity: 'warning',
    description: "A 'type/…' tag disagrees with the 'type' field.",
    check: ({ note }) => {
      const type = noteType(note);
      const f = field(note, 'tags');
      if (!type || !f || f.value.kind !== 'list') return [];
      const out: Finding[] = [];
      for (const item of f.value.items) {
        if (typeof item.value !== 'string') continue;
        const m = item.value.includes('type/') ? /^#?type\/(.+)$/u.exec(item.value) : null;
        if (!m || m[1] === type) continue;
        const fixed = `${item.value.startsWith('#') ? '#' : ''}type/${type}`;
        out.push({
          message: `The tag '${item.value}' says type '${m[1]}', but 'type' is '${type}'.`,
          span: item.span,
          fixes: [{ title: `Change to '${fixed}'`, edits: [replaceScalar(note, item, fixed)], isPreferred: true, safe: true }],
        });
      }
      return out;
    },
  },
  {
    code: 'placeholder-participant',
    defaultSeverity: 'warning',
    description: 'A participant is a placeholder the transcript left, like "Ravi (last name unknown)".',
    check: (ctx) => {
      const { note, registry } = ctx;
      return participantItems(note)
        .filter((item) => isPlaceholderName(String(item.value)))
        .map((item) => {
          const name = String(item.value);
          const likely = registry.likelyFor(name);
          return {
            message: likely.length
              ? `'${name}' is a placeholder name; probably ${likely.map((p) => p.name).join(' or ')}.`
              : `'${name}' is a placeholder name: replace it with the person's full name.`,
            span: item.span,
            fixes: likely.map((p, i) => ({
              title: `Replace with '${p.name}'`,
              edits: [replaceScalar(note, item, p.name)],
              isPreferred: i === 0 && likely.length === 1,
              safe: false,
            })),
          };
        });
    },
  },
  {
    code: 'unknown-participant',
    defaultSeverity: 'warning',
    description: 'A participant or the 1:1 person matches no known person or alias.',
    check: (ctx) => {
      const { note, registry } = ctx;
      if (!namesToCheck(ctx)) return [];
      const items = [...participantItems(note)];
      const person = field(note, 'person');
      if (person?.value.kind === 'scalar' && typeof person.value.value === 'string' && person.value.value.trim()) items.push(person.value);
      const out: Finding[] = [];
      for (const item of items) {
        const name = String(item.value);
        if (isPlaceholderName(name) || registry.isKnown(name)) continue;
        // suggest() reads only normalizeName(name), which unwrapping and trimming first leave as is.
        const suggestions = registry.suggest(name);
        out.push({
          message: unknownMessage(unwrapWikiLink(name).trim(), suggestions),
          span: item.span,
          fixes: personFixes(name, suggestions, (p) => [replaceScalar(note, item, /^\s*\[\[/u.test(name) ? `[[${p.name}]]` : p.name)]),
        });
      }
      return out;
    },
  },
  {
    code: 'unknown-mention',
    defaultSeverity: 'warning',
    description: 'A task @mention matches no known person or alias.',
    check: (ctx) => {
      const { note, registry } = ctx;
      if (!namesToCheck(ctx)) return [];
      const out: Finding[] = [];
      for (const task of note.tasks) {
        for (const m of task.assignees) {
          if (registry.isKnown(m.name) || isPlaceholderName(m.name)) continue;
          const suggestions = registry.suggest(m.name);
          out.push({
            message: unknownMessage(`@${m.name}`, suggestions),
            span: m.span,
            fixes: personFixes(m.name, suggestions, (p) => [note.lines.edit(m.span.start, m.span.end, mentionText(p.name))]),
          });
        }
      }
      return out;
    },
  },
  {
    code: 'no-registry',
    defaultSeverity: 'hint',
    description: 'There are no person notes and no configured people, so names cannot be checked.',
    check: (ctx) => {
      const { note } = ctx;
      if (!ctx.registry.isEmpty) return [];
      const names = participantItems(note).filter((i) => !isPlaceholderName(String(i.value)));
      const mentions = note.tasks.flatMap((t) => t.assignees).filter((m) => normalizeName(m.name) !== normalizeName(MYSELF));
      if (!names.length && !mentions.length) return [];
      const anchor = field(note, 'participants')?.keySpan ?? mentions[0]!.span;
      return [
        {
          message: `No people registry yet: ${names.length + mentions.length} name${names.length + mentions.length === 1 ? '' : 's'} in this note cannot be checked. Create person notes (type: person) or set meetingNotes.people.`,
          span: anchor,
          fixes: names.slice(0, 1).map((n) => ({
            title: `Create a person note for '${String(n.value)}'`,
            edits: [],
            safe: false,
            action: { kind: 'createPersonNote' as const, name: unwrapWikiLink(String(n.value)).trim() },
          })),
        },
      ];
    },
  },
  {
    code: 'unknown-task-status',
    defaultSeverity: 'warning',
    description: 'A task uses a status character that is not configured.',
    check: ({ note, config }) => {
      const out: Finding[] = [];
      for (const t of note.tasks) {
        if (t.status !== 'unknown') continue;
        out.push({
          message: `Unknown task status '[${t.statusChar}]'. Known: ${Object.keys(config.taskStatuses).map((c) => `[${c}]`).join(' ')}.`,
          span: t.statusSpan,
          fixes: [],
        });
      }
      return out;
    },
  },
  {
    code: 'invalid-task-date',
    defaultSeverity: 'warning',
    description: 'A task date field (📅 ⏳ 🛫 ➕ ✅ ❌) holds a date that does not exist.',
    check: ({ note }) => {
      const out: Finding[] = [];
      for (const t of note.tasks) {
        for (const d of t.dates) if (!isRealDate(d.date)) out.push({ message: `'${d.date}' is not a real date.`, span: d.span, fixes: [] });
      }
      return out;
    },
  },
  {
    code: 'proposed-without-tag',
    defaultSeverity: 'info',
    description: 'A proposed task ([?]) lacks the #proposed tag.',
    check: ({ note }) => {
      const out: Finding[] = [];
      for (const t of note.tasks) {
        if (t.status !== 'proposed' || t.tags.some(isProposedTag)) continue;
        const at = appendPoint(note, t);
        out.push({
          message: 'This proposal has no #proposed tag, so other tools will not see it as a proposal.',
          span: t.statusSpan,
          fixes: [{ title: 'Add #proposed', edits: [note.lines.edit(at, at, ' #proposed')], isPreferred: true, safe: true }],
        });
      }
      return out;
    },
  },
  {
    code: 'proposed-tag-mismatch',
    defaultSeverity: 'info',
    description: 'A task carries #proposed but its status is not [?].',
    check: ({ note }) => {
      const out: Finding[] = [];
      for (const t of note.tasks) {
        if (t.status === 'proposed') continue;
        for (const tag of t.tags) {
          if (!isProposedTag(tag)) continue;
          out.push({
            message: `This task is [${t.statusChar}] but still tagged #proposed.`,
            span: tag.span,
            fixes: [
              { title: 'Remove #proposed', edits: [removeTag(note, t, tag)], isPreferred: true, safe: true },
              { title: 'Make it a proposal again ([?])', edits: [note.lines.edit(t.statusSpan.start, t.statusSpan.end, '?')], safe: false },
            ],
          });
        }
      }
      return out;
    },
  },
  {
    code: 'too-deep',
    defaultSeverity: 'warning',
    description: 'Lists or block quotes nest too deeply for the note to be read.',
    check: ({ note }) => {
      const line = tooDeepLine(note);
      if (line === undefined) return [];
      return [
        {
          message: `Lists or block quotes nest more than ${MAX_NESTING} levels deep (from line ${line + 1}), so this note's tasks, headings, links and With names are not read.`,
          span: note.lines.span(0, note.lines.lineEnd(0)),
          fixes: [],
        },
      ];
    },
  },
];

export type RuleCode = (typeof RULES)[number]['code'];
export const RULE_CODES: readonly string[] = RULES.map((r) => r.code);

const DEFAULT_SEVERITY = new Map<string, Severity>(RULES.map((r) => [r.code, r.defaultSeverity]));

export function severityOf(code: string, config: Pick<MeetingNotesConfig, 'rules'>): Severity | 'off' {
  return config.rules[code] ?? DEFAULT_SEVERITY.get(code) ?? 'warning';
}

/** Runs every enabled rule on a note. Issues come sorted by position. */
export function checkNote(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  for (const rule of RULES) {
    const severity = severityOf(rule.code, ctx.config);
    if (severity === 'off') continue;
    for (const { message, span, fixes } of rule.check(ctx)) issues.push({ code: rule.code, severity, message, span, fixes });
  }
  return issues.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * The edits of every issue's first safe fix, skipping a fix that touches text an earlier one already
 * changes (the next run picks it up). What "fix all" and `check --fix` apply.
 *
 * An edit e touches a taken edit t when they overlap (e.start < t.end && t.start < e.end) or start at
 * the same offset. The first test is "the largest end among taken edits that start before e.end is
 * past e.start": a prefix maximum over starts, kept in a Fenwick tree, so n edits cost O(n log n).
 */
export function safeFixEdits(issues: readonly Issue[]): { edits: TextEdit[]; fixed: number } {
  const candidates: Fix[] = [];
  for (const issue of issues) {
    const fix = issue.fixes.find((f) => f.safe && f.edits.length);
    if (fix) candidates.push(fix);
  }
  const starts = [...new Set(candidates.flatMap((f) => f.edits.map((e) => e.start)))].sort((a, b) => a - b);
  /** How many distinct starts are below `offset`. */
  const rank = (offset: number): number => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  // maxEnd[i] (1-based) holds the largest end of taken edits over a Fenwick range of start ranks.
  const maxEnd = new Array<number>(starts.length + 1).fill(-Infinity);
  const largestEndStartingBefore = (offset: number): number => {
    let best = -Infinity;
    for (let i = rank(offset); i > 0; i -= i & -i) best = Math.max(best, maxEnd[i]!);
    return best;
  };
  const take = (e: TextEdit): void => {
    for (let i = rank(e.start) + 1; i <= starts.length; i += i & -i) maxEnd[i] = Math.max(maxEnd[i]!, e.end);
  };
  const takenStarts = new Set<number>();

  const edits: TextEdit[] = [];
  let fixed = 0;
  for (const fix of candidates) {
    const overlaps = fix.edits.some((e) => takenStarts.has(e.start) || largestEndStartingBefore(e.end) > e.start);
    if (overlaps) continue;
    for (const e of fix.edits) {
      take(e);
      takenStarts.add(e.start);
    }
    edits.push(...fix.edits);
    fixed++;
  }
  return { edits, fixed };
}
