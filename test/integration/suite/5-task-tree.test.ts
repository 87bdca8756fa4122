import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../../src/extension';
import type { TaskNode, TaskTreeNode } from '../../../src/vscode/tasks-view/tree-model';
import { activate, closeAllEditors, note, readBytes, waitFor, writeNote } from './helpers';

// The task list and the status bar, on three notes of this suite's own, written afresh before each
// test and removed after it (so the tests can run in any order, and leave the fixture vault as it
// was). The list is filtered to them by a word in their titles; the badge and the status bar count the
// whole vault, so they are checked against the counts before our notes were written.
const FOLDER = 'task-tree';
const WORD = 'TreeSuite';
const PLANNING = `${FOLDER}/2024-06-03 - ${WORD} planning.md`;
const VENDOR = `${FOLDER}/2024-06-02 - ${WORD} vendor call.md`;
const RETRO = `${FOLDER}/2024-06-01 - ${WORD} retro.md`;
const lf = (...lines: string[]) => lines.join('\n');
const crlf = (...lines: string[]) => lines.join('\r\n');
const NOTES: Record<string, string> = {
  [PLANNING]: lf(
    '---',
    'type: "meeting"',
    `title: "${WORD} planning - roadmap and hiring"`,
    'date: "2024-06-03"',
    'participants: ["Nora Quist", "Ada Mbeki", "Jon Park"]',
    '---',
    '',
    `# ${WORD} planning`,
    '',
    '## Action Items',
    '',
    '- [?] Draft the Q1 roadmap one-pager. @Myself ⏫ #task #proposed #auto',
    '- [?] Ask Kiran for the hiring plan numbers. @[[Ada Mbeki]] 🔺 #task #proposed #auto',
    '- [ ] Book the roadmap review. @Jon 📅 2024-06-10 #task',
    '',
  ),
  // Written with CRLF line breaks, which every edit must keep.
  [VENDOR]: crlf(
    '---',
    'type: "meeting"',
    `title: "${WORD} vendor call"`,
    'date: "2024-06-02"',
    'participants: ["Nora Quist", "Ada Mbeki"]',
    '---',
    '',
    `# ${WORD} vendor call`,
    '',
    '- [?] Ask for 2 PB pricing 🔺 @Ada #task #proposed #auto',
    '- [?] Get a reference customer @Myself #task #proposed',
    '- [ ] Share notes @Myself #task',
    '',
  ),
  [RETRO]: lf(
    '---',
    'type: "meeting"',
    `title: "${WORD} retro"`,
    'date: "2024-06-01"',
    'participants: ["Nora Quist", "Kiran Shah"]',
    '---',
    '',
    '- [ ] Publish the on-call rota. @Kiran 📅 2024-06-05 #task',
    '- [x] Cut the release branch. @Nora ✅ 2024-05-30 #task',
    '',
  ),
};
const OUR_PROPOSALS = 4;
const OUR_OPEN = 3;

const decoder = new TextDecoder();
let api: MeetingNotesApi;
/** The vault's counts without our notes. */
let base: { proposed: number; open: number };

const provider = () => api.taskTree.provider;

