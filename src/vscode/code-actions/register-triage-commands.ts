import * as vscode from 'vscode';
import { acceptAllProposals, rejectAllProposals } from '../../core';
import { addEdits, localToday } from '../convert';
import { COMMANDS } from '../commands';
import type { WorkspaceIndex } from '../workspace-index';

/** Accept or reject every proposal of the active note, as one workspace edit (one undo step). */
export function registerTriageCommands(workspace: WorkspaceIndex, today: () => string = localToday): vscode.Disposable {
  const run = async (decide: 'accept' | 'reject', target?: unknown) => {
    const document = target instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(target)
      : vscode.window.activeTextEditor?.document;
    if (!document) return 0;
    const note = workspace.noteFor(document);
    if (!note) return 0;
    const edits = decide === 'accept' ? acceptAllProposals(note) : rejectAllProposals(note, today());
    const count = note.tasks.filter((t) => t.status === 'proposed').length;
    if (!count) {
      void vscode.window.showInformationMessage('This note has no proposed tasks.');
      return 0;
    }
    await vscode.workspace.applyEdit(addEdits(new vscode.WorkspaceEdit(), document.uri, edits));
    return count;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.acceptAllInNote, (uri?: unknown) => run('accept', uri)),
    vscode.commands.registerCommand(COMMANDS.rejectAllInNote, (uri?: unknown) => run('reject', uri)),
  );
}
