import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, pickMeetingNotesSettings, resolveConfig } from '../../src/core/config';

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
