import type { TaskStatusKind } from './config';
import { stringField, type Note, type Task } from './note';
import { MYSELF, normalizeName, type PeopleRegistry } from './people';
import { fileNameDate, isRealDate } from './rules';

/** The meeting date of a note: its `date` field when real, else the file name's date. */
export function meetingDate(note: Note): string | undefined {
  const d = stringField(note, 'date');
  if (d && isRealDate(d)) return d;
  return fileNameDate(note.fileName);
}

/** The canonical names a task is assigned to (`@Myself` resolves to the owner when configured). */
export function assigneeNames(task: Task, registry: PeopleRegistry): string[] {
  return task.assignees.map((m) => {
    if (normalizeName(m.name) === normalizeName(MYSELF)) return registry.owner?.name ?? MYSELF;
    return registry.lookup(m.name)?.name ?? m.name;
  });
}

export interface TaskFilter {
  status?: TaskStatusKind | 'unknown';
  /** A name or alias; `Myself` means the owner. */
  assignee?: string;
}

export function taskMatches(task: Task, filter: TaskFilter, registry: PeopleRegistry): boolean {
  if (filter.status && task.status !== filter.status) return false;
  if (filter.assignee) {
    const wanted = filter.assignee;
    const wantedPerson = registry.lookup(wanted);
    const ok = task.assignees.some((m) => {
      if (normalizeName(m.name) === normalizeName(wanted)) return true;
      const p = registry.lookup(m.name);
      return !!p && p === wantedPerson;
    });
    if (!ok) return false;
  }
  return true;
}

/** Notes newest meeting first; undated notes last, then by file name. */
export function byNewestMeeting(a: Note, b: Note): number {
  const da = meetingDate(a) ?? '';
  const db = meetingDate(b) ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.uri.localeCompare(b.uri);
}
