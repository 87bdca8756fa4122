import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nodeFsOps, readRegularFile, writeNoteAtomically, type WriteFs } from '../../src/cli/safe-fs';
import { readNoteFile, type LoadedFile, type Problem } from '../../src/cli/vault';

const posix = process.platform !== 'win32';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const ORIGINAL = '---\ntitle: "Sync"\nperson: ""\n---\n- [ ] Call the vendor\n';
const FIXED = '---\ntitle: "Sync"\nperson: "Dana Whitlock"\n---\n- [ ] Call the vendor\n';

/** A vault (real path) with one note in it, read as `check --fix` reads it. */
function vaultWithNote(mode = 0o640): { root: string; note: string; loaded: LoadedFile } {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'meeting-notes-write-')));
  const note = path.join(root, 'note.md');
  writeFileSync(note, ORIGINAL);
  chmodSync(note, mode);
  // Whole seconds: a test that puts the time back can put back exactly this one.
  utimesSync(note, 1_700_000_000, 1_700_000_000);
  return { root, note, loaded: read(note, root) };
}

function read(file: string, root: string): LoadedFile {
  const errors: Problem[] = [];
  const notices: Problem[] = [];
  const loaded = readNoteFile(file, { maxFileSize: 1024 * 1024, realRoot: root, forWrite: true }, root, errors, notices);
  expect([...errors, ...notices]).toEqual([]);
  return loaded!;
}

/** node:fs, with one call replaced: `wrap(original)` returns the replacement. */
function wrapped<K extends keyof WriteFs>(name: K, wrap: (original: WriteFs[K]) => WriteFs[K]): WriteFs {
  return { ...nodeFsOps, [name]: wrap(nodeFsOps[name]) };
}

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
}

