import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, resolveConfig, type MeetingNotesConfig } from '../../src/core/config';
import { parseNote } from '../../src/core/parse-note';
import { readTasksPluginStatuses, tasksPluginFindings, TASKS_PLUGIN_SETTINGS, withTasksPluginStatuses } from '../../src/core/tasks-plugin';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/meeting-notes.js');

const status = (symbol: string, type: string, name = 'S') => ({ symbol, name, nextStatusSymbol: 'x', availableAsCommand: true, type });
/** data.json as Obsidian Tasks writes it (pretty-printed, other settings around the statuses). */
const dataJson = (custom: object[], core: object[] = [status(' ', 'TODO', 'Todo'), status('x', 'DONE', 'Done')]) =>
  JSON.stringify({ globalFilter: '', statusSettings: { coreStatuses: core, customStatuses: custom }, features: { INTERNAL_TESTING_ENABLED_BY_DEFAULT: true } }, null, 2);
const config = (): MeetingNotesConfig => structuredClone(DEFAULT_CONFIG) as MeetingNotesConfig;

describe("Obsidian Tasks' statuses", () => {
  it('maps each type to a meaning here, in Tasks order', () => {
    const read = readTasksPluginStatuses(dataJson([status('/', 'IN_PROGRESS'), status('!', 'TODO'), status('h', 'ON_HOLD'), status('~', 'NON_TASK'), status('-', 'CANCELLED'), status('?', 'TODO')]));
    expect(read.problems).toEqual([]);
    expect(read.statuses).toEqual({ ' ': 'open', x: 'done', '/': 'in-progress', '!': 'open', h: 'deferred', '~': 'non-task', '-': 'cancelled', '?': 'open' });
    expect(read.proposalType).toBe('TODO');
    expect(read.proposalRange.start.line).toBeGreaterThan(0);
  });

  it('merges under ours: a symbol both define keeps our meaning, the rest are added', () => {
    const merged = withTasksPluginStatuses(config(), readTasksPluginStatuses(dataJson([status('?', 'TODO'), status('!', 'TODO'), status('~', 'NON_TASK'), status('x', 'CANCELLED')])));
    expect(merged.taskStatuses['?']).toBe('proposed');
    expect(merged.taskStatuses.x).toBe('done');
    expect(merged.taskStatuses['!']).toBe('open');
    expect(merged.taskStatuses['~']).toBe('non-task');
    // A user's own setting wins too.
    const mine = resolveConfig({ taskStatuses: { '!': 'cancelled' } }).config;
    expect(withTasksPluginStatuses(mine, readTasksPluginStatuses(dataJson([status('!', 'TODO')]))).taskStatuses['!']).toBe('cancelled');
  });

  it('a Tasks status is known, and a NON_TASK checkbox is no task', () => {
    const cfg = withTasksPluginStatuses(config(), readTasksPluginStatuses(dataJson([status('!', 'TODO'), status('~', 'NON_TASK')])));
    const note = parseNote('file:///v/a.md', '- [!] Call the vendor\n- [~] Pro: cheaper\n  - [?] Nested proposal #proposed\n- [?] Idea #proposed\n', { taskStatuses: cfg.taskStatuses });
    expect(note.tasks.map((t) => [t.statusChar, t.status, t.parent])).toEqual([
      ['!', 'open', undefined],
      ['?', 'proposed', undefined],
      ['?', 'proposed', undefined],
    ]);
    expect(parseNote('file:///v/a.md', '- [~] Pro\n', {}).tasks.map((t) => t.status)).toEqual(['unknown']);
  });

  it('malformed, partial or odd settings never break: problems are said, the rest used', () => {
    expect(readTasksPluginStatuses('{ "statusSettings": ').problems[0]).toMatch(/^not valid JSON/u);
    expect(readTasksPluginStatuses('[1, 2]')).toMatchObject({ statuses: {}, problems: ['not a JSON object; its statuses are not used'] });
    expect(readTasksPluginStatuses('{}')).toMatchObject({ statuses: {}, problems: [] });
    expect(readTasksPluginStatuses('{"statusSettings": 3}').problems).toEqual(['"statusSettings" is not an object; its statuses are not used']);
    const odd = readTasksPluginStatuses(
      '\uFEFF' + JSON.stringify({ statusSettings: { coreStatuses: 'x', customStatuses: [status('!', 'URGENT'), { symbol: 'ab', type: 'TODO' }, null, status('', 'TODO'), status('%', 'DONE'), status('%', 'TODO')] } }),
    );
    expect(odd.statuses).toEqual({ '%': 'done' });
    expect(odd.problems).toEqual([
      '"statusSettings.coreStatuses" is not a list; ignored',
      'statusSettings.customStatuses[0] ("!") has the unknown type "URGENT"; ignored',
      'statusSettings.customStatuses[1] has no one-character "symbol"; ignored',
      'statusSettings.customStatuses[2] has no one-character "symbol"; ignored',
      'statusSettings.customStatuses[3] has no one-character "symbol"; ignored',
    ]);
  });

  it('one info when Tasks would count proposals as open tasks; none once ? is NON_TASK; rules can change or silence it', () => {
    const codes = (json: string, rules = {}) => tasksPluginFindings(readTasksPluginStatuses(json), { rules }).map((f) => `${f.severity} ${f.code}`);
    expect(codes(dataJson([]))).toEqual(['info tasks-plugin-proposals']);
    expect(codes(dataJson([status('?', 'TODO')]))).toEqual(['info tasks-plugin-proposals']);
    expect(codes(dataJson([status('?', 'IN_PROGRESS')]))).toEqual(['info tasks-plugin-proposals']);
    expect(codes(dataJson([status('?', 'NON_TASK')]))).toEqual([]);
    expect(codes(dataJson([status('?', 'CANCELLED')]))).toEqual([]);
    expect(codes(dataJson([]), { 'tasks-plugin-proposals': 'warning' })).toEqual(['warning tasks-plugin-proposals']);
    expect(codes(dataJson([]), { 'tasks-plugin-proposals': 'off' })).toEqual([]);
    const at = tasksPluginFindings(readTasksPluginStatuses(dataJson([status('?', 'TODO')])), { rules: {} })[0]!;
    expect(at.message).toContain('type TODO');
    expect(at.range.start.line).toBeGreaterThan(0);
  });
});

