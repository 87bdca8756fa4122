import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeActions, codes, lineOf, lineRange, waitFor } from './helpers';

// A user who opens a single note, no folder: the extension still checks it and offers triage.
describe('a window with no folder open', () => {
  before(async function () {
    if (vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });

  it('checks a loose markdown document and accepts a proposal in it', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: ['---', 'type: people', 'title: "Ann Lee 1:1 - plans"', 'date: "2025-12-19"', 'person: ""', 'participants: ["Ann Lee"]', '---', '- [?] Send the plan @Myself #proposed', ''].join('\n'),
    });
    // Not shown in an editor yet: the editor's own light-bulb request, racing this one, can make VS Code
    // drop a provider's actions from the executeCodeActionProvider result.
    await waitFor(() => codes(doc.uri), (c) => c.includes('empty-person'), 'empty-person on the loose note');
    const actions = await codeActions(doc.uri, lineRange(doc, lineOf(doc, 'Send the plan')), undefined, ['Accept proposed task']);
    const accept = actions.find((a) => a.title === 'Accept proposed task');
    assert.ok(accept?.edit, `Accept among: ${actions.map((a) => `${a.title} (${a.edit ? 'edit' : 'no edit'})`).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(accept.edit));
    assert.equal(doc.lineAt(lineOf(doc, 'Send the plan')).text, '- [ ] Send the plan @Myself');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => codes(doc.uri), (c) => c.length === 0, 'problems removed on close');
  });
});
