import type { IndexChange, NoteIndex } from './note-index';
import { fileStem } from './note-facts';
import { isPersonNote, type IndexedNote } from './indexed-note';
import { MYSELF, type PeopleRegistry, type Person } from './people';
import { hasEmptySegment, tagSlug } from './rules';

// What completion offers while writing: people, tags and note names, from the index. Built when first
// asked for and kept until the index changes, so a keystroke costs a lookup, not a walk of the vault.

/** How the vault writes an @mention of someone whose name has a space. */
export type MentionStyle = 'wikilink' | 'first-name';

/** The tag a person is known by: `person/<slug>`, as the notes write it (`person/marcus-oyelaran`). */
export function personTag(name: string): string {
  return `person/${tagSlug(name)}`;
}

/**
 * How to write an @mention of `person` (without the `@`): `[[Full Name]]` for a name with a space,
 * unless the vault writes first names and this one's first name is theirs alone.
 */
export function mentionText(person: Pick<Person, 'name'>, registry: PeopleRegistry, style: MentionStyle): string {
  const name = person.name;
  if (!/\s/u.test(name)) return name;
  if (style === 'first-name') {
    const first = name.split(/\s+/u)[0]!;
    if (registry.lookup(first)?.name === name) return first;
  }
  return `[[${name}]]`;
}

/** A mention's tally: written as a full name in `@[[…]]`, or as one word standing for a longer name. */
interface MentionTally {
  full: number;
  short: number;
}

function tallyMentions(note: IndexedNote, registry: PeopleRegistry): MentionTally {
  const tally = { full: 0, short: 0 };
  for (const task of note.tasks) {
    for (const written of task.assignees) {
      const person = registry.lookup(written);
      if (!person || !/\s/u.test(person.name)) continue;
      // A plain @mention cannot hold a space: a written name with one came from `@[[…]]`.
      if (/\s/u.test(written)) tally.full++;
      else tally.short++;
    }
  }
  return tally;
}

/** Which way the vault writes mentions of people with multi-word names: `@[[Full Name]]` unless first names are the majority. */
export function mentionStyleOf(tallies: Iterable<MentionTally>): MentionStyle {
  let full = 0;
  let short = 0;
  for (const t of tallies) {
    full += t.full;
    short += t.short;
  }
  return short > full ? 'first-name' : 'wikilink';
}

export interface TagCandidate {
  /** Without the `#`. */
  tag: string;
  /** Whose `person/<slug>` tag it is. */
  person: Person | undefined;
}

export interface LinkTarget {
  /** What `[[…]]` names: the file name without its extension, as Obsidian links. */
  target: string;
  uri: string;
  person: Person | undefined;
}

/**
 * The candidates of completion, from one index. Tags and mention counts are kept per note once asked
 * for, and follow the index note by note; the people follow the registry.
 */
export class WritingCandidates {
  private readonly subscription: { dispose(): void };
  private peopleList: readonly Person[] | undefined;
  private perNote: Map<string, { tags: readonly string[]; mentions: MentionTally }> | undefined;
  private tagList: readonly TagCandidate[] | undefined;
  private style: MentionStyle | undefined;
  private links: readonly LinkTarget[] | undefined;

  constructor(private readonly index: NoteIndex) {
    this.subscription = index.onDidChange((change) => this.changed(change));
  }

  get registry(): PeopleRegistry {
    return this.index.registry;
  }

  /** Everyone the registry knows (person notes, settings, the owner), by name. */
  people(): readonly Person[] {
    return (this.peopleList ??= [...this.index.registry.people].sort((a, b) => a.name.localeCompare(b.name)));
  }

  /** The token that stands for the owner in tasks, when there is an owner. */
  myself(): { token: string; person: Person } | undefined {
    const owner = this.index.registry.owner;
    return owner && { token: MYSELF, person: owner };
  }

  /**
   * The tags the vault uses (frontmatter `tags` and the tasks' tags), most used first, then `person/<slug>` for each known person not
   * among them; a person's tag says whose it is.
   */
  tags(): readonly TagCandidate[] {
    if (!this.tagList) {
      const counts = new Map<string, number>();
      for (const { tags } of this.notes().values()) {
        // A tag with an empty segment (`person/`, `a//b`) is a finding, not a tag to offer.
        for (const tag of tags) if (!hasEmptySegment(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      const byTag = new Map<string, Person>();
      for (const p of this.people()) {
        const tag = personTag(p.name);
        if (tag !== 'person/' && !byTag.has(tag)) byTag.set(tag, p);
      }
      const used = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => ({ tag, person: byTag.get(tag) }));
      const seen = new Set(used.map((t) => t.tag));
      const people = [...byTag.entries()].filter(([tag]) => !seen.has(tag)).map(([tag, person]) => ({ tag, person }));
      this.tagList = [...used, ...people];
    }
    return this.tagList;
  }

  mentionStyle(): MentionStyle {
    return (this.style ??= mentionStyleOf([...this.notes().values()].map((n) => n.mentions)));
  }

  /** Every note as a link target: person notes first, then the rest by name. */
  linkTargets(): readonly LinkTarget[] {
    if (!this.links) {
      const people: LinkTarget[] = [];
      const others: LinkTarget[] = [];
      for (const note of this.index.all()) {
        const target = fileStem(note.fileName);
        if (isPersonNote(note) && note.person) people.push({ target, uri: note.uri, person: this.index.registry.lookup(note.person.name) ?? note.person });
        else others.push({ target, uri: note.uri, person: undefined });
      }
      const byTarget = (a: LinkTarget, b: LinkTarget) => a.target.localeCompare(b.target);
      this.links = [...people.sort(byTarget), ...others.sort(byTarget)];
    }
    return this.links;
  }

  private notes(): Map<string, { tags: readonly string[]; mentions: MentionTally }> {
    if (!this.perNote) {
      const registry = this.index.registry;
      this.perNote = new Map();
      for (const note of this.index.all()) this.perNote.set(note.uri, this.factsOf(note, registry));
    }
    return this.perNote;
  }

  private factsOf(note: IndexedNote, registry: PeopleRegistry): { tags: readonly string[]; mentions: MentionTally } {
    const tags = new Set<string>();
    for (const tag of note.tags) tags.add(tag);
    for (const task of note.tasks) for (const tag of task.tags) tags.add(tag);
    return { tags: [...tags], mentions: tallyMentions(note, registry) };
  }

  private changed(change: IndexChange): void {
    if (change.registryChanged) {
      // Names may now resolve to other people: the mention tallies are counted again when next asked for.
      this.peopleList = undefined;
      this.perNote = undefined;
      this.links = undefined;
    }
    if (this.perNote) {
      const registry = this.index.registry;
      for (const uri of change.removed) this.perNote.delete(uri);
      for (const uri of change.updated) {
        const note = this.index.get(uri);
        if (note) this.perNote.set(uri, this.factsOf(note, registry));
      }
    }
    if (change.updated.length || change.removed.length || change.registryChanged) {
      this.tagList = undefined;
      this.style = undefined;
    }
    // A note's file name never changes under the same uri: only notes that come or go change the targets.
    if (change.removed.length || (this.links && change.updated.some((uri) => !this.knownTargets().has(uri)))) this.links = undefined;
  }

  private targetUris: Set<string> | undefined;
  private targetsOf: readonly LinkTarget[] | undefined;

  private knownTargets(): Set<string> {
    if (this.targetsOf !== this.links || !this.targetUris) {
      this.targetUris = new Set(this.links?.map((l) => l.uri));
      this.targetsOf = this.links;
    }
    return this.targetUris;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
