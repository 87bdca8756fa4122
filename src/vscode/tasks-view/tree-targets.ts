// Which rows of the task list a command acts on, and where the focus goes after a decision. Pure (no
// `vscode`), so that the rules are unit-tested; register-task-tree.ts feeds it the tree's nodes.
import { nextIndex } from '../../core/triage-order';

export interface RowLike {
  id: string;
  kind: 'group' | 'task';
}

/** Something VS Code handed a command that is one of our rows (a keybinding may hand anything). */
export function isRow<N extends RowLike>(value: unknown): value is N {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<RowLike>;
  return (v.kind === 'task' || v.kind === 'group') && typeof v.id === 'string';
}

/**
 * The rows a tree command acts on, as VS Code's own lists decide: the selection VS Code passed (a
 * context menu or inline button on a selected row); else the row the command was invoked on (the
 * clicked row, or the focused one for a key), standing for the whole selection when it is part of a
 * multi-selection; else the selection. Group rows are returned too: the caller keeps the tasks.
 */
export function commandRows<N extends RowLike>(row: N | undefined, passedSelection: readonly N[] | undefined, viewSelection: readonly N[]): N[] {
  if (passedSelection?.length) return [...passedSelection];
  if (row) return viewSelection.length > 1 && viewSelection.some((n) => n.id === row.id) ? [...viewSelection] : [row];
  return [...viewSelection];
}

/**
 * The row to focus after deciding on `decided`: the first proposal after the last decided row in
 * display order (rows as the tree shows them, groups included), wrapping to the top; never one of the
 * decided tasks (a task under two assignees shows twice: `key` tells the same task apart from the
 * row). `from` rows count as positions when nothing was decided (the focus was on a group header).
 */
export function rowAfterDecision<N extends RowLike>(
  display: readonly N[],
  decided: readonly N[],
  isProposal: (row: N) => boolean,
  key: (row: N) => string,
): N | undefined {
  const decidedIds = new Set(decided.map((n) => n.id));
  const decidedKeys = new Set(decided.filter((n) => n.kind === 'task').map(key));
  let last = -1;
  display.forEach((n, i) => {
    if (decidedIds.has(n.id)) last = i;
  });
  const i = nextIndex(display, last, (n) => n.kind === 'task' && isProposal(n) && !decidedKeys.has(key(n)));
  return i < 0 ? undefined : display[i];
}
