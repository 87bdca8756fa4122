// Rules of the tasks and the body they are read from: unknown-task-status, invalid-task-date,
// proposed-without-tag, proposed-tag-mismatch, too-deep.
import { appendToTask, isProposedTag, removeTags } from '../edits';
import { MAX_NESTING } from '../markdown-blocks';
import { isRealDate } from '../note-facts';
import { tooDeepLine } from '../parse-note';
import type { Finding, RuleContext } from './rule';

/** `unknown-task-status`: a status character `meetingNotes.taskStatuses` does not list. */
export function unknownTaskStatuses({ note, config }: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const t of note.tasks) {
    if (t.status !== 'unknown') continue;
    out.push({
      message: `Unknown task status '[${t.statusChar}]'. Known: ${Object.keys(config.taskStatuses).map((c) => `[${c}]`).join(' ')}.`,
      span: t.statusSpan,
      fixes: [],
    });
  }
  return out;
}

/** `invalid-task-date`: a task date field holding a day that does not exist. */
export function impossibleTaskDates({ note }: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const t of note.tasks) {
    for (const d of t.dates) if (!isRealDate(d.date)) out.push({ message: `'${d.date}' is not a real date.`, span: d.span, fixes: [] });
  }
  return out;
}

/** `proposed-without-tag`: a `[?]` task without `#proposed`; the fix adds it after the last visible word. */
export function proposalsWithoutTag({ note }: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const t of note.tasks) {
    if (t.status !== 'proposed' || t.tags.some(isProposedTag)) continue;
    out.push({
      message: 'This proposal has no #proposed tag, so other tools will not see it as a proposal.',
      span: t.statusSpan,
      fixes: [{ title: 'Add #proposed', edits: appendToTask(note, t, '#proposed'), isPreferred: true, safe: true }],
    });
  }
  return out;
}

/** `proposed-tag-mismatch`: `#proposed` on a task that is no longer `[?]`, one finding per tag. */
export function proposedTagOnNonProposals({ note }: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const t of note.tasks) {
    if (t.status === 'proposed') continue;
    const proposedTags = t.tags.filter(isProposedTag);
    for (const tag of proposedTags) {
      out.push({
        message: `This task is [${t.statusChar}] but still tagged #proposed.`,
        span: tag.span,
        fixes: [
          // All of the task's #proposed tags at once: two side by side share the blank between them.
          { title: 'Remove #proposed', edits: removeTags(note, t, proposedTags), isPreferred: true, safe: true },
          { title: 'Make it a proposal again ([?])', edits: [note.lines.edit(t.statusSpan.start, t.statusSpan.end, '?')], safe: false },
        ],
      });
    }
  }
  return out;
}

/** `too-deep`: lists or quotes nested past MAX_NESTING, so the body was not read. */
export function nestingTooDeep({ note }: RuleContext): Finding[] {
  const line = tooDeepLine(note);
  if (line === undefined) return [];
  return [
    {
      message: `Lists or block quotes nest more than ${MAX_NESTING} levels deep (from line ${line + 1}), so this note's tasks, headings, links and With names are not read.`,
      span: note.lines.span(0, note.lines.lineEnd(0)),
      fixes: [],
    },
  ];
}
