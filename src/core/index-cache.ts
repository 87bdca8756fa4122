import type { MeetingNotesConfig, Severity, TaskStatusKind } from './config';
import { textHash, type IndexedNote, type IssueInfo, type TaskInfo } from './indexed-note';
import type { DateFieldKind, PriorityLevel } from './note';
import { fileNameOf } from './parse-note';
import type { Person } from './people';
import type { RuleCode } from './rules';

/**
 * A persisted index: what the NoteIndex kept of each note, keyed by the file's identity (path, size,
 * modification time), so that an unchanged vault starts without reading or parsing a note. Pure: the
 * CLI and the extension read and write the file.
 *
 * Any change to `IndexedNote`, the parser or the rules must bump CACHE_FORMAT: an old cache is then
 * ignored and rebuilt, never trusted.
 */
export const CACHE_FORMAT = 10;
const TOOL = 'meeting-notes';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface CacheEntry extends FileStamp {
  record: IndexedNote;
}

/**
 * The file is lines of JSON: this head first, then one `[uri, entry]` line per note, then the table of
 * strings (`{"strings": [...]}`) last, as it is complete only once every entry is encoded. Read a line
 * at a time, an entry's arrays are garbage as soon as it is decoded, never a whole file's worth of it.
 */
interface CacheHead {
  tool: typeof TOOL;
  format: number;
  /** The extension or CLI version that wrote it: a new version may parse or check differently. */
  version: string;
  settings: string;
  /**
   * The names and aliases of the people the findings were checked against. It can differ from the
   * person notes among the entries (a person note that was unsaved or untitled then): on restore, the
   * notes whose people that changes are checked again.
   */
  people: [name: string, aliases: string[]][];
}

// On disk, records are positional arrays: a vault of ten thousand notes is read at every start, and
// half its size would be the same keys repeated. The uri is the entry's key and gives the file name.
// Every string an entry holds is a number into one table of distinct strings: a vault repeats its
// names, tags, statuses and messages thousands of times (10,000 notes: 535,000 strings, 95,000
// distinct), and a warm start then parses and keeps each once. -1 stands for "none".
type Ref = number;
type EncodedTask = [
  line: number,
  column: number,
  statusChar: Ref,
  status: Ref,
  textHash: Ref,
  description: Ref,
  assignees: Ref[],
  priority: Ref,
  dates: Ref[],
  tags: Ref[],
  heading: Ref,
  parent: number,
];
type EncodedIssue = [code: Ref, severity: Ref, message: Ref, startLine: number, startCharacter: number, endLine: number, endCharacter: number, fixable: 0 | 1];
type EncodedEntry = [
  size: number,
  mtimeMs: number,
  textKey: Ref,
  type: Ref,
  title: Ref,
  meetingDate: Ref,
  names: Ref[],
  otherNames: Ref[],
  person: IndexedNote['person'] | 0,
  tags: Ref[],
  tasks: EncodedTask[],
  issues: EncodedIssue[],
  links: Ref[],
  linksChecked: Ref,
];

/** Each distinct string once, by number. */
class StringTable {
  readonly strings: string[] = [];
  private readonly refs = new Map<string, Ref>();

  ref(s: string): Ref {
    let r = this.refs.get(s);
    if (r === undefined) {
      r = this.strings.length;
      this.strings.push(s);
      this.refs.set(s, r);
    }
    return r;
  }

  optional(s: string | undefined): Ref {
    return s === undefined ? -1 : this.ref(s);
  }

  all(list: readonly string[]): Ref[] {
    return list.map((s) => this.ref(s));
  }
}

/** Thrown while decoding anything that is not what this format writes: the whole cache is then ignored. */
class Malformed extends Error {}

/** One empty list for every empty list a cache holds. */
const EMPTY: readonly never[] = Object.freeze([]);

// What StringRefs makes of a list of strings the first time it meets it (functions made once: a
// warm start decodes some hundred thousand lists).
const frozenList = (strings: string[]): readonly string[] => Object.freeze(strings);

