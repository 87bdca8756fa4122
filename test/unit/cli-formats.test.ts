import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log } from 'sarif';
import { RULE_CODES } from '../../src/core/rules';
import { TASKS_PLUGIN_PROPOSALS } from '../../src/core/tasks-plugin';
import { writeJsonArray } from '../../src/cli/formats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/meeting-notes.js');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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

/** GitHub's README anchors: lower case, punctuation dropped, spaces to dashes. */
const anchors = new Set(
  [...readme.matchAll(/^#{1,6} (.+)$/gmu)].map((m) =>
    m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /gu, '-'),
  ),
);

/**
 * Microsoft's SARIF Multitool (the SARIF SDK's validator: the 2.1.0 schema plus the spec's rules), from
 * its npm package. npm does not run its install script (which marks the binary executable), so do that.
 */
function multitool(): string | undefined {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`));
  } catch {
    return undefined;
  }
  const exe = path.join(dir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  if (!existsSync(exe)) return undefined;
  if (process.platform !== 'win32') chmodSync(exe, 0o755);
  return exe;
}

describe('meeting-notes check --format sarif', () => {
  const r = cli(['check', 'sample-vault', '--format', 'sarif']);
  const json = cli(['check', 'sample-vault', '--format', 'json']);
  const log = JSON.parse(r.stdout) as Log;
  const findings = JSON.parse(json.stdout) as Finding[];

  it('holds the same findings as --format json, with rules that point at their README section', () => {
    expect(r.code).toBe(json.code);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    expect(driver.name).toBe('meeting-notes');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(driver.rules!.map((rule) => rule.id)).toEqual([...RULE_CODES, TASKS_PLUGIN_PROPOSALS]);
    for (const rule of driver.rules!) {
      expect(rule.shortDescription?.text.length).toBeGreaterThan(10);
      const anchor = new URL(rule.helpUri!).hash.slice(1);
      expect(anchors.has(anchor), `README has a section for ${rule.id}`).toBe(true);
      expect(new URL(rule.helpUri!).pathname).toMatch(/\/README\.md$/u);
    }
    expect(run.results!.length).toBe(findings.length);
    run.results!.forEach((result, i) => {
      const f = findings[i]!;
      expect(result.ruleId).toBe(f.code);
      expect(driver.rules![result.ruleIndex!]!.id).toBe(f.code);
      expect(result.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      expect(result.message.text).toBe(f.message);
      const location = result.locations![0]!.physicalLocation!;
      // Relative to the working folder, forward slashes, percent-encoded.
      expect(decodeURIComponent(location.artifactLocation!.uri!)).toBe(f.file.split(path.sep).join('/'));
      expect(location.artifactLocation!.uri).not.toMatch(/^\/|^file:|\\| /u);
      expect(location.region).toEqual({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    });
  });

  const exe = multitool();
  it('passes the SARIF SDK validator (schema and spec rules) with no error', () => {
    expect(exe, '@microsoft/sarif-multitool is a dev dependency: npm ci installs it').toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-sarif-'));
    const input = path.join(dir, 'check.sarif');
    const output = path.join(dir, 'validation.sarif');
    writeFileSync(input, r.stdout);
    const v = spawnSync(exe!, ['validate', input, '--output', output], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const validation = JSON.parse(readFileSync(output, 'utf8')) as Log;
    // Errors break the log; warnings are the validator's advice on good SARIF, which we follow too.
    const said = (validation.runs[0]!.results ?? []).map((x) => `${x.level ?? 'warning'} ${x.ruleId} ${JSON.stringify(x.message.arguments)}`);
    expect(said).toEqual([]);
  });

  it('a validator that can fail: a broken log is refused', () => {
    expect(exe).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-sarif-'));
    const input = path.join(dir, 'broken.sarif');
    const output = path.join(dir, 'validation.sarif');
    const broken = JSON.parse(r.stdout) as Log;
    (broken.runs[0]!.tool.driver.rules![0] as { helpUri: string }).helpUri = 'README.md#not a uri';
    writeFileSync(input, JSON.stringify(broken));
    spawnSync(exe!, ['validate', input, '--output', output], { env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } });
    const validation = JSON.parse(readFileSync(output, 'utf8')) as Log;
    expect((validation.runs[0]!.results ?? []).some((x) => x.level === 'error')).toBe(true);
  });
});

describe('meeting-notes check --format github', () => {
  it('prints one workflow command per finding, at its file and lines', () => {
    const r = cli(['check', 'sample-vault', '--format', 'github']);
    const findings = JSON.parse(cli(['check', 'sample-vault', '--format', 'json']).stdout) as Finding[];
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(findings.length);
    lines.forEach((line, i) => {
      const f = findings[i]!;
      const level = { error: 'error', warning: 'warning', info: 'notice' }[f.severity];
      // A property value escapes %, then , and : (which would end it); file names here hold commas.
      const file = f.file.replace(/%/gu, '%25').replace(/,/gu, '%2C').replace(/:/gu, '%3A');
      expect(line).toBe(`::${level} file=${file},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${f.code}::${f.message.replace(/%/gu, '%25')}`);
    });
  });

  it('escapes what would end a property or the message: %, CR, LF, and , : in properties', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-gh-'));
    const folder = path.join(dir, 'a,b:c');
    mkdirSync(folder);
    writeFileSync(path.join(folder, '100% sure.md'), '---\ntype: meeting\ntitle: "x"\ndate: "2025-13-45"\n---\n');
    const r = cli(['check', '.', '--format', 'github'], dir);
    expect(r.stdout).toContain('::warning file=a%2Cb%3Ac/100%25 sure.md,line=4,');
    for (const line of r.stdout.trimEnd().split('\n')) {
      expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\r\n]*$/u);
    }
  });

  it('sarif and github are for check only', () => {
    expect(cli(['tasks', 'sample-vault', '--format', 'sarif'])).toMatchObject({ code: 2, stderr: expect.stringContaining("only applies to 'check'") });
    expect(cli(['report', 'sample-vault', '--format', 'json'])).toMatchObject({ code: 2 });
  });
});

describe('writeJsonArray', () => {
  it('writes what JSON.stringify(items, null, 2) writes, in parts', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({
      file: `Meetings/Zoë ${i}.md`,
      line: i + 1,
      nested: { list: [i, 'a\nb', '"quoted"'], empty: [], none: {} },
      message: `line\r\nbreaks, tabs\t and \u2028 separators ${'#'.repeat(i)}`,
    }));
    for (const [list, chunk] of [[items, 3], [items, 1], [items, 1000], [[], 3], [[1, 'x', null], 2]] as const) {
      const parts: string[] = [];
      await writeJsonArray(list, (s) => parts.push(s), undefined, chunk);
      expect(parts.join('')).toBe(`${JSON.stringify(list, null, 2)}\n`);
      if (list.length > chunk) expect(parts.length).toBeGreaterThan(2);
    }
  });

  it('waits for the output to drain after each part before writing the next', async () => {
    const parts: string[] = [];
    const seenAtDrain: number[] = [];
    let release: (() => void) | undefined;
    const drained = () => {
      seenAtDrain.push(parts.length);
      return new Promise<void>((resolve) => (release = resolve));
    };
    const writing = writeJsonArray([1, 2, 3], (s) => parts.push(s), drained, 1);
    for (let i = 1; i <= 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
      expect(parts.length).toBe(i); // nothing more is written until the output drains
      release!();
    }
    await writing;
    expect(seenAtDrain).toEqual([1, 2, 3]);
    expect(parts.join('')).toBe(`${JSON.stringify([1, 2, 3], null, 2)}\n`);
  });
});
