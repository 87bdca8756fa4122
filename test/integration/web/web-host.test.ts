// What only the web run can show: the extension activated in the web worker extension host (no Node),
// from its browser bundle, read the vault through workspace.fs, and its features answer there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../../src/extension';
import type { TaskTreeNode } from '../../../src/vscode/tasks-view/register-task-tree';
import { activate, EXTENSION_ID, note, waitFor, waitForCodes } from '../suite/helpers';

const ONE_ON_ONE = '2025-12-19 - Jon Park 1-1 - roadmap and hiring.md';
/** The fixture vault's notes, without Archive/ (excluded by its .vscode/settings.json). */
const NOTES = 7;

describe('the web worker extension host', () => {
  let api: MeetingNotesApi;
  before(async () => {
    api = await activate();
  });

  it('runs without Node: no process, no DOM, a worker global scope', () => {
    assert.equal(typeof process, 'undefined');
    const global = globalThis as { document?: unknown; navigator?: unknown; WorkerGlobalScope?: new () => unknown };
    assert.equal(typeof global.document, 'undefined', 'a worker, not the window');
    assert.equal(typeof global.navigator, 'object');
    const scope = global.WorkerGlobalScope;
    assert.ok(scope && globalThis instanceof scope, 'the global scope is a WorkerGlobalScope');
  });

  it('activated the browser bundle here, from a manifest without main', () => {
    const ext = vscode.extensions.getExtension<MeetingNotesApi>(EXTENSION_ID);
    assert.ok(ext?.isActive, 'the extension is active in this host');
    const manifest = ext.packageJSON as { main?: string; browser?: string };
    assert.equal(manifest.main, undefined);
    assert.equal(manifest.browser, './dist/web/extension.js');
    // The API came back from this host's activate(): the extension runs beside the tests.
    assert.equal(ext.exports, api);
    assert.equal(api.rssAtActivation, 0, 'no process.memoryUsage() where it activated');
  });

  it('runs in a trusted window', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('its assert fails where Node\'s strict assert fails (the web run can fail)', () => {
    assert.deepEqual(new vscode.Range(4, 8, 4, 10), new vscode.Range(4, 8, 4, 10));
    assert.throws(() => assert.deepEqual(new vscode.Range(4, 8, 4, 10), new vscode.Range(4, 8, 4, 11)), /deep-equal/u);
    assert.throws(() => assert.deepEqual({ a: 1 }, { a: '1' }));
    assert.throws(() => assert.deepEqual([1, 2], [2, 1]));
    assert.throws(() => assert.equal(1, '1' as unknown));
    assert.throws(() => assert.ok(''));
    assert.throws(() => assert.match('abc', /d/u));
    assert.throws(() => assert.fail('no'), /no/u);
    assert.throws(() => assert.throws(() => undefined));
  });
});

describe('the web worker extension host on the fixture vault', () => {
  let api: MeetingNotesApi;
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    api = await activate();
  });

  it('indexed every note by reading it through workspace.fs', async () => {
    const found = await vscode.workspace.findFiles('**/*.md', '**/Archive/**');
    assert.equal(found.length, NOTES);
    // Not file: uris — src/vscode/files.ts reads only file: uris from the disk, and only on Node.
    assert.deepEqual([...new Set(found.map((u) => u.scheme))], ['vscode-remote']);
    const scan = api.lastScan();
    assert.ok(scan, 'the first scan reports what it did');
    assert.equal(scan.notes, NOTES);
    assert.equal(scan.read, NOTES, `every note was read: ${JSON.stringify(scan)}`);
    assert.equal(api.index.size, NOTES);
    assert.ok(
      found.every((u) => api.index.get(u.toString())),
      'each note is in the index under its workspace.fs uri',
    );
  });

  it('publishes the fixture vault\'s diagnostics', async () => {
    await waitForCodes(note(ONE_ON_ONE), ['empty-person', 'empty-tag-segment', 'placeholder-participant', 'unknown-participant']);
    await waitForCodes(note('2025-12-18 - Platform sync.md'), []);
  });

  it('shows the counts in the status bar, and the status bar, tree and log commands run', async () => {
    await waitFor(() => api.statusBar.text, (t) => t === '$(inbox) 4 proposed  $(circle-large-outline) 4 open', 'the status bar counts');
    assert.equal(api.statusBar.command, 'meetingNotes.tasks.focusProposals');
    await vscode.commands.executeCommand(api.statusBar.command);
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'status');
    const label = (node: TaskTreeNode) => {
      const l = api.taskTree.provider.getTreeItem(node).label;
      return typeof l === 'string' ? l : l?.label;
    };
    const groups = () => (api.taskTree.provider.getChildren() as TaskTreeNode[]).map(label);
    await waitFor(groups, (g) => JSON.stringify(g) === JSON.stringify(['Proposed', 'Open', 'Done']), 'the tree grouped by status');
    await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
    assert.equal(api.taskTree.view.badge?.value, 4);
    await vscode.commands.executeCommand('meetingNotes.showLog');
  });

  it('writes the index cache through workspace.fs', async () => {
    const why = await waitFor(() => api.saveCache(), (w) => w !== 'the index is being brought up to date', 'the index to settle');
    assert.equal(why, undefined, 'the cache is written');
  });
});
