import * as vscode from 'vscode';
import {
  acceptProposal,
  assigneeNames,
  fingerprint,
  GROUP_BYS,
  groupTasks,
  locateTask,
  meetingDate,
  noteTitle,
  rejectProposal,
  setTaskStatus,
  statusLabel,
  type GroupBy,
  type IndexChange,
  type Note,
  type NoteIndex,
  type TaskGroup,
  type TaskRef,
} from '../../core';
import { counted, nameList, shortTitle, taskNeighbourhood } from '../../core/task-context';
import { localToday } from '../convert';
import { appendSourceLine } from '../links/source-line';
import type { WorkspaceIndex } from '../workspace-index';
import { editTasks, type TaskEditResult, type TaskTarget } from './task-edits';
import { commandRows, isRow, rowAfterDecision } from './tree-targets';

export const TASKS_VIEW = 'meetingNotes.tasks';

export const TASK_COMMANDS = {
  groupBy: 'meetingNotes.tasks.groupBy',
  filter: 'meetingNotes.tasks.filter',
  clearFilter: 'meetingNotes.tasks.clearFilter',
  hideFinished: 'meetingNotes.tasks.hideFinished',
  showFinished: 'meetingNotes.tasks.showFinished',
  accept: 'meetingNotes.tasks.accept',
  reject: 'meetingNotes.tasks.reject',
  markDone: 'meetingNotes.tasks.markDone',
  markInProgress: 'meetingNotes.tasks.markInProgress',
  open: 'meetingNotes.tasks.open',
  focusProposals: 'meetingNotes.tasks.focusProposals',
} as const;

const GROUP_LABELS: Record<GroupBy, string> = { note: 'Note (newest meeting first)', status: 'Status', assignee: 'Assignee', priority: 'Priority' };
const STATE_GROUP_BY = 'meetingNotes.tasks.groupBy';
const STATE_HIDE_FINISHED = 'meetingNotes.tasks.hideFinished';
const REFRESH_DELAY_MS = 50;

export interface GroupNode {
  kind: 'group';
  id: string;
  group: TaskGroup;
}

export interface TaskNode extends TaskTarget {
  kind: 'task';
  id: string;
  parent: GroupNode;
  ref: TaskRef;
}

export type TaskTreeNode = GroupNode | TaskNode;

const STATUS_ICONS: Record<string, string> = {
  open: 'circle-large-outline',
  'in-progress': 'circle-large-filled',
  done: 'pass-filled',
  cancelled: 'circle-slash',
  deferred: 'arrow-circle-right',
  unknown: 'question',
};

export class TaskTreeProvider implements vscode.TreeDataProvider<TaskTreeNode> {
  private readonly changeEmitter = new vscode.EventEmitter<TaskTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: GroupNode[] = [];
  private children = new Map<string, TaskNode[]>();
  private stale = true;
  groupBy: GroupBy;
  filterText = '';
  hideFinished: boolean;

  constructor(
    private readonly index: NoteIndex,
    private readonly state: vscode.Memento,
    private readonly proposedIcon: { light: vscode.Uri; dark: vscode.Uri },
    /** Reads a note's current text, for the tooltip's neighbouring lines (only when a tooltip is shown). */
    private readonly loadNote: (uri: vscode.Uri) => Promise<Note | undefined> = async () => undefined,
  ) {
    const saved = state.get<string>(STATE_GROUP_BY);
    this.groupBy = (GROUP_BYS as readonly string[]).includes(saved ?? '') ? (saved as GroupBy) : 'note';
    this.hideFinished = state.get<boolean>(STATE_HIDE_FINISHED) ?? false;
  }

  private rebuild(): void {
    if (!this.stale) return;
    this.stale = false;
    const groups = groupTasks(this.index.newestFirst(), this.index.registry, this.groupBy, { text: this.filterText, hideFinished: this.hideFinished }, true);
    const previousTasks = new Map<string, TaskNode>();
    for (const list of this.children.values()) for (const t of list) previousTasks.set(t.id, t);
    this.children = new Map();
    const previous = new Map(this.roots.map((g) => [g.id, g]));
    this.roots = groups.map((group) => {
      // Keep the same object for a row that stays (a group, or a task by its id): the tree finds
      // elements it showed by identity, and a reveal right after a refresh must find its row.
      const node: GroupNode = previous.get(group.id) ?? { kind: 'group', id: group.id, group };
      node.group = group;
      this.children.set(
        group.id,
        group.items.map((ref) => {
          const print = fingerprint(ref.task);
          const id = `${group.id}|${ref.note.uri}#${print.line}`;
          const fresh: TaskNode = { kind: 'task', id, parent: node, ref, uri: ref.note.uri, print, label: ref.task.description || '(no text)' };
          const kept = previousTasks.get(id);
          return kept ? Object.assign(kept, fresh) : fresh;
        }),
      );
      return node;
    });
  }

