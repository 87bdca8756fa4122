import * as vscode from 'vscode';
import { countTasks, type NoteIndex, type TaskCounts } from '../../core';
import { TASK_COMMANDS } from '../commands';

export type StatusBarScope = 'workspace' | 'activeNote';
const ITEM_ID = 'meetingNotes.status';
const UPDATE_DELAY_MS = 50;

function text(counts: TaskCounts): string {
  return `$(inbox) ${counts.proposed} proposed  $(circle-large-outline) ${counts.open + counts.inProgress} open`;
}

function line(label: string, counts: TaskCounts): string {
  // "Open" as the status bar counts it: in progress included, and said.
  const open = counts.open + counts.inProgress;
  return `${label}: ${counts.proposed} proposed, ${open} open${counts.inProgress ? ` (${counts.inProgress} in progress)` : ''}, ${counts.done} done`;
}

/**
 * The one status-bar item, with a stable id and name (so VS Code remembers where the user moved or hid
 * it); a click shows the proposals in the tree. registerStatusBar keeps it up to date.
 */
export function createStatusBarItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(ITEM_ID, vscode.StatusBarAlignment.Left, 50);
  item.name = 'Meeting Notes';
  item.command = TASK_COMMANDS.focusProposals;
  return item;
}

/**
 * Shows the workspace's (or the active note's) proposals and open tasks in `item`, following the
 * index, the active editor and the `statusBarScope` setting. Disposing it disposes the item.
 */
export function registerStatusBar(item: vscode.StatusBarItem, index: NoteIndex, scope: () => StatusBarScope): vscode.Disposable {
  const update = () => {
    if (index.size === 0) {
      item.hide();
      return;
    }
    const activeUri = vscode.window.activeTextEditor?.document.uri.toString();
    const active = activeUri ? index.get(activeUri) : undefined;
    const workspaceCounts = index.taskCounts();
    const activeCounts = active ? countTasks([active]) : undefined;
    const shown = scope() === 'activeNote' ? activeCounts : workspaceCounts;
    if (!shown) {
      item.hide();
      return;
    }
    item.text = text(shown);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Meeting Notes**\n\n${line('Workspace', workspaceCounts)}\n\n`);
    if (activeCounts) tooltip.appendMarkdown(`${line('This note', activeCounts)}\n\n`);
    tooltip.appendMarkdown('Click to open Meeting Tasks in the Explorer at the first proposal, ready to accept or reject from the keyboard.');
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `Meeting Notes: ${shown.proposed} proposed, ${shown.open + shown.inProgress} open tasks` };
    item.show();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, UPDATE_DELAY_MS);
  };
  update();
  return vscode.Disposable.from(
    item,
    index.onDidChange(later),
    vscode.window.onDidChangeActiveTextEditor(later),
    // Later, not now: the scope is read from the index's settings, which the composition root updates
    // on the same event.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('meetingNotes.statusBarScope')) later();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
