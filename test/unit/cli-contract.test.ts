import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/meeting-notes.js');
const seed = readFileSync(path.join(root, 'test/fixtures/seed-shaped-note.md'), 'utf8');
const latin1 = Buffer.from([0x2d, 0x20, 0x5b, 0x3f, 0x5d, 0x20, 0xe9, 0x0a]);

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-contract-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('the CLI contract', () => {
  it('a reader that stops early (tasks | head -1) ends the run quietly, with the exit code it would have had', async () => {
    for (const [args, expected] of [
      [['tasks', 'sample-vault'], 0],
      [['check', 'sample-vault'], 1],
    ] as const) {
      const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first line is written
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(expected);
    }
  });

  it('a file named on the command line is checked or refused (exit 2), never ignored', () => {
    const dir = tempDir({ 'notes.txt': 'not a note\n', 'seed.md': seed });
    const r = cli(['check', 'notes.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meeting-notes: notes.txt: not a markdown file (.md or .markdown); not checked\n');
    const both = cli(['check', 'notes.txt', 'seed.md'], dir);
    expect(both.code).toBe(2);
    expect(both.stdout).toContain('seed.md:5:9  warning  empty-person');
  });

  it('--max-warnings takes plain digits only', () => {
    const dir = tempDir({ 'seed.md': seed });
    for (const bad of ['', '1e3', '0x10', '-1', ' 7', '1.0', '+3', '99999999999999999999']) {
      const r = cli(['check', `--max-warnings=${bad}`], dir);
      expect(r.code, `--max-warnings=${bad}`).toBe(2);
      expect(r.stderr).toContain(`--max-warnings takes a whole number of 0 or more, written in digits, not '${bad}'`);
    }
    expect(cli(['check', '--max-warnings', '007'], dir).code).toBe(0);
    expect(cli(['check', '--max-warnings', '0'], dir).code).toBe(1);
  });

  it('a file that cannot be read is reported once, however often it is met', () => {
    // Named twice, and found again by the walk of a folder holding a vault of its own.
    const dir = tempDir({ 'sub/.git/HEAD': '', 'sub/latin1.md': latin1, 'sub/seed.md': seed });
    for (const args of [['check', 'sub/latin1.md', 'sub/latin1.md'], ['check', '.', 'sub/latin1.md'], ['check', '.', 'sub']]) {
      const r = cli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.match(/not valid UTF-8/gu), args.join(' ')).toEqual(['not valid UTF-8']);
    }
    // Nor are a note's findings reported twice when two vaults hold it.
    const json = JSON.parse(cli(['check', '.', 'sub', '--format', 'json'], dir).stdout) as { file: string; code: string }[];
    expect(json.filter((f) => f.code === 'empty-person')).toHaveLength(1);
  });

  it.skipIf(process.platform === 'win32')('control characters in file names are escaped in text, kept in JSON', () => {
    const name = 'a\nb\u001b[31m.md';
    const dir = tempDir({ [name]: seed, 'latin\r1.md': latin1 });
    const text = cli(['check'], dir);
    expect(text.stdout).toContain("a\\nb\\x1b[31m.md:5:9  warning  empty-person  'person' is empty");
    expect(text.stdout.split('\n').every((line) => !line.includes('\u001b'))).toBe(true);
    expect(text.stderr).toContain('meeting-notes: latin\\r1.md: not valid UTF-8');
    expect(cli(['tasks'], dir).stdout).toContain('a\\nb\\x1b[31m.md:29  proposed');
    const json = JSON.parse(cli(['check', '--format', 'json'], dir).stdout) as { file: string }[];
    expect(json[0]!.file).toBe(name);
  });
});

describe('settings (.vscode/settings.json)', () => {
  const rulesOff = '{ "meetingNotes.rules": { "empty-person": "off" } }';

  it('with a byte-order mark: read as VS Code reads it', () => {
    const dir = tempDir({ '.vscode/settings.json': `\uFEFF${rulesOff}`, 'seed.md': seed });
    const r = cli(['check'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('empty-person');
    expect(r.stdout).toContain('empty-tag-segment');
  });

  it('empty, or only whitespace and comments: no settings, no error', () => {
    for (const text of ['', '  \n\t', '// nothing yet\n/* still nothing */\n', '\uFEFF']) {
      const dir = tempDir({ '.vscode/settings.json': text, 'seed.md': seed });
      const r = cli(['check'], dir);
      expect(r.stderr, JSON.stringify(text)).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('empty-person');
    }
  });

  it('arrays nested 5,000 deep: a settings error (exit 2), the notes still checked, no crash', () => {
    const deep = `{ "meetingNotes.people": ${'['.repeat(5000)}${']'.repeat(5000)} }`;
    const dir = tempDir({ '.vscode/settings.json': deep, 'seed.md': seed });
    const r = cli(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('meeting-notes: .vscode/settings.json: settings nest brackets more than 256 deep (at line 1); using the defaults\n');
    expect(r.stdout).toContain('seed.md:5:9  warning  empty-person');
  });

  it('an unknown rule code is a notice, with the code it most likely meant', () => {
    const dir = tempDir({ '.vscode/settings.json': '{ "meetingNotes.rules": { "emtpy-person": "off", "placeholder-participant": "off" } }', 'seed.md': seed });
    const r = cli(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(".vscode/settings.json: meetingNotes.rules: there is no rule 'emtpy-person' (did you mean 'empty-person'?); it is ignored\n");
    expect(r.stdout).toContain('empty-person');
    expect(r.stdout).not.toContain('placeholder-participant');
  });
});
