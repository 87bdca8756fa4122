import * as vscode from 'vscode';
import { acceptProposal, GROUP_BYS, rejectProposal, setTaskStatus, type NoteIndex } from '../../core';
import { STATE_KEYS, TASK_COMMANDS, VIEW_COMMANDS } from '../commands';
import type { WorkspaceIndex } from '../workspace-index';
import type { TaskTreeView } from './register-task-tree';
import { editTasks, type TaskEditResult } from './task-edits';
import { GROUP_LABELS, isProposalRow, parseGroupBy, taskKey, type TaskNode, type TaskTreeNode } from './tree-model';
import { commandRows, isRow, rowAfterDecision } from './tree-targets';

type TaskCommand = 'accept' | 'reject' | 'markDone' | 'markInProgress';

/**
 * The task list's commands: accept, reject (then the next proposal is focused), mark done or in
 * progress, open, the grouping and filters, and Show Proposals (the status-bar click). Also shows the
 * list once by itself on a vault with proposals, the first time the extension runs there.
 */
export function registerTaskTreeCommands(tree: TaskTreeView, index: NoteIndex, workspace: WorkspaceIndex, state: vscode.Memento, today: () => string): vscode.Disposable {
  const { provider, view } = tree;

  /**
   * The tasks a command acts on. A key bound in the tree hands the focused row (its keybinding asks
   * VS Code for it, see package.json); a button or menu hands its row and the selection; anything
   * else (another extension, no argument) falls back to the selection.
   */
  const targetsOf = (node: unknown, selected: unknown): TaskNode[] => {
    const passed = Array.isArray(selected) ? selected.filter((n) => isRow<TaskTreeNode>(n)) : undefined;
    const rows = commandRows<TaskTreeNode>(isRow<TaskTreeNode>(node) ? node : undefined, passed, view.selection);
    return rows.filter((n): n is TaskNode => n.kind === 'task');
  };

  const run = async (command: TaskCommand, nodes: TaskNode[]): Promise<TaskEditResult> => {
    const date = today();
    const result = await editTasks(nodes, workspace, (note, task) => {
      switch (command) {
        case 'accept':
          return task.status === 'proposed' ? acceptProposal(note, task) : 'it is no longer a proposal';
        case 'reject':
          return task.status === 'proposed' ? rejectProposal(note, task, date) : 'it is no longer a proposal';
        case 'markDone':
          return setTaskStatus(note, task, 'x', date);
        case 'markInProgress':
          return setTaskStatus(note, task, '/', date);
      }
    });
    if (result.refused.length) provider.refresh();
    return result;
  };

  /**
   * Accept or reject from the tree, then focus the next proposal (in display order, in any grouping)
   * so that the same key decides on it: the decided rows leave or change, and VS Code's own focus
   * would fall on a group header or nowhere. Decisions run one after the other: a key pressed again
   * before the focus has moved names the row just decided, and then means the row focused next.
   */
  let queue: Promise<unknown> = Promise.resolve();
  let running = 0;
  let lastDecided = new Set<string>();
  let lastFocused: TaskTreeNode | undefined;
  const decide = (command: 'accept' | 'reject', node: unknown, selected: unknown): Promise<TaskEditResult> => {
    const early = running > 0;
    running++;
    const next = queue.then(() => decideNow(command, node, selected, early)).finally(() => running--);
    queue = next.catch(() => undefined);
    return next;
  };
  const decideNow = async (command: 'accept' | 'reject', node: unknown, selected: unknown, early: boolean): Promise<TaskEditResult> => {
    let rows = commandRows<TaskTreeNode>(
      isRow<TaskTreeNode>(node) ? node : undefined,
      Array.isArray(selected) ? selected.filter((n) => isRow<TaskTreeNode>(n)) : undefined,
      view.selection,
    );
    // Pressed while the previous decision was still moving the focus: it meant the row focused next.
    if (early && lastFocused && rows.length && rows.every((r) => lastDecided.has(r.id))) rows = [lastFocused];
    const tasks = rows.filter((n): n is TaskNode => n.kind === 'task');
    const display = provider.displayOrder();
    const target = rowAfterDecision(display, rows, isProposalRow, taskKey);
    lastDecided = new Set(rows.map((r) => r.id));
    lastFocused = undefined;
    const result = tasks.length ? await run(command, tasks) : { changed: 0, refused: [] };
    if (!target || !view.visible) return result;
    if (result.changed) {
      // Wait for the decided tasks to leave the index's proposals, then refresh the tree at once.
      const decidedKeys = new Set(tasks.map(taskKey));
      const stillProposed = () =>
        tasks.some((t) => index.get(t.uri)?.tasks.some((x) => x.status === 'proposed' && decidedKeys.has(`${t.uri}#${x.line}`)) ?? false);
      // Much later, the person has moved on: the focus is not taken back then.
      if (!(await until(stillProposed, (fire) => index.onDidChange(fire), 3000))) return result;
      tree.flush();
    }
    // The same row if it is still shown (ids are stable), else the same task elsewhere, else the next proposal now.
    const now = provider.displayOrder();
    const row =
      now.find((n) => n.id === target.id && isProposalRow(n)) ??
      now.find((n) => taskKey(n) === taskKey(target) && isProposalRow(n)) ??
      rowAfterDecision(now, rows, isProposalRow, taskKey);
    if (row) {
      await tree.focusRow(row);
      lastFocused = row;
    }
    return result;
  };

  /**
   * Shows the list expanded, at the first proposal. The list lives in the Explorer: show the Explorer,
   * then `<view>.focus` expands the list (it starts collapsed there) and focuses it. Its height cannot
   * be set from here: VS Code honours a view's `initialSize` only in a view container of the same
   * extension, and has no command to size one pane of a container; it keeps the height the person drags it to.
   */
  const showProposals = async (): Promise<TaskNode | undefined> => {
    await vscode.commands.executeCommand(VIEW_COMMANDS.showExplorer);
    await vscode.commands.executeCommand(VIEW_COMMANDS.focusTasks);
    const first = provider.firstProposal();
    // Focused and selected: the accept and reject keys act on it at once.
    if (first) await tree.focusRow(first, true);
    return first;
  };

  /**
   * The first-run path: the list starts collapsed at the bottom of the Explorer, where a new user does
   * not find it. The first time the vault has proposals once scanned, the list is shown expanded at the
   * first one, without taking the focus from the editor; once per workspace, never again after that.
   */
  const revealOnce = async () => {
    if (state.get<boolean>(STATE_KEYS.tasksRevealed)) return;
    tree.flush();
    const first = provider.firstProposal();
    // No proposals yet: perhaps next time.
    if (!first) return;
    await state.update(STATE_KEYS.tasksRevealed, true);
    if (!view.visible) await view.reveal(first, { select: false, focus: false, expand: true });
  };
  // A reveal that fails (the window closing) costs nothing but the reveal.
  void workspace.ready.then(revealOnce).catch(() => undefined);

  return vscode.Disposable.from(
    vscode.commands.registerCommand(TASK_COMMANDS.accept, (node?: unknown, selected?: unknown) => decide('accept', node, selected)),
    vscode.commands.registerCommand(TASK_COMMANDS.reject, (node?: unknown, selected?: unknown) => decide('reject', node, selected)),
    vscode.commands.registerCommand(TASK_COMMANDS.markDone, (node?: unknown, selected?: unknown) => run('markDone', targetsOf(node, selected))),
    vscode.commands.registerCommand(TASK_COMMANDS.markInProgress, (node?: unknown, selected?: unknown) => run('markInProgress', targetsOf(node, selected))),
    vscode.commands.registerCommand(TASK_COMMANDS.open, async (node?: unknown) => {
      // The row the menu was opened on, even inside a multi-selection.
      const target = isRow<TaskTreeNode>(node) && node.kind === 'task' ? node : targetsOf(undefined, undefined)[0];
      if (!target) return;
      const line = target.print.line;
      await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { selection: new vscode.Range(line, 0, line, 0) });
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.groupBy, async (choice?: unknown) => {
      let groupBy = parseGroupBy(choice);
      if (!groupBy) {
        const picked = await vscode.window.showQuickPick(
          GROUP_BYS.map((g) => ({ label: GROUP_LABELS[g], value: g, description: g === provider.groupBy ? 'current' : undefined })),
          { title: 'Group tasks by' },
        );
        groupBy = picked?.value;
      }
      if (groupBy) await provider.setGroupBy(groupBy);
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.filter, async (text?: unknown) => {
      const value = typeof text === 'string' ? text : await vscode.window.showInputBox({ title: 'Filter tasks', prompt: 'Text in the task, an assignee or the note title', value: provider.filterText });
      if (value !== undefined) provider.setFilter(value.trim());
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.clearFilter, () => provider.setFilter('')),
    vscode.commands.registerCommand(TASK_COMMANDS.hideFinished, () => provider.setHideFinished(true)),
    vscode.commands.registerCommand(TASK_COMMANDS.showFinished, () => provider.setHideFinished(false)),
    vscode.commands.registerCommand(TASK_COMMANDS.focusProposals, showProposals),
  );
}

/** Resolves with true once `pending` says false (checked now and on each event), or with false after `timeoutMs`. */
function until(pending: () => boolean, subscribe: (fire: () => void) => { dispose(): void }, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (!pending()) return resolve(true);
    const finish = (done: boolean) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(done);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const subscription = subscribe(() => {
      if (!pending()) finish(true);
    });
  });
}
