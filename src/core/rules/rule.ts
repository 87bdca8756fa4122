import type { MeetingNotesConfig, Severity } from '../config';
import type { FrontmatterField, Note } from '../note';
import type { PeopleRegistry } from '../people';
import type { Span, TextEdit } from '../text';
import type { VaultFiles } from '../wikilinks';

/** A fix that is not a text edit in the note: the editor carries it out (the CLI only names it). */
export type FixAction =
  | { kind: 'addKnownPerson'; name: string }
  | { kind: 'createPersonNote'; name: string }
  /** Put a known person, picked from a list, where `name` stands: `replaceWith` gives the edits. */
  | { kind: 'pickPerson'; name: string; replaceWith: (person: string) => TextEdit[] };

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** Applied by "fix all": only fixes whose result is certain. Triage is never one of them. */
  safe: boolean;
  action?: FixAction;
}

/** A rule's code: `yaml-syntax`, `missing-field`, … (RULE_CODES lists them). */
export type RuleCode = string;

export interface Issue {
  code: RuleCode;
  severity: Severity;
  message: string;
  span: Span;
  fixes: Fix[];
}

export interface RuleContext {
  note: Note;
  registry: PeopleRegistry;
  config: MeetingNotesConfig;
  /** The vault's files, for the link rules; without them (or before they are listed) those rules find nothing. */
  files?: VaultFiles;
}

/** What a rule's check finds; checkNote adds the rule's code and severity. */
export type Finding = Omit<Issue, 'severity' | 'code'>;

/** What a rule's fixes are: none; only ones a person must choose (never in "fix all"); or a safe one too. */
export type FixSafety = 'none' | 'unsafe' | 'safe';

export interface Rule {
  code: RuleCode;
  defaultSeverity: Severity;
  /** Its section in the README (`#yaml-syntax`): where the Problems panel, SARIF and the CLI point. */
  docs: string;
  fixSafety: FixSafety;
  description: string;
  check(ctx: RuleContext): Finding[];
}

/**
 * Whether the frontmatter's YAML parsed without an error (a duplicate key aside): only then are its
 * values' places certain enough to edit.
 */
export function yamlIsSound(note: Note): boolean {
  return !!note.frontmatter?.closed && note.frontmatter.errors.every((e) => e.code === 'DUPLICATE_KEY');
}

/** Whether a field holds nothing: no value, a blank or null scalar, an empty list. */
export function isEmptyValue(f: FrontmatterField): boolean {
  if (f.value.kind === 'empty') return true;
  if (f.value.kind === 'scalar') return f.value.value === null || String(f.value.value).trim() === '';
  if (f.value.kind === 'list') return f.value.items.length === 0;
  return false;
}
