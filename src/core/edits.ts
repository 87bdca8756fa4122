import type { Note, ScalarValue, Tag, Task } from './note';
import type { TextEdit } from './text';

/** Removes one tag of a task with the one blank that separated it from its neighbour. */
export function removeTag(note: Note, task: Task, tag: Tag): TextEdit {
  let { start, end } = tag.span;
  const before = note.text[start - 1];
  const after = note.text[end];
  if ((before === ' ' || before === '\t') && start - 1 >= task.textSpan.start) start -= 1;
  else if (after === ' ' || after === '\t') end += 1;
  return note.lines.edit(start, end, '');
}

export function isProposedTag(tag: Tag): boolean {
  return tag.name.length === 8 && tag.name.toLowerCase() === 'proposed';
}

/** Removes every `#proposed` tag of a task. */
function removeProposedTag(note: Note, task: Task): TextEdit[] {
  return task.tags.filter(isProposedTag).map((tag) => removeTag(note, task, tag));
}

function setStatusChar(note: Note, task: Task, char: string): TextEdit | undefined {
  if (task.statusChar === char) return undefined;
  return note.lines.edit(task.statusSpan.start, task.statusSpan.end, char);
}

/**
 * Where a trailing field like `❌ 2026-01-05` or a tag goes: after the last non-blank character of the
 * line, but before an Obsidian block id, which must stay last.
 */
export function appendPoint(note: Note, task: Task): number {
  let end = task.blockId ? task.blockId.start - 1 : task.textSpan.end;
  while (end > task.textSpan.start && (note.text[end - 1] === ' ' || note.text[end - 1] === '\t')) end--;
  return end;
}

function isIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/u.test(date);
}

/** `- [?] … #proposed` → `- [ ] …`: the proposal becomes an open task; every other byte stays. */
export function acceptProposal(note: Note, task: Task): TextEdit[] {
  const status = setStatusChar(note, task, ' ');
  return [...(status ? [status] : []), ...removeProposedTag(note, task)];
}

/** `- [?] … #proposed` → `- [-] … ❌ <today>`. */
export function rejectProposal(note: Note, task: Task, today: string): TextEdit[] {
  if (!isIsoDate(today)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  const status = setStatusChar(note, task, '-');
  const edits = [...(status ? [status] : []), ...removeProposedTag(note, task)];
  if (!task.dates.some((d) => d.kind === 'cancelled')) {
    const at = appendPoint(note, task);
    edits.push(note.lines.edit(at, at, ` ❌ ${today}`));
  }
  return edits;
}

/** Marks a task done (`[x]` and `✅ <today>`), in progress (`[/]`) or open again (`[ ]`). */
export function setTaskStatus(note: Note, task: Task, char: string, today: string): TextEdit[] {
  if ([...char].length !== 1 || char === '\n' || char === '\r') throw new Error(`a status is one character, got ${JSON.stringify(char)}`);
  if (char === '?') return [];
  if (task.status === 'proposed' && char === ' ') return acceptProposal(note, task);
  if (task.status === 'proposed' && char === '-') return rejectProposal(note, task, today);
  const edits: TextEdit[] = [];
  const status = setStatusChar(note, task, char);
  if (status) edits.push(status);
  if (task.status === 'proposed') edits.push(...removeProposedTag(note, task));
  if ((char === 'x' || char === 'X') && !task.dates.some((d) => d.kind === 'done')) {
    if (!isIsoDate(today)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
    const at = appendPoint(note, task);
    edits.push(note.lines.edit(at, at, ` ✅ ${today}`));
  }
  return edits;
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

/** A YAML scalar holding `value`, quoted the way `like` was (double quotes by default). */
export function yamlScalar(value: string, like?: Pick<ScalarValue, 'style'>): string {
  const style = like?.style ?? 'double';
  if (style === 'single') return `'${value.replace(/'/gu, "''")}'`;
  if (style === 'plain' && /^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u.test(value) && !/[ ]$/u.test(value)) return value;
  // JSON strings are valid YAML double-quoted scalars.
  return JSON.stringify(value);
}

/** Replaces a scalar (or an empty value) by `newValue`, keeping its quoting style. */
export function replaceScalar(note: Note, target: ScalarValue | { kind: 'empty'; span: ScalarValue['span'] }, newValue: string): TextEdit {
  if (target.kind === 'empty') return note.lines.edit(target.span.start, target.span.end, ` ${yamlScalar(newValue)}`);
  return note.lines.edit(target.span.start, target.span.end, yamlScalar(newValue, target));
}
