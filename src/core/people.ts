import { distance } from 'fastest-levenshtein';
import type { MeetingNotesConfig } from './config';
import type { Note } from './note';
import { listField, noteTitle, noteType, shownTitle, stringField } from './note-facts';
import { collapseWhitespace } from './text';

export interface Person {
  name: string;
  aliases: string[];
  role: string | undefined;
  org: string | undefined;
  email: string | undefined;
  /** The person note's uri, when the person comes from one. */
  uri: string | undefined;
  source: 'note' | 'setting' | 'owner';
}

/** The token tasks use for the vault's owner. */
export const MYSELF = 'Myself';

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * A name as lookups compare it: `[[…]]` unwrapped, NFKC, whitespace collapsed, lower case (`en`). An
 * ASCII name skips the Unicode steps, which leave it as it is.
 */
export function normalizeName(name: string): string {
  const unwrapped = unwrapWikiLink(name);
  if (isAscii(unwrapped)) return collapseWhitespace(unwrapped).toLowerCase();
  return collapseWhitespace(unwrapped.normalize('NFKC')).toLocaleLowerCase('en');
}

const NORMALIZED_MYSELF = normalizeName(MYSELF);

/** `[[Full Name]]` or `[[Full Name|Alias]]` → `Full Name`; anything else unchanged. */
export function unwrapWikiLink(name: string): string {
  if (!name.includes('[[')) return name;
  const m = /^\s*\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]\s*$/u.exec(name);
  return m ? m[1]!.trim() : name;
}

// `(?:\s*-)?\s*` matches what `\s*-?\s*` did, without two blank runs that can trade blanks.
const PLACEHOLDER_PAREN = /\(\s*(?:(?:last|first|full|sur)(?:\s*-)?\s*name\s+)?(?:unknown|unclear|not known|unsure|\?+)\s*\)/iu;
const PLACEHOLDER_WHOLE = /^(?:unknown(?:\s+(?:speaker|participant|person|attendee))?|(?:speaker|participant|attendee)\s*#?\d+|unidentified(?:\s+\w+)?|\?+)$/iu;

/** A name the transcript generator left unresolved, like "Ravi (last name unknown)" or "Speaker 2". */
export function isPlaceholderName(name: string): boolean {
  let answer = placeholders.get(name);
  if (answer === undefined) {
    const n = unwrapWikiLink(name).trim();
    answer = (n.includes('(') && PLACEHOLDER_PAREN.test(n)) || PLACEHOLDER_WHOLE.test(n);
    placeholders.set(name, answer);
  }
  return answer;
}

/**
 * A map that forgets everything once it holds `limit` entries: a memo for answers that are asked again
 * and again (the same names recur across thousands of notes) without growing with every name ever seen.
 */
export class Memo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit = 10_000) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): V {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

const placeholders = new Memo<boolean>();

/** What is known of a placeholder: "Ravi (last name unknown)" → "Ravi"; "Speaker 2" → "". */
export function placeholderStem(name: string): string {
  const n = unwrapWikiLink(name).trim();
  if (PLACEHOLDER_WHOLE.test(n)) return '';
  return n.replace(PLACEHOLDER_PAREN, '').replace(/\s+/gu, ' ').trim();
}

export class PeopleRegistry {
  private readonly byKey = new Map<string, Person>();
  /** Every name and alias, for fuzzy suggestions. */
  private readonly keys: { key: string; words: string[]; person: Person }[] = [];
  /** How many people have each first name (of their name), and the first of them. */
  private readonly byFirstName = new Map<string, { person: Person; count: number }>();
  /** The people whose name or an alias has each first word, in the order of `people`. */
  private readonly byFirstWord = new Map<string, Person[]>();
  readonly people: Person[] = [];
  readonly owner: Person | undefined;
  /**
   * Answers by the name as asked. The registry does not change once built, and the same names are
   * asked about in note after note.
   */
  private readonly lookups = new Memo<Person | undefined>();
  private readonly known = new Memo<boolean>();
  private readonly suggestions = new Memo<readonly Person[]>();
  private readonly likely = new Memo<readonly Person[]>();

  constructor(people: Person[], ownerName: string) {
    for (const p of people) this.add(p);
    const owner = ownerName.trim();
    if (owner) {
      this.owner = this.lookupNow(owner) ?? this.add({ name: owner, aliases: [], role: undefined, org: undefined, email: undefined, uri: undefined, source: 'owner' });
    } else {
      // No owner setting: the person note that lists `Myself` among its aliases is the owner.
      this.owner = this.byKey.get(NORMALIZED_MYSELF);
    }
  }

  /** Builds the registry from the person notes among `notes` and the configured names. */
  static build(notes: Iterable<Note>, config: Pick<MeetingNotesConfig, 'people' | 'owner'>): PeopleRegistry {
    const people: Person[] = [];
    for (const note of notes) {
      const person = personFromNote(note);
      if (person) people.push(person);
    }
    return PeopleRegistry.fromPeople(people, config);
  }

  /** Builds the registry from the people of the person notes and the configured names. */
  static fromPeople(fromNotes: Iterable<Person>, config: Pick<MeetingNotesConfig, 'people' | 'owner'>): PeopleRegistry {
    const people = [...fromNotes];
    // Person notes come first so a configured name that duplicates one does not hide its details.
    people.sort((a, b) => a.name.localeCompare(b.name));
    for (const name of config.people) {
      if (name.trim()) people.push({ name: name.trim(), aliases: [], role: undefined, org: undefined, email: undefined, uri: undefined, source: 'setting' });
    }
    return new PeopleRegistry(people, config.owner);
  }

