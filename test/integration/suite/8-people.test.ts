import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { namesWithoutPersonNote } from '../../../src/core';
import { activate, closeAllEditors, note, waitFor, writeNote } from './helpers';

describe('person notes', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });
  afterEach(closeAllEditors);

  it('a new person note opens with the cursor in its role', async () => {
    const uri = (await vscode.commands.executeCommand<vscode.Uri>('meetingNotes.createPersonNote', 'Wren Okoye', note('scratch')))!;
    try {
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), uri.toString());
      const { active } = editor.selection;
      assert.equal(editor.document.lineAt(active.line).text, 'role: ""');
      assert.equal(active.character, 'role: "'.length);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('the first-run offer counts each person of a participants string that names several', async () => {
    const api = await activate();
    const uri = await writeNote(
      'scratch/one-string.md',
      ['---', 'type: "meeting"', 'title: "Planning"', 'date: "2025-12-20"', 'participants: "Wren Okoye, Tobias Lind and Mara Quint"', '---', ''].join('\n'),
    );
    try {
      const names = await waitFor(() => namesWithoutPersonNote(api.index.all(), api.index.registry), (n) => n.includes('Wren Okoye'), 'the scratch note indexed');
      for (const name of ['Wren Okoye', 'Tobias Lind', 'Mara Quint']) assert.ok(names.includes(name), name);
      assert.ok(!names.some((n) => n.includes(',') || / and /u.test(n)), JSON.stringify(names));
    } finally {
      await vscode.workspace.fs.delete(uri);
      await waitFor(() => api.index.has(uri.toString()), (has) => !has, 'the scratch note leaves the index');
    }
  });
});
