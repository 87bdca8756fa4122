// What a person needs to see of a task's meeting to decide on it: a short name for the meeting, and
// the lines around the task. Pure text work for the task list's descriptions and tooltips.
import type { Note } from './note';

/** Titles longer than this are cut at a word, with an ellipsis. */
export const SHORT_TITLE_MAX = 24;

/**
 * A meeting's title cut short for a tree row: a leading date goes (the row shows the date), a
 * subtitle after " - " goes when what is left is still a name ("Jon Park 1:1 - roadmap and hiring"
 * → "Jon Park 1:1"), and the rest is cut at a word.
 */
export function shortTitle(title: string, max = SHORT_TITLE_MAX): string {
  let t = title.replace(/^\d{4}-\d{2}-\d{2}[ \t]*(?:[-·–—:][ \t]*)?/u, '').trim() || title.trim();
  const dash = t.search(/ [-–—] /u);
  if (dash >= 6) t = t.slice(0, dash).trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface TaskNeighbourhood {
  /** The lines shown, in order, each with its 0-based line number; the task's own line among them. */
  lines: { line: number; text: string }[];
  /** The task's line. */
  taskLine: number;
}

const LONG_LINE = 160;

function clip(text: string): string {
  return text.length > LONG_LINE ? `${text.slice(0, LONG_LINE - 1)}…` : text;
}

/**
 * The task's line with up to `each` non-blank lines before and after it, without leaving its
 * section: a heading, a thematic break or the frontmatter ends the search. Long lines are cut.
 */
export function taskNeighbourhood(note: Pick<Note, 'lines' | 'frontmatter'>, taskLine: number, each = 2): TaskNeighbourhood {
  const bodyStart = note.frontmatter ? note.lines.positionAt(note.frontmatter.span.end).line + 1 : 0;
  const last = note.lines.lineCount - 1;
  const stops = (text: string) => /^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$)/u.test(text);
  const before: { line: number; text: string }[] = [];
  for (let l = taskLine - 1; l >= bodyStart && before.length < each; l--) {
    const text = note.lines.lineText(l);
    if (stops(text)) break;
    if (text.trim()) before.unshift({ line: l, text: clip(text) });
  }
  const after: { line: number; text: string }[] = [];
  for (let l = taskLine + 1; l <= last && after.length < each; l++) {
    const text = note.lines.lineText(l);
    if (stops(text)) break;
    if (text.trim()) after.push({ line: l, text: clip(text) });
  }
  return { lines: [...before, { line: taskLine, text: clip(note.lines.lineText(taskLine)) }, ...after], taskLine };
}

/** Names for a tooltip: all of them up to `max`, then how many more. */
export function nameList(names: readonly string[], max = 6): string {
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  if (unique.length <= max) return unique.join(', ');
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

/** "1 proposal", "2 proposals". */
export function counted(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
