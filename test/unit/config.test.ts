import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, pickMeetingNotesSettings, resolveConfig } from '../../src/core/config';
import { RULE_CODES } from '../../src/core/rules';
import { TASKS_PLUGIN_PROPOSALS } from '../../src/core/tasks-plugin';

/** The editor's side (src/vscode/settings.ts) runs against this stand-in for the `vscode` module. */
const editor = vi.hoisted(() => ({
  settings: {} as Record<string, unknown>,
  throwing: new Set<string>(),
  warnings: [] as string[],
}));
vi.mock('vscode', () => ({
  workspace: {
    getConfiguration: () => ({
      get: (key: string) => {
        if (editor.throwing.has(key)) throw new RangeError('Maximum call stack size exceeded');
        return editor.settings[key];
      },
    }),
  },
  window: {
    showWarningMessage: (message: string) => {
      editor.warnings.push(message);
      return Promise.resolve(undefined);
    },
  },
  commands: { executeCommand: () => Promise.resolve() },
}));

const ruleCodes = [...RULE_CODES, TASKS_PLUGIN_PROPOSALS];

/** An array nested `depth` deep, built without recursion. */
function nested(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('resolveConfig', () => {
  it('starts from the defaults', () => {
    expect(resolveConfig({})).toEqual({ config: DEFAULT_CONFIG, problems: [] });
  });

  it('merges object settings over the defaults instead of replacing them', () => {
    const { config } = resolveConfig({ taskStatuses: { '!': 'open' }, rules: { 'date-format': 'off' } });
    expect(config.taskStatuses['!']).toBe('open');
    expect(config.taskStatuses['?']).toBe('proposed');
    expect(config.rules).toEqual({ 'date-format': 'off' });
  });

  it('reports settings of the wrong shape and falls back to the default', () => {
    const { config, problems } = resolveConfig({ people: 'Ann', taskStatuses: { '!!': 'open' }, rules: { x: 'loud' }, maxFileSize: -1, owner: 'Dana' });
    expect(config.people).toEqual([]);
    expect(config.owner).toBe('Dana');
    expect(problems).toEqual([
      'meetingNotes.people should be an array of strings; using the default',
      'meetingNotes.rules should be an object of rule code to "error", "warning", "info", "hint" or "off"; using the default',
      'meetingNotes.taskStatuses should be an object of one character to one of proposed, open, in-progress, done, cancelled, deferred, non-task; using the default',
      'meetingNotes.maxFileSize should be a positive number of bytes; using the default',
    ]);
  });

  it('reports rule codes that no rule has, with the code most likely meant, and leaves them out', () => {
    const { config, problems } = resolveConfig({ rules: { 'emtpy-person': 'off', 'date-format': 'error', 'tasks-plugin-proposals': 'off', zzz: 'warning' } }, { ruleCodes });
    expect(config.rules).toEqual({ 'date-format': 'error', 'tasks-plugin-proposals': 'off' });
    expect(problems).toEqual([
      "meetingNotes.rules: there is no rule 'emtpy-person' (did you mean 'empty-person'?); it is ignored",
      "meetingNotes.rules: there is no rule 'zzz'; it is ignored",
    ]);
    // Without the list of codes (a caller that cannot know them), nothing is judged.
    expect(resolveConfig({ rules: { zzz: 'off' } })).toMatchObject({ config: { rules: { zzz: 'off' } }, problems: [] });
  });

  it('names ten unknown rule codes and counts the rest; control characters in them are escaped', () => {
    const rules = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`no-such-rule-${i}\n`, 'off']));
    const { problems } = resolveConfig({ rules }, { ruleCodes });
    expect(problems).toHaveLength(11);
    expect(problems[0]).toBe("meetingNotes.rules: there is no rule 'no-such-rule-0\\n'; it is ignored");
    expect(problems[10]).toBe('meetingNotes.rules: 15 more codes that are no rule are ignored');
  });

  it('takes values nested 100,000 deep as a wrong shape, never a crash', () => {
    const deep = nested(100_000);
    const { config, problems } = resolveConfig(
      { people: deep, exclude: [deep], rules: { 'date-format': deep }, requiredFields: { people: deep }, taskStatuses: { '?': deep }, owner: deep, maxFileSize: deep },
      { ruleCodes },
    );
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'meetingNotes.owner',
      'meetingNotes.people',
      'meetingNotes.exclude',
      'meetingNotes.rules',
      'meetingNotes.requiredFields',
      'meetingNotes.taskStatuses',
      'meetingNotes.maxFileSize',
    ]);
  });

  it('does not let one resolution change the defaults', () => {
    resolveConfig({ people: ['X'] }).config.listFields.push('mutated');
    expect(DEFAULT_CONFIG.listFields).not.toContain('mutated');
  });

  it('picks meetingNotes.* keys from flat or nested settings', () => {
    expect(pickMeetingNotesSettings({ 'meetingNotes.owner': 'Dana', 'editor.fontSize': 12, meetingNotes: { people: ['A'] } })).toEqual({ owner: 'Dana', people: ['A'] });
  });
});

describe('inSkippedFolder', () => {
  it('skips version control, editor, Obsidian and dependency folders at any depth, and nothing else', async () => {
    const { inSkippedFolder } = await import('../../src/core/config');
    expect(inSkippedFolder('.obsidian/workspace.md')).toBe(true);
    expect(inSkippedFolder('Projects/node_modules/x/README.md')).toBe(true);
    expect(inSkippedFolder('.trash/old.md')).toBe(true);
    expect(inSkippedFolder('Meetings/2025/.gitkeep.md')).toBe(false);
    expect(inSkippedFolder('Meetings/obsidian/notes.md')).toBe(false);
  });
});

describe("the editor's readConfig", () => {
  it('logs every settings problem and shows each distinct set of them to the user once', async () => {
    const { readConfig } = await import('../../src/vscode/settings');
    const logged: string[] = [];
    const log = { warn: (m: string) => logged.push(m) } as unknown as Parameters<typeof readConfig>[0];
    editor.settings = { owner: 'Dana', rules: { 'emtpy-person': 'off' } };
    expect(readConfig(log).owner).toBe('Dana');
    readConfig(log); // settings read again (a change elsewhere): the same problem is not shown again
    const typo = "meetingNotes.rules: there is no rule 'emtpy-person' (did you mean 'empty-person'?); it is ignored";
    expect(logged).toEqual([typo, typo]);
    expect(editor.warnings).toEqual([`Meeting Notes settings: ${typo}`]);

    // A value VS Code cannot hand over: the default, logged and shown, never a failed activation.
    editor.throwing.add('people');
    expect(readConfig(log).people).toEqual([]);
    expect(editor.warnings).toHaveLength(2);
    expect(editor.warnings[1]).toContain('Meeting Notes settings have 2 problems: meetingNotes.people could not be read (Maximum call stack size exceeded); using the default');
    editor.throwing.clear();

    editor.settings = { rules: { 'empty-person': 'off' } };
    expect(readConfig(log).rules).toEqual({ 'empty-person': 'off' });
    expect(editor.warnings).toHaveLength(2);
  });
});