describe("the CLI and Obsidian Tasks' settings", () => {
  function vault(data: string | undefined): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-tasks-'));
    mkdirSync(path.join(dir, '.obsidian'));
    if (data !== undefined) {
      mkdirSync(path.join(dir, path.dirname(TASKS_PLUGIN_SETTINGS)), { recursive: true });
      writeFileSync(path.join(dir, TASKS_PLUGIN_SETTINGS), data);
    }
    writeFileSync(path.join(dir, 'note.md'), '# Sync\n- [!] Call the vendor\n- [~] Pro: cheaper\n- [?] Idea #proposed\n');
    return dir;
  }
  const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  const codes = (stdout: string) => (JSON.parse(stdout) as { file: string; code: string }[]).map((f) => `${f.file} ${f.code}`);

  it('uses them, and says once on the settings file that proposals count as open there', () => {
    const dir = vault(dataJson([status('!', 'TODO'), status('~', 'NON_TASK')]));
    const check = run(dir, 'check', '--format', 'json');
    expect(codes(check.stdout)).toEqual([`${TASKS_PLUGIN_SETTINGS} tasks-plugin-proposals`]);
    const tasks = JSON.parse(run(dir, 'tasks', '--format', 'json').stdout) as { status: string; text: string }[];
    expect(tasks.map((t) => `${t.status} ${t.text}`)).toEqual(['open Call the vendor', 'proposed Idea']);
    expect(run(dir, 'check').stdout).toContain('1 problem (0 errors, 0 warnings, 1 info) in 0 of 1 note and 1 other file');
    // Checking one note does not repeat the vault's settings finding.
    expect(codes(run(dir, 'check', 'note.md', '--format', 'json').stdout)).toEqual([]);
  });

  it('without them, or with broken ones, our statuses alone: a notice, never a failed run', () => {
    const none = vault(undefined);
    expect(codes(run(none, 'check', '--format', 'json').stdout)).toEqual(['note.md unknown-task-status', 'note.md unknown-task-status']);
    const broken = vault('{ "statusSettings": { "customStatuses": [ ');
    const r = run(broken, 'check', '--format', 'json');
    expect(r.status).toBe(0);
    expect(codes(r.stdout)).toEqual(['note.md unknown-task-status', 'note.md unknown-task-status']);
    expect(r.stderr).toContain(`${TASKS_PLUGIN_SETTINGS}: Obsidian Tasks settings: not valid JSON`);
  });
});
