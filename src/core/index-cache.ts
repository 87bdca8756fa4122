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
export const CACHE_FORMAT = 4;
const TOOL = 'meeting-notes';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface CacheEntry extends FileStamp {
  record: IndexedNote;
}

interface CacheFile {
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
  /** By the note's uri. */
  entries: Record<string, EncodedEntry>;
}

// On disk, records are positional arrays: a vault of ten thousand notes is read at every start, and
// half its size would be the same keys repeated. The uri is the entry's key and gives the file name.
type EncodedTask = [
  line: number,
  column: number,
  statusChar: string,
  status: TaskStatusKind | 'unknown',
  textHash: string,
  description: string,
  assignees: readonly string[],
  priority: PriorityLevel | 0,
  dates: [DateFieldKind, string][],
  tags: readonly string[],
  heading: string | 0,
  parent: number | -1,
];
type EncodedIssue = [code: RuleCode, severity: Severity, message: string, startLine: number, startCharacter: number, endLine: number, endCharacter: number, fixable: 0 | 1];
type EncodedEntry = [
  size: number,
  mtimeMs: number,
  textKey: string,
  type: string | 0,
  title: string | 0,
  meetingDate: string | 0,
  names: readonly string[],
  otherNames: readonly string[],
  person: IndexedNote['person'] | 0,
  tasks: EncodedTask[],
  issues: EncodedIssue[],
];

const orZero = <T>(v: T | undefined): T | 0 => (v === undefined ? 0 : v);
const orUndefined = <T>(v: T | 0): T | undefined => (v === 0 ? undefined : v);

function encodeTask(t: TaskInfo): EncodedTask {
  return [t.line, t.column, t.statusChar, t.status, t.textHash, t.description, t.assignees, orZero(t.priority), t.dates.map((d) => [d.kind, d.date]), t.tags, orZero(t.heading), t.parent ?? -1];
}

function decodeTask(e: EncodedTask): TaskInfo {
  const [line, column, statusChar, status, textHash, description, assignees, priority, dates, tags, heading, parent] = e;
  return {
    line,
    column,
    statusChar,
    status,
    textHash,
    description,
    assignees,
    priority: orUndefined(priority),
    dates: dates.map(([kind, date]) => ({ kind, date })),
    tags,
    heading: orUndefined(heading),
    parent: parent === -1 ? undefined : parent,
  };
}

function encodeIssue(i: IssueInfo): EncodedIssue {
  const { start, end } = i.range;
  return [i.code, i.severity, i.message, start.line, start.character, end.line, end.character, i.fixable ? 1 : 0];
}

function decodeIssue(e: EncodedIssue): IssueInfo {
  const [code, severity, message, sl, sc, el, ec, fixable] = e;
  return { code, severity, message, range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, fixable: fixable === 1 };
}

function encodeEntry(entry: CacheEntry): EncodedEntry {
  const r = entry.record;
  return [
    entry.size,
    entry.mtimeMs,
    r.textKey,
    orZero(r.type),
    orZero(r.title),
    orZero(r.meetingDate),
    r.names,
    r.otherNames,
    orZero(r.person),
    r.tasks.map(encodeTask),
    (r.issues ?? []).map(encodeIssue),
  ];
}

function decodeEntry(uri: string, e: EncodedEntry): CacheEntry {
  const [size, mtimeMs, textKey, type, title, meetingDate, names, otherNames, person, tasks, issues] = e;
  return {
    size,
    mtimeMs,
    record: {
      uri,
      fileName: fileNameOf(uri),
      textKey,
      type: orUndefined(type),
      title: orUndefined(title),
      meetingDate: orUndefined(meetingDate),
      names,
      otherNames,
      person: orUndefined(person),
      tasks: tasks.map(decodeTask),
      issues: issues.map(decodeIssue),
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
  const encoded: Record<string, EncodedEntry> = {};
  for (const [uri, entry] of entries) encoded[uri] = encodeEntry(entry);
  const checkedAgainst = [...people].map((p): [string, string[]] => [p.name, [...p.aliases]]);
  const file: CacheFile = { tool: TOOL, format: CACHE_FORMAT, version, settings: resultSettingsKey(config), people: checkedAgainst, entries: encoded };
  // Printable ASCII only (JSON escapes control characters; the rest become \u escapes): the file is
  // then read without UTF-8 decoding, and parses into compact one-byte strings.
  return JSON.stringify(file).replace(/[^ -~]/gu, (c) => {
    let escaped = '';
    for (let i = 0; i < c.length; i++) escaped += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The shape an entry must have to be decoded; anything else means a corrupt or foreign file. */
function isEncodedEntry(v: unknown): v is EncodedEntry {
  if (!Array.isArray(v) || v.length !== 11) return false;
  const [size, mtimeMs, textKey, , , , names, more, person, tasks, issues] = v as unknown[];
  return (
    typeof size === 'number' &&
    typeof mtimeMs === 'number' &&
    typeof textKey === 'string' &&
    isStrings(names) &&
    isStrings(more) &&
    (person === 0 || (isObject(person) && typeof person.name === 'string' && isStrings(person.aliases))) &&
    Array.isArray(tasks) &&
    tasks.every((t) => Array.isArray(t) && t.length === 12 && typeof t[4] === 'string' && typeof t[5] === 'string' && isStrings(t[6]) && isStrings(t[9])) &&
    Array.isArray(issues) &&
    issues.every((i) => Array.isArray(i) && i.length === 8 && typeof i[2] === 'string')
  );
}

export type CacheReadResult = { entries: Map<string, CacheEntry>; checkedAgainst: Person[] } | { ignored: string };

/** A person as far as the people rules see one: name and aliases. */
function checkedPerson(name: string, aliases: string[]): Person {
  return { name, aliases, role: undefined, org: undefined, email: undefined, uri: undefined, source: 'note' };
}

/**
 * Reads a cache file's text. Anything not written by this format, this version and these settings
 * (corrupt, truncated, foreign, stale) is ignored with a reason, never trusted.
 */
export function parseCache(text: string, version: string, config: MeetingNotesConfig): CacheReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ignored: 'not valid JSON (corrupt or truncated)' };
  }
  if (!isObject(data) || data.tool !== TOOL) return { ignored: 'not a Meeting Notes cache' };
  if (data.format !== CACHE_FORMAT) return { ignored: `format ${String(data.format)}, expected ${CACHE_FORMAT}` };
  if (data.version !== version) return { ignored: `written by version ${String(data.version)}` };
  if (data.settings !== resultSettingsKey(config)) return { ignored: 'written with other settings' };
  if (!isObject(data.entries)) return { ignored: 'no entries' };
  const people = data.people;
  if (!Array.isArray(people) || !people.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && isStrings(p[1]))) {
    return { ignored: 'no people list' };
  }
  const entries = new Map<string, CacheEntry>();
  for (const [uri, entry] of Object.entries(data.entries)) {
    if (!isEncodedEntry(entry)) return { ignored: `a malformed entry (${uri})` };
    entries.set(uri, decodeEntry(uri, entry));
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