function label(node: TaskTreeNode): string {
  const item = provider().getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function outline(): [string, string[]][] {
  return provider()
    .getChildren()
    .map((g) => [label(g), provider().getChildren(g).map(label)]);
}

function taskNode(text: string): TaskNode {
  const hit = provider()
    .displayOrder()
    .find((n): n is TaskNode => n.kind === 'task' && n.label.includes(text));
  if (hit) return hit;
  assert.fail(`no task "${text}" in the tree: ${JSON.stringify(outline())}`);
}

async function fileText(rel: string): Promise<string> {
  return decoder.decode(await readBytes(note(rel)));
}

const ours = (uri: string) => uri.includes(`/${FOLDER}/`);
const indexedOurs = () => api.index.newestFirst().filter((n) => ours(n.uri)).length;
const statusText = (proposed: number, open: number) => `$(inbox) ${proposed} proposed  $(circle-large-outline) ${open} open`;

/** Waits until the list (index changes reach it after a short delay) shows a task in the state wanted. */
async function treeShows(text: string, status: string): Promise<void> {
  await waitFor(() => provider().displayOrder().find((n): n is TaskNode => n.kind === 'task' && n.label.includes(text))?.ref.task.status, (s) => s === status, `"${text}" ${status} in the list`);
}

describe('task tree and status bar', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    api = await activate();
    await waitFor(indexedOurs, (n) => n === 0, 'no notes of this suite left from an earlier run');
    const counts = api.index.taskCounts();
    base = { proposed: counts.proposed, open: counts.open + counts.inProgress };
  });

  beforeEach(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    for (const [rel, text] of Object.entries(NOTES)) await writeNote(rel, text);
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
    await vscode.commands.executeCommand('meetingNotes.tasks.showFinished');
    await vscode.commands.executeCommand('meetingNotes.tasks.filter', WORD);
    await waitFor(() => outline().map(([, items]) => items.length), (n) => JSON.stringify(n) === '[3,3,2]', 'our three notes in the list');
  });

  afterEach(async () => {
    if (!vscode.workspace.workspaceFolders) return;
    await closeAllEditors();
    await vscode.workspace.fs.delete(note(FOLDER), { recursive: true });
    await waitFor(indexedOurs, (n) => n === 0, 'our notes gone from the index');
    await vscode.commands.executeCommand('meetingNotes.tasks.clearFilter');
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
  });

  it('has shown itself, expanded, once on first run: the vault has proposals', async () => {
    // Nothing in the suites before this one opens the list: the extension did, on its first start here.
    await waitFor(() => api.taskTree.view.visible, (v) => v, 'the list shown');
  });

  it("groups by note, newest meeting first, with each task's label and description", async () => {
    assert.deepEqual(outline(), [
      [`2024-06-03 · ${WORD} planning - roadmap and hiring`, ['Draft the Q1 roadmap one-pager.', 'Ask Kiran for the hiring plan numbers.', 'Book the roadmap review.']],
      [`2024-06-02 · ${WORD} vendor call`, ['Ask for 2 PB pricing', 'Get a reference customer', 'Share notes']],
      [`2024-06-01 · ${WORD} retro`, ['Publish the on-call rota.', 'Cut the release branch.']],
    ]);
    const draft = taskNode('Draft the Q1 roadmap');
    const item = provider().getTreeItem(draft);
    assert.equal(item.description, 'Nora Quist · high');
    assert.equal(item.contextValue, 'task.proposed');
    assert.equal(provider().getTreeItem(taskNode('Book the roadmap review')).description, 'Jon Park · 📅 2024-06-10');
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal(item.tooltip, undefined);
    const resolved = await provider().resolveTreeItem(item, draft, new vscode.CancellationTokenSource().token);
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /- \[\?\] Draft the Q1 roadmap one-pager/);
    // A note's row counts in words: VS Code puts the note's Problems count beside it, as a bare number.
    const [planning, , retro] = provider().getChildren();
    assert.equal(provider().getTreeItem(planning!).description, '2 proposals · 3 tasks');
    assert.equal(provider().getTreeItem(retro!).description, '2 tasks');
  });

  it('groups by status (Proposed first), by assignee (you first, Unassigned last) and by priority', async () => {
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'status');
    assert.deepEqual(outline().map(([g, items]) => [g, items.length]), [['Proposed', 4], ['Open', 3], ['Done', 1]]);
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'assignee');
    assert.deepEqual(outline().map(([g, items]) => [g, items.length]), [['Nora Quist', 4], ['Ada Mbeki', 2], ['Jon Park', 1], ['Kiran Shah', 1]]);
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'priority');
    assert.deepEqual(outline().map(([g]) => g), ['🔺 Highest', '⏫ High', 'No priority']);
    assert.equal(provider().groupBy, 'priority');
    assert.match(api.taskTree.view.description ?? '', /by priority/);
  });

  it('filters by text and hides finished tasks', async () => {
    await vscode.commands.executeCommand('meetingNotes.tasks.filter', `${WORD} planning`);
    assert.deepEqual(outline().flatMap(([, items]) => items), ['Draft the Q1 roadmap one-pager.', 'Ask Kiran for the hiring plan numbers.', 'Book the roadmap review.']);
    assert.match(api.taskTree.view.description ?? '', /“TreeSuite planning”/);
    await vscode.commands.executeCommand('meetingNotes.tasks.filter', WORD);
    await vscode.commands.executeCommand('meetingNotes.tasks.hideFinished');
    try {
      assert.deepEqual(outline().map(([, items]) => items.length), [3, 3, 1]);
      assert.ok(!outline().flatMap(([, items]) => items).includes('Cut the release branch.'));
      assert.match(api.taskTree.view.description ?? '', /open only/);
    } finally {
      await vscode.commands.executeCommand('meetingNotes.tasks.showFinished');
    }
  });

  it('shows the proposal count as the view badge and in the status bar', async () => {
    await waitFor(() => api.taskTree.view.badge?.value, (v) => v === base.proposed + OUR_PROPOSALS, 'the badge with our proposals');
    await waitFor(() => api.statusBar.text, (t) => t === statusText(base.proposed + OUR_PROPOSALS, base.open + OUR_OPEN), 'the status bar with our tasks');
    assert.equal(api.statusBar.name, 'Meeting Notes');
    assert.equal(api.statusBar.command, 'meetingNotes.tasks.focusProposals');
  });

  it('accepting from the tree changes the file, and the counts and badge follow', async () => {
    await waitFor(() => api.taskTree.view.badge?.value, (v) => v === base.proposed + OUR_PROPOSALS, 'the badge with our proposals');
    const before = await fileText(PLANNING);
    const result = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.accept', taskNode('Draft the Q1 roadmap'));
    assert.equal(result.changed, 1);
    assert.equal(await fileText(PLANNING), before.replace('- [?] Draft the Q1 roadmap one-pager. @Myself ⏫ #task #proposed #auto', '- [ ] Draft the Q1 roadmap one-pager. @Myself ⏫ #task #auto'));
    await waitFor(() => api.taskTree.view.badge?.value, (v) => v === base.proposed + OUR_PROPOSALS - 1, 'the badge one lower');
    await waitFor(() => api.statusBar.text, (t) => t === statusText(base.proposed + OUR_PROPOSALS - 1, base.open + OUR_OPEN + 1), 'status bar after accept');
  });

  it('a multi-selection accepts proposals across notes as one edit', async () => {
    const planningBefore = await fileText(PLANNING);
    const vendorBefore = await fileText(VENDOR);
    const a = taskNode('Ask Kiran for the hiring plan');
    const b = taskNode('Ask for 2 PB pricing');
    const result = await vscode.commands.executeCommand<{ changed: number; refused: string[] }>('meetingNotes.tasks.accept', a, [a, b]);
    assert.deepEqual(result, { changed: 2, refused: [] });
    assert.equal(await fileText(PLANNING), planningBefore.replace('- [?] Ask Kiran for the hiring plan numbers. @[[Ada Mbeki]] 🔺 #task #proposed #auto', '- [ ] Ask Kiran for the hiring plan numbers. @[[Ada Mbeki]] 🔺 #task #auto'));
    const vendorAfter = await fileText(VENDOR);
    assert.equal(vendorAfter, vendorBefore.replace('- [?] Ask for 2 PB pricing 🔺 @Ada #task #proposed #auto', '- [ ] Ask for 2 PB pricing 🔺 @Ada #task #auto'));
    assert.ok(vendorAfter.includes('\r\n') && !/[^\r]\n/u.test(vendorAfter), 'the CRLF note keeps CRLF');
    await treeShows('Ask for 2 PB pricing', 'open');
    await treeShows('Ask Kiran for the hiring plan', 'open');
  });

  it('follows a task that moved, and refuses one whose line changed', async () => {
    const stale = taskNode('Get a reference customer');
    // Another tool inserts a line above the task: it moves down by one.
    const moved = (await fileText(VENDOR)).replace(`# ${WORD} vendor call\r\n`, `# ${WORD} vendor call\r\n\r\nAgenda: pricing.\r\n`);
    await vscode.workspace.fs.writeFile(note(VENDOR), new TextEncoder().encode(moved));
    const ok = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.reject', stale);
    assert.equal(ok.changed, 1);
    const afterReject = await fileText(VENDOR);
    assert.match(afterReject, /\r\n- \[-\] Get a reference customer @Myself #task ❌ \d{4}-\d{2}-\d{2}\r\n/u);

    // Now the line itself changes under a tree item drawn before: nothing may be edited.
    await treeShows('Get a reference customer', 'cancelled');
    const share = taskNode('Share notes');
    const edited = afterReject.replace('- [ ] Share notes @Myself #task', '- [ ] Share notes and slides @Myself #task');
    await vscode.workspace.fs.writeFile(note(VENDOR), new TextEncoder().encode(edited));
    const refused = await vscode.commands.executeCommand<{ changed: number; refused: string[] }>('meetingNotes.tasks.markDone', share);
    assert.equal(refused.changed, 0);
    assert.equal(refused.refused.length, 1);
    assert.match(refused.refused[0]!, /Share notes.*changed or removed since the list was drawn/);
    assert.equal(await fileText(VENDOR), edited, 'the file is byte-for-byte unchanged');
  });

  it("marks a task done from the tree with today's ✅ date", async () => {
    const result = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.markDone', taskNode('Publish the on-call rota'));
    assert.equal(result.changed, 1);
    assert.match(await fileText(RETRO), /\n- \[x\] Publish the on-call rota\. @Kiran 📅 2024-06-05 #task ✅ \d{4}-\d{2}-\d{2}\n/u);
    await treeShows('Publish the on-call rota', 'done');
  });

  it('Show Proposals shows the list in the Explorer, expanded, with the first proposal selected', async () => {
    await vscode.commands.executeCommand('workbench.view.search');
    await waitFor(() => api.taskTree.view.visible, (v) => !v, 'the list hidden behind Search');
    await vscode.commands.executeCommand('meetingNotes.tasks.focusProposals');
    assert.ok(api.taskTree.view.visible, 'the list is shown');
    // The first proposal of the list as it is filtered now.
    await waitFor(() => api.taskTree.view.selection.map((n) => n.id), (ids) => ids.length === 1 && ids[0] === taskNode('Draft the Q1 roadmap').id, 'the first proposal selected');
  });
});
