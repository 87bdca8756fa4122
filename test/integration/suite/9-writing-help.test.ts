import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../../src/extension';
import { activate, closeAllEditors, codeOf, ours, waitFor, writeNote } from './helpers';

// Help while writing: completion, the unknown-name warning held back while a name is typed,
// definition and references. Every test writes its own scratch notes under scratch-writing/.

const PERSON = 'scratch-writing/People/Omari Lindqvist.md';
const personNote = ['---', 'type: person', 'title: "Omari Lindqvist"', 'aliases: ["OL"]', 'role: "Data Engineer"', '---', '', '# Omari Lindqvist', ''].join('\n');

function meeting(name: string, ...body: string[]): string {
  return ['---', 'type: "meeting"', `title: "${name}"`, 'date: "2025-12-21"', 'participants: ["Nora Quist", "Omari Lindqvist"]', '---', '', `# ${name}`, '', ...body, ''].join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function insertOf(item: vscode.CompletionItem): string {
  const text = item.insertText ?? labelOf(item);
  return typeof text === 'string' ? text : text.value;
}

async function completions(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  return list.items;
}

function item(items: vscode.CompletionItem[], label: string): vscode.CompletionItem {
  const found = items.find((i) => labelOf(i) === label);
  assert.ok(found, `no completion "${label}" among ${JSON.stringify(items.map(labelOf).slice(0, 40))}`);
  return found;
}

/** The line after the completion's edit, as VS Code would make it. */
function applied(doc: vscode.TextDocument, completion: vscode.CompletionItem): string {
  const range = completion.range instanceof vscode.Range ? completion.range : completion.range!.replacing;
  const line = doc.lineAt(range.start.line).text;
  return line.slice(0, range.start.character) + insertOf(completion) + line.slice(range.end.character);
}

/** Opens a scratch note, with the cursor at the end of the line holding `needle`. */
async function openAtEnd(uri: vscode.Uri, needle: string): Promise<{ doc: vscode.TextDocument; position: vscode.Position }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text.includes(needle));
  assert.ok(line !== undefined, `no line with ${needle}`);
  return { doc, position: doc.lineAt(line).range.end };
}

