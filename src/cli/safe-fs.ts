import * as nodeFs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { constants as bufferConstants } from 'node:buffer';

/**
 * Reading and writing notes without surprises: only regular files are read, never more than the
 * size limit allows; a write goes to a temporary file that is renamed over the note only when the
 * note is still the one that was read, so the note is either the old bytes or the new ones.
 */

/** What a file is, when it is not a regular file: said in the message that refuses it. */
export function fileKind(stat: nodeFs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Whether `real` is `root` or lies under it (both real paths). */
export function isInside(real: string, root: string): boolean {
  if (real === root) return true;
  return real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

export type RegularRead =
  | { ok: true; bytes: Buffer; stat: nodeFs.Stats }
  | { ok: false; refused: 'not-regular'; kind: string }
  | { ok: false; refused: 'too-big'; size: number | undefined };

/** Opening never waits for a writer (a FIFO swapped in after the stat); regular files ignore the flag. */
const READ_FLAGS = nodeFs.constants.O_RDONLY | (nodeFs.constants.O_NONBLOCK ?? 0);

type ReadFs = Pick<WriteFs, 'statSync' | 'openSync' | 'fstatSync' | 'readSync' | 'closeSync'>;

const limitOf = (maxBytes: number) => Math.min(Math.max(0, Math.floor(maxBytes)), bufferConstants.MAX_LENGTH - 1);

/**
 * Reads a regular file, following links, and at most `maxBytes + 1` bytes of it: a file that is over
 * the limit, grows past it while being read, or says it is smaller than it is never fills memory.
 * Anything else (a FIFO, a device, a folder) is refused before it is opened. Errors of the file
 * system (ENOENT, EACCES) are thrown.
 */
export function readRegularFile(file: string, maxBytes: number, fs: ReadFs = nodeFsOps): RegularRead {
  const limit = limitOf(maxBytes);
  const before = fs.statSync(file);
  if (!before.isFile()) return { ok: false, refused: 'not-regular', kind: fileKind(before) };
  if (before.size > limit) return { ok: false, refused: 'too-big', size: before.size };
  return readOpened(fs.openSync(file, READ_FLAGS), limit, fs);
}

/** Whether this system can open a file without following a link (not Windows). */
const O_NOFOLLOW = nodeFs.constants.O_NOFOLLOW as number | undefined;

/**
 * readRegularFile for a path a folder listing just gave as a regular file, with two calls to the file
 * system fewer: opened without a stat first and without following a link, judged once opened. A link
 * found there now (or a system that cannot open without following one) gives `undefined`: the
 * caller then judges the path as it judges any link.
 */
export function readListedFile(file: string, maxBytes: number, fs: ReadFs = nodeFsOps): RegularRead | undefined {
  if (O_NOFOLLOW === undefined) return undefined;
  let fd: number;
  try {
    fd = fs.openSync(file, READ_FLAGS | O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return undefined;
    throw e;
  }
  return readOpened(fd, limitOf(maxBytes), fs);
}

/** Reads an opened file when it is a regular one within the limit; closes it. */
function readOpened(fd: number, limit: number, fs: ReadFs): RegularRead {
  try {
    const stat = fs.fstatSync(fd);
    // Another file put in its place between the stat (or the listing) and the open: judge what was opened.
    if (!stat.isFile()) return { ok: false, refused: 'not-regular', kind: fileKind(stat) };
    if (stat.size > limit) return { ok: false, refused: 'too-big', size: stat.size };
    let buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(stat.size + 1, 4096)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > limit) break; // one byte over the limit is enough to know
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) return { ok: false, refused: 'too-big', size: undefined };
    return { ok: true, bytes: buffer.subarray(0, length), stat };
  } finally {
    fs.closeSync(fd);
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a note was when it was read: it is written only if it still is. */
export interface ReadIdentity {
  size: number;
  mtimeMs: number;
  /** SHA-256 of the bytes read, hex. */
  sha256: string;
}

/**
 * The file-system calls a write makes, so that a test can wrap them (fail a write halfway, change
 * the note at a chosen moment). `nodeFsOps` is the real thing.
 */
export interface WriteFs {
  realpathSync(file: string): string;
  statSync(file: string): nodeFs.Stats;
  fstatSync(fd: number): nodeFs.Stats;
  accessSync(file: string, mode: number): void;
  openSync(file: string, flags: string | number, mode?: number): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fchmodSync(fd: number, mode: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
}

export const nodeFsOps: WriteFs = {
  realpathSync: (file) => nodeFs.realpathSync.native(file),
  statSync: (file) => nodeFs.statSync(file),
  fstatSync: (fd) => nodeFs.fstatSync(fd),
  accessSync: (file, mode) => nodeFs.accessSync(file, mode),
  openSync: (file, flags, mode) => nodeFs.openSync(file, flags, mode),
  readSync: (fd, buffer, offset, length, position) => nodeFs.readSync(fd, buffer, offset, length, position),
  writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, length),
  fchmodSync: (fd, mode) => nodeFs.fchmodSync(fd, mode),
  fchownSync: (fd, uid, gid) => nodeFs.fchownSync(fd, uid, gid),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
  unlinkSync: (file) => nodeFs.unlinkSync(file),
};

export type WriteOutcome =
  | { written: true }
  /**
   * Not written. `deleted`, `changed`, `outside` (the note links out of the vault): rightly so, the
   * note is left as it is now. `failed`: the write failed, and the note is as it was.
   */
  | { written: false; reason: 'deleted' | 'changed' | 'outside' | 'failed'; message: string };

/** `ENOSPC: no space left on device`: the code and what it means, without the temporary file's path. */
function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const message = String(err?.message ?? e);
  if (!err?.code) return message;
  const meaning = message.startsWith(`${err.code}: `) ? message.slice(err.code.length + 2).split(', ')[0] : '';
  return meaning ? `${err.code}: ${meaning}` : err.code;
}

class Skip extends Error {
  constructor(
    readonly reason: 'deleted' | 'changed' | 'outside',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Where the note really is, provided it is still there, inside the vault, and still holds what was
 * read (same size, modification time and bytes). Throws `Skip` otherwise.
 */
function verify(file: string, realRoot: string, expected: ReadIdentity, fs: WriteFs): { real: string; stat: nodeFs.Stats } {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Skip('deleted', 'deleted since it was read; not fixed (a fix never recreates a file)');
    throw e;
  }
  if (!isInside(real, realRoot)) throw new Skip('outside', 'links outside the vault; not fixed');
  const read = readRegularFile(real, expected.size, fs);
  if (!read.ok || read.stat.size !== expected.size || read.stat.mtimeMs !== expected.mtimeMs || sha256(read.bytes) !== expected.sha256) {
    throw new Skip('changed', 'changed since it was read; not fixed');
  }
  return { real, stat: read.stat };
}

/**
 * Writes a note's new text atomically: a temporary file beside the note's real path (a link stays a
 * link), written in full and flushed to disk, with the note's mode, renamed over the note once the
 * note is found unchanged. On any failure the temporary file is removed and the note left as it was.
 */
export function writeNoteAtomically(file: string, data: string | Uint8Array, options: { realRoot: string; expected: ReadIdentity; fs?: WriteFs }): WriteOutcome {
  const fs = options.fs ?? nodeFsOps;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let temp: string | undefined;
  let fd: number | undefined;
  try {
    const { real, stat } = verify(file, options.realRoot, options.expected, fs);
    // A note made read-only stays untouched, as a plain write would have left it.
    fs.accessSync(real, nodeFs.constants.W_OK);
    const mode = stat.mode & 0o7777;
    const name = `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`;
    temp = path.join(path.dirname(real), name);
    fd = fs.openSync(temp, 'wx', mode & 0o666);
    for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fchmodSync(fd, mode); // the umask may have taken bits away
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
      try {
        fs.fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // Only root may give a file away: then the note becomes ours, as any editor's save makes it.
      }
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    verify(file, options.realRoot, options.expected, fs); // again, as late as can be
    fs.renameSync(temp, real);
    temp = undefined;
    syncFolder(path.dirname(real), fs);
    return { written: true };
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed or gone: the removal below is what matters
      }
    }
    if (temp !== undefined) {
      try {
        fs.unlinkSync(temp);
      } catch {
        // not created, or already gone
      }
    }
    if (e instanceof Skip) return { written: false, reason: e.reason, message: e.message };
    return { written: false, reason: 'failed', message: `cannot write: ${errorText(e)}; the note is unchanged` };
  }
}

/** Makes the rename itself durable. Best effort: Windows cannot open a folder to flush it. */
function syncFolder(folder: string, fs: WriteFs): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // the note is written; a folder that cannot be flushed changes nothing about that
  }
  try {
    if (fd !== undefined) fs.closeSync(fd);
  } catch {
    // as above
  }
}
