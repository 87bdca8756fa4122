import type { IndexedNote } from './indexed-note';
import { isPlaceholderName, unwrapWikiLink, type PeopleRegistry } from './people';

/**
 * The people a participants entry names. AI-written notes sometimes give several people in one string
 * ("Priya Raman, Omar Haddad" or "Priya Raman and Omar Haddad") where a list was meant: split on commas,
 * semicolons and the word "and" (or "&"), but never inside parentheses, where a placeholder keeps its
 * own words ("Kofi (last name unknown, and not in the call)").
 */
export function namesInEntry(entry: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  const cut = (end: number, next: number) => {
    const name = entry.slice(start, end).trim();
    if (name) names.push(name);
    start = next;
  };
  for (let i = 0; i < entry.length; i++) {
    const c = entry[i]!;
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && (c === ',' || c === ';')) cut(i, i + 1);
    else if (depth === 0 && c === '&' && /\s/u.test(entry[i - 1] ?? '') && /\s/u.test(entry[i + 1] ?? '')) cut(i, i + 1);
    else if (depth === 0 && /\s/u.test(c) && entry.slice(i + 1, i + 4).toLowerCase() === 'and' && /\s/u.test(entry[i + 4] ?? '')) {
      cut(i, i + 4);
      i += 3;
    }
  }
  cut(entry.length, entry.length);
  return names;
}

/**
 * Distinct participant names of the vault that no person note covers yet, placeholders left out, in
 * alphabetical order. A participants string naming several people ("Priya Raman, Omar Haddad") counts
 * as those people. What the first-run offer would create person notes for.
 */
export function namesWithoutPersonNote(notes: Iterable<Pick<IndexedNote, 'names'>>, registry: PeopleRegistry): string[] {
  const names = new Map<string, string>();
  for (const note of notes) {
    for (const raw of note.names) {
      for (const part of namesInEntry(unwrapWikiLink(raw))) {
        const name = unwrapWikiLink(part).trim();
        if (!name || isPlaceholderName(name) || registry.lookup(name)) continue;
        const key = name.toLocaleLowerCase('en');
        if (!names.has(key)) names.set(key, name);
      }
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}
