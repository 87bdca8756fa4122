import { isWhitespaceCode } from './text';
import type { FrontmatterField, Mention, NameRef, Note, ScalarValue } from './note';

// What a note says about itself, computed in one place: its dates, its title and the 1:1 person the
// title names, and the names it holds. The rules, the index and the edits read these.

// ---------------------------------------------------------------------------------------------------
// Dates

/** `YYYY-MM-DD`, whether or not the day exists. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

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

// ---------------------------------------------------------------------------------------------------
// The 1:1 person a title names

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

// ---------------------------------------------------------------------------------------------------
// Fields

/**
 * Each frontmatter's fields by key (the first occurrence), built once: rules look fields up per list
 * item, and a frontmatter may hold tens of thousands of keys.
 */
const fieldsByKey = new WeakMap<readonly FrontmatterField[], Map<string, FrontmatterField>>();

/** A frontmatter field by key: its first occurrence. */
export function field(note: Note, key: string): FrontmatterField | undefined {
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

/** A scalar field's value as a trimmed string; undefined when absent, empty, or not a scalar. */
export function stringField(note: Note, key: string): string | undefined {
  const f = field(note, key);
  if (!f || f.value.kind !== 'scalar' || f.value.value === null) return undefined;
  const s = String(f.value.value).trim();
  return s === '' ? undefined : s;
}

/** A list field's items as strings (a null item as ''), or a scalar's single value. */
export function listField(note: Note, key: string): string[] {
  const f = field(note, key);
  if (!f) return [];
  if (f.value.kind === 'list') return f.value.items.map((i) => (i.value === null ? '' : String(i.value)));
  if (f.value.kind === 'scalar' && f.value.value !== null) return [String(f.value.value)];
  return [];
}

export function noteType(note: Note): string | undefined {
  return stringField(note, 'type');
}

// ---------------------------------------------------------------------------------------------------
// Title

/** A file name without its markdown extension. */
export function fileStem(fileName: string): string {
  return fileName.replace(/\.(?:md|markdown)$/iu, '');
}

/** What a note is called: its `title`, else its file name without the extension. */
export function noteTitle(note: { title: string | undefined; fileName: string }): string {
  return note.title ?? fileStem(note.fileName);
}

/**
 * The title a note goes by in the tree, the status bar and the CLI: its `title` field, or, when the
 * frontmatter has a YAML error, its first H1 (undefined: the file name, as `noteTitle` falls back).
 * A broken frontmatter's values cannot be trusted: `title: "Platform sync` with no closing quote reads
 * as "Platform syn".
 */
export function shownTitle(note: Note): string | undefined {
  const fm = note.frontmatter;
  const broken = !!fm && (!fm.closed || fm.errors.some((e) => e.code !== 'DUPLICATE_KEY'));
  if (!broken) return titleField(note);
  const h1 = note.headings.find((h) => h.depth === 1)?.text.trim();
  return h1 || undefined;
}

/** The `title` field of a note. */
export function titleField(note: Note): string | undefined {
  return stringField(note, 'title');
}

/** The person a 1:1 note's title names ("Ann Lee 1:1 - …"), as written. */
export function titlePerson(note: Note): string | undefined {
  const title = titleField(note);
  return title ? personFromTitle(title) : undefined;
}

/** The meeting date of a note: its `date` field when it is a real date, else the file name's date. */
export function meetingDateOf(note: Note): string | undefined {
  const d = stringField(note, 'date');
  if (d && isRealDate(d)) return d;
  return fileNameDate(note.fileName);
}

// ---------------------------------------------------------------------------------------------------
// Names

/** Every name a note holds, by where it stands. */
export interface NoteNames {
  /** The items of the `participants` list that hold a name (a string with more than blanks), with their spans. */
  participantItems: ScalarValue[];
  /** The 1:1 `person`, when it holds a name, with its span. */
  personValue: ScalarValue | undefined;
  /** The person the title names (a 1:1's "Ann Lee 1:1 - …"). */
  titlePerson: string | undefined;
  /** The names on the `**With**:` line. */
  withNames: readonly NameRef[];
  /** The tasks' @mentions. */
  mentions: Mention[];
  /**
   * The note's people as written, what the index keeps and hovers count: every `participants` item
   * (or the one string a list was written as) and the trimmed `person`.
   */
  written: string[];
  /** The other names the people rules look up (With line, mentions, the title's person), without those in `written`. */
  others: string[];
}

// The last note asked about: the index and the rules ask for one note's names several times in a row.
// (Not a WeakMap: entries keyed by short-lived notes kept them alive through young-generation GCs.)
let lastNote: Note | undefined;
let lastNames: NoteNames | undefined;

/** The names in a note, worked out once per note. */
export function noteNames(note: Note): NoteNames {
  if (note === lastNote && lastNames) return lastNames;
  const participants = field(note, 'participants');
  const participantItems =
    participants?.value.kind === 'list' ? participants.value.items.filter((i) => typeof i.value === 'string' && i.value.trim() !== '') : [];
  const person = field(note, 'person');
  const personValue = person?.value.kind === 'scalar' && typeof person.value.value === 'string' && person.value.value.trim() ? person.value : undefined;
  const written = listField(note, 'participants');
  const onePerson = stringField(note, 'person');
  if (onePerson) written.push(onePerson);
  const mentions = note.tasks.flatMap((t) => t.assignees);
  const fromTitle = titlePerson(note);
  const others = new Set<string>();
  for (const n of note.withNames) others.add(n.name);
  for (const m of mentions) others.add(m.name);
  if (fromTitle) others.add(fromTitle);
  for (const n of written) others.delete(n);
  const names: NoteNames = { participantItems, personValue, titlePerson: fromTitle, withNames: note.withNames, mentions, written, others: [...others] };
  lastNote = note;
  lastNames = names;
  return names;
}
