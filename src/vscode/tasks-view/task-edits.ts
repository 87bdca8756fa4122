import * as vscode from 'vscode';
import { locateTask, type Note, type Task, type TextEdit } from '../../core';
import { addEdits } from '../convert';
import type { WorkspaceIndex } from '../workspace-index';
import type { TaskTarget } from './tree-model';

export interface TaskEditResult {
  changed: number;
  refused: string[];
}

/**
 * Edits tasks the tree showed, across notes, as one workspace edit. Each task is found again in the
 * note's current text first; one that moved is followed, one that changed or vanished is refused and
 * named, never guessed at. Notes that had no unsaved changes are saved afterwards, as the user who
 * clicked a button in the tree expects the file to change.
 */
export async function editTasks(
  targets: readonly TaskTarget[],
  workspace: WorkspaceIndex,
  makeEdits: (note: Note, task: Task) => TextEdit[] | string,
): Promise<TaskEditResult> {
  const byUri = new Map<string, TaskTarget[]>();
  for (const t of targets) byUri.set(t.uri, [...(byUri.get(t.uri) ?? []), t]);
  const edit = new vscode.WorkspaceEdit();
  const refused: string[] = [];
  const touched: vscode.Uri[] = [];
  let changed = 0;
  for (const [key, group] of byUri) {
    const uri = vscode.Uri.parse(key);
    const note = await workspace.loadNote(uri);
    const edits: TextEdit[] = [];
    for (const target of group) {
      const found = note ? locateTask(note, target.print) : { error: 'changed' as const };
      if ('error' in found) {
        refused.push(`"${target.label}" (${found.error === 'ambiguous' ? 'now appears more than once' : 'changed or removed since the list was drawn'})`);
        continue;
      }
      const result = makeEdits(note!, found.task);
      if (typeof result === 'string') {
        refused.push(`"${target.label}" (${result})`);
        continue;
      }
      edits.push(...result);
      changed++;
    }
    if (edits.length) {
      addEdits(edit, uri, edits);
      touched.push(uri);
    }
  }
  if (touched.length) {
    const wasDirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
    if (!(await vscode.workspace.applyEdit(edit))) return { changed: 0, refused: [...refused, 'the edit was not applied'] };
    for (const uri of touched) {
      if (wasDirty.has(uri.toString())) continue;
      const doc = await vscode.workspace.openTextDocument(uri);
      await doc.save();
    }
  }
  if (refused.length) {
    void vscode.window.showWarningMessage(
      `Meeting Notes: ${refused.length === 1 ? 'one task was' : `${refused.length} tasks were`} left unchanged: ${refused.join('; ')}. The list has been refreshed.`,
    );
  }
  return { changed, refused };
}