function datePairs(flat: string[]): TaskInfo['dates'] {
  const pairs: TaskInfo['dates'][number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push(Object.freeze({ kind: flat[i] as DateFieldKind, date: flat[i + 1]! }));
  return Object.freeze(pairs);
}

/** The decoding side: a number back to its string, checking everything a corrupt file could get wrong. */
class StringRefs {
  /** Lists decoded once and shared (tasks repeat their tags, assignees and dates): fewer objects to keep. */
  private readonly lists = new Map<string | number, readonly string[]>();
  private readonly dateLists = new Map<string | number, TaskInfo['dates']>();

  constructor(private readonly strings: readonly string[]) {}

  /** A list nothing changes, shared with every equal one. */
  shared(list: unknown): readonly string[] {
    return this.interned(this.lists, list, frozenList);
  }

  /** Task dates, `[kind, date, kind, date…]` on disk, shared as lists are. */
  dates(list: unknown): TaskInfo['dates'] {
    return this.interned(this.dateLists, list, datePairs);
  }

  /** The value `make` gives for a list of string numbers, made once per distinct list; the empty list is EMPTY. */
  private interned<T>(memo: Map<string | number, T>, list: unknown, make: (strings: string[]) => T): T | typeof EMPTY {
    if (!Array.isArray(list)) throw new Malformed();
    if (list.length === 0) return EMPTY;
    for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'number') throw new Malformed(); // keys are lists of numbers only
    // Most lists hold one string: its number is the key, with no string to build.
    const key: string | number = list.length === 1 ? (list[0] as number) : list.join(',');
    let out = memo.get(key);
    if (out === undefined) {
      out = make(this.all(list));
      memo.set(key, out);
    }
    return out;
  }

  str(r: unknown): string {
    if (typeof r !== 'number' || !Number.isInteger(r) || !(r >= 0 && r < this.strings.length)) throw new Malformed();
    return this.strings[r]!;
  }

  optional(r: unknown): string | undefined {
    return r === -1 ? undefined : this.str(r);
  }

  all(list: unknown): string[] {
    if (!Array.isArray(list)) throw new Malformed();
    return list.map((r) => this.str(r));
  }
}

const num = (v: unknown): number => {
  if (typeof v !== 'number') throw new Malformed();
  return v;
};

const tuple = (v: unknown, length: number): unknown[] => {
  if (!Array.isArray(v) || v.length !== length) throw new Malformed();
  return v as unknown[];
};

function encodeTask(t: TaskInfo, table: StringTable): EncodedTask {
  const dates: Ref[] = [];
  for (const d of t.dates) dates.push(table.ref(d.kind), table.ref(d.date));
  return [t.line, t.column, table.ref(t.statusChar), table.ref(t.status), table.ref(t.textHash), table.ref(t.description), table.all(t.assignees), table.optional(t.priority), dates, table.all(t.tags), table.optional(t.heading), t.parent ?? -1];
}

// The decoders index their tuples rather than destructure them: destructuring goes through the
// array iterator, a measurable part of a warm start's decoding.
function decodeTask(v: unknown, refs: StringRefs): TaskInfo {
  const t = tuple(v, 12);
  const parent = num(t[11]);
  return {
    line: num(t[0]),
    column: num(t[1]),
    statusChar: refs.str(t[2]),
    status: refs.str(t[3]) as TaskStatusKind | 'unknown',
    textHash: refs.str(t[4]),
    description: refs.str(t[5]),
    assignees: refs.shared(t[6]),
    priority: refs.optional(t[7]) as PriorityLevel | undefined,
    dates: refs.dates(t[8]),
    tags: refs.shared(t[9]),
    heading: refs.optional(t[10]),
    parent: parent === -1 ? undefined : parent,
  };
}

function encodeIssue(i: IssueInfo, table: StringTable): EncodedIssue {
  const { start, end } = i.range;
  return [table.ref(i.code), table.ref(i.severity), table.ref(i.message), start.line, start.character, end.line, end.character, i.fixable ? 1 : 0];
}

function decodeIssue(v: unknown, refs: StringRefs): IssueInfo {
  const i = tuple(v, 8);
  return {
    code: refs.str(i[0]) as RuleCode,
    severity: refs.str(i[1]) as Severity,
    message: refs.str(i[2]),
    range: { start: { line: num(i[3]), character: num(i[4]) }, end: { line: num(i[5]), character: num(i[6]) } },
    fixable: i[7] === 1,
  };
}

