import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeActions, lineOf, lineRange, readBytes, waitForCodes, writeNote } from './helpers';

const decoder = new TextDecoder();

const proposalNote = (eol: string) =>
  [
    '---',
    'type: "meeting"',
    'title: "Scratch sync"',
    'date: "2025-12-10"',
    'participants: ["Nora Quist", "Ada Mbeki"]',
    '---',
    '',
    '# Scratch sync',
    '',
    '- [?] Ask for 2 PB pricing 🔺 @Ada #task #proposed #auto',
    '  - [?] Nested: get a reference customer @Myself #proposed',
    '- [ ] Share notes @Myself #task',
    '- [?] #proposed Tag first @Nora',
    '',
  ].join(eol);

describe('code actions', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });
  afterEach(closeAllEditors);
  after(async () => {
    if (!vscode.workspace.workspaceFolders) return;
    // Scratch notes would otherwise show up in later suites' counts. Unsaved text is kept in the index
    // (as it should be), so save the edited scratch notes before deleting them.
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.path.includes('/scratch/')) await doc.save();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'scratch'), { recursive: true });
  });

  it('offers Accept (preferred) and Reject on a [?] line, and Accept changes exactly [?] and #proposed', async () => {
    const original = proposalNote('\n');
    const uri = await writeNote('scratch/accept-one.md', original);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(doc, 'Ask for 2 PB pricing');
    const actions = await codeActions(uri, lineRange(doc, line), undefined, ['Accept proposed task', 'Reject proposed task']);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Accept proposed task'), titles.join(' | '));
    assert.ok(titles.includes('Reject proposed task'), titles.join(' | '));
    assert.ok(titles.includes('Accept all 3 proposals in this note'), titles.join(' | '));
    const accept = actions.find((a) => a.title === 'Accept proposed task')!;
    assert.equal(accept.isPreferred, true);
    assert.ok(accept.edit, 'triage is a WorkspaceEdit, not a command');
    assert.ok(await vscode.workspace.applyEdit(accept.edit));
    assert.equal(doc.getText(), original.replace('- [?] Ask for 2 PB pricing 🔺 @Ada #task #proposed #auto', '- [ ] Ask for 2 PB pricing 🔺 @Ada #task #auto'));
    await doc.save();
    assert.equal(decoder.decode(await readBytes(uri)), doc.getText());
  });

  it('Reject turns the proposal into [-] with today\'s ❌ date', async () => {
    const uri = await writeNote('scratch/reject-one.md', proposalNote('\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(doc, 'Nested: get a reference');
    const reject = (await codeActions(uri, lineRange(doc, line), undefined, ['Reject proposed task'])).find((a) => a.title === 'Reject proposed task')!;
    assert.ok(await vscode.workspace.applyEdit(reject.edit!));
    assert.match(doc.lineAt(line).text, /^ {2}- \[-\] Nested: get a reference customer @Myself ❌ \d{4}-\d{2}-\d{2}$/u);
  });

  it('Accept all in a CRLF note keeps CRLF and touches only the proposals', async () => {
    const original = proposalNote('\r\n');
    const uri = await writeNote('scratch/crlf.md', original);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const acceptAll = (await codeActions(uri, lineRange(doc, lineOf(doc, 'Tag first')), undefined, ['Accept all 3 proposals in this note'])).find(
      (a) => a.title === 'Accept all 3 proposals in this note',
    )!;
    assert.ok(acceptAll, 'Accept all is offered on a proposal line');
    assert.ok(await vscode.workspace.applyEdit(acceptAll.edit!));
    await doc.save();
    const bytes = decoder.decode(await readBytes(uri));
    assert.equal(
      bytes,
      original
        .replace('- [?] Ask for 2 PB pricing 🔺 @Ada #task #proposed #auto', '- [ ] Ask for 2 PB pricing 🔺 @Ada #task #auto')
        .replace('  - [?] Nested: get a reference customer @Myself #proposed', '  - [ ] Nested: get a reference customer @Myself')
        .replace('- [?] #proposed Tag first @Nora', '- [ ] Tag first @Nora'),
    );
    assert.ok(!/[^\r]\n/u.test(bytes), 'no bare LF was introduced');
  });

  it('accepts the proposals of a selection', async () => {
    const uri = await writeNote('scratch/selection.md', proposalNote('\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(lineOf(doc, 'Ask for 2 PB'), 0, lineOf(doc, 'Share notes'), 3);
    const actions = await codeActions(uri, range, undefined, ['Accept the 2 selected proposals']);
    const accept = actions.find((a) => a.title === 'Accept the 2 selected proposals');
    assert.ok(accept, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(accept.edit!));
    assert.deepEqual(
      doc.getText().split('\n').filter((l) => l.includes('[?]')),
      ['- [?] #proposed Tag first @Nora'],
    );
  });

  it('offers each rule fix; fix-all applies the safe ones and never triages', async () => {
    const text = [
      '---',
      'type: "people"',
      'title: "Jon Park 1:1 - scratch"',
      'date: "2025-12-10"',
      'person: ""',
      'participants: ["Nora Quist", "Jon Park", "Kiran (last name unknown)", "Ada Mbekki"]',
      'tags:',
      '  - "type/people"',
      '  - "person/"',
      '---',
      '- [?] Proposal stays a proposal @Myself #proposed',
      '',
    ].join('\n');
    const uri = await writeNote('scratch/fixes.md', text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitForCodes(uri, ['empty-person', 'empty-tag-segment', 'placeholder-participant', 'unknown-participant']);

    const titlesAt = async (needle: string, expected: string[]) => (await codeActions(uri, lineRange(doc, lineOf(doc, needle)), undefined, expected)).map((a) => a.title);
    assert.ok((await titlesAt('person: ""', ["Set person to 'Jon Park'"])).includes("Set person to 'Jon Park'"));
    assert.ok((await titlesAt('"person/"', ["Change to 'person/jon-park'"])).includes("Change to 'person/jon-park'"));
    const participants = await titlesAt('participants:', ["Replace with 'Kiran Shah'"]);
    for (const t of ["Replace with 'Kiran Shah'", "Change to 'Ada Mbeki'", "Create a person note for 'Ada Mbekki'", "Add 'Ada Mbekki' to known people (meetingNotes.people)"]) {
      assert.ok(participants.includes(t), `${t} in ${participants.join(' | ')}`);
    }

    const fixAll = (await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.meetingNotes', ['Fix all safe Meeting Notes problems']))[0];
    assert.ok(fixAll?.edit, 'fix all is offered');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(doc.getText(), text.replace('person: ""', 'person: "Jon Park"').replace('"person/"', '"person/jon-park"'));
  });

  it('"Create a person note" creates People/<Name>.md and the name becomes known', async () => {
    const text = ['---', 'type: "meeting"', 'title: "New face"', 'date: "2025-12-11"', 'participants: ["Nora Quist", "Lena Voss"]', '---', ''].join('\n');
    const uri = await writeNote('scratch/new-person.md', text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitForCodes(uri, ['unknown-participant']);
    const create = (await codeActions(uri, lineRange(doc, 4), undefined, ["Create a person note for 'Lena Voss'"])).find((a) => a.title === "Create a person note for 'Lena Voss'")!;
    assert.ok(create.edit, 'creating the note is part of the edit');
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    const personUri = vscode.Uri.joinPath(uri, '..', '..', 'People', 'Lena Voss.md');
    // Like any new file from a refactoring, it opens unsaved for the user to fill in and save.
    const personDoc = await vscode.workspace.openTextDocument(personUri);
    assert.match(personDoc.getText(), /^---\ntype: person\ntitle: "Lena Voss"\n/u);
    await personDoc.save();
    assert.match(decoder.decode(await readBytes(personUri)), /^---\ntype: person\ntitle: "Lena Voss"\n/u);
    await waitForCodes(uri, []);
    // Once the note exists, the fix is no longer offered.
    const again = (await codeActions(uri, lineRange(doc, 4))).map((a) => a.title);
    assert.ok(!again.includes("Create a person note for 'Lena Voss'"), again.join(' | '));
    await vscode.workspace.fs.delete(personUri);
  });
});
