import type { TaskStatusKind } from './config';
import { textHash, type IndexedNote, type TaskInfo } from './indexed-note';
import type { Note, PriorityLevel, Task } from './note';
import type { PeopleRegistry } from './people';
import { noteTitle } from './note-facts';
import { PRIORITY_EMOJI } from './task-emoji';
import { assigneeNames, meetingDate, newestMeetingFirst } from './task-queries';

export type GroupBy = 'note' | 'status' | 'assignee' | 'priority';
export const GROUP_BYS: readonly GroupBy[] = ['note', 'status', 'assignee', 'priority'];

export interface TaskRef {
  note: IndexedNote;
  task: TaskInfo;
}

export interface TaskGroup {
  /** Stable across refreshes, so the tree keeps expansion state. */
  id: string;
  label: string;
  /** For note groups: the note's uri. */
  uri?: string;
  items: TaskRef[];
}

export interface TaskViewFilter {
  /** Case-insensitive text every shown task must contain (in its text, assignees or note title). */
  text?: string;
  hideFinished?: boolean;
}

const STATUS_ORDER: readonly (TaskStatusKind | 'unknown')[] = ['proposed', 'open', 'in-progress', 'deferred', 'done', 'cancelled', 'unknown'];
const STATUS_LABEL: Record<TaskStatusKind | 'unknown', string> = {
  proposed: 'Proposed',
  open: 'Open',
  'in-progress': 'In progress',
  deferred: 'Deferred',
  done: 'Done',
  cancelled: 'Cancelled',
  unknown: 'Unknown status',
};
const PRIORITY_ORDER: readonly (PriorityLevel | 'none')[] = ['highest', 'high', 'medium', 'none', 'low', 'lowest'];
const PRIORITY_LABEL: Record<PriorityLevel | 'none', string> = {
  highest: `${PRIORITY_EMOJI.highest} Highest`,
  high: `${PRIORITY_EMOJI.high} High`,
  medium: `${PRIORITY_EMOJI.medium} Medium`,
  none: 'No priority',
  low: `${PRIORITY_EMOJI.low} Low`,
  lowest: `${PRIORITY_EMOJI.lowest} Lowest`,
};

export function statusLabel(status: TaskStatusKind | 'unknown'): string {
  return STATUS_LABEL[status];
}

export { noteTitle } from './note-facts';

function visible(ref: TaskRef, filter: TaskViewFilter, needle: string | undefined, registry: PeopleRegistry): boolean {
  if (filter.hideFinished && (ref.task.status === 'done' || ref.task.status === 'cancelled')) return false;
  if (!needle) return true;
  const haystack = [ref.task.description, ...ref.task.tags.map((t) => `#${t}`), ...assigneeNames(ref.task, registry), noteTitle(ref.note)].join(' ').toLocaleLowerCase('en');
  return haystack.includes(needle);
}

/**
 * The task tree's groups, in display order; empty groups are left out. `notes` in any order, or
 * `sorted` when they come newest meeting first already (the index keeps that order).
 */
