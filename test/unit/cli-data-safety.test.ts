import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type Io } from '../../src/cli/main';
import { nodeFsOps, type WriteFs } from '../../src/cli/safe-fs';
import { readNoteFile, type Problem } from '../../src/cli/vault';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/meeting-notes.js');
const seed = readFileSync(path.join(root, 'test/fixtures/seed-shaped-note.md'), 'utf8');
const seedFixed = seed.replace('person: ""', 'person: "Dana Whitlock"').replace('"person/"', '"person/dana-whitlock"');
const posix = process.platform !== 'win32';

/** The built CLI; a run that hangs (reading a FIFO, say) fails the test instead of the suite. */
function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** A vault (with .vscode, so it is its own root), its real path. */
function vault(files: Record<string, string> = {}): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'meeting-notes-safety-')));
  mkdirSync(path.join(dir, '.vscode'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function mkfifo(file: string): void {
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

/** `check --fix` in this process, its writes going through `fs`. */
async function fixInProcess(cwd: string, fs: WriteFs) {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (s) => (stdout += s), err: (s) => (stderr += s), cwd, writeFs: fs };
  const code = await main(['check', '--fix', '--format', 'json'], io);
  return { code, stdout, stderr, files: (JSON.parse(stdout) as { file: string }[]).map((f) => f.file) };
}

/** node:fs, where writing `victim`'s temporary file first does `act` (once). */
function whileWriting(victim: string, act: (fd: number) => void): WriteFs {
  const temps = new Set<number>();
  let done = false;
  return {
    ...nodeFsOps,
    openSync: (file, flags, mode) => {
      const fd = nodeFsOps.openSync(file, flags, mode);
      if (flags === 'wx' && path.basename(file).startsWith(`.${path.basename(victim)}.`)) temps.add(fd);
      return fd;
    },
    writeSync: (fd, buffer, offset, length) => {
      if (temps.has(fd) && !done) {
        done = true;
        act(fd);
      }
      return nodeFsOps.writeSync(fd, buffer, offset, length);
    },
  };
}

describe('check --fix writes safely', () => {
  it('a note whose write fails is left as it was, said in one line (exit 2); the other notes are fixed', async () => {
    const dir = vault({ 'a.md': seed, 'b.md': seed });
    const fs = whileWriting(path.join(dir, 'a.md'), (fd) => {
      nodeFsOps.writeSync(fd, Buffer.from(seedFixed.slice(0, 100)), 0, 100); // part of it, then the disk is full
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const r = await fixInProcess(dir, fs);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meeting-notes: a.md: cannot write: ENOSPC: no space left on device; the note is unchanged\n');
    expect(r.stderr).toContain('Fixed 2 problems in 1 file.');
    expect(r.stderr).not.toMatch(/^\s+at /mu); // no stack trace
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe(seed);
    expect(readFileSync(path.join(dir, 'b.md'), 'utf8')).toBe(seedFixed);
    expect(readdirSync(dir).sort()).toEqual(['.vscode', 'a.md', 'b.md']);
  });

  it('a note changed between its read and its write is skipped with a message, and checked as it now is', async () => {
    const dir = vault({ 'a.md': seed, 'b.md': seed });
    const theirs = seed.replace('person: ""', 'person: "Someone Else"');
    const fs = whileWriting(path.join(dir, 'a.md'), () => writeFileSync(path.join(dir, 'a.md'), theirs));
    const r = await fixInProcess(dir, fs);
    expect(r.stderr).toContain('a.md: changed since it was read; not fixed\n');
    expect(r.stderr).toContain('Fixed 2 problems in 1 file.');
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe(theirs);
    expect(readFileSync(path.join(dir, 'b.md'), 'utf8')).toBe(seedFixed);
    // a.md's findings are those of the text it holds now: no empty person any more.
    expect(r.files.filter((f) => f === 'a.md').length).toBeGreaterThan(0);
    expect(r.stdout).not.toMatch(/"a\.md",[^}]*"empty-person"/u);
    expect(r.code).toBe(0);
  });

  it('a note deleted during the run is not recreated', async () => {
    const dir = vault({ 'a.md': seed, 'b.md': seed });
    const fs = whileWriting(path.join(dir, 'a.md'), () => unlinkSync(path.join(dir, 'a.md')));
    const r = await fixInProcess(dir, fs);
    expect(r.stderr).toContain('a.md: deleted since it was read; not fixed (a fix never recreates a file)\n');
    expect(readdirSync(dir).sort()).toEqual(['.vscode', 'b.md']);
    expect(r.files).not.toContain('a.md');
    expect(r.code).toBe(0);
  });
});

describe.skipIf(!posix)('only regular files inside the vault are read', () => {
  it('a FIFO named like a note, or a link to one, is refused with a notice; the run ends', () => {
    const dir = vault({ 'seed.md': seed });
    mkfifo(path.join(dir, 'pipe.md'));
    symlinkSync('pipe.md', path.join(dir, 'alias.md'));
    const r = cli(['check'], dir);
    expect(r.signal).toBe(null);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('alias.md: skipped: it is a FIFO, not a regular file\n');
    expect(r.stderr).toContain('pipe.md: skipped: it is a FIFO, not a regular file\n');
    expect(r.stdout).toContain('seed.md:5:9  warning  empty-person');
    // Named on the command line: refused, exit 2, said once.
    const named = cli(['check', 'alias.md'], dir);
    expect(named.code).toBe(2);
    expect(named.stderr.match(/alias\.md: skipped: it is a FIFO/gu)).toEqual(['alias.md: skipped: it is a FIFO']);
    expect(named.stderr).toContain('meeting-notes: alias.md: skipped: it is a FIFO, not a regular file\n');
  });

  it('a note that links outside the vault is neither read nor fixed; a link inside it is fixed through, and stays a link', () => {
    const outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'meeting-notes-outside-')));
    writeFileSync(path.join(outside, 'secret.md'), seed);
    const dir = vault({ 'Meetings/real.md': seed });
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'away.md'));
    symlinkSync(path.join('Meetings', 'real.md'), path.join(dir, 'near.md'));
    const r = cli(['check', '--fix'], dir);
    expect(r.stderr).toContain('away.md: links outside the vault; not checked\n');
    expect(r.stdout).not.toContain('away.md:');
    expect(readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe(seed);
    expect(readFileSync(path.join(dir, 'Meetings/real.md'), 'utf8')).toBe(seedFixed);
    expect(lstatSync(path.join(dir, 'near.md')).isSymbolicLink()).toBe(true);
    expect(r.code).toBe(0);
    const named = cli(['check', '--fix', 'away.md'], dir);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('meeting-notes: away.md: links outside the vault; not checked\n');
    expect(readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe(seed);
    // Through a linked folder, too.
    symlinkSync(outside, path.join(dir, 'Elsewhere'));
    const viaFolder = cli(['check', '--fix', 'Elsewhere/secret.md'], dir);
    expect(viaFolder.code).toBe(2);
    expect(viaFolder.stderr).toContain('meeting-notes: Elsewhere/secret.md: links outside the vault; not checked\n');
    expect(readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe(seed);
  });

  it('a file named on the command line over the size limit is refused with exit 2, not skipped quietly', () => {
    const dir = vault({ 'huge.md': 'x'.repeat(6000), '.vscode/settings.json': '{ "meetingNotes.maxFileSize": 5000 }' });
    const r = cli(['check', 'huge.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meeting-notes: huge.md: skipped: 6000 bytes is over the 5000-byte limit (meetingNotes.maxFileSize)\n');
  });

  it('a note the listing gave as a regular file, then swapped for a link out of the vault or a FIFO, is refused when read', () => {
    const outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'meeting-notes-outside-')));
    writeFileSync(path.join(outside, 'secret.md'), seed);
    const dir = vault({ 'a.md': seed, 'b.md': seed, 'c.md': seed });
    const read = (name: string) => {
      const errors: Problem[] = [];
      const notices: Problem[] = [];
      const loaded = readNoteFile(path.join(dir, name), { maxFileSize: 1 << 20, realRoot: dir, listedRegular: true }, dir, errors, notices);
      return { loaded, said: [...errors, ...notices].map((p) => `${p.file}: ${p.message}`) };
    };
    // As listed: read without a hash (nothing will be written over it).
    expect(read('a.md')).toMatchObject({ loaded: { text: seed, identity: undefined }, said: [] });
    unlinkSync(path.join(dir, 'a.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'a.md'));
    expect(read('a.md')).toEqual({ loaded: undefined, said: ['a.md: links outside the vault; not checked'] });
    unlinkSync(path.join(dir, 'b.md'));
    symlinkSync('c.md', path.join(dir, 'b.md'));
    expect(read('b.md').loaded?.text).toBe(seed); // a link within the vault is followed
    unlinkSync(path.join(dir, 'c.md'));
    mkfifo(path.join(dir, 'c.md'));
    expect(read('c.md')).toEqual({ loaded: undefined, said: ['c.md: skipped: it is a FIFO, not a regular file'] });
  });
});
