import * as vscode from 'vscode';
import {
  acceptProposal,
  assigneeNames,
  fingerprint,
  GROUP_BYS,
  groupTasks,
  meetingDate,
  noteTitle,
  rejectProposal,
  setTaskStatus,
  statusLabel,
  type GroupBy,
  type IndexChange,
  type NoteIndex,
  type TaskGroup,
  type TaskRef,
} from '../../core';
import { localToday } from '../convert';
import type { WorkspaceIndex } from '../workspace-index';
import { editTasks, type TaskEditResult, type TaskTarget } from './task-edits';

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
  ) {
    const saved = state.get<string>(STATE_GROUP_BY);
    this.groupBy = (GROUP_BYS as readonly string[]).includes(saved ?? '') ? (saved as GroupBy) : 'note';
    this.hideFinished = state.get<boolean>(STATE_HIDE_FINISHED) ?? false;
  }

  private rebuild(): void {
    if (!this.stale) return;
    this.stale = false;
    const groups = groupTasks(this.index.newestFirst(), this.index.registry, this.groupBy, { text: this.filterText, hideFinished: this.hideFinished }, true);
    this.children = new Map();
    const previous = new Map(this.roots.map((g) => [g.id, g]));
    this.roots = groups.map((group) => {
      // Keep the same object for a group that stays: the tree finds elements it showed by identity.
      const node: GroupNode = previous.get(group.id) ?? { kind: 'group', id: group.id, group };
      node.group = group;
      this.children.set(
        group.id,
        group.items.map((ref) => {
          const print = fingerprint(ref.task);
          return { kind: 'task', id: `${group.id}|${ref.note.uri}#${print.line}`, parent: node, ref, uri: ref.note.uri, print, label: ref.task.description || '(no text)' };
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
      item.description = `${group.items.length}${proposals && this.groupBy !== 'status' ? ` · ${proposals} proposed` : ''}`;
      item.contextValue = group.uri ? 'noteGroup' : 'group';
      if (group.uri) {
        item.resourceUri = vscode.Uri.parse(group.uri);
        item.iconPath = vscode.ThemeIcon.File;
      }
      return item;
    }
    const { note, task } = element.ref;
    const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    const due = task.dates.find((d) => d.kind === 'due') ?? task.dates.find((d) => d.kind === 'scheduled');
    item.description = [
      // Grouped by assignee, the group already says who.
      this.groupBy === 'assignee' ? undefined : assigneeNames(task, this.index.registry).join(', '),
      task.priority,
      due ? `${due.kind === 'due' ? '📅' : '⏳'} ${due.date}` : this.groupBy !== 'note' ? meetingDate(note) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = task.status === 'proposed' ? this.proposedIcon : new vscode.ThemeIcon(STATUS_ICONS[task.status] ?? 'circle-large-outline');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${statusLabel(task.status)}** · ${noteTitle(note)}\n\n`);
    tooltip.appendCodeblock(`- [${task.statusChar}] ${[task.description, ...task.assignees.map((a) => `@${a}`), ...task.tags.map((t) => `#${t}`)].filter(Boolean).join(' ')}`, 'markdown');
    item.tooltip = tooltip;
    item.contextValue = `task.${task.status}`;
    item.command = {
      title: 'Open',
      command: 'vscode.open',
      arguments: [vscode.Uri.parse(note.uri), { selection: new vscode.Range(task.line, task.column, task.line, task.column) }],
    };
    item.accessibilityInformation = { label: `${statusLabel(task.status)}: ${element.label}, in ${noteTitle(note)}` };
    return item;
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
  const provider = new TaskTreeProvider(index, context.workspaceState, { light: icon('proposed-light.svg'), dark: icon('proposed-dark.svg') });
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
    timer = setTimeout(() => {
      const c = pending;
      pending = undefined;
      timer = undefined;
      provider.refresh(c);
      updateChrome();
    }, REFRESH_DELAY_MS);
  };

  const targetsOf = (node: TaskNode | undefined, selected: readonly TaskTreeNode[] | undefined): TaskNode[] => {
    const chosen = selected?.length ? selected : node ? [node] : view.selection;
    return chosen.filter((n): n is TaskNode => n.kind === 'task');
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
    vscode.commands.registerCommand(TASK_COMMANDS.accept, (node?: TaskNode, selected?: TaskTreeNode[]) => run('accept', targetsOf(node, selected))),
    vscode.commands.registerCommand(TASK_COMMANDS.reject, (node?: TaskNode, selected?: TaskTreeNode[]) => run('reject', targetsOf(node, selected))),
    vscode.commands.registerCommand(TASK_COMMANDS.markDone, (node?: TaskNode, selected?: TaskTreeNode[]) => run('markDone', targetsOf(node, selected))),
    vscode.commands.registerCommand(TASK_COMMANDS.markInProgress, (node?: TaskNode, selected?: TaskTreeNode[]) => run('markInProgress', targetsOf(node, selected))),
    vscode.commands.registerCommand(TASK_COMMANDS.open, async (node?: TaskNode) => {
      const target = node ?? targetsOf(undefined, undefined)[0];
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
      await vscode.commands.executeCommand(`${TASKS_VIEW}.focus`);
      const first = provider.firstProposal();
      if (!first) return;
      // Reveal the group, not the task: a revealed task is scrolled to the top, under its group's
      // sticky header, where it can be neither seen nor clicked.
      await view.reveal(first.parent, { select: true, focus: true, expand: true });
    }),
  );
  updateChrome();
  return { disposable, api: { provider, view, run } };
}
