import * as vscode from 'vscode';
import type { NoteIndex } from '../../core';
import { CONTEXT_KEYS } from '../commands';
import type { TaskTreeView } from './register-task-tree';
import { proposalBadge, viewDescription } from './tree-model';

/**
 * The view's chrome, kept in step with the list: the badge (proposals to triage), the title's
 * description (grouping and filters) and the context keys the welcome texts and title buttons read.
 */
export function registerTaskTreeBadge(tree: TaskTreeView, index: NoteIndex): vscode.Disposable {
  const contextKeys = new Map<string, boolean>();
  const setContext = (key: string, value: boolean) => {
    // Each is a message to the workbench: sent only when it changes.
    if (contextKeys.get(key) === value) return;
    contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const update = () => {
    const counts = index.taskCounts();
    const { view, provider } = tree;
    view.badge = proposalBadge(counts.proposed);
    view.description = viewDescription(provider.model);
    const total = counts.proposed + counts.open + counts.inProgress + counts.done + counts.cancelled + counts.deferred;
    setContext(CONTEXT_KEYS.hasNotes, index.size > 0);
    setContext(CONTEXT_KEYS.hasTasks, total > 0);
    setContext(CONTEXT_KEYS.tasksFiltered, provider.filterText !== '');
    setContext(CONTEXT_KEYS.tasksHideFinished, provider.hideFinished);
  };
  update();
  return tree.provider.onDidRefresh(update);
}
