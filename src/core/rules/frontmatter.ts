// Rules of the frontmatter block and its YAML: yaml-syntax, yaml-warning, frontmatter-unclosed,
// duplicate-key.
import type { MeetingNotesConfig } from '../config';
import type { FrontmatterField, Note } from '../note';
import { blockFacts, isCleanYamlMapping } from '../parse-note';
import { dominantEol, LineIndex } from '../text';
import type { Finding, RuleContext } from './rule';

/** `yaml-syntax`: what yaml could not parse, or a frontmatter that is not a mapping. */
export function yamlSyntaxErrors({ note }: RuleContext): Finding[] {
  const fm = note.frontmatter;
  if (!fm || !fm.closed) return [];
  const out: Finding[] = fm.errors
    .filter((e) => e.code !== 'DUPLICATE_KEY')
    .map((e) => ({ message: `YAML syntax error: ${e.message}`, span: e.span, fixes: [] }));
  if (!fm.errors.length && !fm.isMapping) {
    out.push({ message: 'The frontmatter should be a mapping of keys to values (key: value lines).', span: fm.span, fixes: [] });
  }
  return out;
}

/** `yaml-warning`: what yaml warns about. */
export function yamlWarnings({ note }: RuleContext): Finding[] {
  return (note.frontmatter?.warnings ?? []).map((w) => ({ message: `YAML: ${w.message}`, span: w.span, fixes: [] }));
}

/** `frontmatter-unclosed`: an opening `---` with no closing one; the fix closes it where the YAML plausibly ends. */
export function unclosedFrontmatter({ note, config }: RuleContext): Finding[] {
  const fm = note.frontmatter;
  if (!fm || fm.closed) return [];
  const line = closingLine(note, config);
  const message = 'The frontmatter opened on line 1 is never closed with a --- line, so none of its fields are read.';
  if (line === undefined) return [{ message, span: fm.span, fixes: [] }];
  const at = note.lines.lineStart(line);
  const eol = dominantEol(note.text);
  // Past the last line, which has no line break of its own.
  const needsBreak = line >= note.lines.lineCount;
  return [
    {
      message,
      span: fm.span,
      fixes: [
        {
          title: needsBreak ? 'Close the frontmatter after the last line' : `Close the frontmatter before line ${line + 1}`,
          edits: [note.lines.edit(at, at, `${needsBreak ? eol : ''}---${eol}`)],
          safe: false,
        },
      ],
    },
  ];
}

/** `duplicate-key`: a key written twice, at its second place. */
export function duplicateKeys({ note }: RuleContext): Finding[] {
  const fm = note.frontmatter;
  if (!fm) return [];
  const seen = new Map<string, FrontmatterField>();
  const out: Finding[] = [];
  for (const f of fm.fields) {
    const first = seen.get(f.key);
    if (!first) {
      seen.set(f.key, f);
      continue;
    }
    out.push({
      message: `Duplicate key '${f.key}' (first on line ${first.keySpan.range.start.line + 1}): only one of the values can count.`,
      span: f.keySpan,
      fixes: [],
    });
  }
  // Duplicates the parser saw but the field list could not show (in nested mappings).
  if (!out.length) {
    for (const e of fm.errors.filter((e) => e.code === 'DUPLICATE_KEY')) out.push({ message: 'Duplicate key: only one of the values can count.', span: e.span, fixes: [] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Where to close an unclosed frontmatter

/** A line that looks like YAML: indented, a `- ` item, or a `key:` line. */
const YAML_LIKE = /^(?:[ \t]+\S|-[ \t]|[\p{L}\p{N}_"'][^:]*:)/u;
/** A list item that is a task, at any indentation: `- [ ] …`, `1. [?] …`. */
const TASK_LINE = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[^\r\n]\][ \t]/u;
/** Past this size, the YAML before a closing fence is not parsed again and again to choose the place. */
const MAX_CLOSING_TRIES_SIZE = 64 * 1024;
/** How many places, from the last that looks right upwards, are tried. */
const CLOSING_TRIES = 16;

/**
 * Where the fence that closes an unclosed frontmatter goes: before the first line that does not look
 * like YAML (a blank line, prose, a heading, a task), never after the first task or heading the
 * markdown holds; and, of those places (the nearest few), the last before which the lines parse as a
 * YAML mapping without an error and after which the body keeps every task. 0-based (the line count:
 * after the last line); undefined when there is no such place, so that closing the block never makes
 * a YAML error of its own nor loses a task.
 */
function closingLine(note: Note, config: MeetingNotesConfig): number | undefined {
  const { lines, text } = note;
  let end = 1;
  const firstTask = note.tasks[0]?.line ?? lines.lineCount;
  const firstHeading = note.headings[0]?.line ?? lines.lineCount;
  while (end < lines.lineCount && end < firstTask && end < firstHeading) {
    const line = lines.lineText(end);
    if (!line.trim() || !YAML_LIKE.test(line) || TASK_LINE.test(line)) break;
    end++;
  }
  const contentStart = lines.lineStart(1);
  if (lines.lineStart(end) - contentStart > MAX_CLOSING_TRIES_SIZE) return undefined;
  for (let candidate = end; candidate > 1 && end - candidate < CLOSING_TRIES; candidate--) {
    if (isCleanYamlMapping(text.slice(contentStart, lines.lineStart(candidate))) && keepsTasks(note, config, candidate)) return candidate;
  }
  return undefined;
}

/**
 * Whether the markdown from `line` on, read as the body after a closing fence there, holds the very
 * tasks the note holds now, on the same lines: a fence before `    - [ ] x` would make that task code.
 */
function keepsTasks(note: Note, config: MeetingNotesConfig, line: number): boolean {
  const body = note.text.slice(note.lines.lineStart(line));
  const bodyLines = new LineIndex(body);
  const taskLines: number[] = [];
  for (const item of blockFacts(body, bodyLines).taskItems) {
    if (config.taskStatuses[body[item.paragraphStart + 1]!] !== 'non-task') taskLines.push(line + bodyLines.positionAt(item.paragraphStart).line);
  }
  return taskLines.length === note.tasks.length && note.tasks.every((t, i) => t.line === taskLines[i]);
}