function encodeEntry(entry: CacheEntry, table: StringTable): EncodedEntry {
  const r = entry.record;
  return [
    entry.size,
    entry.mtimeMs,
    table.ref(r.textKey),
    table.optional(r.type),
    table.optional(r.title),
    table.optional(r.meetingDate),
    table.all(r.names),
    table.all(r.otherNames),
    r.person ?? 0,
    table.all(r.tags),
    r.tasks.map((t) => encodeTask(t, table)),
    (r.issues ?? []).map((i) => encodeIssue(i, table)),
    table.all(r.links),
    table.ref(r.linksChecked),
  ];
}

const isPerson = (v: unknown): v is Person => isObject(v) && typeof v.name === 'string' && isStrings(v.aliases);

function decodeEntry(uri: string, v: unknown, refs: StringRefs): CacheEntry {
  const e = tuple(v, 14);
  const person = e[8];
  const tasks = e[10];
  const issues = e[11];
  if (person !== 0 && !isPerson(person)) throw new Malformed();
  if (!Array.isArray(tasks) || !Array.isArray(issues)) throw new Malformed();
  const decodedTasks: TaskInfo[] = [];
  for (let i = 0; i < tasks.length; i++) decodedTasks.push(decodeTask(tasks[i], refs));
  const decodedIssues: IssueInfo[] = [];
  for (let i = 0; i < issues.length; i++) decodedIssues.push(decodeIssue(issues[i], refs));
  return {
    size: num(e[0]),
    mtimeMs: num(e[1]),
    record: {
      uri,
      fileName: fileNameOf(uri),
      textKey: refs.str(e[2]),
      type: refs.optional(e[3]),
      title: refs.optional(e[4]),
      meetingDate: refs.optional(e[5]),
      names: refs.shared(e[6]),
      otherNames: refs.shared(e[7]),
      person: person === 0 ? undefined : person,
      tags: refs.shared(e[9]),
      tasks: decodedTasks.length ? decodedTasks : EMPTY,
      issues: decodedIssues,
      links: refs.shared(e[12]),
      linksChecked: refs.str(e[13]),
    },
  };
}

/** The settings that change what is read, parsed or found. Exclusions and the status bar change nothing kept. */
export function resultSettingsKey(config: MeetingNotesConfig): string {
  const { taskStatuses, rules, requiredFields, listFields, people, owner, maxFileSize } = config;
  return textHash(JSON.stringify({ taskStatuses, rules, requiredFields, listFields, people, owner, maxFileSize }));
}

/**
 * The cache file's text. Entries are by note uri; only checked records belong in a cache. `people`
 * are the person notes the entries' findings were checked against (all of the index's, saved or not).
 */
export function serializeCache(version: string, config: MeetingNotesConfig, entries: Map<string, CacheEntry>, people: Iterable<Person>): string {
  return [...cacheParts(version, config, entries, people)].join('');
}

/**
 * The cache file's text a part at a time (a part per `chunk` entries), so that a vault of a hundred
 * thousand notes is never one string: the head, the entries as they are encoded, and the table of
 * strings they refer to last. See CacheHead for the layout.
 */
export function* cacheParts(version: string, config: MeetingNotesConfig, entries: Map<string, CacheEntry>, people: Iterable<Person>, chunk = 500): Generator<string> {
  const table = new StringTable();
  const checkedAgainst = [...people].map((p): [string, string[]] => [p.name, [...p.aliases]]);
  const head: CacheHead = { tool: TOOL, format: CACHE_FORMAT, version, settings: resultSettingsKey(config), people: checkedAgainst };
  yield `${asciiJson(JSON.stringify(head))}\n`;
  let part = '';
  let count = 0;
  for (const [uri, entry] of entries) {
    part += `${asciiJson(JSON.stringify([uri, encodeEntry(entry, table)]))}\n`;
    if (++count >= chunk) {
      yield part;
      part = '';
      count = 0;
    }
  }
  if (part) yield part;
  yield `{"strings":${asciiJson(JSON.stringify(table.strings))}}\n`;
}

/**
 * Printable ASCII only (JSON escapes control characters; the rest become \u escapes): the file is
 * then read without UTF-8 decoding, and parses into compact one-byte strings.
 */