  /** Marks the tree stale; fires for the changed note groups only when nothing else can have moved. */
  refresh(change?: IndexChange): void {
    const before = this.roots;
    this.stale = true;
    if (change && this.groupBy === 'note' && !change.registryChanged && !change.removed.length) {
      this.rebuild();
      const sameShape = before.length === this.roots.length && before.every((g, i) => g.id === this.roots[i]!.id);
      if (sameShape) {
        for (const uri of change.updated) {
          const node = this.roots.find((g) => g.group.uri === uri);
          if (node) this.changeEmitter.fire(node);
        }
        return;
      }
    }
    this.changeEmitter.fire(undefined);
  }

  getChildren(element?: TaskTreeNode): TaskTreeNode[] {
    this.rebuild();
    if (!element) return this.roots;
    return element.kind === 'group' ? (this.children.get(element.id) ?? []) : [];
  }

  getParent(element: TaskTreeNode): TaskTreeNode | undefined {
    return element.kind === 'task' ? element.parent : undefined;
  }

  getTreeItem(element: TaskTreeNode): vscode.TreeItem {
    if (element.kind === 'group') {
      const { group } = element;
      const proposals = group.items.filter((r) => r.task.status === 'proposed').length;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = group.id;
      // Words, not bare numbers: a note's row also shows its Problems count (the file decoration at
      // the right), and "2 … 2" did not say which was which.
      item.description = [proposals && this.groupBy !== 'status' ? counted(proposals, 'proposal') : undefined, counted(group.items.length, 'task')].filter(Boolean).join(' · ');
      item.contextValue = group.uri ? 'noteGroup' : 'group';
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`**${escape(group.label)}**\n\n${counted(group.items.length, 'task')}${proposals ? `, ${counted(proposals, 'proposal')}` : ''}`);
      if (group.uri) {
        item.resourceUri = vscode.Uri.parse(group.uri);
        item.iconPath = vscode.ThemeIcon.File;
        const problems = this.index.issues(group.uri).filter((i) => i.severity === 'error' || i.severity === 'warning').length;
        if (problems) tooltip.appendMarkdown(`\n\n${counted(problems, 'problem')} in the note (the number at the right; see the Problems panel)`);
      }
      item.tooltip = tooltip;
      return item;
    }
    const { note, task } = element.ref;
    const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    const due = task.dates.find((d) => d.kind === 'due') ?? task.dates.find((d) => d.kind === 'scheduled');
    const date = meetingDate(note);
    item.description = [
      // Outside the note grouping, which meeting a task comes from is what a row most needs, and the
      // sidebar cuts what comes last: the meeting first, short.
      this.groupBy === 'note' ? undefined : [date, shortTitle(noteTitle(note))].filter(Boolean).join(' '),
      // Grouped by assignee, the group already says who.
      this.groupBy === 'assignee' ? undefined : assigneeNames(task, this.index.registry).join(', '),
      this.groupBy === 'priority' ? undefined : task.priority,
      due ? `${due.kind === 'due' ? '📅' : '⏳'} ${due.date}` : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = task.status === 'proposed' ? this.proposedIcon : new vscode.ThemeIcon(STATUS_ICONS[task.status] ?? 'circle-large-outline');
    // No tooltip here: resolveTreeItem builds it when one is shown, reading the note's text then.
    item.contextValue = `task.${task.status}`;
    item.command = {
      title: 'Open',
      command: 'vscode.open',
      arguments: [vscode.Uri.parse(note.uri), { selection: new vscode.Range(task.line, task.column, task.line, task.column) }],
    };
    item.accessibilityInformation = { label: `${statusLabel(task.status)}: ${element.label}, in ${noteTitle(note)}${date ? ` of ${date}` : ''}` };
    return item;
  }

  /**
   * A task's tooltip, built when VS Code is about to show it: the meeting (title, date, participants),
   * the section, and the task's line with its neighbours, read from the note as it is now.
   */
  async resolveTreeItem(item: vscode.TreeItem, element: TaskTreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (element.kind !== 'task') return item;
    item.tooltip = await this.tooltipFor(element, token);
    return item;
  }

