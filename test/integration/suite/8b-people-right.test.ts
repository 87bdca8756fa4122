import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../../src/extension';
import type { GroupNode, TaskNode, TaskTreeNode } from '../../../src/vscode/tasks-view/register-task-tree';
import { activate, closeAllEditors, codeActions, hoverText, lineOf, note, readBytes, waitFor, waitForCodes, writeNote } from './helpers';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const SETTINGS = '.vscode/settings.json';
const TASKS = 'scratch-8b/2025-12-21 - Owner check.md';
const MIRA = 'scratch-8b/Mira Solberg.md';

let api: MeetingNotesApi;
let originalSettings: Uint8Array;

async function writeSettings(text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(note(SETTINGS), encoder.encode(text));
}

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? []);
}

function label(node: TaskTreeNode): string {
  const item = api.taskTree.provider.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function remove(rel: string): Promise<void> {
  const uri = note(rel);
  await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  await waitFor(() => api.index.has(uri.toString()), (has) => !has, `${rel} leaves the index`);
}

describe('people done right', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    api = await activate();
    originalSettings = await readBytes(note(SETTINGS));
  });
  afterEach(closeAllEditors);
  after(async function () {
    if (!vscode.workspace.workspaceFolders) return;
    await vscode.workspace.fs.writeFile(note(SETTINGS), originalSettings);
    await waitFor(() => api.index.registry.owner?.name, (n) => n === 'Nora Quist', 'the fixture settings back');
    await vscode.workspace.fs.delete(note('scratch-8b'), { recursive: true }).then(undefined, () => undefined);
  });

  it('Myself: with no owner a truthful hover; a person note with the alias Myself is that person in hovers and groups', async () => {
    const settings = decoder.decode(originalSettings);
    const withoutOwner = settings.replace(/^[ \t]*"meetingNotes\.owner"[^\n]*\n/mu, '');
    assert.notEqual(withoutOwner, settings, 'the fixture settings set an owner');
    await writeSettings(withoutOwner);
    await waitFor(() => api.index.registry.owner, (o) => o === undefined, 'no owner');
    const uri = await writeNote(TASKS, ['---', 'type: meeting', 'title: "Owner check"', 'date: "2025-12-21"', 'participants: ["Jon Park"]', '---', '- [ ] Mine to do @Myself #task', '- [ ] Also mine @Mira #task', ''].join('\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const line = lineOf(doc, 'Mine to do');
      const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('Myself') + 2);
      const before = await waitFor(() => hoverAt(uri, at), (t) => t.includes('Myself'), 'a hover on @Myself');
      assert.doesNotMatch(before, /unknown person/u);
      assert.match(before, /no one is set as the owner/u);

      const mira = await writeNote(MIRA, ['---', 'type: person', 'aliases: ["Mira", "Myself"]', 'role: "Engineer"', '---', '# Mira Solberg', ''].join('\n'));
      await waitFor(() => api.index.registry.owner?.name, (n) => n === 'Mira Solberg', 'Mira as the owner');
      const after = await waitFor(() => hoverAt(uri, at), (t) => t.includes('Mira Solberg'), 'the hover to name Mira');
      assert.match(after, /\*\*Mira Solberg\*\* — Engineer/u);
      assert.match(after, /The vault owner/u);

      await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'assignee');
      try {
        const groups = api.taskTree.provider.getChildren() as GroupNode[];
        const labels = groups.map(label);
        assert.ok(!labels.includes('Myself'), labels.join(' | '));
        assert.equal(labels[0], 'Mira Solberg', 'the owner comes first');
        const mine = (api.taskTree.provider.getChildren(groups[0]!) as TaskNode[]).map(label);
        assert.ok(mine.some((l) => l.includes('Mine to do')) && mine.some((l) => l.includes('Also mine')), mine.join(' | '));
      } finally {
        await vscode.commands.executeCommand('meetingNotes.tasks.groupBy', 'note');
      }
      await vscode.workspace.fs.delete(mira);
    } finally {
      await writeSettings(decoder.decode(originalSettings));
      await waitFor(() => api.index.registry.owner?.name, (n) => n === 'Nora Quist', 'the owner setting back');
      await remove(TASKS);
    }
  });

  it('reassign: each placeholder and unknown name gets its own fixes; the edits change only the name', async () => {
    const text = [
      '---',
      'type: meeting',
      'title: "Reassign"',
      'date: "2025-12-22"',
      'participants: ["Nora Quist", "Kofi (last name unknown)", "Vamshi (last name unknown)"]',
      '---',
      '**With**: Nora Quist, Jon Park',
      '',
      '- [ ] Send the notes @Kofi #task',
      '',
    ].join('\n');
    const uri = await writeNote('scratch-8b/2025-12-22 - Reassign.md', text);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await waitForCodes(uri, ['placeholder-participant', 'placeholder-participant', 'unknown-mention']);
      const line = lineOf(doc, 'participants:');
      const inside = (needle: string) => {
        const at = doc.lineAt(line).text.indexOf(needle) + 2;
        return new vscode.Range(line, at, line, at);
      };
      const kofi = await codeActions(uri, inside('Kofi'), undefined, ["Replace with 'Jon Park' (in this note)", "Create a person note for 'Kofi'", 'Replace with a known person…']);
      const kofiTitles = kofi.map((a) => a.title);
      assert.ok(!kofiTitles.includes("Create a person note for 'Vamshi'"), `only Kofi's own fixes: ${kofiTitles.join(' | ')}`);
      const vamshi = await codeActions(uri, inside('Vamshi'), undefined, ["Replace with 'Jon Park' (in this note)", "Create a person note for 'Vamshi'", 'Replace with a known person…']);

      const replace = kofi.find((a) => a.title === "Replace with 'Jon Park' (in this note)")!;
      assert.ok(await vscode.workspace.applyEdit(replace.edit!));
      const afterKofi = text.replace('"Kofi (last name unknown)"', '"Jon Park"');
      assert.equal(doc.getText(), afterKofi);

      // The pick, with the person given (as a keybinding could), edits exactly the placeholder's bytes.
      const pick = vamshi.find((a) => a.title === 'Replace with a known person…')!;
      assert.ok(pick.command, 'the pick is a command');
      await waitForCodes(uri, ['placeholder-participant', 'unknown-mention']);
      const fresh = await codeActions(uri, inside('Vamshi'), undefined, ['Replace with a known person…']);
      const again = fresh.find((a) => a.title === 'Replace with a known person…')!;
      assert.ok(await vscode.commands.executeCommand(again.command!.command, ...(again.command!.arguments ?? []), 'Ada Mbeki'));
      const afterVamshi = afterKofi.replace('"Vamshi (last name unknown)"', '"Ada Mbeki"');
      assert.equal(doc.getText(), afterVamshi);

      const mentionLine = lineOf(doc, 'Send the notes');
      const mentionAt = doc.lineAt(mentionLine).text.indexOf('@Kofi') + 2;
      const mention = await codeActions(uri, new vscode.Range(mentionLine, mentionAt, mentionLine, mentionAt), undefined, ["Change to 'Nora Quist' (in this note)"]);
      assert.ok(await vscode.workspace.applyEdit(mention.find((a) => a.title === "Change to 'Nora Quist' (in this note)")!.edit!));
      assert.equal(doc.getText(), afterVamshi.replace('@Kofi', '@[[Nora Quist]]'));
      await doc.save();
    } finally {
      await remove('scratch-8b/2025-12-22 - Reassign.md');
    }
  });

  it('"Add to known people" inserts one element into settings.json, every other byte kept', async () => {
    const settings = decoder.decode(originalSettings);
    const withPeople = settings.replace(/\n\}\s*$/u, ',\n  // Known without a person note.\n  "meetingNotes.people": ["Sol Varga",   "Ines Ruiz"]  // two so far\n}\n');
    assert.notEqual(withPeople, settings);
    await writeSettings(withPeople);
    await waitFor(() => api.index.registry.lookup('Ines Ruiz')?.name, (n) => n === 'Ines Ruiz', 'the people setting read');
    try {
      await vscode.commands.executeCommand('meetingNotes.addKnownPerson', 'Tobias Lind');
      const written = await waitFor(async () => decoder.decode(await readBytes(note(SETTINGS))), (t) => t !== withPeople, 'settings.json to change');
      assert.equal(written, withPeople.replace('"Ines Ruiz"]', '"Ines Ruiz", "Tobias Lind"]'));
      await waitFor(() => api.index.registry.lookup('Tobias Lind')?.name, (n) => n === 'Tobias Lind', 'Tobias Lind known');
    } finally {
      await writeSettings(decoder.decode(originalSettings));
      await waitFor(() => api.index.registry.lookup('Ines Ruiz'), (p) => p === undefined, 'the fixture settings back');
    }
  });
});
