// The Meeting Tasks view: VS Code's side of the list (TreeItems, the TreeView, refreshes as the index
// changes). What the rows are and say is tree-model.ts; the commands are tree-commands.ts; the badge
// and title are tree-badge.ts.
import * as vscode from 'vscode';
import { locateTask, meetingDate, noteTitle, statusLabel, type GroupBy, type IndexChange, type Note, type NoteIndex } from '../../core';
import { counted, nameList, taskNeighbourhood } from '../../core/task-context';
import { STATE_KEYS, TASKS_VIEW } from '../commands';
import { localToday } from '../convert';
import { appendSourceLine } from '../links/source-line';
import type { WorkspaceIndex } from '../workspace-index';
import { registerTaskTreeBadge } from './tree-badge';
import { registerTaskTreeCommands } from './tree-commands';
import {
  groupDescription,
  parseGroupBy,
  startsExpanded,
  taskAccessibilityLabel,
  taskDescription,
  TaskTreeModel,
  type TaskNode,
  type TaskTreeNode,
} from './tree-model';

export type { GroupNode, TaskNode, TaskTreeNode } from './tree-model';

const REFRESH_DELAY_MS = 50;

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
  private readonly refreshEmitter = new vscode.EventEmitter<void>();
  /** After each refresh (an index change or a new grouping or filter), whether or not a row changed. */
  readonly onDidRefresh = this.refreshEmitter.event;
  readonly model: TaskTreeModel;

  constructor(
    private readonly index: NoteIndex,
    private readonly state: vscode.Memento,
    private readonly proposedIcon: { light: vscode.Uri; dark: vscode.Uri },
    /** Reads a note's current text, for the tooltip's neighbouring lines (only when a tooltip is shown). */
    private readonly loadNote: (uri: vscode.Uri) => Promise<Note | undefined> = async () => undefined,
  ) {
    this.model = new TaskTreeModel(index, {
      groupBy: parseGroupBy(state.get<string>(STATE_KEYS.groupBy)),
      hideFinished: state.get<boolean>(STATE_KEYS.hideFinished) ?? false,
    });
  }

  get groupBy(): GroupBy {
    return this.model.groupBy;
  }

  get filterText(): string {
    return this.model.filterText;
  }

  get hideFinished(): boolean {
    return this.model.hideFinished;
  }

  /** Redraws the note groups an index change touched, or the whole list when more can have moved. */
  refresh(change?: IndexChange): void {
    const groups = this.model.applyChange(change);
    if (!groups) this.changeEmitter.fire(undefined);
    else for (const node of groups) this.changeEmitter.fire(node);
    this.refreshEmitter.fire();
  }

  getChildren(element?: TaskTreeNode): TaskTreeNode[] {
    if (!element) return this.model.roots();
    return element.kind === 'group' ? this.model.childrenOf(element) : [];
  }

  getParent(element: TaskTreeNode): TaskTreeNode | undefined {
    return element.kind === 'task' ? element.parent : undefined;
  }

  getTreeItem(element: TaskTreeNode): vscode.TreeItem {
    if (element.kind === 'group') {
      const { group } = element;
      const proposals = group.items.filter((r) => r.task.status === 'proposed').length;
      const item = new vscode.TreeItem(group.label, startsExpanded(element, this.groupBy) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = group.id;
      item.description = groupDescription(group, this.groupBy);
      item.contextValue = group.uri ? 'noteGroup' : 'group';
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`**${escape(group.label)}**\n\n${counted(group.items.length, 'task')}${proposals ? `, ${counted(proposals, 'proposal')}` : ''}`);
      if (group.uri) {
        // The note's file: its icon from the icon theme, and VS Code's Problems decoration (the colour and
        // the count at the right), as the Explorer shows them for the same file.
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
    item.description = taskDescription(element.ref, this.groupBy, this.index.registry);
    item.iconPath = task.status === 'proposed' ? this.proposedIcon : new vscode.ThemeIcon(STATUS_ICONS[task.status] ?? 'circle-large-outline');
    // No tooltip here: resolveTreeItem builds it when one is shown, reading the note's text then.
    item.contextValue = `task.${task.status}`;
    item.command = {
      title: 'Open',
      command: 'vscode.open',
      arguments: [vscode.Uri.parse(note.uri), { selection: new vscode.Range(task.line, task.column, task.line, task.column) }],
    };
    item.accessibilityInformation = { label: taskAccessibilityLabel(element) };
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
    return this.model.displayOrder();
  }

  firstProposal(): TaskNode | undefined {
    return this.model.firstProposal();
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    this.model.groupBy = groupBy;
    await this.state.update(STATE_KEYS.groupBy, groupBy);
    this.refresh();
  }

  async setHideFinished(hide: boolean): Promise<void> {
    this.model.hideFinished = hide;
    await this.state.update(STATE_KEYS.hideFinished, hide);
    this.refresh();
  }

  setFilter(text: string): void {
    this.model.filterText = text;
    this.refresh();
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.refreshEmitter.dispose();
  }
}

/**
 * The list and its TreeView, refreshed from the index (a burst of changes, such as a scan or a bulk
 * edit, is one refresh). What the test API hands out as `taskTree`.
 */
export class TaskTreeView implements vscode.Disposable {
  readonly provider: TaskTreeProvider;
  readonly view: vscode.TreeView<TaskTreeNode>;
  private readonly disposables: vscode.Disposable[];
  private pending: IndexChange | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(extensionUri: vscode.Uri, state: vscode.Memento, index: NoteIndex, workspace: WorkspaceIndex) {
    const icon = (name: string) => vscode.Uri.joinPath(extensionUri, 'media', name);
    this.provider = new TaskTreeProvider(index, state, { light: icon('proposed-light.svg'), dark: icon('proposed-dark.svg') }, (uri) => workspace.loadNote(uri));
    this.view = vscode.window.createTreeView(TASKS_VIEW, { treeDataProvider: this.provider, canSelectMany: true, showCollapseAll: true });
    this.disposables = [this.provider, this.view, index.onDidChange((change) => this.coalesce(change))];
  }

  private coalesce(change: IndexChange): void {
    const p = this.pending;
    this.pending = p
      ? {
          updated: [...p.updated, ...change.updated],
          removed: [...p.removed, ...change.removed],
          stale: [...p.stale, ...change.stale],
          registryChanged: p.registryChanged || change.registryChanged,
        }
      : change;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), REFRESH_DELAY_MS);
  }

  /** Refreshes the list with the changes waiting for the coalescing delay, now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    const change = this.pending;
    this.pending = undefined;
    this.timer = undefined;
    if (change) this.provider.refresh(change);
  }

  /**
   * Selects, reveals and focuses a row. Focusing reveals it centred, which in a short list can leave
   * it at the very top, under its group's sticky header: revealing it once more (unfocused) puts it
   * below the header. When the list has just been given the focus (`settle`), VS Code can draw it
   * scrolled by a row although it reports no scroll (seen in code-server 1.100): a reveal far away
   * and back makes it draw the rows where they are.
   */
  async focusRow(row: TaskTreeNode, settle = false): Promise<void> {
    await this.view.reveal(row, { select: true, focus: true });
    if (settle) {
      const all = this.provider.displayOrder();
      const far = all[all.length - 1] === row ? all[0] : all[all.length - 1];
      if (far) await this.view.reveal(far, { select: false, focus: false });
    }
    await this.view.reveal(row, { select: false, focus: false });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The list's badge, title and commands, and its one-time reveal on a vault with proposals. */
export function registerTaskTree(tree: TaskTreeView, index: NoteIndex, workspace: WorkspaceIndex, state: vscode.Memento, today: () => string = localToday): vscode.Disposable {
  return vscode.Disposable.from(registerTaskTreeBadge(tree, index), registerTaskTreeCommands(tree, index, workspace, state, today));
}

/** Text shown in a markdown tooltip, with markdown's special characters taken literally. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/gu, '\\$&');
}
