import type { TaskStatusKind } from './config';
import type { IndexedNote, TaskInfo } from './indexed-note';
import { MYSELF, normalizeName, type PeopleRegistry } from './people';

/** The meeting date of a note: its `date` field when real, else the file name's date. */
export function meetingDate(note: Pick<IndexedNote, 'meetingDate'>): string | undefined {
  return note.meetingDate;
}

/** The canonical names a task is assigned to (`@Myself` resolves to the owner when configured). */
export function assigneeNames(task: Pick<TaskInfo, 'assignees'>, registry: PeopleRegistry): string[] {
  return task.assignees.map((name) => {
    if (normalizeName(name) === normalizeName(MYSELF)) return registry.owner?.name ?? MYSELF;
    return registry.lookup(name)?.name ?? name;
  });
}

export interface TaskFilter {
  status?: TaskStatusKind | 'unknown';
  /** A name or alias; `Myself` means the owner. */
  assignee?: string;
}

export function taskMatches(task: TaskInfo, filter: TaskFilter, registry: PeopleRegistry): boolean {
  if (filter.status && task.status !== filter.status) return false;
  if (filter.assignee) {
    const wanted = filter.assignee;
    const wantedPerson = registry.lookup(wanted);
    const ok = task.assignees.some((name) => {
      if (normalizeName(name) === normalizeName(wanted)) return true;
      const p = registry.lookup(name);
      return !!p && p === wantedPerson;
    });
    if (!ok) return false;
  }
  return true;
}

/**
 * Notes newest meeting first; undated notes last, then by uri. Each note's date is read once: a vault
 * of ten thousand notes is sorted on every tree refresh.
 */
export function newestMeetingFirst<N extends Pick<IndexedNote, 'meetingDate' | 'uri'>>(notes: Iterable<N>): N[] {
  return [...notes]
    .map((note) => ({ note, date: note.meetingDate ?? '' }))
    .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.note.uri < b.note.uri ? -1 : a.note.uri > b.note.uri ? 1 : 0))
    .map((x) => x.note);
}

export interface PersonActivity {
  /** Notes that name the person as participant, 1:1 person or assignee; newest meeting first. */
  notes: IndexedNote[];
  /** Their open and in-progress tasks, newest meeting first. */
  openTasks: { note: IndexedNote; task: TaskInfo }[];
  /** Proposals assigned to them or naming them in the text. */
  proposals: { note: IndexedNote; task: TaskInfo }[];
}

/**
 * What the vault says about a person (or, for an unknown name, about that exact name): the notes they
 * appear in, their open tasks, and the proposals that name them.
 */
export function personActivity(notes: Iterable<IndexedNote>, registry: PeopleRegistry, name: string): PersonActivity {
  const person = registry.lookup(name);
  const isThem = (other: string) => {
    if (normalizeName(other) === normalizeName(name)) return true;
    return !!person && registry.lookup(other) === person;
  };
  // Whole words only: the alias "Marc" must not find "Marchetti".
  const spelled = [person?.name ?? name, ...(person?.aliases ?? [])]
    .filter((n) => n.trim().length > 2)
    .map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${n.trim().replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu'));
  const result: PersonActivity = { notes: [], openTasks: [], proposals: [] };
  for (const note of newestMeetingFirst(notes)) {
    let appears = note.names.some(isThem);
    for (const task of note.tasks) {
      const assigned = task.assignees.some(isThem);
      if (assigned) appears = true;
      if (assigned && (task.status === 'open' || task.status === 'in-progress')) result.openTasks.push({ note, task });
      if (task.status === 'proposed' && (assigned || spelled.some((re) => re.test(task.description)))) result.proposals.push({ note, task });
    }
    if (appears) result.notes.push(note);
  }
  return result;
}

/**
 * Whether tasks are assigned to `@Myself` while nobody is the owner (no `meetingNotes.owner`, no person
 * note with the alias `Myself`): then `@Myself` names no one, and a hint should say how to fix that.
 */
export function myselfWithoutOwner(notes: Iterable<Pick<IndexedNote, 'tasks'>>, registry: PeopleRegistry): boolean {
  if (registry.owner) return false;
  const myself = normalizeName(MYSELF);
  for (const note of notes) for (const task of note.tasks) if (task.assignees.some((a) => normalizeName(a) === myself)) return true;
  return false;
}
