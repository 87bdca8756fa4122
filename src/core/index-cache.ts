import type { MeetingNotesConfig } from './config';
import { textHash, type IndexedNote } from './indexed-note';

/**
 * A persisted index: what the NoteIndex kept of each note, keyed by the file's identity (path, size,
 * modification time), so that an unchanged vault starts without reading or parsing a note. Pure: the
 * CLI and the extension read and write the file.
 *
 * Any change to `IndexedNote`, the parser or the rules must bump CACHE_FORMAT: an old cache is then
 * ignored and rebuilt, never trusted.
 */
export const CACHE_FORMAT = 1;
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
  entries: Record<string, CacheEntry>;
}

/** The settings that change what is read, parsed or found. Exclusions and the status bar change nothing kept. */
export function resultSettingsKey(config: MeetingNotesConfig): string {
  const { taskStatuses, rules, requiredFields, listFields, people, owner, maxFileSize } = config;
  return textHash(JSON.stringify({ taskStatuses, rules, requiredFields, listFields, people, owner, maxFileSize }));
}

export function serializeCache(version: string, config: MeetingNotesConfig, entries: Map<string, CacheEntry>): string {
  const file: CacheFile = { tool: TOOL, format: CACHE_FORMAT, version, settings: resultSettingsKey(config), entries: Object.fromEntries(entries) };
  return JSON.stringify(file);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isEntry(v: unknown): v is CacheEntry {
  if (!isObject(v) || typeof v.size !== 'number' || typeof v.mtimeMs !== 'number' || !isObject(v.record)) return false;
  const r = v.record;
  return (
    typeof r.uri === 'string' &&
    typeof r.fileName === 'string' &&
    typeof r.textKey === 'string' &&
    Array.isArray(r.tasks) &&
    Array.isArray(r.names) &&
    Array.isArray(r.namesChecked) &&
    (r.issues === undefined || Array.isArray(r.issues))
  );
}

export type CacheReadResult = { entries: Map<string, CacheEntry> } | { ignored: string };

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
  const entries = new Map<string, CacheEntry>();
  for (const [key, entry] of Object.entries(data.entries)) {
    if (!isEntry(entry)) return { ignored: `a malformed entry (${key})` };
    entries.set(key, entry);
  }
  return { entries };
}

/** Whether a file is as it was when its entry was written. */
export function sameStamp(entry: FileStamp, stamp: FileStamp): boolean {
  return entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs;
}
