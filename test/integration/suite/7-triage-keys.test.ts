import * as assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../../src/extension';
import type { GroupNode, TaskNode } from '../../../src/vscode/tasks-view/register-task-tree';
import { activate, EXTENSION_ID, note, readBytes, skipInWebHost, waitFor, writeNote } from './helpers';

// Triage at keyboard speed: the keys' commands in the editor and in the task list, the next/previous
// proposal commands, accept-and-next, the CodeLens, and the context a row shows. Two notes of their
// own, dated after every other note, so that they come first in meeting order.
const FOLDER = 'triage-keys';
const STANDUP = `${FOLDER}/2099-01-02 - TriageKeys standup.md`;
const REVIEW = `${FOLDER}/2099-01-01 - TriageKeys review.md`;
const md = (...lines: string[]) => lines.join('\n');
const STANDUP_TEXT = md(
  '---',
  'type: "meeting"',
  'title: "TriageKeys standup"',
  'date: "2099-01-02"',
  'participants: ["Nora Quist", "Ada Mbeki"]',
  '---',
  '',
  '# TriageKeys standup',
  '',
  '## Action Items',
  '',
  '- [?] Alpha: send the deck @Ada 🔺 #proposed',
  '- [ ] Open one @Ada',
  '- [?] Bravo: book the room @Myself ⏫ #proposed',
  '',
);
const REVIEW_TEXT = md(
  '---',
  'type: "meeting"',
  'title: "TriageKeys review"',
  'date: "2099-01-01"',
  'participants: ["Nora Quist", "Ada Mbeki", "Kiran Shah"]',
  '---',
  '',
  '# TriageKeys review',
  '',
  '## Decisions',
  '',
  'We keep the vendor.',
  '',
  '## Action Items',
  '',
  'Agreed at the end of the call:',
  '- [?] Charlie: ask for the quote @Ada 🔼 #proposed',
  '- [?] Delta: update the wiki #proposed',
  '',
);
const decoder = new TextDecoder();
const TODAY = /❌ \d{4}-\d{2}-\d{2}$/u;

let api: MeetingNotesApi;

