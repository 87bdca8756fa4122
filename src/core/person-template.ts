import { yamlScalar } from './edits';

/** A file name for a person note: the name, minus characters file systems or Obsidian refuse. */
export function personNoteFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|#^[\]]/gu, ' ').replace(/\s+/gu, ' ').trim();
  return `${safe || 'Unnamed person'}.md`;
}

/** The text of a new person note, ready for role, org and aliases to be filled in. */
export function personNoteText(name: string, eol = '\n'): string {
  return [
    '---',
    'type: person',
    `title: ${yamlScalar(name)}`,
    'aliases: []',
    'role: ""',
    'org: ""',
    'email: ""',
    'tags:',
    '  - "type/person"',
    '---',
    '',
    `# ${name}`,
    '',
  ].join(eol);
}
