import type { TaskStatusKind } from './config';
import { listField, stringField, type Note, type Task } from './note';
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

/**
 * Notes newest meeting first; undated notes last, then by uri. Each note's date is read once: a vault
 * of ten thousand notes is sorted on every tree refresh.
 */
export function newestMeetingFirst(notes: Iterable<Note>): Note[] {
  return [...notes]
    .map((note) => ({ note, date: meetingDate(note) ?? '' }))
    .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.note.uri < b.note.uri ? -1 : a.note.uri > b.note.uri ? 1 : 0))
    .map((x) => x.note);
}

export interface PersonActivity {
  /** Notes that name the person as participant, 1:1 person or assignee; newest meeting first. */
  notes: Note[];
  /** Their open and in-progress tasks, newest meeting first. */
  openTasks: { note: Note; task: Task }[];
  /** Proposals assigned to them or naming them in the text. */
  proposals: { note: Note; task: Task }[];
}

function namesOf(note: Note): string[] {
  const names = [...listField(note, 'participants')];
  const person = stringField(note, 'person');
  if (person) names.push(person);
  return names;
}

/**
 * What the vault says about a person (or, for an unknown name, about that exact name): the notes they
 * appear in, their open tasks, and the proposals that name them.
 */
export function personActivity(notes: Iterable<Note>, registry: PeopleRegistry, name: string): PersonActivity {
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
    let appears = namesOf(note).some(isThem);
    for (const task of note.tasks) {
      const assigned = task.assignees.some((m) => isThem(m.name));
      if (assigned) appears = true;
      if (assigned && (task.status === 'open' || task.status === 'in-progress')) result.openTasks.push({ note, task });
      if (task.status === 'proposed' && (assigned || spelled.some((re) => re.test(task.description)))) result.proposals.push({ note, task });
    }
    if (appears) result.notes.push(note);
  }
  return result;
}
