// The order proposals are triaged in: across notes newest meeting first (the index's `newestFirst()`),
// within a note by line, wrapping at either end. Pure: the editor and the tree feed it what they show.

/** Where a proposal's text starts: the cursor goes there. */
export interface ProposalSpot {
  uri: string;
  line: number;
  /** The UTF-16 column where the task's text starts (after `[?] `). */
  column: number;
}

/** One note's proposals, in line order. */
export interface NoteProposals {
  uri: string;
  proposals: readonly { line: number; column: number }[];
}

/** Where the search starts: a note and a line in it (the cursor, or the proposal just decided). */
export interface TriagePosition {
  uri: string;
  line: number;
}

/**
 * The proposal after (`direction` 1) or before (-1) a position, in meeting order, wrapping around:
 * after the last proposal of the oldest note comes the first of the newest. A position on a
 * proposal's line never finds that proposal itself unless it is the only one left. A position in a
 * note that is not in `notes` (not indexed, or no note at all) finds the very first (or last) one.
 * Undefined when there is no proposal at all.
 */
export function stepProposal(notes: readonly NoteProposals[], from: TriagePosition | undefined, direction: 1 | -1): ProposalSpot | undefined {
  const at = from ? notes.findIndex((n) => n.uri === from.uri) : -1;
  if (at < 0) {
    const ordered = direction === 1 ? notes : [...notes].reverse();
    for (const note of ordered) {
      const p = direction === 1 ? note.proposals[0] : note.proposals[note.proposals.length - 1];
      if (p) return { uri: note.uri, line: p.line, column: p.column };
    }
    return undefined;
  }
  const line = from!.line;
  const here = notes[at]!;
  // The rest of this note in the direction of travel.
  const sameNote = direction === 1 ? here.proposals.find((p) => p.line > line) : findLast(here.proposals, (p) => p.line < line);
  if (sameNote) return { uri: here.uri, line: sameNote.line, column: sameNote.column };
  // The other notes, then this note again from its far end (wrapping).
  for (let step = 1; step <= notes.length; step++) {
    const note = notes[(((at + direction * step) % notes.length) + notes.length) % notes.length]!;
    const p = direction === 1 ? note.proposals[0] : note.proposals[note.proposals.length - 1];
    if (p) return { uri: note.uri, line: p.line, column: p.column };
  }
  return undefined;
}

function findLast<T>(items: readonly T[], ok: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (ok(items[i]!)) return items[i];
  return undefined;
}

/**
 * The index of the first item after `after` (or before it, `direction` -1) that `ok` accepts,
 * wrapping around the list; `after` itself comes last. -1 when none does. `after` may be -1 (start
 * from the top) or `items.length` (start from the bottom).
 */
export function nextIndex<T>(items: readonly T[], after: number, ok: (item: T) => boolean, direction: 1 | -1 = 1): number {
  const n = items.length;
  if (!n) return -1;
  for (let step = 1; step <= n; step++) {
    const i = (((after + direction * step) % n) + n) % n;
    if (ok(items[i]!)) return i;
  }
  return -1;
}

/** The lines a selection covers: a selection that ends at the start of a line does not cover it. */
export function selectedLines(selection: { start: { line: number; character: number }; end: { line: number; character: number } }): number[] {
  const { start, end } = selection;
  const last = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  const lines: number[] = [];
  for (let l = start.line; l <= last; l++) lines.push(l);
  return lines;
}