function asciiJson(json: string): string {
  return json.replace(/[^ -~]/gu, (c) => {
    let escaped = '';
    for (let i = 0; i < c.length; i++) escaped += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export type CacheReadResult = { entries: Map<string, CacheEntry>; checkedAgainst: Person[] } | { ignored: string };

/** A person as far as the people rules see one: name and aliases. */
function checkedPerson(name: string, aliases: string[]): Person {
  return { name, aliases, role: undefined, org: undefined, email: undefined, uri: undefined, source: 'note' };
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Reads a cache file's text. Anything not written by this format, this version and these settings
 * (corrupt, truncated, foreign, stale) is ignored with a reason, never trusted.
 */
export function parseCache(text: string, version: string, config: MeetingNotesConfig): CacheReadResult {
  const steps = readCacheInSteps(text, version, config);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * parseCache a few entries at a time: each `next()` decodes up to `step` more entries, and the
 * generator returns what parseCache returns. The editor reads a large cache so, yielding to the
 * extension host between steps.
 */
export function* readCacheInSteps(text: string, version: string, config: MeetingNotesConfig, step = 100): Generator<void, CacheReadResult> {
  const headEnd = text.indexOf('\n');
  const head = headEnd < 0 ? parseJson(text) : parseJson(text.slice(0, headEnd));
  if (head === undefined) return { ignored: 'not valid (corrupt or truncated)' };
  if (!isObject(head) || head.tool !== TOOL) return { ignored: 'not a Meeting Notes cache' };
  if (head.format !== CACHE_FORMAT) return { ignored: `format ${String(head.format)}, expected ${CACHE_FORMAT}` };
  if (head.version !== version) return { ignored: `written by version ${String(head.version)}` };
  if (head.settings !== resultSettingsKey(config)) return { ignored: 'written with other settings' };
  const people = head.people;
  if (!Array.isArray(people) || !people.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && isStrings(p[1]))) {
    return { ignored: 'no people list' };
  }
  // The table of strings is the last line: a file cut short has none.
  if (!text.endsWith('\n')) return { ignored: 'not valid (corrupt or truncated)' };
  const tableStart = text.lastIndexOf('\n', text.length - 2) + 1;
  const table = tableStart > headEnd ? parseJson(text.slice(tableStart)) : undefined;
  if (!isObject(table) || !isStrings(table.strings)) return { ignored: 'no string table' };
  const refs = new StringRefs(table.strings);
  const entries = new Map<string, CacheEntry>();
  let sinceYield = 0;
  for (let start = headEnd + 1; start < tableStart; ) {
    if (++sinceYield > step) {
      sinceYield = 1;
      yield;
    }
    const end = text.indexOf('\n', start);
    const line = parseJson(text.slice(start, end));
    start = end + 1;
    const uri = Array.isArray(line) && line.length === 2 && typeof line[0] === 'string' ? line[0] : undefined;
    try {
      if (uri === undefined) throw new Malformed();
      entries.set(uri, decodeEntry(uri, (line as unknown[])[1], refs));
    } catch (e) {
      if (e instanceof Malformed) return { ignored: `a malformed entry (${uri ?? `line ${text.slice(0, start).split('\n').length - 1}`})` };
      throw e;
    }
  }
  return { entries, checkedAgainst: (people as [string, string[]][]).map(([name, aliases]) => checkedPerson(name, aliases)) };
}

/**
 * How long after its modification a file's stamp is trusted. Modification times are only as fine as
 * the file system keeps them (2 s on FAT, 1 s on HFS+, a clock tick elsewhere): a file read within
 * that long of its last change may change again, same size, and keep its stamp. Such a file gets no
 * cache entry and is read again next time (as git treats a "racily clean" file).
 */
export const STAMP_SETTLE_MS = 2000;

/** The stamp to keep for a file read at `readStartedMs`, or undefined when it is too fresh to trust. */
export function settledStamp(stamp: FileStamp, readStartedMs: number): FileStamp | undefined {
  return readStartedMs - stamp.mtimeMs >= STAMP_SETTLE_MS ? { size: stamp.size, mtimeMs: stamp.mtimeMs } : undefined;
}

/** Whether a file is as it was when its entry was written. */
export function sameStamp(entry: FileStamp, stamp: FileStamp): boolean {
  return entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs;
}
