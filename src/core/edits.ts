import type { FieldValue, Note, ScalarValue, Tag, Task } from './note';
import { isRealDate } from './note-facts';
import { DATE_EMOJI } from './task-emoji';
import type { TextEdit } from './text';

const isBlankChar = (c: string | undefined): boolean => c === ' ' || c === '\t';

export function isProposedTag(tag: Tag): boolean {
  return tag.name.length === 8 && tag.name.toLowerCase() === 'proposed';
}

/** What one edit of a task line changes: its status character, some of its tags, a field added at the end. */
export interface TaskChange {
  status?: string;
  /** Tags of the task (as parsed) to take out, each with one blank beside it. */
  removeTags?: readonly Tag[];
  /** Text to add after the task's last visible word (before a block id), e.g. `❌ 2026-01-05`. */
  append?: string;
}

interface Removal {
  /** The stretch taken out: the tags, and the blank beside them. */
  start: number;
  end: number;
  /** The first and last tag of the run. */
  tagsStart: number;
  tagsEnd: number;
}

/**
 * Where a trailing field like `❌ 2026-01-05` or a tag goes: after the last non-blank character of the
 * task's visible text, but before an Obsidian block id, which must stay last, and before a comment,
 * code span or link that runs on past the line, where it would be hidden.
 */
export function appendPoint(note: Note, task: Task): number {
  let end = task.blockId ? task.blockId.start - 1 : task.visibleEnd;
  while (end > task.textSpan.start && isBlankChar(note.text[end - 1])) end--;
  return end;
}

/**
 * The edits that make one change to a task line, never overlapping one another. Tags to remove that
 * stand next to each other (only blanks between) go as one run, with one blank beside the run: the
 * one before it when there is one on the task's text, else the one after (unless a block id follows,
 * which needs it). When the field to append would go right after a run that is removed, it takes
 * the run's place.
 */
export function taskEdits(note: Note, task: Task, change: TaskChange): TextEdit[] {
  const text = note.text;
  const textStart = task.textSpan.start;
  const edits: TextEdit[] = [];
  if (change.status !== undefined && change.status !== task.statusChar) edits.push(note.lines.edit(task.statusSpan.start, task.statusSpan.end, change.status));

  const removals: Removal[] = [];
  const tags = [...new Set(change.removeTags ?? [])].sort((a, b) => a.span.start - b.span.start);
  for (let i = 0; i < tags.length; ) {
    const tagsStart = tags[i]!.span.start;
    let tagsEnd = tags[i]!.span.end;
    for (i++; i < tags.length && onlyBlanks(text, tagsEnd, tags[i]!.span.start); i++) tagsEnd = tags[i]!.span.end;
    let start = tagsStart;
    let end = tagsEnd;
    if (start - 1 >= textStart && isBlankChar(text[start - 1])) start--;
    else if (end < task.textSpan.end && isBlankChar(text[end]) && !(task.blockId && end + 1 === task.blockId.start)) end++;
    removals.push({ start, end, tagsStart, tagsEnd });
  }

  if (change.append !== undefined) {
    const at = appendPoint(note, task);
    const last = removals.find((r) => r.tagsEnd === at);
    if (last) {
      // The field would follow a run of tags that goes: it takes the run's place, the blanks stay
      // (`word #proposed ^id` → `word ❌ date ^id`).
      removals.splice(removals.indexOf(last), 1);
      edits.push(note.lines.edit(last.tagsStart, last.tagsEnd, change.append));
    } else if (at === textStart) {
      // Nothing visible before: the field starts the text, a blank after it when something follows.
      edits.push(note.lines.edit(at, at, `${change.append}${at < task.textSpan.end && !isBlankChar(text[at]) ? ' ' : ''}`));
    } else {
      edits.push(note.lines.edit(at, at, ` ${change.append}`));
    }
  }
  for (const r of removals) edits.push(note.lines.edit(r.start, r.end, ''));
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

function onlyBlanks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlankChar(text[i])) return false;
  return true;
}

/** Removes tags of a task, each run of them with one blank beside it: what "Remove #proposed" does. */
export function removeTags(note: Note, task: Task, tags: readonly Tag[]): TextEdit[] {
  return taskEdits(note, task, { removeTags: tags });
}

/** Adds a tag (or any trailing text) after the task's last visible word, before a block id. */
export function appendToTask(note: Note, task: Task, addition: string): TextEdit[] {
  return taskEdits(note, task, { append: addition });
}

function checkToday(today: string): void {
  if (!isRealDate(today)) throw new Error(`today must be a real date written YYYY-MM-DD, got ${today}`);
}