  /**
   * True when there is nothing to check names against: no person notes and no configured names. The
   * owner alone does not count, or every other participant of every note would be flagged.
   */
  get isEmpty(): boolean {
    return (this.empty ??= !this.people.some((p) => p.source !== 'owner'));
  }

  private empty: boolean | undefined;

  private add(person: Person): Person {
    const existing = this.byKey.get(normalizeName(person.name));
    if (existing) {
      // Same person from two sources: keep the first, learn the aliases of the second.
      for (const alias of person.aliases) this.addKey(alias, existing);
      return existing;
    }
    this.people.push(person);
    this.indexFirstWords(person);
    this.addKey(person.name, person);
    for (const alias of person.aliases) this.addKey(alias, person);
    return person;
  }

  private indexFirstWords(person: Person): void {
    const first = firstWordOf(person.name);
    const same = this.byFirstName.get(first);
    if (same) same.count++;
    else this.byFirstName.set(first, { person, count: 1 });
    for (const word of new Set([person.name, ...person.aliases].map(firstWordOf))) {
      const list = this.byFirstWord.get(word);
      if (list) list.push(person);
      else this.byFirstWord.set(word, [person]);
    }
  }

  private addKey(name: string, person: Person): void {
    const key = normalizeName(name);
    if (!key || this.byKey.has(key)) return;
    this.byKey.set(key, person);
    this.keys.push({ key, words: key.split(' '), person });
  }

  /**
   * Case-insensitive lookup by name or alias; `Myself` is the owner (`meetingNotes.owner`, else the
   * person note with the alias `Myself`). A lone first name (`@Hiro`)
   * resolves when exactly one known person has it, as people write it in tasks.
   */
  lookup(name: string): Person | undefined {
    return this.lookups.has(name) ? this.lookups.get(name) : this.lookups.set(name, this.lookupNow(name));
  }

  private lookupNow(name: string): Person | undefined {
    const key = normalizeName(name);
    if (key === NORMALIZED_MYSELF) return this.owner;
    const exact = this.byKey.get(key);
    if (exact || !key || key.includes(' ')) return exact;
    const byFirst = this.byFirstName.get(key);
    return byFirst?.count === 1 ? byFirst.person : undefined;
  }

  /** Whether a name is known: in the registry, or the `Myself` token. */
  isKnown(name: string): boolean {
    return this.known.get(name) ?? this.known.set(name, normalizeName(name) === NORMALIZED_MYSELF || this.lookup(name) !== undefined);
  }

  /**
   * Known people a misspelt or partial name probably means, best first: close edit distance on the
   * full name or an alias, or a single word equal to someone's first or last name.
   */
  suggest(name: string, max = 3): Person[] {
    if (max !== 3) return this.suggestNow(name, max);
    return [...(this.suggestions.get(name) ?? this.suggestions.set(name, this.suggestNow(name, max)))];
  }

  private suggestNow(name: string, max: number): Person[] {
    const key = normalizeName(name);
    if (!key) return [];
    const scored = new Map<Person, number>();
    const consider = (person: Person, score: number) => {
      const prev = scored.get(person);
      if (prev === undefined || score < prev) scored.set(person, score);
    };
    const limit = Math.max(1, Math.floor(key.length / 4));
    const oneWord = !key.includes(' ');
    for (const { key: candidate, words, person } of this.keys) {
      const d = distance(key, candidate);
      if (d <= limit) consider(person, d / Math.max(key.length, candidate.length));
      if (oneWord && words.length > 1 && words.includes(key)) consider(person, 0.5);
      else if (oneWord && words.length > 1 && key.length >= 4 && words.some((w) => distance(w, key) === 1)) consider(person, 0.7);
    }
    return [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || a[0].name.localeCompare(b[0].name))
      .slice(0, max)
      .map(([p]) => p);
  }

  /** Known people a placeholder like "Ravi (last name unknown)" most likely stands for. */
  likelyFor(placeholder: string, max = 3): Person[] {
    if (max !== 3) return this.likelyForNow(placeholder, max);
    return [...(this.likely.get(placeholder) ?? this.likely.set(placeholder, this.likelyForNow(placeholder, max)))];
  }

  private likelyForNow(placeholder: string, max: number): Person[] {
    const stem = normalizeName(placeholderStem(placeholder));
    if (!stem) return [];
    const exact = this.lookup(stem);
    if (exact) return [exact];
    const firstWord = stem.split(' ')[0]!;
    const byFirstName = this.byFirstWord.get(firstWord) ?? [];
    if (byFirstName.length) return byFirstName.slice(0, max);
    return this.suggestNow(stem, max);
  }
}

/** The first word of a name as lookups compare it: `normalizeName(name).split(' ')[0]`. */
function firstWordOf(name: string): string {
  return normalizeName(name).split(' ')[0]!;
}

export function personFromNote(note: Note): Person | undefined {
  if (noteType(note)?.toLowerCase() !== 'person') return undefined;
  const name = noteTitle({ title: shownTitle(note), fileName: note.fileName });
  return {
    name: unwrapWikiLink(name).trim(),
    aliases: listField(note, 'aliases').map((a) => unwrapWikiLink(a).trim()).filter(Boolean),
    role: stringField(note, 'role'),
    org: stringField(note, 'org') ?? stringField(note, 'organization') ?? stringField(note, 'company'),
    email: stringField(note, 'email'),
    uri: note.uri,
    source: 'note',
  };
}
