import { DEFAULT_CONFIG, resolveConfig, type MeetingNotesConfig } from '../../src/core/config';
import { NoteIndex } from '../../src/core/note-index';
import { checkNote, type Issue } from '../../src/core/rules';
import type { Note } from '../../src/core/note';
import { parseNote } from '../../src/core/parse-note';
import { indexedNote, issueInfo, type IndexedNote } from '../../src/core/indexed-note';

/** Joins lines with \n, so fixtures read as the file they stand for. */
export function md(...lines: string[]): string {
  return lines.join('\n');
}

export function config(overrides: Record<string, unknown> = {}): MeetingNotesConfig {
  const { config, problems } = resolveConfig(overrides);
  if (problems.length) throw new Error(problems.join('\n'));
  return config;
}

export const DEFAULTS = DEFAULT_CONFIG;

export interface VaultFixture {
  index: NoteIndex;
  note: Note;
  issues: Issue[];
}

/**
 * Puts a note (and optional person notes) in a fresh index and checks it. `people` become person
 * notes under People/ with the given aliases.
 */
export function checkText(
  text: string,
  options: { fileName?: string; people?: Record<string, string[]>; settings?: Record<string, unknown> } = {},
): VaultFixture {
  const index = new NoteIndex(config(options.settings));
  for (const [name, aliases] of Object.entries(options.people ?? {})) {
    index.set(
      `file:///vault/People/${encodeURIComponent(name)}.md`,
      md('---', 'type: person', `title: "${name}"`, `aliases: [${aliases.map((a) => JSON.stringify(a)).join(', ')}]`, 'role: "Engineer"', '---', '', `# ${name}`),
    );
  }
  const uri = `file:///vault/${encodeURIComponent(options.fileName ?? '2025-12-19 - Note.md')}`;
  index.set(uri, text);
  // The index keeps findings without their fixes; the full ones come from the note's text, as the
  // editor's code actions and `check --fix` compute them. Both must agree.
  const note = parseNote(uri, text, { taskStatuses: index.config.taskStatuses });
  const issues = checkNote({ note, registry: index.registry, config: index.config });
  if (JSON.stringify(index.issues(uri)) !== JSON.stringify(issues.map((i) => issueInfo(i)))) throw new Error('the index and a fresh check disagree');
  return { index, note, issues };
}

/** What the index keeps of a note, for tests of the views' queries. */
export function indexed(uri: string, text: string): IndexedNote {
  return indexedNote(parseNote(uri, text), '', undefined);
}

export function codes(issues: Issue[]): string[] {
  return issues.map((i) => i.code);
}

/** The text a span covers. */
export function at(note: Note, span: { start: number; end: number }): string {
  return note.text.slice(span.start, span.end);
}
