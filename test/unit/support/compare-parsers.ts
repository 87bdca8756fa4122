import { parseNote } from '../../../src/core/parse-note';
import type { Note } from '../../../src/core/note';

/** Everything a Note holds except its line table object, in a form `toEqual` compares field by field. */
export function noteData(note: Note): Omit<Note, 'lines'> {
  const rest: Partial<Note> = { ...note };
  delete rest.lines;
  return rest as Omit<Note, 'lines'>;
}

/** The note as the fast path and as the full remark parse give it. */
export function bothParses(text: string, uri = 'file:///v/note.md'): { fast: Omit<Note, 'lines'>; reference: Omit<Note, 'lines'> } {
  return {
    fast: noteData(parseNote(uri, text, { parser: 'fast' })),
    reference: noteData(parseNote(uri, text, { parser: 'reference' })),
  };
}
