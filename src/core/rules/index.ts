// The rules, one list: each rule's code, default severity, README section, what its fixes are, and
// the function that checks it. The checks live in one module per family (as markdownlint keeps one
// module per rule): frontmatter.ts (the block and its YAML), fields.ts (fields and dates), people.ts,
// tasks.ts. This module also runs them (checkNote) and picks the fixes "fix all" applies.
import type { MeetingNotesConfig, Severity } from '../config';
import { DATE_EMOJI_LIST } from '../task-emoji';
import type { TextEdit } from '../text';
import { dateDiffersFromFileName, emptyTagSegments, malformedDate, missingFields, typeTagMismatches, wrongFieldTypes } from './fields';
import { duplicateKeys, unclosedFrontmatter, yamlSyntaxErrors, yamlWarnings } from './frontmatter';
import { emptyOneOnOnePerson, noPeopleRegistry, placeholderParticipants, unknownMentions, unknownParticipants } from './people';
import { yamlIsSound, type Fix, type Issue, type Rule, type RuleContext } from './rule';
import { missingSources, unresolvedLinks } from './links';
import { impossibleTaskDates, nestingTooDeep, proposalsWithoutTag, proposedTagOnNonProposals, unknownTaskStatuses } from './tasks';

export type { Finding, Fix, FixAction, FixSafety, Issue, Rule, RuleCode, RuleContext } from './rule';
export { hasEmptySegment, tagSlug } from './fields';
export { fileNameDate, isRealDate, personFromTitle } from '../note-facts';

/** In the README's order: frontmatter and YAML, fields and dates, people, tasks, links. */
export const RULES: readonly Rule[] = [
  // Frontmatter and YAML
  { code: 'yaml-syntax', defaultSeverity: 'error', docs: '#yaml-syntax', fixSafety: 'none', description: 'The frontmatter is not valid YAML, or is not a mapping of keys to values.', check: yamlSyntaxErrors },
  { code: 'yaml-warning', defaultSeverity: 'warning', docs: '#yaml-warning', fixSafety: 'none', description: 'The YAML parser warns about the frontmatter.', check: yamlWarnings },
  { code: 'frontmatter-unclosed', defaultSeverity: 'error', docs: '#frontmatter-unclosed', fixSafety: 'unsafe', description: 'The frontmatter block opens with --- but never closes.', check: unclosedFrontmatter },
  { code: 'duplicate-key', defaultSeverity: 'error', docs: '#duplicate-key', fixSafety: 'none', description: 'A frontmatter key appears more than once.', check: duplicateKeys },
  // Fields and dates
  { code: 'missing-field', defaultSeverity: 'warning', docs: '#missing-field', fixSafety: 'safe', description: 'A field that this note type requires is missing or empty.', check: missingFields },
  { code: 'field-type', defaultSeverity: 'warning', docs: '#field-type', fixSafety: 'safe', description: 'A field has the wrong kind of value, such as a list written as a string.', check: wrongFieldTypes },
  { code: 'date-format', defaultSeverity: 'warning', docs: '#date-format', fixSafety: 'safe', description: "The 'date' field is not a real date written YYYY-MM-DD.", check: malformedDate },
  { code: 'date-filename-mismatch', defaultSeverity: 'info', docs: '#date-filename-mismatch', fixSafety: 'unsafe', description: "The 'date' field differs from the date the file name starts with.", check: dateDiffersFromFileName },
  // People
  { code: 'empty-person', defaultSeverity: 'warning', docs: '#empty-person', fixSafety: 'safe', description: "A 1:1 note (type: people) has an empty 'person'.", check: emptyOneOnOnePerson },
  // Fields: tags
  { code: 'empty-tag-segment', defaultSeverity: 'warning', docs: '#empty-tag-segment', fixSafety: 'safe', description: 'A tag has an empty segment, like "person/".', check: emptyTagSegments },
  { code: 'type-tag-mismatch', defaultSeverity: 'warning', docs: '#type-tag-mismatch', fixSafety: 'safe', description: "A 'type/…' tag disagrees with the 'type' field.", check: typeTagMismatches },
  // People
  { code: 'placeholder-participant', defaultSeverity: 'warning', docs: '#placeholder-participant', fixSafety: 'unsafe', description: 'A participant is a placeholder the transcript left, like "Ravi (last name unknown)".', check: placeholderParticipants },
  { code: 'unknown-participant', defaultSeverity: 'warning', docs: '#unknown-participant', fixSafety: 'unsafe', description: 'A participant or the 1:1 person matches no known person or alias.', check: unknownParticipants },
  { code: 'unknown-mention', defaultSeverity: 'warning', docs: '#unknown-mention', fixSafety: 'unsafe', description: 'A task @mention matches no known person or alias.', check: unknownMentions },
  { code: 'no-registry', defaultSeverity: 'hint', docs: '#no-registry', fixSafety: 'unsafe', description: 'There are no person notes and no configured people, so names cannot be checked.', check: noPeopleRegistry },
  // Tasks
  { code: 'unknown-task-status', defaultSeverity: 'warning', docs: '#unknown-task-status', fixSafety: 'none', description: 'A task uses a status character that is not configured.', check: unknownTaskStatuses },
  { code: 'invalid-task-date', defaultSeverity: 'warning', docs: '#invalid-task-date', fixSafety: 'none', description: `A task date field (${DATE_EMOJI_LIST}) holds a date that does not exist.`, check: impossibleTaskDates },
  { code: 'proposed-without-tag', defaultSeverity: 'info', docs: '#proposed-without-tag', fixSafety: 'safe', description: 'A proposed task ([?]) lacks the #proposed tag.', check: proposalsWithoutTag },
  { code: 'proposed-tag-mismatch', defaultSeverity: 'info', docs: '#proposed-tag-mismatch', fixSafety: 'safe', description: 'A task carries #proposed but its status is not [?].', check: proposedTagOnNonProposals },
  { code: 'too-deep', defaultSeverity: 'warning', docs: '#too-deep', fixSafety: 'none', description: 'Lists or block quotes nest too deeply for the note to be read.', check: nestingTooDeep },
  // Links and provenance
  { code: 'unresolved-link', defaultSeverity: 'info', docs: '#unresolved-link', fixSafety: 'none', description: 'A [[wikilink]] names no file in the vault.', check: unresolvedLinks },
  { code: 'source-missing', defaultSeverity: 'warning', docs: '#source-missing', fixSafety: 'safe', description: "The note's source (source_ref or the Source link) is not in the vault, or source_ref is a path on another machine.", check: missingSources },
];

