import type { RuleCode } from './rules';
import type { Position, Range } from './text';

// A name flagged as unknown the moment its first letters are typed is noise: the finding waits while
// the cursor stays in the name just edited, and shows once the cursor leaves it or the note is saved.

/** The rules whose findings wait while the name they flag is being typed. */
export const HELD_WHILE_TYPING: ReadonlySet<RuleCode> = new Set<RuleCode>(['unknown-participant', 'unknown-mention']);

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function within(range: Range, p: Position): boolean {
  return compare(range.start, p) <= 0 && compare(p, range.end) <= 0;
}

/**
 * Whether a finding's range is being typed: the cursor is in it (its end included, where typing goes
 * on) and the last edit of the note ended in it too.
 */
export function isBeingTyped(range: Range, cursor: Position, lastEdit: Position | undefined): boolean {
  return lastEdit !== undefined && within(range, cursor) && within(range, lastEdit);
}

/** Where an edit that replaced `range` by `text` ends, in the text after it. */
export function editEnd(range: Range, text: string): Position {
  const lines = text.split(/\r\n|\r|\n/u);
  if (lines.length === 1) return { line: range.start.line, character: range.start.character + text.length };
  return { line: range.start.line + lines.length - 1, character: lines[lines.length - 1]!.length };
}
