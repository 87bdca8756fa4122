import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../../src/extension';
import type { GroupNode, TaskNode, TaskTreeNode } from '../../../src/vscode/tasks-view/register-task-tree';
import { activate, closeAllEditors, note, readBytes, waitFor } from './helpers';

const decoder = new TextDecoder();
const JON = '2025-12-19 - Jon Park 1-1 - roadmap and hiring.md';
const VENDOR = '2025-12-17 - Vendor call.md';

let api: MeetingNotesApi;

function roots(): GroupNode[] {
  return api.taskTree.provider.getChildren() as GroupNode[];
}

function label(node: TaskTreeNode): string {
  const item = api.taskTree.provider.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function outline(): [string, string[]][] {
  return roots().map((g) => [label(g), (api.taskTree.provider.getChildren(g) as TaskNode[]).map(label)]);
}

function taskNode(text: string): TaskNode {
  for (const g of roots()) {
    const hit = (api.taskTree.provider.getChildren(g) as TaskNode[]).find((n) => n.label.includes(text));
    if (hit) return hit;
  }
  assert.fail(`no task "${text}" in the tree: ${JSON.stringify(outline())}`);
}

async function fileText(rel: string): Promise<string> {
  return decoder.decode(await readBytes(note(rel)));
}

async function settle(): Promise<void> {
  // Index changes reach the tree after a short coalescing delay.
  await new Promise((r) => setTimeout(r, 300));
}

describe('task tree and status bar', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    api = await activate();
    await vscode.commands.executeCommand('meetingNotes.tasks.showFinished');
    await vscode.commands.executeCommand('meetingNotes.tasks.clearFilter');
    await settle();
  });
  after(closeAllEditors);

  it('groups by note, newest meeting first, with each task\'s label and description', async () => {
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
    await settle();
    assert.deepEqual(outline(), [
      ['2025-12-19 · Jon Park 1:1 - roadmap and hiring', ['Draft the Q1 roadmap one-pager for Jon Park.', 'Ask Kiran for the hiring plan numbers.', 'Book the roadmap review.']],
      ['2025-12-18 · Platform sync', ['Publish the on-call rota.', 'Cut the release branch.', 'Update the wiki page.']],
      ['2025-12-17 · Vendor call', ['Ask for 2 PB pricing', 'Get a reference customer', 'Share notes']],
    ]);
    const item = api.taskTree.provider.getTreeItem(taskNode('Draft the Q1 roadmap'));
    assert.equal(item.description, 'Nora Quist · high');
    assert.equal(item.contextValue, 'task.proposed');
    assert.equal(api.taskTree.provider.getTreeItem(taskNode('Book the roadmap review')).description, 'Jon Park · 📅 2025-12-22');
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal(item.tooltip, undefined);
    const resolved = await api.taskTree.provider.resolveTreeItem(item, taskNode('Draft the Q1 roadmap'), new vscode.CancellationTokenSource().token);
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /- \[\?\] Draft the Q1 roadmap one-pager/);
  });

  it('groups by status (Proposed first), by assignee (you first, Unassigned last) and by priority', async () => {
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'status');
    await settle();
    assert.deepEqual(outline().map(([g, items]) => [g, items.length]), [['Proposed', 4], ['Open', 4], ['Done', 1]]);
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'assignee');
    await settle();
    assert.deepEqual(outline().map(([g, items]) => [g, items.length]), [['Nora Quist', 3], ['Ada Mbeki', 3], ['Jon Park', 1], ['Kiran Shah', 1], ['Unassigned', 1]]);
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'priority');
    await settle();
    assert.deepEqual(outline().map(([g]) => g), ['🔺 Highest', '⏫ High', 'No priority']);
    assert.equal(api.taskTree.provider.groupBy, 'priority');
    assert.match(api.taskTree.view.description ?? '', /by priority/);
  });

  it('filters by text and hides finished tasks', async () => {
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
    await vscode.commands.executeCommand('meetingNotes.tasks.filter', 'roadmap');
    await settle();
    assert.deepEqual(outline().map(([, items]) => items).flat(), ['Draft the Q1 roadmap one-pager for Jon Park.', 'Ask Kiran for the hiring plan numbers.', 'Book the roadmap review.']);
    await vscode.commands.executeCommand('meetingNotes.tasks.clearFilter');
    await vscode.commands.executeCommand('meetingNotes.tasks.hideFinished');
    await settle();
    assert.ok(!outline().flatMap(([, items]) => items).includes('Cut the release branch.'));
    await vscode.commands.executeCommand('meetingNotes.tasks.showFinished');
    await settle();
  });

  it('shows the proposal count as the view badge and in the status bar', async () => {
    assert.equal(api.taskTree.view.badge?.value, 4);
    assert.equal(api.statusBar.text, '$(inbox) 4 proposed  $(circle-large-outline) 4 open');
    assert.equal(api.statusBar.name, 'Meeting Notes');
    assert.equal(api.statusBar.command, 'meetingNotes.tasks.focusProposals');
  });

  it('accepting from the tree changes the file, and the counts and badge follow', async () => {
    const before = await fileText(JON);
    const result = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.accept', taskNode('Draft the Q1 roadmap'));
    assert.equal(result.changed, 1);
    assert.equal(await fileText(JON), before.replace('- [?] Draft the Q1 roadmap one-pager for Jon Park. @Myself ⏫ #task #proposed #auto', '- [ ] Draft the Q1 roadmap one-pager for Jon Park. @Myself ⏫ #task #auto'));
    await waitFor(() => api.taskTree.view.badge?.value, (v) => v === 3, 'badge 3');
    await waitFor(() => api.statusBar.text, (t) => t === '$(inbox) 3 proposed  $(circle-large-outline) 5 open', 'status bar after accept');
  });

  it('a multi-selection accepts proposals across notes as one edit', async () => {
    const jonBefore = await fileText(JON);
    const vendorBefore = await fileText(VENDOR);
    const a = taskNode('Ask Kiran for the hiring plan');
    const b = taskNode('Ask for 2 PB pricing');
    const result = await vscode.commands.executeCommand<{ changed: number; refused: string[] }>('meetingNotes.tasks.accept', a, [a, b]);
    assert.deepEqual(result, { changed: 2, refused: [] });
    assert.equal(await fileText(JON), jonBefore.replace('- [?] Ask Kiran for the hiring plan numbers. @[[Ada Mbeki]] 🔺 #task #proposed #auto', '- [ ] Ask Kiran for the hiring plan numbers. @[[Ada Mbeki]] 🔺 #task #auto'));
    const vendorAfter = await fileText(VENDOR);
    assert.equal(vendorAfter, vendorBefore.replace('- [?] Ask for 2 PB pricing 🔺 @Ada #task #proposed #auto', '- [ ] Ask for 2 PB pricing 🔺 @Ada #task #auto'));
    assert.ok(vendorAfter.includes('\r\n') && !/[^\r]\n/u.test(vendorAfter), 'the CRLF note keeps CRLF');
    await waitFor(() => api.taskTree.view.badge?.value, (v) => v === 1, 'badge 1');
  });

  it('follows a task that moved, and refuses one whose line changed', async () => {
    const stale = taskNode('Get a reference customer');
    // Another tool inserts a line above the task: it moves down by one.
    const moved = (await fileText(VENDOR)).replace('# Vendor call\r\n', '# Vendor call\r\n\r\nAgenda: pricing.\r\n');
    await vscode.workspace.fs.writeFile(note(VENDOR), new TextEncoder().encode(moved));
    const ok = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.reject', stale);
    assert.equal(ok.changed, 1);
    const afterReject = await fileText(VENDOR);
    assert.match(afterReject, /\r\n- \[-\] Get a reference customer @Myself #task ❌ \d{4}-\d{2}-\d{2}\r\n/u);

    // Now the line itself changes under a stale tree item: nothing may be edited.
    await settle();
    const share = taskNode('Share notes');
    const edited = afterReject.replace('- [ ] Share notes @Myself #task', '- [ ] Share notes and slides @Myself #task');
    await vscode.workspace.fs.writeFile(note(VENDOR), new TextEncoder().encode(edited));
    const refused = await vscode.commands.executeCommand<{ changed: number; refused: string[] }>('meetingNotes.tasks.markDone', share);
    assert.equal(refused.changed, 0);
    assert.equal(refused.refused.length, 1);
    assert.match(refused.refused[0]!, /Share notes.*changed or removed since the list was drawn/);
    assert.equal(await fileText(VENDOR), edited, 'the file is byte-for-byte unchanged');
  });

  it('marks a task done from the tree with today\'s ✅ date', async () => {
    await settle();
    const result = await vscode.commands.executeCommand<{ changed: number }>('meetingNotes.tasks.markDone', taskNode('Publish the on-call rota'));
    assert.equal(result.changed, 1);
    assert.match(await fileText('2025-12-18 - Platform sync.md'), /- \[x\] Publish the on-call rota\. @Kiran 📅 2025-12-20 #task ✅ \d{4}-\d{2}-\d{2}\n/u);
  });
});