  private async tooltipFor(element: TaskNode, token?: vscode.CancellationToken): Promise<vscode.MarkdownString> {
    const { note, task } = element.ref;
    const tooltip = new vscode.MarkdownString();
    const date = meetingDate(note);
    tooltip.appendMarkdown(`**${statusLabel(task.status)}** · ${escape(noteTitle(note))}${date ? ` · ${date}` : ''}\n\n`);
    if (note.names.length) tooltip.appendMarkdown(`With ${escape(nameList(note.names))}\n\n`);
    if (task.heading) tooltip.appendMarkdown(`Section: ${escape(task.heading)}\n\n`);
    const text = await this.loadNote(vscode.Uri.parse(note.uri)).catch(() => undefined);
    const found = text && !token?.isCancellationRequested ? locateTask(text, element.print) : undefined;
    if (text && found && 'task' in found) {
      const around = taskNeighbourhood(text, found.task.line);
      tooltip.appendCodeblock(around.lines.map((l) => `${l.line === around.taskLine ? '▶' : ' '} ${l.text}`).join('\n'), 'markdown');
    } else {
      tooltip.appendCodeblock(`- [${task.statusChar}] ${[task.description, ...task.assignees.map((a) => `@${a}`), ...task.tags.map((t) => `#${t}`)].filter(Boolean).join(' ')}`, 'markdown');
      if (text) tooltip.appendMarkdown('\n\n*The note has changed since the list was drawn.*');
    }
    appendSourceLine(tooltip, text, this.index);
    return tooltip;
  }

  /** Every row in display order (each group, then its tasks), as a person reading the list meets them. */
  displayOrder(): TaskTreeNode[] {
    this.rebuild();
    return this.roots.flatMap((g) => [g, ...(this.children.get(g.id) ?? [])]);
  }

  get proposalCount(): number {
    return this.index.taskCounts().proposed;
  }

  firstProposal(): TaskNode | undefined {
    this.rebuild();
    for (const g of this.roots) {
      const hit = this.children.get(g.id)?.find((c) => c.ref.task.status === 'proposed');
      if (hit) return hit;
    }
    return undefined;
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    this.groupBy = groupBy;
    await this.state.update(STATE_GROUP_BY, groupBy);
    this.refresh();
  }

  async setHideFinished(hide: boolean): Promise<void> {
    this.hideFinished = hide;
    await this.state.update(STATE_HIDE_FINISHED, hide);
    this.refresh();
  }

  setFilter(text: string): void {
    this.filterText = text;
    this.refresh();
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export interface TaskTreeApi {
  provider: TaskTreeProvider;
  view: vscode.TreeView<TaskTreeNode>;
  /** Runs a tree command on nodes, as the inline buttons and context menu do; resolves with what happened. */
  run(command: 'accept' | 'reject' | 'markDone' | 'markInProgress', nodes: TaskNode[]): Promise<TaskEditResult>;
}

export function registerTaskTree(
  context: vscode.ExtensionContext,
  index: NoteIndex,
  workspace: WorkspaceIndex,
  today: () => string = localToday,
): { disposable: vscode.Disposable; api: TaskTreeApi } {
  const icon = (name: string) => vscode.Uri.joinPath(context.extensionUri, 'media', name);
  const provider = new TaskTreeProvider(index, context.workspaceState, { light: icon('proposed-light.svg'), dark: icon('proposed-dark.svg') }, (uri) => workspace.loadNote(uri));
  const view = vscode.window.createTreeView(TASKS_VIEW, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });

  const updateChrome = () => {
    const counts = index.taskCounts();
    view.badge = counts.proposed ? { value: counts.proposed, tooltip: `${counts.proposed} proposed task${counts.proposed === 1 ? '' : 's'} to triage` } : undefined;
    const parts = [`by ${provider.groupBy}`];
    if (provider.filterText) parts.push(`“${provider.filterText}”`);
    if (provider.hideFinished) parts.push('open only');
    view.description = parts.join(' · ');
    const total = counts.proposed + counts.open + counts.inProgress + counts.done + counts.cancelled + counts.deferred;
    void vscode.commands.executeCommand('setContext', 'meetingNotes.hasNotes', index.size > 0);
    void vscode.commands.executeCommand('setContext', 'meetingNotes.hasTasks', total > 0);
    void vscode.commands.executeCommand('setContext', 'meetingNotes.tasks.filtered', provider.filterText !== '');
    void vscode.commands.executeCommand('setContext', 'meetingNotes.tasks.hideFinished', provider.hideFinished);
  };

  let pending: IndexChange | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onIndexChange = (change: IndexChange) => {
    // Coalesce a burst of changes (a scan, a bulk edit) into one refresh.
    pending = pending
      ? {
          updated: [...pending.updated, ...change.updated],
          removed: [...pending.removed, ...change.removed],
          stale: [...pending.stale, ...change.stale],
          registryChanged: pending.registryChanged || change.registryChanged,
        }
      : change;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flushRefresh, REFRESH_DELAY_MS);
  };
  /** Refreshes the tree with the changes waiting for the coalescing delay, now. */
  function flushRefresh(): void {
    if (timer) clearTimeout(timer);
    const c = pending;
    pending = undefined;
    timer = undefined;
    if (!c) return;
    provider.refresh(c);
    updateChrome();
  }

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

  const taskKey = (n: TaskTreeNode) => (n.kind === 'task' ? `${n.uri}#${n.print.line}` : n.id);
  const isProposalRow = (n: TaskTreeNode) => n.kind === 'task' && n.ref.task.status === 'proposed';

  /**
   * Selects, reveals and focuses a row. Focusing reveals it centred, which in a short list can leave
   * it at the very top, under its group's sticky header: revealing it once more (unfocused) puts it
   * below the header. When the list has just been given the focus (`settle`), VS Code can draw it
   * scrolled by a row although it reports no scroll (seen in code-server 1.100): a reveal far away
   * and back makes it draw the rows where they are.
   */
  const focusRow = async (row: TaskTreeNode, settle = false) => {
    await view.reveal(row, { select: true, focus: true });
    if (settle) {
      const all = provider.displayOrder();
      const far = all[all.length - 1] === row ? all[0] : all[all.length - 1];
      if (far) await view.reveal(far, { select: false, focus: false });
    }
    await view.reveal(row, { select: false, focus: false });
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
      flushRefresh();
    }
    // The same row if it is still shown (ids are stable), else the same task elsewhere, else the next proposal now.
    const now = provider.displayOrder();
    const row =
      now.find((n) => n.id === target.id && isProposalRow(n)) ??
      now.find((n) => taskKey(n) === taskKey(target) && isProposalRow(n)) ??
      rowAfterDecision(now, rows, isProposalRow, taskKey);
    if (row) {
      await focusRow(row);
      lastFocused = row;
    }
    return result;
  };

