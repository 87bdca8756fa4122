import { DEFAULT_CONFIG, resolveConfig, type MeetingNotesConfig } from '../../src/core/config';
import { NoteIndex } from '../../src/core/note-index';
import type { Issue } from '../../src/core/rules';
import type { Note } from '../../src/core/note';

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
  const note = index.set(uri, text);
  return { index, note, issues: index.issues(uri) };
}

export function codes(issues: Issue[]): string[] {
  return issues.map((i) => i.code);
}

/** The text a span covers. */
export function at(note: Note, span: { start: number; end: number }): string {
  return note.text.slice(span.start, span.end);
}
