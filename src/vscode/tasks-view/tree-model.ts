// The task list as data: its rows (groups and tasks) in display order, kept as the same objects across
// refreshes, and what each row and the view's title say. Pure (no `vscode`), so it is unit-tested
// (test/unit/tree-model.test.ts); register-task-tree.ts turns these rows into VS Code's TreeItems.
import {
  assigneeNames,
  fingerprint,
  GROUP_BYS,
  groupTasks,
  meetingDate,
  noteTitle,
  statusLabel,
  type GroupBy,
  type IndexChange,
  type IndexedNote,
  type PeopleRegistry,
  type TaskFingerprint,
  type TaskGroup,
  type TaskRef,
} from '../../core';
import { counted, shortTitle } from '../../core/task-context';

/** A task as a command found it in the list: enough to find it again in the note's current text. */
export interface TaskTarget {
  uri: string;
  print: TaskFingerprint;
  /** What the user saw, for messages. */
  label: string;
}

export interface GroupNode {
  kind: 'group';
  id: string;
  group: TaskGroup;
  /** Its place among the groups, from 0. */
  position: number;
}

/** Grouped by note, the newest meetings open; older ones start collapsed (a vault has thousands). */
export const OPEN_NOTE_GROUPS = 30;

/** Whether a group starts expanded: every group of the small groupings, the newest notes by note. */
export function startsExpanded(node: GroupNode, groupBy: GroupBy): boolean {
  return groupBy !== 'note' || node.position < OPEN_NOTE_GROUPS;
}

export interface TaskNode extends TaskTarget {
  kind: 'task';
  id: string;
  parent: GroupNode;
  ref: TaskRef;
}

export type TaskTreeNode = GroupNode | TaskNode;

/** What the model reads: the index's notes, newest meeting first, and its people. */
export interface TaskSource {
  newestFirst(): Iterable<IndexedNote>;
  readonly registry: PeopleRegistry;
}

/** How the list is shown: remembered per workspace. */
export interface TaskViewOptions {
  groupBy: GroupBy;
  filterText: string;
  hideFinished: boolean;
}

export const GROUP_LABELS: Record<GroupBy, string> = { note: 'Note (newest meeting first)', status: 'Status', assignee: 'Assignee', priority: 'Priority' };

/** A saved grouping, if it still names one (settings from an older version may not). */
export function parseGroupBy(value: unknown): GroupBy | undefined {
  return typeof value === 'string' && (GROUP_BYS as readonly string[]).includes(value) ? (value as GroupBy) : undefined;
}

/**
 * The rows of the list. Rebuilt lazily (after `invalidate`) from the index; a row that stays (a group,
 * or a task by its id) keeps its object, because VS Code finds the elements it showed by identity and a
 * reveal right after a refresh must find its row.
 */
export class TaskTreeModel implements TaskViewOptions {
  groupBy: GroupBy;
  filterText: string;
  hideFinished: boolean;
  private rootNodes: GroupNode[] = [];
  private children = new Map<string, TaskNode[]>();
  private stale = true;

  constructor(
    private readonly source: TaskSource,
    options: Partial<TaskViewOptions> = {},
  ) {
    this.groupBy = options.groupBy ?? 'note';
    this.filterText = options.filterText ?? '';
    this.hideFinished = options.hideFinished ?? false;
  }

  /** The index or the options changed: the rows are rebuilt when next asked for. */
  invalidate(): void {
    this.stale = true;
  }

  roots(): GroupNode[] {
    this.rebuild();
    return this.rootNodes;
  }

  childrenOf(group: GroupNode): TaskNode[] {
    this.rebuild();
    return this.children.get(group.id) ?? [];
  }

  /** Every row in display order (each group, then its tasks), as a person reading the list meets them. */
  displayOrder(): TaskTreeNode[] {
    this.rebuild();
    return this.rootNodes.flatMap((g) => [g, ...(this.children.get(g.id) ?? [])]);
  }

