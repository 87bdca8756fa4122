import * as vscode from 'vscode';
import { addToSettingsList, myselfWithoutOwner, namesWithoutPersonNote, personNoteFileName, personNoteText, type NoteIndex } from '../../core';
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

interface PickRequest {
  uri: vscode.Uri;
  version: number;
  name: string;
  edit: (person: string) => vscode.WorkspaceEdit;
}

function isPickRequest(x: unknown): x is PickRequest {
  const r = x as Partial<PickRequest> | undefined;
  return !!r && r.uri instanceof vscode.Uri && typeof r.version === 'number' && typeof r.name === 'string' && typeof r.edit === 'function';
}

/**
 * Adds a name to `meetingNotes.people` in the folder's `.vscode/settings.json` with one insertion,
 * every other byte of the file kept (the configuration API would rewrite the whole list). False when
 * there is no such file to edit (no folder, a multi-root workspace, no settings file yet): the caller
 * then goes through the configuration API.
 */
async function addToWorkspaceSettingsFile(name: string, current: readonly string[], log: vscode.LogOutputChannel): Promise<boolean> {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length !== 1 || vscode.workspace.workspaceFile) return false;
  const uri = vscode.Uri.joinPath(folders[0]!.uri, '.vscode', 'settings.json');
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return false;
  }
  // The document, not the bytes on disk: unsaved changes in an open settings editor are kept.
  const document = await vscode.workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  const result = addToSettingsList(document.getText(), 'meetingNotes.people', name, current);
  if ('unchanged' in result) return true;
  if ('error' in result) {
    log.warn(`Add to known people: ${result.error} (${uri.toString()})`);
    void vscode.window.showWarningMessage(`Could not add '${name}' to meetingNotes.people: ${result.error}. Fix .vscode/settings.json and try again.`);
    return true;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(result.edit.start), document.positionAt(result.edit.end)), result.edit.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (!wasDirty) await document.save();
  return true;
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
      const current = readConfig(log, scopeUri).people;
      if (current.some((p) => p.toLocaleLowerCase('en') === chosen.toLocaleLowerCase('en'))) return;
      if (await addToWorkspaceSettingsFile(chosen, current, log)) return;
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await vscode.workspace.getConfiguration('meetingNotes', scopeUri).update('people', [...current, chosen], target);
    }),
    vscode.commands.registerCommand(COMMANDS.pickPerson, async (request?: unknown, picked?: unknown) => {
      if (!isPickRequest(request)) return false;
      const people = index.registry.people.filter((p) => p.name.toLocaleLowerCase('en') !== request.name.toLocaleLowerCase('en'));
      // `picked`: a name chosen already (the tests; a keybinding could pass one too).
      const name =
        typeof picked === 'string'
          ? picked
          : (
              await vscode.window.showQuickPick(
                people.map((p) => ({ label: p.name, description: [p.role, p.org].filter(Boolean).join(' · ') || undefined, detail: p.aliases.length ? `Also: ${p.aliases.join(', ')}` : undefined })),
                { title: `Who is '${request.name}'?`, placeHolder: 'A known person', matchOnDescription: true, matchOnDetail: true },
              )
            )?.label;
      if (!name) return false;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === request.uri.toString());
      if (document && document.version !== request.version) {
        void vscode.window.showWarningMessage(`The note changed meanwhile: '${request.name}' was left as it is. Try the quick fix again.`);
        return false;
      }
      return vscode.workspace.applyEdit(request.edit(name));
    }),
    vscode.commands.registerCommand(COMMANDS.createPeopleRegistry, async () => {
      const names = namesWithoutPersonNote(index.all(), index.registry);
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

const NO_OWNER_SHOWN = 'meetingNotes.noOwnerNoticeShown';

/**
 * Says once per workspace what is missing about people: with no registry at all, offers to create
 * one instead of flagging every name in every note as unknown; else, when tasks say `@Myself` and no
 * one is the owner, how to say who that is.
 */
export async function offerRegistryOnce(index: NoteIndex, state: vscode.Memento): Promise<void> {
  if (!index.registry.isEmpty) return offerOwnerOnce(index, state);
  if (state.get<boolean>(NO_REGISTRY_SHOWN)) return;
  const names = namesWithoutPersonNote(index.all(), index.registry);
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

async function offerOwnerOnce(index: NoteIndex, state: vscode.Memento): Promise<void> {
  if (state.get<boolean>(NO_OWNER_SHOWN) || !myselfWithoutOwner(index.all(), index.registry)) return;
  await state.update(NO_OWNER_SHOWN, true);
  const set = 'Set meetingNotes.owner';
  const choice = await vscode.window.showInformationMessage(
    `Meeting Notes: tasks are assigned to @Myself, but no one is the owner. Set meetingNotes.owner to your name, or add "Myself" to the aliases of your person note.`,
    set,
    'Not now',
  );
  if (choice === set) await vscode.commands.executeCommand('workbench.action.openSettings', 'meetingNotes.owner');
}