  const run: TaskTreeApi['run'] = async (command, nodes) => {
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

  const disposable = vscode.Disposable.from(
    provider,
    view,
    index.onDidChange(onIndexChange),
    { dispose: () => timer && clearTimeout(timer) },
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
      let groupBy = typeof choice === 'string' && (GROUP_BYS as readonly string[]).includes(choice) ? (choice as GroupBy) : undefined;
      if (!groupBy) {
        const picked = await vscode.window.showQuickPick(
          GROUP_BYS.map((g) => ({ label: GROUP_LABELS[g], value: g, description: g === provider.groupBy ? 'current' : undefined })),
          { title: 'Group tasks by' },
        );
        groupBy = picked?.value;
      }
      if (!groupBy) return;
      await provider.setGroupBy(groupBy);
      updateChrome();
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.filter, async (text?: unknown) => {
      const value = typeof text === 'string' ? text : await vscode.window.showInputBox({ title: 'Filter tasks', prompt: 'Text in the task, an assignee or the note title', value: provider.filterText });
      if (value === undefined) return;
      provider.setFilter(value.trim());
      updateChrome();
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.clearFilter, () => {
      provider.setFilter('');
      updateChrome();
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.hideFinished, async () => {
      await provider.setHideFinished(true);
      updateChrome();
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.showFinished, async () => {
      await provider.setHideFinished(false);
      updateChrome();
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.focusProposals, async () => {
      // The list lives in the Explorer: show the Explorer, open (expand) the list and focus it. (Its
      // height cannot be set from here: VS Code honours a view's initialSize only in a view
      // container of the same extension.)
      await vscode.commands.executeCommand('workbench.view.explorer');
      await vscode.commands.executeCommand(`${TASKS_VIEW}.focus`);
      const first = provider.firstProposal();
      if (!first) return;
      // Focused and selected: the accept and reject keys act on it at once.
      await focusRow(first, true);
    }),
  );
  updateChrome();
  return { disposable, api: { provider, view, run } };
}

/** Text shown in a markdown tooltip, with markdown's special characters taken literally. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/gu, '\\$&');
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