/** `- [?] … #proposed` → `- [ ] …`: the proposal becomes an open task; every other byte stays. */
export function acceptProposal(note: Note, task: Task): TextEdit[] {
  return taskEdits(note, task, { status: ' ', removeTags: task.tags.filter(isProposedTag) });
}

/** `- [?] … #proposed` → `- [-] … ❌ <today>`. */
export function rejectProposal(note: Note, task: Task, today: string): TextEdit[] {
  checkToday(today);
  const cancelled = task.dates.some((d) => d.kind === 'cancelled');
  return taskEdits(note, task, {
    status: '-',
    removeTags: task.tags.filter(isProposedTag),
    append: cancelled ? undefined : `${DATE_EMOJI.cancelled} ${today}`,
  });
}

/** Marks a task done (`[x]` and `✅ <today>`), in progress (`[/]`) or open again (`[ ]`). */
export function setTaskStatus(note: Note, task: Task, char: string, today: string): TextEdit[] {
  if ([...char].length !== 1 || char === '\n' || char === '\r') throw new Error(`a status is one character, got ${JSON.stringify(char)}`);
  if (char === '?') return [];
  if (task.status === 'proposed' && char === ' ') return acceptProposal(note, task);
  if (task.status === 'proposed' && char === '-') return rejectProposal(note, task, today);
  const done = (char === 'x' || char === 'X') && !task.dates.some((d) => d.kind === 'done');
  if (done) checkToday(today);
  return taskEdits(note, task, {
    status: char,
    removeTags: task.status === 'proposed' ? task.tags.filter(isProposedTag) : [],
    append: done ? `${DATE_EMOJI.done} ${today}` : undefined,
  });
}

export function proposals(note: Note): Task[] {
  return note.tasks.filter((t) => t.status === 'proposed');
}

export function acceptAllProposals(note: Note, tasks: readonly Task[] = proposals(note)): TextEdit[] {
  return tasks.filter((t) => t.status === 'proposed').flatMap((t) => acceptProposal(note, t));
}

export function rejectAllProposals(note: Note, today: string, tasks: readonly Task[] = proposals(note)): TextEdit[] {
  return tasks.filter((t) => t.status === 'proposed').flatMap((t) => rejectProposal(note, t, today));
}

// ---------------------------------------------------------------------------------------------------
// YAML value edits

/** What a plain YAML scalar may be written as: letters and digits, then also blanks, `.`, `_`, `/`, `-`. */
const PLAIN_SAFE = /^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u;
/**
 * Plain scalars that YAML's core schema reads as something other than a string: null, booleans and
 * numbers (decimal, octal, hex, floats with exponents, infinity and NaN).
 */
const CORE_NON_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\d+|0o[0-7]+|0x[\dA-Fa-f]+|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[Ee][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/u;

/** A YAML scalar holding the string `value`, quoted the way `like` was (double quotes by default). */
export function yamlScalar(value: string, like?: Pick<ScalarValue, 'style'>): string {
  const style = like?.style ?? 'double';
  if (style === 'single' && !/[\r\n]/u.test(value)) return `'${value.replace(/'/gu, "''")}'`;
  if (style === 'plain' && PLAIN_SAFE.test(value) && !value.endsWith(' ') && !CORE_NON_STRING.test(value)) return value;
  // JSON strings are valid YAML double-quoted scalars.
  return JSON.stringify(value);
}

/**
 * Writes `yaml` (a value as YAML text) in place of a field's value. An empty value (`person:`,
 * `person: # note`, `person: !!str`) takes it where yaml placed the missing node, with a blank on
 * each side where one is needed.
 */
export function replaceValue(note: Note, target: FieldValue, yaml: string): TextEdit {
  const { start, end } = target.span;
  if (target.kind !== 'empty') return note.lines.edit(start, end, yaml);
  const after = note.text[start];
  const lead = isBlankChar(note.text[start - 1]) ? '' : ' ';
  const trail = after === undefined || after === '\r' || after === '\n' || isBlankChar(after) ? '' : ' ';
  return note.lines.edit(start, start, `${lead}${yaml}${trail}`);
}

/** Replaces a scalar (or an empty value) by the string `newValue`, keeping its quoting style. */
export function replaceScalar(note: Note, target: ScalarValue | { kind: 'empty'; span: ScalarValue['span'] }, newValue: string): TextEdit {
  return replaceValue(note, target, target.kind === 'empty' ? yamlScalar(newValue) : yamlScalar(newValue, target));
}