describe('writeNoteAtomically', () => {
  it('writes the new bytes with the mode the note had, and leaves nothing else behind', () => {
    const { root, note, loaded } = vaultWithNote(0o640);
    expect(writeNoteAtomically(note, FIXED, { realRoot: root, expected: loaded.identity! })).toEqual({ written: true });
    expect(readFileSync(note, 'utf8')).toBe(FIXED);
    if (posix) expect(statSync(note).mode & 0o777).toBe(0o640);
    expect(readdirSync(root)).toEqual(['note.md']);
  });

  it('a write that fails halfway leaves the original bytes and no temporary file', () => {
    const { root, note, loaded } = vaultWithNote();
    let wrote = 0;
    // The disk fills up after part of the temporary file is written.
    const fs = wrapped('writeSync', (write) => (fd, buffer, offset, length) => {
      if (wrote > 0) throw enospc();
      wrote = write(fd, buffer, offset, Math.ceil(length / 2));
      return wrote;
    });
    const outcome = writeNoteAtomically(note, FIXED, { realRoot: root, expected: loaded.identity!, fs });
    expect(wrote).toBeGreaterThan(0);
    expect(outcome).toEqual({ written: false, reason: 'failed', message: 'cannot write: ENOSPC: no space left on device; the note is unchanged' });
    expect(readFileSync(note, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(root)).toEqual(['note.md']);
  });

  it.each(['fchmodSync', 'fsyncSync', 'closeSync', 'renameSync'] as const)('a failing %s leaves the original bytes and no temporary file', (name) => {
    const { root, note, loaded } = vaultWithNote();
    let failed = false;
    const fs = wrapped(name, (original) => ((...args: unknown[]) => {
      // The step's first call on the temporary file fails (closeSync: after really closing it).
      if (!failed) {
        failed = true;
        if (name === 'closeSync') (original as (fd: number) => void)(args[0] as number);
        throw Object.assign(new Error(`EIO: i/o error, ${name}`), { code: 'EIO' });
      }
      return (original as (...a: unknown[]) => unknown)(...args);
    }) as never);
    const outcome = writeNoteAtomically(note, FIXED, { realRoot: root, expected: loaded.identity!, fs });
    expect(outcome).toMatchObject({ written: false, reason: 'failed', message: 'cannot write: EIO: i/o error; the note is unchanged' });
    expect(readFileSync(note, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(root)).toEqual(['note.md']);
  });

  it('a note changed after it was read is not written, even with the same size and time', () => {
    const { root, note, loaded } = vaultWithNote();
    const theirs = ORIGINAL.replace('vendor', 'VENDOR'); // same size
    writeFileSync(note, theirs);
    utimesSync(note, 1_700_000_000, 1_700_000_000); // same time: only the bytes tell
    expect(writeNoteAtomically(note, FIXED, { realRoot: root, expected: loaded.identity! })).toEqual({
      written: false,
      reason: 'changed',
      message: 'changed since it was read; not fixed',
    });
    expect(readFileSync(note, 'utf8')).toBe(theirs);
  });

  it('a note changed while the new text is being written is not replaced', () => {
    const { root, note, loaded } = vaultWithNote();
    const theirs = `${ORIGINAL}- [ ] Added in the editor meanwhile\n`;
    const fs = wrapped('fsyncSync', (fsync) => (fd) => {
      if (!readFileSync(note, 'utf8').includes('meanwhile')) writeFileSync(note, theirs); // someone saves the note now
      fsync(fd);
    });
    expect(writeNoteAtomically(note, FIXED, { realRoot: root, expected: loaded.identity!, fs })).toMatchObject({ written: false, reason: 'changed' });
    expect(readFileSync(note, 'utf8')).toBe(theirs);
    expect(readdirSync(root)).toEqual(['note.md']);
  });

  it('a note deleted after it was read, or while being written, is not recreated', () => {
    const before = vaultWithNote();
    unlinkSync(before.note);
    expect(writeNoteAtomically(before.note, FIXED, { realRoot: before.root, expected: before.loaded.identity! })).toEqual({
      written: false,
      reason: 'deleted',
      message: 'deleted since it was read; not fixed (a fix never recreates a file)',
    });
    expect(readdirSync(before.root)).toEqual([]);

    const during = vaultWithNote();
    const fs = wrapped('fsyncSync', (fsync) => (fd) => {
      fsync(fd);
      try {
        unlinkSync(during.note);
      } catch {
        // the folder's own fsync, after the note is gone already
      }
    });
    expect(writeNoteAtomically(during.note, FIXED, { realRoot: during.root, expected: during.loaded.identity!, fs })).toMatchObject({ written: false, reason: 'deleted' });
    expect(readdirSync(during.root)).toEqual([]);
  });

  it.skipIf(!posix)('never writes through a link that leads out of the vault, and keeps a link inside it a link', () => {
    const { root, note, loaded } = vaultWithNote();
    const outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'meeting-notes-outside-')));
    const secret = path.join(outside, 'note.md');
    writeFileSync(secret, ORIGINAL);
    utimesSync(secret, 1_700_000_000, 1_700_000_000);
    // The note is swapped for a link to a file outside after it was read: same bytes, same time.
    unlinkSync(note);
    symlinkSync(secret, note);
    expect(writeNoteAtomically(note, FIXED, { realRoot: root, expected: loaded.identity! })).toEqual({
      written: false,
      reason: 'outside',
      message: 'links outside the vault; not fixed',
    });
    expect(readFileSync(secret, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(outside)).toEqual(['note.md']);

    const inside = vaultWithNote();
    mkdirSync(path.join(inside.root, 'Meetings'));
    const real = path.join(inside.root, 'Meetings', 'real.md');
    writeFileSync(real, ORIGINAL);
    const link = path.join(inside.root, 'link.md');
    symlinkSync(path.join('Meetings', 'real.md'), link);
    expect(writeNoteAtomically(link, FIXED, { realRoot: inside.root, expected: read(link, inside.root).identity! })).toEqual({ written: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(FIXED);
    expect(readdirSync(path.join(inside.root, 'Meetings'))).toEqual(['real.md']);
  });

  it.skipIf(!posix || isRoot)('a read-only note stays untouched', () => {
    const { root, note, loaded } = vaultWithNote(0o444);
    expect(writeNoteAtomically(note, FIXED, { realRoot: root, expected: loaded.identity! })).toMatchObject({ written: false, reason: 'failed' });
    expect(readFileSync(note, 'utf8')).toBe(ORIGINAL);
  });
});

describe('readRegularFile', () => {
  it.skipIf(!posix)('refuses a FIFO without opening it (reading one waits forever)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-fifo-'));
    const fifo = path.join(dir, 'pipe.md');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    let opened = false;
    const fs = { ...nodeFsOps, openSync: (...args: Parameters<WriteFs['openSync']>) => ((opened = true), nodeFsOps.openSync(...args)) };
    expect(readRegularFile(fifo, 1000, fs)).toEqual({ ok: false, refused: 'not-regular', kind: 'a FIFO' });
    expect(opened).toBe(false);
  });

  it('never reads more than the limit and one byte, whatever size the file claims', () => {
    // A file that says it is empty and never ends, as /dev/zero does behind a link.
    const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-endless-'));
    const file = path.join(dir, 'endless.md');
    writeFileSync(file, '');
    let delivered = 0;
    const fs: WriteFs = {
      ...nodeFsOps,
      readSync: (_fd, buffer, offset, length) => {
        buffer.fill(0x78, offset, offset + length);
        delivered += length;
        return length;
      },
    };
    expect(readRegularFile(file, 10_000, fs)).toEqual({ ok: false, refused: 'too-big', size: undefined });
    expect(delivered).toBe(10_001);
    const small = readRegularFile(file, 10_000); // the real, empty file
    expect(small.ok && small.bytes.length).toBe(0);
  });
});
