import type { IndexedNote } from './indexed-note';
import type { Note } from './note';
import { noteNames } from './note-facts';
import { normalizeName, type PeopleRegistry } from './people';
import type { Span } from './text';

/**
 * Whether a name as written stands for the same person as `name`: the same known person (by name,
 * alias or unique first name), or, for a name nobody knows, the same spelling.
 */
export function samePersonAs(registry: PeopleRegistry, name: string): (other: string) => boolean {
  const person = registry.lookup(name);
  const key = normalizeName(name);
  return (other) => (person ? registry.lookup(other) === person : normalizeName(other) === key);
}

/** The notes of the index that name the person: as a participant, the 1:1 person, in a mention or on the With line. */
export function notesNaming(notes: Iterable<IndexedNote>, isThem: (name: string) => boolean): IndexedNote[] {
  const found: IndexedNote[] = [];
  for (const note of notes) if (note.names.some(isThem) || note.otherNames.some(isThem)) found.push(note);
  return found;
}

/** Where a note names the person: participants, `person`, @mentions and With-line names, in text order. */
export function personSpans(note: Note, isThem: (name: string) => boolean): Span[] {
  const names = noteNames(note);
  const spans: Span[] = [];
  for (const item of names.participantItems) if (isThem(String(item.value))) spans.push(item.span);
  if (names.personValue && isThem(String(names.personValue.value))) spans.push(names.personValue.span);
  for (const n of names.withNames) if (isThem(n.name)) spans.push(n.span);
  for (const m of names.mentions) if (isThem(m.name)) spans.push(m.span);
  return spans.sort((a, b) => a.start - b.start);
}