export const RULE_CODES: readonly string[] = RULES.map((r) => r.code);

const DEFAULT_SEVERITY = new Map<string, Severity>(RULES.map((r) => [r.code, r.defaultSeverity]));

export function severityOf(code: string, config: Pick<MeetingNotesConfig, 'rules'>): Severity | 'off' {
  return config.rules[code] ?? DEFAULT_SEVERITY.get(code) ?? 'warning';
}

/** Runs every enabled rule on a note. Issues come sorted by position. */
export function checkNote(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  // A frontmatter whose YAML has errors is edited by no fix: where its values start and end is not
  // certain. (Closing an unclosed one is not such an edit: that block was not read as YAML.)
  const fm = ctx.note.frontmatter;
  const sound = !fm?.closed || yamlIsSound(ctx.note);
  const inFrontmatter = (e: TextEdit) => !!fm && e.start < fm.span.end && e.end >= fm.span.start;
  for (const rule of RULES) {
    const severity = severityOf(rule.code, ctx.config);
    if (severity === 'off') continue;
    for (const { message, span, fixes } of rule.check(ctx)) {
      issues.push({ code: rule.code, severity, message, span, fixes: sound ? fixes : fixes.filter((f) => !f.edits.some(inFrontmatter)) });
    }
  }
  return issues.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * The edits of every issue's first safe fix, skipping a fix that touches text an earlier one already
 * changes (the next run picks it up). What "fix all" and `check --fix` apply.
 *
 * An edit e touches a taken edit t when they overlap (e.start < t.end && t.start < e.end) or start at
 * the same offset. The first test is "the largest end among taken edits that start before e.end is
 * past e.start": a prefix maximum over starts, kept in a Fenwick tree, so n edits cost O(n log n).
 */
export function safeFixEdits(issues: readonly Issue[]): { edits: TextEdit[]; fixed: number } {
  const candidates: Fix[] = [];
  for (const issue of issues) {
    const fix = issue.fixes.find((f) => f.safe && f.edits.length);
    if (fix) candidates.push(fix);
  }
  const starts = [...new Set(candidates.flatMap((f) => f.edits.map((e) => e.start)))].sort((a, b) => a - b);
  /** How many distinct starts are below `offset`. */
  const rank = (offset: number): number => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  // maxEnd[i] (1-based) holds the largest end of taken edits over a Fenwick range of start ranks.
  const maxEnd = new Array<number>(starts.length + 1).fill(-Infinity);
  const largestEndStartingBefore = (offset: number): number => {
    let best = -Infinity;
    for (let i = rank(offset); i > 0; i -= i & -i) best = Math.max(best, maxEnd[i]!);
    return best;
  };
  const take = (e: TextEdit): void => {
    for (let i = rank(e.start) + 1; i <= starts.length; i += i & -i) maxEnd[i] = Math.max(maxEnd[i]!, e.end);
  };
  const takenStarts = new Set<number>();

  const edits: TextEdit[] = [];
  let fixed = 0;
  for (const fix of candidates) {
    const overlaps = fix.edits.some((e) => takenStarts.has(e.start) || largestEndStartingBefore(e.end) > e.start);
    if (overlaps) continue;
    for (const e of fix.edits) {
      take(e);
      takenStarts.add(e.start);
    }
    edits.push(...fix.edits);
    fixed++;
  }
  return { edits, fixed };
}