export function groupTasks(notes: Iterable<IndexedNote>, registry: PeopleRegistry, groupBy: GroupBy, filter: TaskViewFilter = {}, sorted = false): TaskGroup[] {
  const ordered = sorted ? notes : newestMeetingFirst(notes);
  const needle = filter.text?.trim().toLocaleLowerCase('en');
  const refs: TaskRef[] = [];
  for (const note of ordered) for (const task of note.tasks) if (visible({ note, task }, filter, needle, registry)) refs.push({ note, task });

  switch (groupBy) {
    case 'note': {
      const groups = new Map<string, TaskGroup>();
      for (const ref of refs) {
        let g = groups.get(ref.note.uri);
        if (!g) {
          const date = meetingDate(ref.note);
          const title = noteTitle(ref.note);
          g = { id: `note:${ref.note.uri}`, label: date && !title.startsWith(date) ? `${date} · ${title}` : title, uri: ref.note.uri, items: [] };
          groups.set(ref.note.uri, g);
        }
        g.items.push(ref);
      }
      return [...groups.values()];
    }
    case 'status':
      return STATUS_ORDER.map((s) => ({ id: `status:${s}`, label: STATUS_LABEL[s], items: refs.filter((r) => r.task.status === s) })).filter((g) => g.items.length);
    case 'priority':
      return PRIORITY_ORDER.map((p) => ({
        id: `priority:${p}`,
        label: PRIORITY_LABEL[p],
        items: refs.filter((r) => (r.task.priority ?? 'none') === p),
      })).filter((g) => g.items.length);
    case 'assignee': {
      const groups = new Map<string, TaskGroup>();
      const unassigned: TaskGroup = { id: 'assignee:', label: 'Unassigned', items: [] };
      for (const ref of refs) {
        const names = [...new Set(assigneeNames(ref.task, registry))];
        if (!names.length) unassigned.items.push(ref);
        for (const name of names) {
          const key = name.toLocaleLowerCase('en');
          let g = groups.get(key);
          if (!g) {
            g = { id: `assignee:${key}`, label: name, items: [] };
            groups.set(key, g);
          }
          g.items.push(ref);
        }
      }
      const owner = registry.owner?.name.toLocaleLowerCase('en');
      const named = [...groups.values()].sort((a, b) => {
        // The owner (you) first, then by name.
        if (a.id === `assignee:${owner}`) return -1;
        if (b.id === `assignee:${owner}`) return 1;
        return a.label.localeCompare(b.label);
      });
      return unassigned.items.length ? [...named, unassigned] : named;
    }
  }
}

export interface TaskCounts {
  proposed: number;
  open: number;
  inProgress: number;
  done: number;
  cancelled: number;
  deferred: number;
}

export function emptyTaskCounts(): TaskCounts {
  return { proposed: 0, open: 0, inProgress: 0, done: 0, cancelled: 0, deferred: 0 };
}

/** Adds (sign 1) or takes away (sign -1) the tasks' statuses to running counts. */
export function addTaskCounts(counts: TaskCounts, tasks: readonly Pick<TaskInfo, 'status'>[], sign: 1 | -1): void {
  for (const t of tasks) {
    if (t.status === 'proposed') counts.proposed += sign;
    else if (t.status === 'open') counts.open += sign;
    else if (t.status === 'in-progress') counts.inProgress += sign;
    else if (t.status === 'done') counts.done += sign;
    else if (t.status === 'cancelled') counts.cancelled += sign;
    else if (t.status === 'deferred') counts.deferred += sign;
  }
}

export function countTasks(notes: Iterable<Pick<IndexedNote, 'tasks'>>): TaskCounts {
  const counts = emptyTaskCounts();
  for (const note of notes) addTaskCounts(counts, note.tasks, 1);
  return counts;
}

/** What a tree item remembers of its task, to find it again before editing. */
export interface TaskFingerprint {
  line: number;
  statusChar: string;
  /** The hash of what followed `[c] ` on the line as it was drawn. */
  textHash: string;
}

export function fingerprint(task: Pick<TaskInfo, 'line' | 'statusChar' | 'textHash'>): TaskFingerprint {
  return { line: task.line, statusChar: task.statusChar, textHash: task.textHash };
}

/**
 * Finds a task again in the note's current text: at its line if it is unchanged there, else the one
 * other task with exactly the same status and text. Anything else (changed, gone, or ambiguous) is a
 * refusal: editing a guess could change the wrong line.
 */
export function locateTask(note: Note, print: TaskFingerprint): { task: Task } | { error: 'changed' | 'ambiguous' } {
  const same = (t: Task) => t.statusChar === print.statusChar && textHash(t.text) === print.textHash;
  const atLine = note.tasks.find((t) => t.line === print.line);
  if (atLine && same(atLine)) return { task: atLine };
  const matches = note.tasks.filter(same);
  if (matches.length === 1) return { task: matches[0]! };
  return { error: matches.length > 1 ? 'ambiguous' : 'changed' };
}
