import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codes, lineOf, note, waitFor, waitForCodes, writeNote } from './helpers';

const meeting = (person: string) =>
  ['---', 'type: "people"', 'title: "Ada Mbeki 1:1 - live"', 'date: "2025-12-12"', `person: ${person}`, 'participants: ["Nora Quist", "Ada Mbeki"]', '---', ''].join('\n');

describe('live updates', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });
  afterEach(closeAllEditors);

  it('creating, changing and deleting a note on disk updates its diagnostics', async () => {
    const uri = await writeNote('scratch/live-disk.md', meeting('""'));
    await waitForCodes(uri, ['empty-person']);
    await writeNote('scratch/live-disk.md', meeting('"Ada Mbeki"'));
    await waitForCodes(uri, []);
    await writeNote('scratch/live-disk.md', meeting('"Ada Mbeki"').replace('"2025-12-12"', '"2025-13-12"'));
    await waitForCodes(uri, ['date-format']);
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => vscode.languages.getDiagnostics(uri).length, (n) => n === 0, 'diagnostics removed after delete');
  });

  it('a folder moved in: its notes are read and its files become link targets', async () => {
    const api = await activate();
    const source = await writeNote('scratch-folder-src/Moved note.md', meeting('""'));
    await writeNote('scratch-folder-src/handout.pdf', 'not a note');
    await waitFor(() => api.index.has(source.toString()), Boolean, 'the note in its first folder');
    const target = note('scratch-folder-moved');
    try {
      await vscode.workspace.fs.rename(note('scratch-folder-src'), target);
      const moved = vscode.Uri.joinPath(target, 'Moved note.md');
      await waitForCodes(moved, ['empty-person']);
      await waitFor(() => api.index.has(source.toString()), (has) => !has, 'the note gone from its old place');
      await waitFor(() => api.index.vaultFiles.resolve('handout.pdf'), (u) => u === vscode.Uri.joinPath(target, 'handout.pdf').toString(), 'the moved file a link target');
    } finally {
      await vscode.workspace.fs.delete(target, { recursive: true }).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(note('scratch-folder-src'), { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('an unsaved edit in an open editor updates diagnostics; closing without saving restores the disk\'s', async () => {
    const uri = await writeNote('scratch/live-editor.md', meeting('"Ada Mbeki"'));
    await waitForCodes(uri, []);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = lineOf(doc, 'person:');
    await editor.edit((b) => b.replace(doc.lineAt(line).range, 'person: ""'));
    assert.ok(doc.isDirty);
    await waitForCodes(uri, ['empty-person']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForCodes(uri, []);
  });

  it('a new person note makes an unknown participant known everywhere', async () => {
    const uri = await writeNote('scratch/live-registry.md', meeting('"Ada Mbeki"').replace('"Ada Mbeki"]', '"Ada Mbeki", "Tess Lind"]'));
    await waitForCodes(uri, ['unknown-participant']);
    const person = await writeNote('People/Tess Lind.md', '---\ntype: person\ntitle: "Tess Lind"\n---\n');
    await waitForCodes(uri, []);
    await vscode.workspace.fs.delete(person);
    await waitForCodes(uri, ['unknown-participant']);
  });

  it('a settings change re-runs the rules', async () => {
    const uri = note('2025-12-19 - Jon Park 1-1 - roadmap and hiring.md');
    const config = vscode.workspace.getConfiguration('meetingNotes');
    await config.update('rules', { 'empty-tag-segment': 'off', 'unknown-participant': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForCodes(uri, ['empty-person', 'placeholder-participant', 'unknown-participant']);
      const unknown = vscode.languages.getDiagnostics(uri).find((d) => typeof d.code === 'object' && d.code.value === 'unknown-participant')!;
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForCodes(uri, ['empty-person', 'empty-tag-segment', 'placeholder-participant', 'unknown-participant']);
  });

  it('a loose markdown document is checked while open and its problems go when it closes', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '---\ntype: meeting\ntitle: [broken\n---\n' });
    await vscode.window.showTextDocument(doc);
    await waitFor(() => codes(doc.uri), (c) => c.includes('yaml-syntax'), 'yaml-syntax on the untitled document');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => codes(doc.uri), (c) => c.length === 0, 'problems removed on close');
  });
});
