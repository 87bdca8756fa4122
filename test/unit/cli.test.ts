import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/meeting-notes.js');
const seed = readFileSync(path.join(root, 'test/fixtures/seed-shaped-note.md'), 'utf8');

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'meeting-notes-cli-'));
}

interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

/** What each sample-vault note is there to show (sample-vault/README.md lists the same). */
const SAMPLE_VAULT_FINDINGS = [
  ['2025-11-28', 2, 1, 'warning', 'missing-field'],
  ['2025-11-28', 4, 9, 'warning', 'yaml-warning'],
  ['2025-11-28', 5, 49, 'warning', 'placeholder-participant'],
  ['2025-11-28', 28, 10, 'warning', 'source-missing'],
  ['2025-12-01', 1, 1, 'error', 'frontmatter-unclosed'],
  ['2025-12-03', 2, 1, 'warning', 'missing-field'],
  ['2025-12-05', 4, 7, 'warning', 'date-format'],
  ['2025-12-05', 8, 5, 'warning', 'type-tag-mismatch'],
  ['2025-12-05', 23, 4, 'info', 'proposed-without-tag'],
  ['2025-12-05', 24, 4, 'warning', 'unknown-task-status'],
  ['2025-12-05', 25, 77, 'info', 'proposed-tag-mismatch'],
  ['2025-12-05', 26, 55, 'warning', 'invalid-task-date'],
  ['2025-12-08', 5, 15, 'warning', 'field-type'],
  ['2025-12-08', 6, 1, 'error', 'duplicate-key'],
  ['2025-12-10', 6, 1, 'error', 'yaml-syntax'],
  ['2025-12-12', 4, 7, 'info', 'date-filename-mismatch'],
  ['2025-12-12', 5, 53, 'warning', 'unknown-participant'],
  ['2025-12-12', 5, 88, 'warning', 'unknown-participant'],
  ['2025-12-12', 7, 13, 'warning', 'source-missing'],
  ['2025-12-12', 25, 58, 'warning', 'unknown-mention'],
  ['2025-12-19', 5, 9, 'warning', 'empty-person'],
  ['2025-12-19', 6, 84, 'warning', 'placeholder-participant'],
  ['2025-12-19', 6, 132, 'warning', 'placeholder-participant'],
  ['2025-12-19', 8, 13, 'warning', 'source-missing'],
  ['2025-12-19', 11, 5, 'warning', 'empty-tag-segment'],
];

