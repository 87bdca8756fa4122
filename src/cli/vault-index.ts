import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MeetingNotesConfig } from '../core/config';
import { cacheParts, parseCache, sameStamp, settledStamp, type CacheEntry, type CacheReadResult, type FileStamp } from '../core/index-cache';
import { textHash } from '../core/indexed-note';
import { NoteIndex } from '../core/note-index';
import { fileUrlsUnder } from './file-url';
import { display, readNoteFile, type Problem, type Vault } from './vault';

export interface Problems {
  errors: Problem[];
  notices: Problem[];
}

/** A vault's index as the CLI builds it: from the cache where files are unchanged, else from the disk. */
export interface VaultIndex {
  index: NoteIndex;
  /** File uri to absolute path, for every note in the index. */
  pathOf: Map<string, string>;
  /** Where this vault's cache is kept, and whether this run changed what it should hold. */
  cache: { file: string; stamps: Map<string, FileStamp>; dirty: boolean } | undefined;
  /** How many notes were read and parsed, and how many came back from the cache unread. */
  stats: { read: number; fromCache: number };
  /** Reads a file into the index (or takes it out, when it cannot be read). */
  setFile(absPath: string): void;
  /** After this run wrote a file: its new stamp for the cache. */
  fileChanged(absPath: string): void;
  /** Reads the notes whose findings went out of date (after files were set or fixed) again. */
  recheckStale(): void;
}

export async function buildVaultIndex(
  vault: Vault,
  options: { cacheFile: string | undefined; version: string; cwd: string; /** Files named on the command line (see `ReadOptions.explicit`). */ explicit?: ReadonlySet<string> },
  problems: Problems,
): Promise<VaultIndex> {
  const { cwd } = options;
  const index = new NoteIndex(vault.config);
  const pathOf = new Map<string, string>();
  const cache = options.cacheFile ? { file: options.cacheFile, stamps: new Map<string, FileStamp>(), dirty: false } : undefined;
  const stats = { read: 0, fromCache: 0 };
  // The vault's files first: the link rules of every note, read or restored, answer against them.
  // Each path's uri made once (a note is among the files).
  const uriOf = new Map<string, string>();
  const fileUrl = fileUrlsUnder(vault.root);
  index.setVaultFiles(
    [pathToFileURL(vault.root).href],
    vault.files.map((f) => {
      const uri = fileUrl(f);
      uriOf.set(f, uri);
      return uri;
    }),
  );
  const toUri = (absPath: string) => uriOf.get(absPath) ?? fileUrl(absPath);
  const setFile = (absPath: string): void => {
    const uri = toUri(absPath);
    const explicit = options.explicit?.has(absPath) ?? false;
    const listedRegular = !explicit && vault.regular.has(absPath);
    const loaded = readNoteFile(absPath, { maxFileSize: vault.config.maxFileSize, realRoot: vault.realRoot, explicit, listedRegular }, cwd, problems.errors, problems.notices);
    stats.read++;
    if (cache) cache.dirty = true;
    if (!loaded) return index.delete(uri);
    pathOf.set(uri, absPath);
    if (cache && loaded.stamp) cache.stamps.set(absPath, loaded.stamp);
    else if (cache) cache.stamps.delete(absPath);
    index.set(uri, loaded.text);
  };
  let toRead = vault.paths;
  if (cache) {
    // Unchanged files (same size and modification time) come back from the cache unread. Every
    // entry is put back first, so that the registry is the one the cached findings were checked
    // with; changed and vanished files then go through the index, which finds whom that affects.
    const kept = readCache(cache.file, options.version, vault.config, cwd, problems);
    const entries = kept?.entries ?? new Map<string, CacheEntry>();
    const listed = new Set<string>();
    toRead = [];
    for (const absPath of vault.paths) {
      const uri = toUri(absPath);
      listed.add(uri);
      const entry = entries.get(uri);
      const stamp = entry && statStamp(absPath);
      if (entry && stamp && sameStamp(entry, stamp)) {
        pathOf.set(uri, absPath);
        cache.stamps.set(absPath, stamp);
        stats.fromCache++;
      } else {
        toRead.push(absPath);
      }
    }
    index.restore([...entries.values()].map((e) => e.record), () => true, kept?.checkedAgainst);
    const gone = [...entries.keys()].filter((uri) => !listed.has(uri));
    cache.dirty = gone.length > 0;
    index.batch(() => gone.forEach((uri) => index.delete(uri)));
  }
  index.batch(() => {
    for (const absPath of toRead) setFile(absPath);
  });
  // A person note outside the people folder, met after notes naming that person: those notes again.
  const recheckStale = () => recheck(index, (uri) => {
    const absPath = pathOf.get(uri);
    if (absPath) setFile(absPath);
    else index.delete(uri);
  });
  recheckStale();
  const fileChanged = (absPath: string) => {
    if (!cache) return;
    const now = Date.now();
    const written = statStamp(absPath);
    const stamp = written && settledStamp(written, now);
    if (stamp) cache.stamps.set(absPath, stamp);
    else cache.stamps.delete(absPath);
    cache.dirty = true;
  };
  return { index, pathOf, cache, stats, setFile, fileChanged, recheckStale };
}