  firstProposal(): TaskNode | undefined {
    this.rebuild();
    for (const g of this.rootNodes) {
      const hit = this.children.get(g.id)?.find((c) => c.ref.task.status === 'proposed');
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Takes in an index change. Returns the groups to redraw when only they can have changed (grouped by
   * note, the same notes in the same order), or undefined when the whole list must be redrawn.
   */
  applyChange(change?: IndexChange): GroupNode[] | undefined {
    const before = this.rootNodes;
    this.invalidate();
    if (!change || this.groupBy !== 'note' || change.registryChanged || change.removed.length) return undefined;
    this.rebuild();
    const sameShape = before.length === this.rootNodes.length && before.every((g, i) => g.id === this.rootNodes[i]!.id);
    if (!sameShape) return undefined;
    const updated = new Set(change.updated);
    return this.rootNodes.filter((g) => g.group.uri !== undefined && updated.has(g.group.uri));
  }

  private rebuild(): void {
    if (!this.stale) return;
    this.stale = false;
    const groups = groupTasks(this.source.newestFirst(), this.source.registry, this.groupBy, { text: this.filterText, hideFinished: this.hideFinished }, true);
    const previousTasks = new Map<string, TaskNode>();
    for (const list of this.children.values()) for (const t of list) previousTasks.set(t.id, t);
    const previousGroups = new Map(this.rootNodes.map((g) => [g.id, g]));
    this.children = new Map();
    this.rootNodes = groups.map((group, position) => {
      const node: GroupNode = previousGroups.get(group.id) ?? { kind: 'group', id: group.id, group, position };
      node.group = group;
      node.position = position;
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
}

/** The same task under two groupings or two assignees: rows differ, the task is one. */
export function taskKey(node: TaskTreeNode): string {
  return node.kind === 'task' ? `${node.uri}#${node.print.line}` : node.id;
}

export function isProposalRow(node: TaskTreeNode): node is TaskNode {
  return node.kind === 'task' && node.ref.task.status === 'proposed';
}

/**
 * A group row's description: counts in words. A note's row also shows VS Code's Problems count at its
 * right (the file's decoration), and two bare numbers side by side ("2 … 2") did not say which was which.
 * Grouped by status, "proposals" would repeat the group's name.
 */
export function groupDescription(group: TaskGroup, groupBy: GroupBy): string {
  const proposals = group.items.filter((r) => r.task.status === 'proposed').length;
  return [proposals && groupBy !== 'status' ? counted(proposals, 'proposal') : undefined, counted(group.items.length, 'task')].filter(Boolean).join(' · ');
}

/**
 * A task row's description. Outside the note grouping, which meeting a task comes from is what a row
 * most needs, and the sidebar cuts what comes last: the meeting first, short. What the group already
 * says (the assignee, the priority) is left out.
 */
export function taskDescription(ref: TaskRef, groupBy: GroupBy, registry: PeopleRegistry): string {
  const { note, task } = ref;
  const due = task.dates.find((d) => d.kind === 'due') ?? task.dates.find((d) => d.kind === 'scheduled');
  return [
    groupBy === 'note' ? undefined : [meetingDate(note), shortTitle(noteTitle(note))].filter(Boolean).join(' '),
    groupBy === 'assignee' ? undefined : assigneeNames(task, registry).join(', '),
    groupBy === 'priority' ? undefined : task.priority,
    due ? `${due.kind === 'due' ? '📅' : '⏳'} ${due.date}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What a screen reader says for a task row: its status, its text and its meeting. */
export function taskAccessibilityLabel(node: TaskNode): string {
  const { note, task } = node.ref;
  const date = meetingDate(note);
  return `${statusLabel(task.status)}: ${node.label}, in ${noteTitle(note)}${date ? ` of ${date}` : ''}`;
}

/** The view's title-bar description: the grouping and what is filtered out. */
export function viewDescription(options: TaskViewOptions): string {
  const parts = [`by ${options.groupBy}`];
  if (options.filterText) parts.push(`“${options.filterText}”`);
  if (options.hideFinished) parts.push('open only');
  return parts.join(' · ');
}

/** The view's badge: the proposals left to triage, none when there are none. */
export function proposalBadge(proposed: number): { value: number; tooltip: string } | undefined {
  return proposed ? { value: proposed, tooltip: `${counted(proposed, 'proposed task')} to triage` } : undefined;
}