describe('meeting-notes check', () => {
  beforeAll(() => {
    expect(readFileSync(bin, 'utf8')).toContain('dist/cli.js');
  });

  it('reports the sample vault\'s findings as JSON, exit 1 for its errors', () => {
    const r = cli(['check', 'sample-vault', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as Finding[];
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
      expect(f.file.startsWith('sample-vault/Meetings/2025/')).toBe(true);
    }
    const got = findings.map((f) => [path.basename(f.file).slice(0, 10), f.line, f.column, f.severity, f.code]);
    expect(got).toEqual(SAMPLE_VAULT_FINDINGS);
    // The template folder is excluded by the vault's settings; person notes are clean.
    expect(findings.some((f) => f.file.includes('Templates') || f.file.includes('People'))).toBe(false);
  });

  it('prints file:line:col  severity  code  message and a summary in text', () => {
    const r = cli(['check', 'sample-vault']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "sample-vault/Meetings/2025/2025-12-12 - Storage roadmap review - tiering and 2026 priorities.md:5:53  warning  unknown-participant  Unknown person 'Tomas Ekburg'; did you mean 'Tomas Ekberg'?",
    );
    expect(r.stdout).toMatch(/25 problems \(3 errors, 19 warnings, 3 info\) in 8 of 20 notes/);
  });

  it('on a copy of the seed note: empty person, person/ tag, two placeholders; nothing on a clean note', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '2025-12-19 - Dana Whitlock 1-1.md'), seed);
    const clean = seed
      .replace('person: ""', 'person: "Dana Whitlock"')
      .replace('"person/"', '"person/dana-whitlock"')
      .replace(/, "Ravi \(last name unknown\)"|, "Kenji \(last name unknown\)"/gu, '')
      .replace(/source_ref: ".*"/u, 'source_ref: "Transcripts/2025-12-19 - Dana Whitlock - Fabrikam partnership and offsite prep.md"');
    writeFileSync(path.join(dir, '2025-12-19 - Clean.md'), clean);
    mkdirSync(path.join(dir, 'Transcripts'));
    writeFileSync(path.join(dir, 'Transcripts/2025-12-19 - Dana Whitlock - Fabrikam partnership and offsite prep.md'), '# Transcript\n');
    const r = cli(['check', '.', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout) as Finding[];
    expect(findings.map((f) => [f.file, f.line, f.code])).toEqual([
      ['2025-12-19 - Dana Whitlock 1-1.md', 5, 'empty-person'],
      ['2025-12-19 - Dana Whitlock 1-1.md', 6, 'placeholder-participant'],
      ['2025-12-19 - Dana Whitlock 1-1.md', 6, 'placeholder-participant'],
      // A path on the machine that wrote the note (the vault has the file: a fix makes it relative).
      ['2025-12-19 - Dana Whitlock 1-1.md', 8, 'source-missing'],
      ['2025-12-19 - Dana Whitlock 1-1.md', 11, 'empty-tag-segment'],
    ]);
    const text = cli(['check'], dir);
    expect(text.stdout).toContain('no people registry');
    expect(cli(['check', '2025-12-19 - Clean.md'], dir).stdout).toMatch(/^No problems in 1 note/mu);
  });

  it('--max-warnings fails a run with too many warnings', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'seed.md'), seed);
    expect(cli(['check', '--max-warnings', '6'], dir).code).toBe(0);
    const r = cli(['check', '--max-warnings', '5'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('more than --max-warnings 5');
  });

  it('reads settings from .vscode/settings.json (JSONC) and honours rule severities', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode/settings.json'), '{\n // comment\n "meetingNotes.rules": { "empty-person": "error", "placeholder-participant": "off" },\n}\n');
    writeFileSync(path.join(dir, 'seed.md'), seed);
    const r = cli(['check', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Finding[]).map((f) => [f.code, f.severity])).toEqual([
      ['empty-person', 'error'],
      ['source-missing', 'warning'],
      ['empty-tag-segment', 'warning'],
      ['source-missing', 'warning'],
    ]);
  });

  it('broken settings: a one-line error, exit 2, the notes still checked', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode/settings.json'), '{ "meetingNotes.owner": ');
    writeFileSync(path.join(dir, 'seed.md'), seed);
    const r = cli(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^meeting-notes: \.vscode\/settings\.json: settings are not valid JSONC/mu);
    expect(r.stdout).toContain('empty-person');
  });

  it('a non-UTF-8 file is reported (exit 2) and the rest still checked; big files are skipped out loud', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'latin1.md'), Buffer.from([0x2d, 0x20, 0x5b, 0x3f, 0x5d, 0x20, 0xe9, 0x0a]));
    writeFileSync(path.join(dir, 'seed.md'), seed);
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode/settings.json'), '{ "meetingNotes.maxFileSize": 5000 }');
    writeFileSync(path.join(dir, 'huge.md'), 'x'.repeat(6000));
    const r = cli(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meeting-notes: latin1.md: not valid UTF-8');
    expect(r.stderr).toContain('huge.md: skipped: 6000 bytes is over the 5000-byte limit');
    expect(r.stdout).toContain('seed.md:5:9  warning  empty-person');
  });

  it('usage errors exit 2 with one clear line', () => {
    expect(cli(['check', 'no/such/dir'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no/such/dir: no such file or folder') });
    expect(cli(['check', '--frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option '--frobnicate'/) });
    expect(cli(['lint'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'lint'") });
    expect(cli(['check', '--format', 'xml'])).toMatchObject({ code: 2 });
    expect(cli(['tasks', '--status', 'later'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--status must be one of') });
    expect(cli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: meeting-notes') });
  });

  it('--fix applies the safe fixes byte-exactly and leaves triage alone', () => {
    const dir = tempDir();
    const crlfSeed = '\uFEFF' + seed.replace(/\n/gu, '\r\n');
    writeFileSync(path.join(dir, 'seed.md'), crlfSeed);
    const r = cli(['check', '--fix', '--format', 'json'], dir);
    expect(r.stderr).toContain('Fixed 2 problems in 1 file');
    const after = readFileSync(path.join(dir, 'seed.md'), 'utf8');
    expect(after).toBe(crlfSeed.replace('person: ""', 'person: "Dana Whitlock"').replace('"person/"', '"person/dana-whitlock"'));
    expect((JSON.parse(r.stdout) as Finding[]).map((f) => f.code)).toEqual(['placeholder-participant', 'placeholder-participant', 'source-missing', 'source-missing']);
  });

  it('checks links and sources against every file of the vault, excluded folders too; --fix makes an absolute source_ref vault-relative', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode/settings.json'), '{ "meetingNotes.exclude": ["Transcripts/**"] }');
    mkdirSync(path.join(dir, 'Transcripts/2025'), { recursive: true });
    writeFileSync(path.join(dir, 'Transcripts/2025/2025-12-19 - Dana Whitlock - Fabrikam partnership and offsite prep.md'), '# Transcript\n');
    writeFileSync(path.join(dir, 'Transcripts/2025/attachment.pdf'), '%PDF');
    const note = seed.replace('## Decisions', 'See ![[attachment.pdf]] and [[No such note#Part|alias]].\n\n## Decisions');
    writeFileSync(path.join(dir, 'seed.md'), note);
    const before = JSON.parse(cli(['check', '--format', 'json'], dir).stdout) as Finding[];
    expect(before.filter((f) => f.code === 'unresolved-link' || f.code === 'source-missing').map((f) => [f.line, f.severity, f.code, f.message])).toEqual([
      [8, 'warning', 'source-missing', "'source_ref' is a path on another machine; the vault has the file at 'Transcripts/2025/2025-12-19 - Dana Whitlock - Fabrikam partnership and offsite prep.md'."],
      [expect.any(Number), 'info', 'unresolved-link', "No file in the vault is named 'No such note'."],
    ]);
    const r = cli(['check', '--fix', '--format', 'json'], dir);
    expect(r.stderr).toContain('Fixed 3 problems in 1 file');
    expect(readFileSync(path.join(dir, 'seed.md'), 'utf8')).toBe(
      note
        .replace('person: ""', 'person: "Dana Whitlock"')
        .replace('"person/"', '"person/dana-whitlock"')
        .replace(/source_ref: ".*"/u, 'source_ref: "Transcripts/2025/2025-12-19 - Dana Whitlock - Fabrikam partnership and offsite prep.md"'),
    );
    expect((JSON.parse(r.stdout) as Finding[]).map((f) => f.code)).not.toContain('source-missing');
  });
});

describe('meeting-notes tasks', () => {
  it('lists tasks as JSON with the documented fields, newest meeting first', () => {
    const r = cli(['tasks', 'sample-vault', '--status', 'proposed', '--format', 'json']);
    expect(r.code).toBe(0);
    const tasks = JSON.parse(r.stdout) as { file: string; line: number; status: string; text: string; assignees: string[]; priority: string | null; tags: string[] }[];
    expect(Object.keys(tasks[0]!)).toEqual(['file', 'line', 'status', 'text', 'assignees', 'priority', 'tags']);
    expect(tasks.every((t) => t.status === 'proposed')).toBe(true);
    expect(tasks[0]).toMatchObject({ line: 29, assignees: ['Dana Whitfield'], priority: 'high', tags: ['task', 'proposed', 'auto'] });
    expect(tasks[0]!.file).toContain('2025-12-19');
    const dates = tasks.map((t) => path.basename(t.file).slice(0, 10));
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('filters by assignee, by alias or Myself', () => {
    const mine = JSON.parse(cli(['tasks', 'sample-vault', '--assignee', 'Myself', '--format', 'json']).stdout) as { assignees: string[] }[];
    const byName = JSON.parse(cli(['tasks', 'sample-vault', '--assignee', 'dana whitfield', '--format', 'json']).stdout) as unknown[];
    expect(mine.length).toBeGreaterThan(3);
    expect(byName).toEqual(mine);
    const marcus = JSON.parse(cli(['tasks', 'sample-vault', '--assignee', 'Marcus Oyelaran', '--format', 'json']).stdout) as { text: string }[];
    expect(marcus.map((t) => t.text)).toEqual(['Confirm the beta hardware budget with finance.', 'Decide whether the cache tier needs its own on-call rotation.']);
  });
});

describe('Myself as an alias of a person note', () => {
  it('is that person for --assignee and in the report\'s open tasks by person', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'People'));
    writeFileSync(path.join(dir, 'People', 'Nia Park.md'), '---\ntype: person\naliases: ["Nia", "Myself"]\n---\n# Nia Park\n');
    writeFileSync(path.join(dir, 'People', 'Bo Chen.md'), '---\ntype: person\n---\n# Bo Chen\n');
    writeFileSync(
      path.join(dir, '2025-12-10 - Sync.md'),
      '---\ntype: meeting\ntitle: "Sync"\ndate: "2025-12-10"\nparticipants: ["Nia Park", "Bo Chen"]\n---\n- [ ] Mine @Myself\n- [ ] Named @Nia\n- [ ] Theirs @Bo\n',
    );
    const texts = (args: string[]) => (JSON.parse(cli(['tasks', dir, ...args, '--format', 'json']).stdout) as { text: string; assignees: string[] }[]).map((t) => `${t.text}:${t.assignees.join(',')}`);
    expect(texts(['--assignee', 'Myself'])).toEqual(['Mine:Nia Park', 'Named:Nia Park']);
    expect(texts(['--assignee', 'nia park'])).toEqual(['Mine:Nia Park', 'Named:Nia Park']);
    expect(texts(['--assignee', 'Bo Chen'])).toEqual(['Theirs:Bo Chen']);
    const report = cli(['report', dir]).stdout;
    expect(report).toMatch(/ {3}2 {2}Nia Park\n/u);
    expect(report).not.toContain('Myself');
  });
});

describe('meeting-notes report (npm start)', () => {
  it('prints the findings, then proposals per note and open tasks per person', () => {
    const r = cli(['report', 'sample-vault']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Proposals to triage (newest meeting first)');
    expect(r.stdout).toMatch(/ {3}4 {2}sample-vault\/Meetings\/2025\/2025-12-19 - Marcus/u);
    expect(r.stdout).toContain('Open tasks by person');
    expect(r.stdout).toMatch(/\d+ {2}Dana Whitfield/u);
  });

  it('copies of the vault check the same from another folder', () => {
    const dir = tempDir();
    cpSync(path.join(root, 'sample-vault'), path.join(dir, 'vault'), { recursive: true });
    const r = cli(['check', 'vault', '--format', 'json'], dir);
    expect((JSON.parse(r.stdout) as Finding[]).length).toBe(SAMPLE_VAULT_FINDINGS.length);
  });
});