describe('help while writing', () => {
  let api: MeetingNotesApi;
  let person: vscode.Uri;
  const scratch: vscode.Uri[] = [];
  const scratchNote = async (name: string, text: string) => {
    const uri = await writeNote(`scratch-writing/${name}.md`, text);
    scratch.push(uri);
    await waitFor(() => api.index.isCurrent(uri.toString(), text), Boolean, `${name} indexed`);
    return uri;
  };

  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    api = await activate();
    person = await writeNote(PERSON, personNote);
    await waitFor(() => api.index.registry.lookup('OL')?.name, (n) => n === 'Omari Lindqvist', 'the scratch person in the registry');
  });
  afterEach(closeAllEditors);
  after(async () => {
    for (const uri of [...scratch, person]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('@Om in a task suggests the person, written as the vault writes mentions', async () => {
    const uri = await scratchNote('mention', meeting('Mentions', '- [ ] Ship the loader @Om'));
    const { doc, position } = await openAtEnd(uri, '@Om');
    const omari = item(await completions(uri, position), 'Omari Lindqvist');
    const written = insertOf(omari);
    // `@[[Omari Lindqvist]]`, or `@Omari` where the vault writes first names: either is the person.
    assert.ok(written === '[[Omari Lindqvist]]' || written === 'Omari', written);
    assert.equal(api.index.registry.lookup(written.replace(/^\[\[|\]\]$/gu, ''))?.name, 'Omari Lindqvist');
    assert.equal(applied(doc, omari), `- [ ] Ship the loader @${written}`);
    // The owner is offered as @Myself.
    const myself = item(await completions(uri, position), 'Myself');
    assert.equal(insertOf(myself), 'Myself');
  });

  it('@ typed is a trigger: every known person, the note\'s participants first; @[[ gets the name and the closing brackets', async () => {
    const uri = await scratchNote('mention-trigger', meeting('Trigger', '- [ ] Ship the loader @', '- [ ] Review @[[Om'));
    const { doc, position } = await openAtEnd(uri, 'loader @');
    const items = await completions(uri, position, '@');
    for (const name of ['Omari Lindqvist', 'Nora Quist', 'Kiran Shah', 'Ada Mbeki', 'Jon Park']) item(items, name);
    const sorted = items.filter((i) => i.kind === vscode.CompletionItemKind.User).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(sorted.slice(0, 3).map(labelOf).sort(), ['Myself', 'Nora Quist', 'Omari Lindqvist']);
    const bracketed = await openAtEnd(uri, '@[[Om');
    const omari = item(await completions(uri, bracketed.position), 'Omari Lindqvist');
    assert.equal(applied(doc, omari), '- [ ] Review @[[Omari Lindqvist]]');
  });

  it('participants: an alias finds the person and the canonical name goes in, quoted like the list', async () => {
    const text = ['---', 'type: "meeting"', 'title: "Aliases"', 'participants: ["Nora Quist", "OL', '---', ''].join('\n');
    const uri = await scratchNote('alias-flow', text);
    const { doc, position } = await openAtEnd(uri, '"OL');
    const omari = item(await completions(uri, position), 'Omari Lindqvist');
    assert.match(omari.filterText ?? '', /\bOL\b/u);
    assert.equal(applied(doc, omari), 'participants: ["Nora Quist", "Omari Lindqvist"');

    const block = ['---', 'type: "meeting"', 'title: "Block"', 'participants:', '  - "Nora Quist"', '  - Om', '---', ''].join('\n');
    const blockUri = await scratchNote('alias-block', block);
    const inBlock = await openAtEnd(blockUri, '- Om');
    assert.equal(applied(inBlock.doc, item(await completions(blockUri, inBlock.position), 'Omari Lindqvist')), '  - "Omari Lindqvist"');
  });

  it('person in a 1:1, plain as the note writes its values', async () => {
    const text = ['---', 'type: people', 'title: Omari Lindqvist 1:1', 'date: 2025-12-21', 'person: Om', '---', ''].join('\n');
    const uri = await scratchNote('one-on-one', text);
    const { doc, position } = await openAtEnd(uri, 'person: Om');
    assert.equal(applied(doc, item(await completions(uri, position), 'Omari Lindqvist')), 'person: Omari Lindqvist');
  });

  it('# offers the vault\'s tags and person/<slug> for known people', async () => {
    const uri = await scratchNote('tags', meeting('Tags', '- [ ] Ship the loader #'));
    const { doc, position } = await openAtEnd(uri, 'loader #');
    const items = await completions(uri, position, '#');
    item(items, 'task');
    const tag = item(items, 'person/omari-lindqvist');
    assert.equal(tag.detail, 'Omari Lindqvist');
    assert.equal(applied(doc, tag), '- [ ] Ship the loader #person/omari-lindqvist');
  });

  it('[[ offers person notes and the vault\'s notes, and closes the link', async () => {
    const uri = await scratchNote('links', meeting('Links', 'See [['));
    const { doc, position } = await openAtEnd(uri, 'See [[');
    const items = await completions(uri, position, '[');
    const omari = item(items, 'Omari Lindqvist');
    assert.equal(omari.kind, vscode.CompletionItemKind.User);
    item(items, '2025-12-18 - Platform sync');
    assert.equal(applied(doc, omari), 'See [[Omari Lindqvist]]');
  });

  it('an unknown @name is not flagged while it is typed, and is once the cursor leaves it or the note is saved', async () => {
    const uri = await scratchNote('typing', meeting('Typing', '- [ ] Ship the loader '));
    const { doc, position } = await openAtEnd(uri, 'loader ');
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(position, position);
    const unknownMentions = () => ours(uri).filter((d) => codeOf(d) === 'unknown-mention');
    const indexedUnknown = () => api.index.issues(uri.toString()).filter((i) => i.code === 'unknown-mention');

    await vscode.commands.executeCommand('type', { text: '@Zqx' });
    assert.ok(doc.isDirty);
    await waitFor(() => api.index.isCurrent(uri.toString(), doc.getText()) && indexedUnknown().length, Boolean, 'the typed name checked');
    // The index has the finding; the Problems panel does not, while the cursor stays at the name.
    assert.equal(editor.selection.active.character, doc.lineAt(position.line).text.length);
    assert.deepEqual(unknownMentions(), []);

    // The cursor leaves the name: the warning shows.
    editor.selection = new vscode.Selection(position.line, 0, position.line, 0);
    await waitFor(() => unknownMentions().length, (n) => n === 1, 'the unknown-mention warning after the cursor left');

    // Typing another name and saving shows it without moving.
    const end = doc.lineAt(position.line).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text: ' @Wvy' });
    await waitFor(() => api.index.isCurrent(uri.toString(), doc.getText()) && indexedUnknown().length === 2, Boolean, 'the second name checked');
    assert.equal(unknownMentions().length, 1);
    await doc.save();
    await waitFor(() => unknownMentions().length, (n) => n === 2, 'both warnings after saving');
  });

  it('auto-save does not end the typing: the name stays unflagged while the cursor is in it', async () => {
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Workspace);
    await files.update('autoSaveDelay', 100, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = await scratchNote('autosave', meeting('Autosave', '- [ ] Review the draft '));
      const { doc, position } = await openAtEnd(uri, 'draft ');
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(position, position);
      const unknownMentions = () => ours(uri).filter((d) => codeOf(d) === 'unknown-mention');
      await vscode.commands.executeCommand('type', { text: '@Qvz' });
      // Saved by VS Code itself, then indexed from the saved text.
      await waitFor(() => !doc.isDirty && api.index.isCurrent(uri.toString(), doc.getText()), Boolean, 'the note auto-saved and checked');
      assert.equal(api.index.issues(uri.toString()).filter((i) => i.code === 'unknown-mention').length, 1);
      assert.deepEqual(unknownMentions(), []);
      editor.selection = new vscode.Selection(position.line, 0, position.line, 0);
      await waitFor(() => unknownMentions().length, (n) => n === 1, 'the warning once the cursor left the name');
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
      await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Go to Definition on a participant, person, mention or With-line name opens the person note; a name from the settings has none', async () => {
    const uri = await scratchNote('definition', meeting('Definition', '**With**: Nora Quist, Omari Lindqvist', '', '- [ ] Ship it @OL', '- [ ] Call @Zed'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const target = async (needle: string, line = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text.includes(needle))!) => {
      const pos = new vscode.Position(line, doc.lineAt(line).text.lastIndexOf(needle) + 1);
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, pos);
      return (found ?? []).map((d) => ('targetUri' in d ? d.targetUri : d.uri).toString());
    };
    assert.deepEqual(await target('Omari Lindqvist"'), [person.toString()]);
    assert.deepEqual(await target('Omari Lindqvist', 9), [person.toString()]);
    assert.deepEqual(await target('@OL'), [person.toString()]);
    assert.deepEqual(await target('Nora Quist"'), [vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'People', 'Nora Quist.md').toString()]);
    assert.deepEqual(await target('@Zed'), []);

    const config = vscode.workspace.getConfiguration('meetingNotes');
    await config.update('people', ['Zed'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.index.registry.lookup('Zed')?.source, (s) => s === 'setting', 'Zed known from the settings');
      assert.deepEqual(await target('@Zed'), []);
    } finally {
      await config.update('people', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Find All References lists every place the vault names the person', async () => {
    const a = await scratchNote('references-a', meeting('Refs A', '**With**: Nora Quist, Omari Lindqvist', '', '- [ ] Ship it @OL'));
    const b = await scratchNote('references-b', ['---', 'type: people', 'title: "Omari 1:1"', 'person: "Omari Lindqvist"', '---', '', '- [ ] Plan @[[Omari Lindqvist]]', ''].join('\n'));
    const doc = await vscode.workspace.openTextDocument(a);
    const line = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text.startsWith('participants'))!;
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('Omari') + 2);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', a, pos);
    const inScratch = refs.filter((r) => r.uri.toString() === a.toString() || r.uri.toString() === b.toString());
    const text = async (r: vscode.Location) => (await vscode.workspace.openTextDocument(r.uri)).getText(r.range);
    const seen = await Promise.all(inScratch.map(async (r) => `${r.uri.toString() === a.toString() ? 'a' : 'b'}:${r.range.start.line}:${await text(r)}`));
    // VS Code's own markdown features may add a reference of theirs (they read `[…]` as a link): ours must all be there.
    for (const want of ['a:11:@OL', 'a:4:"Omari Lindqvist"', 'a:9:Omari Lindqvist', 'b:3:"Omari Lindqvist"', 'b:6:@[[Omari Lindqvist]]']) {
      assert.ok(seen.includes(want), `${want} missing from ${JSON.stringify(seen)}`);
    }
    // Nora's places are not Omari's.
    assert.ok(!seen.some((s) => /:Nora Quist$|:"Nora Quist"$/u.test(s)), JSON.stringify(seen));
    assert.ok(refs.every((r) => !r.uri.path.endsWith('Platform sync.md')), JSON.stringify(refs.map((r) => r.uri.path)));
  });
});
