import * as vscode from 'vscode';
import { isPlaceholderName, namesInEntry, personNoteFileName, personNoteText, unwrapWikiLink, type NoteIndex } from '../../core';
import { COMMANDS } from '../commands';
import { readConfig } from '../settings';

/** Where a person note for `name` goes: `<folder of the note>/<meetingNotes.peopleFolder>/<Name>.md`. */
export function personNoteUri(near: vscode.Uri, name: string, peopleFolder: string): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(near) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  return vscode.Uri.joinPath(folder.uri, ...peopleFolder.split('/').filter(Boolean), personNoteFileName(name));
}

/**
 * Adds the creation of a person note to an edit. The text goes in as an insert into the new file, not
 * as `createFile`'s `contents`, which the web workbench of VS Code 1.100 cannot carry across.
 */
function addPersonNote(edit: vscode.WorkspaceEdit, uri: vscode.Uri, name: string): void {
  // No ignoreIfExists: should the file appear meanwhile, the whole edit fails instead of prepending a
  // template to someone's note.
  edit.createFile(uri, { overwrite: false });
  edit.insert(uri, new vscode.Position(0, 0), personNoteText(name));
}

/** A WorkspaceEdit creating the person note (never overwriting one), and the new file's uri. */
export function personNoteEdit(near: vscode.Uri, name: string, index: NoteIndex): { edit: vscode.WorkspaceEdit; uri: vscode.Uri } | undefined {
  const uri = personNoteUri(near, name, index.config.peopleFolder);
  if (!uri || index.has(uri.toString())) return undefined;
  const edit = new vscode.WorkspaceEdit();
  addPersonNote(edit, uri, name);
  return { edit, uri };
}

/**
 * Distinct participant names of the vault that no person note covers yet, placeholders left out. A
 * participants string naming several people ("Priya Raman, Omar Haddad") counts as those people.
 */
export function namesWithoutPersonNote(index: NoteIndex): string[] {
  const names = new Map<string, string>();
  for (const note of index.all()) {
    for (const raw of note.names) {
      for (const part of namesInEntry(unwrapWikiLink(raw))) {
        const name = unwrapWikiLink(part).trim();
        if (!name || isPlaceholderName(name) || index.registry.lookup(name)) continue;
        if (!names.has(name.toLocaleLowerCase('en'))) names.set(name.toLocaleLowerCase('en'), name);
      }
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

export function registerPeopleCommands(index: NoteIndex, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.createPersonNote, async (name?: unknown, near?: unknown) => {
      const chosen = typeof name === 'string' && name.trim() ? name.trim() : await vscode.window.showInputBox({ prompt: 'Name of the person', placeHolder: 'Full Name' });
      if (!chosen) return undefined;
      const nearUri = near instanceof vscode.Uri ? near : typeof near === 'string' ? vscode.Uri.parse(near) : vscode.window.activeTextEditor?.document.uri;
      const created = personNoteEdit(nearUri ?? vscode.Uri.file('/'), chosen, index);
      if (!created) {
        void vscode.window.showWarningMessage('Open a folder to create person notes in.');
        return undefined;
      }
      await vscode.workspace.applyEdit(created.edit);
      const editor = await vscode.window.showTextDocument(created.uri);
      // The first thing to fill in: the cursor goes inside role's quotes.
      const doc = editor.document;
      for (let line = 0; line < doc.lineCount; line++) {
        const text = doc.lineAt(line).text;
        if (!text.startsWith('role:')) continue;
        const at = new vscode.Position(line, text.endsWith('""') ? text.length - 1 : text.length);
        editor.selection = new vscode.Selection(at, at);
        editor.revealRange(new vscode.Range(at, at));
        break;
      }
      return created.uri;
    }),
    vscode.commands.registerCommand(COMMANDS.addKnownPerson, async (name?: unknown, scope?: unknown) => {
      const chosen = typeof name === 'string' && name.trim() ? name.trim() : await vscode.window.showInputBox({ prompt: 'Name to add to meetingNotes.people' });
      if (!chosen) return;
      const scopeUri = scope instanceof vscode.Uri ? scope : undefined;
      const section = vscode.workspace.getConfiguration('meetingNotes', scopeUri);
      const current = readConfig(log, scopeUri).people;
      if (current.some((p) => p.toLocaleLowerCase('en') === chosen.toLocaleLowerCase('en'))) return;
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await section.update('people', [...current, chosen], target);
    }),
    vscode.commands.registerCommand(COMMANDS.createPeopleRegistry, async () => {
      const names = namesWithoutPersonNote(index);
      const near = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!near) return 0;
      if (!names.length) {
        void vscode.window.showInformationMessage('Every participant already has a person note.');
        return 0;
      }
      const edit = new vscode.WorkspaceEdit();
      for (const name of names) {
        const uri = personNoteUri(near, name, index.config.peopleFolder);
        if (uri && !index.has(uri.toString())) addPersonNote(edit, uri, name);
      }
      await vscode.workspace.applyEdit(edit);
      void vscode.window.showInformationMessage(`Created ${names.length} person notes in ${index.config.peopleFolder}/. Fill in roles and aliases there.`);
      return names.length;
    }),
  );
}

const NO_REGISTRY_SHOWN = 'meetingNotes.noRegistryNoticeShown';

/**
 * Says once per workspace that there is no people registry, and offers to create one, instead of
 * flagging every name in every note as unknown.
 */
export async function offerRegistryOnce(index: NoteIndex, state: vscode.Memento): Promise<void> {
  if (!index.registry.isEmpty || state.get<boolean>(NO_REGISTRY_SHOWN)) return;
  const names = namesWithoutPersonNote(index);
  if (!names.length) return;
  await state.update(NO_REGISTRY_SHOWN, true);
  const create = `Create ${names.length} person notes`;
  const choice = await vscode.window.showInformationMessage(
    `Meeting Notes: no people registry yet, so participant names are not checked. Create person notes (type: person) for the ${names.length} people your notes mention?`,
    create,
    'Not now',
  );
  if (choice === create) await vscode.commands.executeCommand(COMMANDS.createPeopleRegistry);
}
