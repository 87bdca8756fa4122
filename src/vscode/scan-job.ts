// What a scan worker does (src/vscode/scan-worker.ts runs it in a worker thread of a Node extension
// host): reads and indexes the notes of a first scan, and hands back what it indexed in the cache's
// format. Node only (it reads the disk); no `vscode` here, so that a worker can load it.
import { readFileSync, statSync } from 'node:fs';
import { cacheParts, NoteIndex, settledStamp, type CacheEntry, type FileStamp, type MeetingNotesConfig } from '../core';
import { decodeNote, overSizeLimit, unreadable } from './note-read';

/** What the host gives the worker: all plain data, copied across. */
export interface ScanJob {
  /** The extension version (the cache head carries it; the host reads the result with the same). */
  version: string;
  config: MeetingNotesConfig;
  /** The workspace folders' uris, and every vault file's uri (for the link rules), as the host lists them. */
  roots: string[];
  files: string[];
  /** The notes to index, uri and path on the disk, person notes first. */
  notes: [uri: string, path: string][];
}

export interface ScanResult {
  /** Every note indexed, as the cache file would hold it (`readCacheInSteps` reads it back). */
  cache: string;
  /** Notes read within STAMP_SETTLE_MS of their last change: their stamps are not to be trusted. */
  unsettled: string[];
  /** Notes not indexed (too large, not UTF-8, unreadable), with what to tell the user. */
  skipped: [uri: string, message: string][];
  /** Notes whose findings are still out of date (person notes kept changing while they were read): to check again. */
  stale: string[];
}

/** What a worker posts: progress now and then, then its result or why it failed. */
export type ScanMessage = { progress: number } | { done: ScanResult } | { failed: string };

/** How many notes are read between progress reports. */
const PROGRESS_EVERY = 250;

/**
 * Indexes the notes of a job as the host would one by one (the same reads, limits and messages), and
 * returns the records in the cache's format. A person note met after notes that name its person has
 * those notes read again, as the CLI does.
 */
export function runScanJob(job: ScanJob, progress: (done: number) => void = () => undefined): ScanResult {
  const index = new NoteIndex(job.config);
  index.setVaultFiles(job.roots, job.files);
  const pathOf = new Map(job.notes);
  const stamps = new Map<string, FileStamp>();
  const unsettled = new Set<string>();
  const skipped = new Map<string, string>();
  const setFile = (uri: string, path: string): void => {
    const read = readNote(uri, path, job.config.maxFileSize);
    if (typeof read === 'string') {
      skipped.set(uri, read);
      index.delete(uri);
      return;
    }
    skipped.delete(uri);
    index.set(uri, read.text);
    stamps.set(uri, read.stat);
    if (read.settled) unsettled.delete(uri);
    else unsettled.add(uri);
  };
  index.batch(() => {
    job.notes.forEach(([uri, path], i) => {
      setFile(uri, path);
      if ((i + 1) % PROGRESS_EVERY === 0) progress(i + 1);
    });
  });
  for (let round = 0; round < 3 && index.staleUris().length; round++) {
    index.batch(() => index.staleUris().forEach((uri) => setFile(uri, pathOf.get(uri)!)));
  }
  const entries = new Map<string, CacheEntry>();
  for (const record of index.all()) entries.set(record.uri, { ...stamps.get(record.uri)!, record });
  return {
    cache: [...cacheParts(job.version, job.config, entries, index.people())].join(''),
    unsettled: [...unsettled],
    skipped: [...skipped],
    stale: index.staleUris(),
  };
}

/** A note's text and stamp, or what to tell the user about why it was not read (as the host reads one: note-read.ts). */
function readNote(uri: string, path: string, maxFileSize: number): { text: string; stat: FileStamp; settled: boolean } | string {
  try {
    const readStarted = Date.now();
    const s = statSync(path);
    const over = overSizeLimit(path, s.size, maxFileSize);
    if (over) return over;
    const decoded = decodeNote(path, readFileSync(path));
    if ('problem' in decoded) return decoded.problem;
    const stat = { size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
    return { text: decoded.text, stat, settled: settledStamp(stat, readStarted) !== undefined };
  } catch (e) {
    return unreadable(uri, e);
  }
}