async function configure(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('meetingNotes').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Saves our notes' unsaved edits (closing a dirty editor would ask), then closes every editor. */
async function closeOurs(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.path.includes(`/${FOLDER}/`)) await doc.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

const proposalLines = (rel: string) =>
  api.index
    .get(note(rel).toString())
    ?.tasks.filter((t) => t.status === 'proposed')
    .map((t) => t.line) ?? [];

/** Both notes as written above, indexed, and (shown in the tree when it is asked for) with their four proposals. */
async function reset(): Promise<void> {
  await closeOurs();
  await writeNote(STANDUP, STANDUP_TEXT);
  await writeNote(REVIEW, REVIEW_TEXT);
  await waitFor(() => [proposalLines(STANDUP), proposalLines(REVIEW)], (v) => JSON.stringify(v) === JSON.stringify([[11, 13], [16, 17]]), 'the two notes indexed with their proposals');
}

async function open(rel: string, line: number, column: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(note(rel));
  editor.selection = new vscode.Selection(line, column, line, column);
  return editor;
}

const cursor = () => {
  const editor = vscode.window.activeTextEditor;
  return editor ? `${editor.document.uri.path.split('/').pop()}:${editor.selection.active.line}:${editor.selection.active.character}` : 'no editor';
};

const fileName = (rel: string) => rel.split('/').pop()!;

describe('triage from the keyboard', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    api = await activate();
  });
  after(async () => {
    if (!vscode.workspace.workspaceFolders) return;
    await closeOurs();
    await configure('triage.moveToNext', undefined);
    await configure('triage.codeLens', undefined);
    await vscode.commands.executeCommand('meetingNotes.tasks.clearFilter');
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
    await vscode.workspace.fs.delete(note(FOLDER), { recursive: true });
  });

  it('binds keys that no VS Code default (or built-in extension) uses', async function () {
    // The real workbench's default keybindings, for this platform, with the extensions' ones.
    let text: string;
    try {
      text = (await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'))).getText();
    } catch (e) {
      if (typeof process === 'undefined') return skipInWebHost(this, `the default keybindings document cannot be opened here (${(e as Error).message})`);
      throw e;
    }
    const defaults = parseJsonc(text) as { key: string; command: string; when?: string }[];
    const ours = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { keybindings: { key: string; command: string }[] } }).contributes.keybindings;
    assert.equal(ours.length, 6);
    for (const k of ours) {
      // The document lists ours too (so the keys are read as VS Code reads them)…
      assert.ok(defaults.some((d) => d.key === k.key && d.command === k.command), `${k.key} → ${k.command} is not among the keybindings VS Code loaded`);
      // …and nothing else on the same key, whatever its when clause.
      const others = defaults.filter((d) => d.key === k.key && !d.command.startsWith('meetingNotes.'));
      assert.deepEqual(others, [], `${k.key} is also bound by default`);
    }
  });

  it('accept in the editor works from any column and moves the cursor to the next proposal; reject moves on to the next note', async () => {
    await reset();
    const editor = await open(STANDUP, 11, 25);
    const accepted = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.acceptProposal');
    assert.equal(accepted.changed, 1);
    assert.equal(editor.document.lineAt(11).text, '- [ ] Alpha: send the deck @Ada 🔺');
    // On the next proposal's text (after "- [?] ").
    assert.equal(cursor(), `${fileName(STANDUP)}:13:6`);

    const rejected = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.rejectProposal');
    assert.equal(rejected.changed, 1);
    assert.match(editor.document.lineAt(13).text, /^- \[-\] Bravo: book the room @Myself ⏫ ❌ \d{4}-\d{2}-\d{2}$/u);
    // The note has no proposal left: the next one is in the next note in meeting order.
    assert.equal(cursor(), `${fileName(REVIEW)}:16:6`);
    await closeOurs();
  });

  it('with meetingNotes.triage.moveToNext off, the cursor stays where it was', async () => {
    await reset();
    await configure('triage.moveToNext', false);
    try {
      const editor = await open(REVIEW, 16, 2);
      const result = await vscode.commands.executeCommand<{ changed: number; next: unknown }>('meetingNotes.acceptProposal');
      assert.equal(result.changed, 1);
      assert.equal(result.next, undefined);
      assert.equal(editor.document.lineAt(16).text, '- [ ] Charlie: ask for the quote @Ada 🔼');
      assert.equal(cursor(), `${fileName(REVIEW)}:16:2`);
      // Off a proposal line nothing is decided.
      editor.selection = new vscode.Selection(11, 0, 11, 0);
      assert.equal((await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.rejectProposal')).changed, 0);
      assert.equal(editor.document.lineAt(11).text, 'We keep the vendor.');
    } finally {
      await configure('triage.moveToNext', undefined);
      await closeOurs();
    }
  });

  it('works on a wrapped proposal from a column past the wrap: the accept key and Shift+Alt+. (Auto Fix) both', async () => {
    const long = (word: string) => `- [?] ${word} ${'and then some more words to wrap '.repeat(5)}@Ada #task #proposed`;
    const rel = `${FOLDER}/2099-01-03 - TriageKeys wrapped.md`;
    await writeNote(rel, md('---', 'type: "meeting"', 'title: "TriageKeys wrapped"', 'date: "2099-01-03"', 'participants: ["Nora Quist", "Ada Mbeki"]', '---', '', long('First'), long('Second'), long('Third'), ''));
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    await editorConfig.update('wordWrap', 'wordWrapColumn', vscode.ConfigurationTarget.Workspace, true);
    await editorConfig.update('wordWrapColumn', 40, vscode.ConfigurationTarget.Workspace, true);
    try {
      await waitFor(() => api.index.get(note(rel).toString())?.tasks.length ?? 0, (n) => n === 3, 'the wrapped note indexed');
      const editor = await open(rel, 7, 150);
      assert.ok(editor.document.lineAt(7).text.length > 150, 'the line is long enough to wrap several times at column 40');
      assert.equal((await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.acceptProposal')).changed, 1);
      assert.match(editor.document.lineAt(7).text, /^- \[ \] First /u);
      assert.equal(cursor(), `${fileName(rel)}:8:6`);

      // VS Code's own Auto Fix applies the preferred quick fix (Accept), then the cursor moves on.
      editor.selection = new vscode.Selection(8, 160, 8, 160);
      await vscode.commands.executeCommand('editor.action.autoFix');
      await waitFor(() => editor.document.lineAt(8).text.slice(0, 12), (t) => t === '- [ ] Second', 'Shift+Alt+. to accept the wrapped proposal');
      await waitFor(cursor, (c) => c === `${fileName(rel)}:9:6`, 'the cursor on the next proposal after the quick fix');
    } finally {
      await editorConfig.update('wordWrap', undefined, vscode.ConfigurationTarget.Workspace, true);
      await editorConfig.update('wordWrapColumn', undefined, vscode.ConfigurationTarget.Workspace, true);
      await closeOurs();
      await vscode.workspace.fs.delete(note(rel));
      await waitFor(() => api.index.has(note(rel).toString()), (has) => !has, 'the wrapped note gone from the index');
    }
  });

  it('next and previous proposal go across notes in meeting order, and wrap', async () => {
    await reset();
    // Every proposal of the vault in meeting order, as the index holds them.
    const order = api.index
      .newestFirst()
      .flatMap((n) => n.tasks.filter((t) => t.status === 'proposed').map((t) => `${vscode.Uri.parse(n.uri).path.split('/').pop()}:${t.line}:${t.column}`));
    assert.deepEqual(order.slice(0, 4), [`${fileName(STANDUP)}:11:6`, `${fileName(STANDUP)}:13:6`, `${fileName(REVIEW)}:16:6`, `${fileName(REVIEW)}:17:6`]);
    await open(STANDUP, 0, 0);
    const next = () => vscode.commands.executeCommand('meetingNotes.nextProposal');
    const previous = () => vscode.commands.executeCommand('meetingNotes.previousProposal');
    await next();
    assert.equal(cursor(), `${fileName(STANDUP)}:11:6`);
    await next();
    assert.equal(cursor(), `${fileName(STANDUP)}:13:6`);
    await next();
    assert.equal(cursor(), `${fileName(REVIEW)}:16:6`, 'on to the next note');
    await previous();
    assert.equal(cursor(), `${fileName(STANDUP)}:13:6`, 'back to the newer note');
    // Wrapping: before the first proposal of all comes the last one, and after it the first.
    await previous();
    await previous();
    assert.equal(cursor(), order[order.length - 1], 'from the first proposal of all, back to the last one');
    await next();
    assert.equal(cursor(), `${fileName(STANDUP)}:11:6`);
    await closeOurs();
  });

  it('shows Accept and Reject CodeLenses above each proposal only with meetingNotes.triage.codeLens on', async () => {
    await reset();
    const uri = note(STANDUP);
    const ourLenses = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? []).filter((l) =>
        l.command?.command.startsWith('meetingNotes.'),
      );
    const describeLenses = async () => (await ourLenses()).map((l) => `${l.range.start.line} ${l.command!.title}`);
    await vscode.window.showTextDocument(uri);
    assert.deepEqual(await describeLenses(), [], 'no lenses by default');
    await configure('triage.codeLens', true);
    try {
      await waitFor(describeLenses, (l) => JSON.stringify(l) === JSON.stringify(['11 $(check) Accept', '11 $(close) Reject', '13 $(check) Accept', '13 $(close) Reject']), 'Accept and Reject above both proposals');
      const reject = (await ourLenses()).find((l) => l.range.start.line === 13 && l.command!.title.includes('Reject'))!;
      await vscode.commands.executeCommand(reject.command!.command, ...(reject.command!.arguments ?? []));
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.match(doc.lineAt(13).text, TODAY);
      await waitFor(describeLenses, (l) => JSON.stringify(l) === JSON.stringify(['11 $(check) Accept', '11 $(close) Reject']), 'the lenses follow the text');
      await configure('triage.codeLens', false);
      await waitFor(describeLenses, (l) => l.length === 0, 'the lenses gone with the setting off');
    } finally {
      await configure('triage.codeLens', undefined);
      await closeOurs();
    }
  });

  describe('in the task list', () => {
    const provider = () => api.taskTree.provider;
    const rows = () => provider().displayOrder();
    const row = (text: string, group?: string): TaskNode => {
      const hit = rows().find((n): n is TaskNode => n.kind === 'task' && n.label.startsWith(text) && (!group || n.parent.id === group));
      assert.ok(hit, `no row "${text}" in ${JSON.stringify(rows().map((n) => n.id))}`);
      return hit;
    };
    const selected = () => api.taskTree.view.selection.map((n) => (n.kind === 'task' ? `${n.parent.id} ${n.label.split(':')[0]}` : n.id));
    const fileText = async (rel: string) => decoder.decode(await readBytes(note(rel)));

    /** Resets the notes, groups the list, and waits until it shows their proposals. */
    async function showGrouped(groupBy: string, proposals: number): Promise<void> {
      await reset();
      // The focus moves only in a list that is shown.
      if (!api.taskTree.view.visible) await vscode.commands.executeCommand('meetingNotes.tasks.focus');
      await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', groupBy);
      await waitFor(
        () => rows().filter((n) => n.kind === 'task' && n.ref.task.status === 'proposed').length,
        (n) => n === proposals,
        `${proposals} proposal rows grouped by ${groupBy}`,
      );
    }

    before(async function () {
      if (!vscode.workspace.workspaceFolders) this.skip();
      await vscode.commands.executeCommand('meetingNotes.tasks.showFinished');
      await vscode.commands.executeCommand('meetingNotes.tasks.filter', 'TriageKeys');
    });

    it('Show Proposals (the status-bar click) opens the list and focuses the first proposal', async () => {
      await showGrouped('note', 4);
      assert.equal(api.statusBar.command, 'meetingNotes.tasks.focusProposals');
      await vscode.commands.executeCommand('meetingNotes.tasks.focusProposals');
      assert.ok(api.taskTree.view.visible, 'the list is shown');
      await waitFor(selected, (s) => s.length === 1 && s[0]!.endsWith('Alpha'), 'the first proposal selected');
    });

    // The key hands the command the focused row; after the decision, the next proposal is selected and focused.
    const cases: [string, string, string | undefined, string][] = [
      ['note', 'Alpha', undefined, 'Bravo'],
      ['status', 'Alpha', undefined, 'Bravo'],
      // You (Nora Quist: Bravo) first, then Ada Mbeki: over the group header.
      ['assignee', 'Bravo', 'assignee:nora quist', 'Alpha'],
      // Highest (Alpha), then High (Bravo).
      ['priority', 'Alpha', undefined, 'Bravo'],
    ];
    for (const [groupBy, decide, group, next] of cases) {
      it(`grouped by ${groupBy}: accepting ${decide} moves the selection to ${next}, not to a group header`, async () => {
        await showGrouped(groupBy, 4);
        const target = row(decide, group);
        await api.taskTree.view.reveal(target, { select: true, focus: true });
        const result = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.accept', target);
        assert.equal(result.changed, 1);
        await waitFor(selected, (s) => s.length === 1 && s[0]!.endsWith(next), `the selection on ${next}`);
        const expected = row(next);
        assert.equal(expected.ref.task.status, 'proposed');
        assert.ok(api.taskTree.view.selection[0]!.kind === 'task', 'a task, not a group header');
      });
    }

    it('accepts every selected task at once, then selects the proposal after the last of them; reject wraps to the top', async () => {
      await showGrouped('note', 4);
      const alpha = row('Alpha');
      const charlie = row('Charlie');
      // What VS Code hands over for a multi-selection that holds the row acted on.
      const result = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.accept', alpha, [alpha, charlie]);
      assert.equal(result.changed, 2);
      assert.match(await fileText(STANDUP), /\n- \[ \] Alpha: send the deck @Ada 🔺\n/u);
      assert.match(await fileText(REVIEW), /\n- \[ \] Charlie: ask for the quote @Ada 🔼\n/u);
      await waitFor(selected, (s) => s.length === 1 && s[0]!.endsWith('Delta'), 'the selection on Delta');

      const rejected = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.reject', row('Delta'));
      assert.equal(rejected.changed, 1);
      assert.match((await fileText(REVIEW)).split('\n')[17]!, TODAY);
      // After the last proposal of the list comes the first one left.
      await waitFor(selected, (s) => s.length === 1 && s[0]!.endsWith('Bravo'), 'the selection wrapped to Bravo');
    });

    it('on a group header, the key decides nothing and focuses the first proposal below', async () => {
      await showGrouped('priority', 4);
      const medium = rows().find((n): n is GroupNode => n.kind === 'group' && n.id === 'priority:medium')!;
      const before = await fileText(REVIEW);
      const result = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.accept', medium);
      assert.equal(result.changed, 0);
      assert.equal(await fileText(REVIEW), before);
      await waitFor(selected, (s) => s.length === 1 && s[0] === 'priority:medium Charlie', 'the selection on Charlie');
    });

    it('rows outside the note grouping say which meeting first; the tooltip, read when shown, has the meeting and the lines around', async () => {
      await showGrouped('status', 4);
      const charlie = row('Charlie');
      const item = provider().getTreeItem(charlie);
      assert.equal(item.description, '2099-01-01 TriageKeys review · Ada Mbeki · medium');
      assert.equal(item.tooltip, undefined, 'no tooltip until one is shown: the note is read then');
      const resolved = await provider().resolveTreeItem(item, charlie, new vscode.CancellationTokenSource().token);
      const tooltip = (resolved.tooltip as vscode.MarkdownString).value.replace(/\\(.)/gu, '$1');
      for (const part of ['**Proposed**', 'TriageKeys review', '2099-01-01', 'With Nora Quist, Ada Mbeki, Kiran Shah', 'Section: Action Items']) assert.ok(tooltip.includes(part), `${part} in ${tooltip}`);
      assert.ok(tooltip.includes('  Agreed at the end of the call:\n▶ - [?] Charlie: ask for the quote @Ada 🔼 #proposed\n  - [?] Delta: update the wiki #proposed'), tooltip);

      await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
      await waitFor(() => rows().filter((n) => n.kind === 'group').length, (n) => n === 2, 'two note groups');
      const standup = rows().find((n): n is GroupNode => n.kind === 'group' && n.group.label.includes('TriageKeys standup'))!;
      const group = provider().getTreeItem(standup);
      assert.equal(group.description, '2 proposals · 3 tasks');
      assert.ok(group.resourceUri, 'the note row keeps its file, for the Problems count VS Code shows beside it');
      // Grouped by note, a task row does not repeat the meeting.
      assert.equal(provider().getTreeItem(row('Alpha')).description, 'Ada Mbeki · highest');
    });
  });
});
