import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
  args?: unknown;
}

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const nls = JSON.parse(readFileSync(new URL('../../package.nls.json', import.meta.url), 'utf8')) as Record<string, string>;
const keybindings = (pkg.contributes.keybindings ?? []) as Keybinding[];
const binding = (command: string) => {
  const found = keybindings.filter((k) => k.command === command);
  expect(found, command).toHaveLength(1);
  return found[0]!;
};
const title = (command: string) => {
  const c = (pkg.contributes.commands as { command: string; title: string }[]).find((x) => x.command === command);
  expect(c, command).toBeDefined();
  return nls[c!.title.slice(1, -1)];
};

describe('triage keys in package.json', () => {
  const onProposal = 'editorTextFocus && editorLangId == markdown && meetingNotes.onProposal && !editorReadonly';
  const inTree = 'focusedView == meetingNotes.tasks && !inputFocus';

  it('accept and reject in the editor: one key each, only while the cursor is on a proposal', () => {
    expect(binding('meetingNotes.acceptProposal')).toEqual({ command: 'meetingNotes.acceptProposal', key: 'alt+y', mac: 'ctrl+cmd+y', when: onProposal });
    expect(binding('meetingNotes.rejectProposal')).toEqual({ command: 'meetingNotes.rejectProposal', key: 'alt+n', mac: 'ctrl+cmd+n', when: onProposal });
  });

  it('the same keys in the task list, on the focused row (VS Code hands it over for these args)', () => {
    const focused = { $treeViewId: 'meetingNotes.tasks', $focusedTreeItem: true };
    expect(binding('meetingNotes.tasks.accept')).toEqual({ command: 'meetingNotes.tasks.accept', key: 'alt+y', mac: 'ctrl+cmd+y', when: inTree, args: focused });
    expect(binding('meetingNotes.tasks.reject')).toEqual({ command: 'meetingNotes.tasks.reject', key: 'alt+n', mac: 'ctrl+cmd+n', when: inTree, args: focused });
    // The view the when clause names is ours.
    expect(pkg.contributes.views.explorer.map((v: { id: string }) => v.id)).toContain('meetingNotes.tasks');
  });

  it('next and previous proposal in markdown editors', () => {
    expect(binding('meetingNotes.nextProposal')).toEqual({ command: 'meetingNotes.nextProposal', key: 'alt+.', mac: 'ctrl+cmd+.', when: 'editorTextFocus && editorLangId == markdown' });
    expect(binding('meetingNotes.previousProposal')).toEqual({ command: 'meetingNotes.previousProposal', key: 'alt+,', mac: 'ctrl+cmd+,', when: 'editorTextFocus && editorLangId == markdown' });
  });

  it('binds every key under a when clause, and no key twice where both clauses could hold', () => {
    for (const k of keybindings) expect(k.when, k.command).toBeTruthy();
    const editorKeys = keybindings.filter((k) => k.when!.includes('editorTextFocus')).map((k) => k.key);
    expect(new Set(editorKeys).size).toBe(editorKeys.length);
    const treeKeys = keybindings.filter((k) => k.when!.includes('focusedView')).map((k) => k.key);
    expect(new Set(treeKeys).size).toBe(treeKeys.length);
    // Shift+Alt+. stays VS Code's own Auto Fix (which applies the preferred quick fix: Accept).
    expect(keybindings.some((k) => k.key === 'shift+alt+.')).toBe(false);
  });

  it('declares the commands with clear titles, and the two settings with their defaults', () => {
    expect(title('meetingNotes.acceptProposal')).toBe('Accept Proposal at Cursor');
    expect(title('meetingNotes.rejectProposal')).toBe('Reject Proposal at Cursor');
    expect(title('meetingNotes.nextProposal')).toBe('Go to Next Proposal');
    expect(title('meetingNotes.previousProposal')).toBe('Go to Previous Proposal');
    const props = pkg.contributes.configuration.properties;
    expect(props['meetingNotes.triage.moveToNext']).toMatchObject({ type: 'boolean', default: true });
    expect(props['meetingNotes.triage.codeLens']).toMatchObject({ type: 'boolean', default: false });
    for (const key of ['meetingNotes.triage.moveToNext', 'meetingNotes.triage.codeLens']) expect(nls[props[key].markdownDescription.slice(1, -1)], key).toBeTruthy();
  });
});
