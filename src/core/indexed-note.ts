import type { Severity, TaskStatusKind } from './config';
import type { DateFieldKind, Note, PriorityLevel, Task } from './note';
import { listField, meetingDateOf, noteNames, shownTitle, stringField } from './note-facts';
import { personFromNote, type Person } from './people';
import type { Issue, RuleCode } from './rules';
import type { Range } from './text';

/**
 * What the index keeps of a note: enough for the task tree, the status bar, hovers' summaries, the
 * registry and the diagnostics, and nothing that grows with the note's prose. A full `Note` (text, line
 * table, spans) is parsed again from the open document or the disk when an edit or a fix needs it.
 * Plain data, so that it can be cached across starts as JSON.
 */
export interface IndexedNote {
  uri: string;
  fileName: string;
  /** Length and hash of the file's text: tells a changed text from the same one without keeping it. */
  textKey: string;
  type: string | undefined;
  /** The `title` field. */
  title: string | undefined;
  /** The `date` field when it is a real date, else the file name's date. */
  meetingDate: string | undefined;
  /** The `participants` and the 1:1 `person`, as written. */
  names: readonly string[];
  /**
   * The other names the people rules look up in this note (mentions, the With line, a 1:1 title's
   * person): with `names`, whatever changes their lookup changes the note's findings.
   */
  otherNames: readonly string[];
  /** Set when this is a person note. */
  person: Person | undefined;
  /** The frontmatter's `tags`, without a leading `#` (what completion offers besides the tasks' tags). */
  tags: readonly string[];
  tasks: readonly TaskInfo[];
  /** Undefined until the note has been checked against the current registry and settings. */
  issues: IssueInfo[] | undefined;
  /** The link keys its links and `source_ref` look up (see `linkKey`): a file added or removed under one of them may change its findings. */
  links: readonly string[];
  /** What the vault's files answered for those keys when the note was checked (`VaultFiles.answersFor`). */
  linksChecked: string;
}

export interface TaskInfo {
  line: number;
  /** Where the task's text starts on its line (UTF-16 column). */
  column: number;
  statusChar: string;
  status: TaskStatusKind | 'unknown';
  /**
   * A hash of what follows `[c] ` on the line: enough to find the task again before an edit, without
   * keeping its text (the edit reads the note anyway).
   */
  textHash: string;
  /** The text with tags, mentions, priority and date fields taken out. */
  description: string;
  /** Assignees as written, `[[…]]` removed. */
  assignees: readonly string[];
  priority: PriorityLevel | undefined;
  dates: readonly { kind: DateFieldKind; date: string }[];
  /** Without the `#`. */
  tags: readonly string[];
  heading: string | undefined;
  parent: number | undefined;
}

export interface IssueInfo {
  code: RuleCode;
  severity: Severity;
  message: string;
  range: Range;
  /** Whether a fix exists; the fix itself is computed again from the note's text when asked for. */
  fixable: boolean;
}

/**
 * A 53-bit hash of a string (cyrb53): with the length, what tells one text from another. Not
 * cryptographic; a collision would make the index keep a stale note until its next change.
 */
export function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return base36(2097151 & h2, h1 >>> 0);
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `(high * 2 ** 32 + low).toString(36)` for high < 2 ** 21: digit by digit in exact integer
 * arithmetic, about six times the speed of Number#toString(36), which goes through doubles.
 */
export function base36(high: number, low: number): string {
  let out = '';
  do {
    const highRest = high % 36;
    high = (high - highRest) / 36;
    const rest = highRest * 4294967296 + low; // < 36 * 2 ** 32: exact
    low = Math.floor(rest / 36);
    out = DIGITS[rest - low * 36]! + out;
  } while (high > 0 || low > 0);
  return out;
}

/** The key of a note's text. A BOM does not count: an editor shows the same text without it. */
export function textKeyOf(fileText: string): string {
  const text = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
  return `${text.length}:${textHash(text)}`;
}

/**
 * A string of its own. A slice of a note's text can keep the whole text alive in the engine, and what
 * the index keeps must not keep texts: concatenating and slicing again makes a fresh copy.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Keeps one copy of each short string the index holds many times (tags, assignees, headings,
 * participants, messages), and makes every other string its own.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  get(s: string): string {
    if (s.length > 64) return own(s);
    let kept = this.pool.get(s);
    if (kept === undefined) this.pool.set((kept = own(s)), kept);
    return kept;
  }

  all(list: readonly string[]): readonly string[] {
    return list.length ? list.map((s) => this.get(s)) : NONE;
  }
}

function taskInfo(task: Task, pool: StringPool): TaskInfo {
  return {
    line: task.line,
    column: task.textSpan.range.start.character,
    statusChar: task.statusChar,
    status: task.status,
    textHash: textHash(task.text),
    description: own(task.description),
    assignees: pool.all(task.assignees.map((m) => m.name)),
    priority: task.priority?.level,
    dates: task.dates.length ? task.dates.map((d) => ({ kind: d.kind, date: pool.get(d.date) })) : NONE,
    tags: pool.all(task.tags.map((t) => t.name)),
    heading: task.heading === undefined ? undefined : pool.get(task.heading),
    parent: task.parent,
  };
}

export function issueInfo(issue: Issue, pool: StringPool = new StringPool()): IssueInfo {
  const { start, end } = issue.span.range;
  return {
    code: issue.code,
    severity: issue.severity,
    message: pool.get(issue.message),
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
    fixable: issue.fixes.length > 0,
  };
}

export { meetingDateOf } from './note-facts';

/** The frontmatter `tags` (a list, or one string of tags), each once, without `#`. */
function frontmatterTags(note: Note, pool: StringPool): readonly string[] {
  const tags = new Set<string>();
  for (const value of listField(note, 'tags')) {
    for (const word of value.split(/[\s,]+/u)) {
      const tag = word.startsWith('#') ? word.slice(1) : word;
      if (tag) tags.add(tag);
    }
  }
  return tags.size ? pool.all([...tags]) : NONE;
}

/** What the index keeps of a parsed note: plain data, with no string that keeps the note's text alive. */
export function indexedNote(note: Note, textKey: string, issues: Issue[] | undefined, pool: StringPool = new StringPool()): IndexedNote {
  const { written: names, others } = noteNames(note);
  const type = stringField(note, 'type');
  const title = shownTitle(note);
  const meetingDate = meetingDateOf(note);
  const person = personFromNote(note);
  return {
    uri: note.uri,
    fileName: own(note.fileName),
    textKey,
    type: type === undefined ? undefined : pool.get(type),
    title: title === undefined ? undefined : own(title),
    meetingDate: meetingDate === undefined ? undefined : pool.get(meetingDate),
    names: pool.all(names),
    otherNames: pool.all(others),
    person: person && {
      ...person,
      name: own(person.name),
      aliases: [...pool.all(person.aliases)],
      role: person.role && own(person.role),
      org: person.org && own(person.org),
      email: person.email && own(person.email),
    },
    tags: frontmatterTags(note, pool),
    tasks: note.tasks.length ? note.tasks.map((t) => taskInfo(t, pool)) : NONE,
    issues: issues?.map((i) => issueInfo(i, pool)),
    links: NONE,
    linksChecked: '',
  };
}

export function isPersonNote(note: Pick<IndexedNote, 'type'> | undefined): boolean {
  return note?.type?.toLowerCase() === 'person';
}
