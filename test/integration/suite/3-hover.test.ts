import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, hoverText, lineOf, note, waitFor } from './helpers';

const ONE_ON_ONE = '2025-12-19 - Jon Park 1-1 - roadmap and hiring.md';

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hoverText(hovers);
}

describe('hovers', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });
  after(closeAllEditors);

  it('a known participant: name, role, org, aliases, notes and tasks', async () => {
    const uri = note(ONE_ON_ONE);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(doc, 'participants:');
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('Jon Park') + 2);
    // Earlier suites' scratch notes are being deleted; wait until only the fixture vault counts.
    const text = await waitFor(() => hoverAt(uri, at), (t) => /In 1 note;/.test(t), 'the hover to count the fixture notes only');
    assert.match(text, /\*\*Jon Park\*\*/);
    assert.match(text, /Director of Product · Northwind Storage/);
    assert.match(text, /Also: JP/);
    assert.match(text, /In 1 note; last: \[Jon Park 1:1 - roadmap and hiring\]/);
    assert.match(text, /Open tasks\*\* \(1\)/);
    assert.match(text, /Book the roadmap review/);
    assert.match(text, /Proposals naming them\*\* \(1\)/);
  });

  it('an @mention in a task and a name on the With line', async () => {
    const uri = note(ONE_ON_ONE);
    const doc = await vscode.workspace.openTextDocument(uri);
    const taskLine = lineOf(doc, 'Ask Kiran for the hiring plan');
    const mention = await hoverAt(uri, new vscode.Position(taskLine, doc.lineAt(taskLine).text.indexOf('Ada Mbeki') + 1));
    assert.match(mention, /\*\*Ada Mbeki\*\* — Program Manager · Contoso Cloud/);
    const withLine = lineOf(doc, '**With**:');
    const onWith = await hoverAt(uri, new vscode.Position(withLine, doc.lineAt(withLine).text.indexOf('Nora Quist') + 1));
    assert.match(onWith, /\*\*Nora Quist\*\* — Engineering Manager/);
    assert.match(onWith, /vault owner/);
  });

  it('an unknown participant says so and offers to create the person note', async () => {
    const uri = note(ONE_ON_ONE);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(doc, 'participants:');
    const text = await hoverAt(uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('Zed Quill') + 1));
    assert.match(text, /Zed Quill\*\* is an unknown person/);
    assert.match(text, /command:meetingNotes\.createPersonNote\?/);
  });

  it('a placeholder names the likely person', async () => {
    const uri = note(ONE_ON_ONE);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(doc, 'participants:');
    const text = await hoverAt(uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('Kiran (') + 1));
    assert.match(text, /placeholder name/);
    assert.match(text, /Probably \*\*Kiran Shah\*\*/);
  });

  it('no hover away from names', async () => {
    const uri = note(ONE_ON_ONE);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(await hoverAt(uri, new vscode.Position(lineOf(doc, '## Action Items'), 3)), '');
  });
});
