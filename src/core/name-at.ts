import type { Note } from './note';
import { field } from './note-facts';
import type { Span } from './text';

/** The person name at a position: a participant, `person`, an @mention, or a name on the **With** line. */
export function nameAt(note: Note, line: number, character: number): { name: string; span: Span } | undefined {
  const offset = note.lines.offsetAt({ line, character });
  const hit = (span: Span) => offset >= span.start && offset <= span.end && span.end > span.start;
  const participants = field(note, 'participants');
  if (participants?.value.kind === 'list') {
    for (const item of participants.value.items) if (typeof item.value === 'string' && hit(item.span)) return { name: item.value, span: item.span };
  }
  const person = field(note, 'person');
  if (person?.value.kind === 'scalar' && typeof person.value.value === 'string' && person.value.value.trim() && hit(person.value.span)) {
    return { name: person.value.value, span: person.value.span };
  }
  for (const task of note.tasks) {
    if (task.line !== line) continue;
    for (const m of task.assignees) if (hit(m.span)) return { name: m.name, span: m.span };
  }
  for (const n of note.withNames) if (hit(n.span)) return n;
  return undefined;
}