/**
 * Feeds stale notes their text again until none is left. A note re-read can only be stale again if
 * a person note changed in between (a file changed under the run): a few rounds at most.
 */
function recheck(index: NoteIndex, reread: (uri: string) => void): void {
  for (let round = 0; round < 3 && index.staleUris().length; round++) {
    index.batch(() => index.staleUris().forEach(reread));
  }
}

/** The OS's folder for caches: never the vault, which may be synced or committed. */
function osCacheFolder(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
}

/** `--cache-location` names a file, or a folder to keep one file per vault in (as ESLint's does). */
export function cacheFileFor(root: string, location: string | undefined, cwd: string): string {
  const perVault = `vault-${textHash(root)}.json`;
  if (location === undefined) return path.join(osCacheFolder(), 'meeting-notes', perVault);
  const abs = path.resolve(cwd, location);
  let isFolder = /[\\/]$/u.test(location);
  try {
    isFolder ||= statSync(abs).isDirectory();
  } catch {
    // Not there yet: a file, unless the name ends with a separator.
  }
  return isFolder ? path.join(abs, perVault) : abs;
}

function statStamp(absPath: string): FileStamp | undefined {
  try {
    const s = statSync(absPath);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
}

function readCache(file: string, version: string, config: MeetingNotesConfig, cwd: string, problems: Problems): Extract<CacheReadResult, { entries: unknown }> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'latin1'); // written as ASCII; anything else fails to parse and is ignored
  } catch {
    return undefined; // no cache yet
  }
  const result = parseCache(text, version, config);
  if ('ignored' in result) {
    problems.notices.push({ file: display(file, cwd), message: `cache ignored and rebuilt: ${result.ignored}` });
    return undefined;
  }
  return result;
}

/** Writes the cache next to itself and renames it into place: a crash never leaves half a cache. */
export function saveVaultCache(vault: VaultIndex, version: string, problems: Problems & { cwd: string }): void {
  const cache = vault.cache;
  if (!cache || !cache.dirty || vault.index.staleUris().length) return;
  const entries = new Map<string, CacheEntry>();
  for (const record of vault.index.all()) {
    const absPath = vault.pathOf.get(record.uri);
    const stamp = absPath && cache.stamps.get(absPath);
    if (absPath && stamp) entries.set(record.uri, { ...stamp, record });
  }
  try {
    mkdirSync(path.dirname(cache.file), { recursive: true });
    const temp = `${cache.file}.${process.pid}.tmp`;
    try {
      const fd = openSync(temp, 'w');
      try {
        for (const part of cacheParts(version, vault.index.config, entries, vault.index.people())) writeSync(fd, part);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, cache.file);
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
  } catch (e) {
    problems.notices.push({ file: display(cache.file, problems.cwd), message: `cannot write the cache: ${(e as Error).message}` });
  }
}
