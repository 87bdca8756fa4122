// Provenance: wikilinks open their target, unresolved links and missing sources are flagged (and go
// when the file appears), an absolute source_ref is fixed to its vault path, and a proposal's hover
// and tooltip say which transcript the note came from.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeActions, codes, hoverText, lineOf, note, ours, codeOf, waitFor, waitForCodes, writeNote } from './helpers';

const JON = '2025-12-19 - Jon Park 1-1 - roadmap and hiring.md';
const JON_TRANSCRIPT = 'Archive/Transcripts/2025-12-19 - Jon Park 1-1.md';
const SCRATCH = '9p-scratch';

const has = (uri: vscode.Uri, code: string) => codes(uri).includes(code);

describe('provenance: links and sources', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });
  after(async () => {
    await closeAllEditors();
    if (vscode.workspace.workspaceFolders) await vscode.workspace.fs.delete(note(SCRATCH), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('a [[wikilink]] is a document link and a definition, resolved by name in an excluded folder', async () => {
    const uri = note(JON);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(doc, '*Source: [[');
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri)) ?? [];
    const source = links.find((l) => l.range.start.line === line);
    assert.ok(source, `no document link on the Source line: ${JSON.stringify(links.map((l) => l.range.start.line))}`);
    assert.equal(source.target?.toString(), note(JON_TRANSCRIPT).toString());
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('Jon Park') + 1);
    const defs = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, at)) ?? [];
    const targets = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri).toString());
    assert.ok(targets.includes(note(JON_TRANSCRIPT).toString()), `definitions: ${JSON.stringify(targets)}`);
    // The transcript resolves, so the note has no source-missing finding.
    assert.equal(has(uri, 'source-missing'), false);
  });

  it('an unresolved link is flagged, and the flag goes when the file is created (and comes back when it goes)', async () => {
    const uri = await writeNote(`${SCRATCH}/links.md`, '# Links\n\nSee [[9p Later Note|the later note]] and [[9p Later Note#Part]].\n');
    const diagnostics = await waitForCodes(uri, ['unresolved-link', 'unresolved-link']);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(diagnostics[0]!.message, "No file in the vault is named '9p Later Note'.");
    const target = await writeNote(`${SCRATCH}/deeper/9p later note.md`, '# Later\n');
    await waitForCodes(uri, []);
    // Links are asked of an open document (VS Code finds no model otherwise).
    await vscode.workspace.openTextDocument(uri);
    const links = await waitFor(
      async () => (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri)) ?? [],
      (l) => l.length === 2,
      'two document links',
    );
    assert.deepEqual(links.map((l) => l.target?.toString()), [target.toString(), target.toString()]);
    await vscode.workspace.fs.delete(target);
    await waitForCodes(uri, ['unresolved-link', 'unresolved-link']);
  });

  it('an absolute source_ref gets a fix that writes its vault path, byte-exactly', async () => {
    await writeNote(`${SCRATCH}/Transcripts/9p call.txt`, 'Speaker 1: hello\n');
    const text = [
      '---',
      'type: "meeting"',
      'title: "9p call"',
      'date: "2025-12-18"',
      'participants: ["Nora Quist"]',
      "source_ref: '/Users/someone/vault/9p-scratch/Transcripts/9p call.txt'",
      '---',
      '# 9p call',
      '',
      '- [?] Send the notes. @Myself #proposed',
      '',
      '*Source: [[9p call.txt]]*',
      '',
    ].join('\r\n');
    const uri = await writeNote(`${SCRATCH}/2025-12-18 - 9p call.md`, text);
    await waitFor(() => codes(uri), (c) => c.includes('source-missing'), 'source-missing on the scratch note');
    const finding = ours(uri).find((d) => codeOf(d) === 'source-missing')!;
    assert.match(finding.message, /the vault has the file at '9p-scratch\/Transcripts\/9p call\.txt'/);
    const title = 'Use the vault path 9p-scratch/Transcripts/9p call.txt';
    // Code actions are asked of an open document (VS Code finds no model otherwise).
    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await codeActions(uri, finding.range, undefined, [title]);
    const fix = actions.find((a) => a.title === title)!;
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), text.replace("'/Users/someone/vault/9p-scratch/Transcripts/9p call.txt'", "'9p-scratch/Transcripts/9p call.txt'"));
    await doc.save();
    await waitFor(() => codes(uri), (c) => !c.includes('source-missing'), 'source-missing to go');
  });

  it('the hover on a proposal and its task tooltip say "From: <transcript>", a link that opens it', async () => {
    const api = await activate();
    const transcript = await writeNote(`${SCRATCH}/Transcripts/2025-12-16 - 9p standup.md`, '# Standup transcript\n');
    const uri = await writeNote(
      `${SCRATCH}/2025-12-16 - 9p standup.md`,
      ['---', 'type: "meeting"', 'title: "9p standup"', 'date: "2025-12-16"', 'participants: ["Nora Quist"]', '---', '# 9p standup', '', '- [?] Check the 9p build. @Myself #proposed', '', '*Source: [[2025-12-16 - 9p standup]]*', ''].join('\n'),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(doc, '- [?] Check the 9p build.');
    const hoverAt = async () => hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 8))) ?? []);
    const text = await waitFor(hoverAt, (t) => t.includes('From: '), 'the From line in the hover');
    const link = /From: \[2025-12-16 - 9p standup\]\((command:meetingNotes\.openSource\?[^)]+)\)/u.exec(text);
    assert.ok(link, `hover: ${text}`);
    const args = JSON.parse(decodeURIComponent(link[1]!.slice(link[1]!.indexOf('?') + 1))) as string[];
    assert.deepEqual(args, [transcript.toString()]);
    await vscode.commands.executeCommand('meetingNotes.openSource', ...args);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === transcript.toString(), 'the transcript to open');

    const provider = api.taskTree.provider;
    const node = await waitFor(
      () => provider.displayOrder().find((n) => n.kind === 'task' && n.ref.note.uri === uri.toString()),
      (n) => !!n,
      'the scratch proposal in the tree',
    );
    assert.ok(node && node.kind === 'task');
    const item = await provider.resolveTreeItem(provider.getTreeItem(node), node, new vscode.CancellationTokenSource().token);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /From: \[2025-12-16 - 9p standup\]\(command:meetingNotes\.openSource\?/u);
  });
});
