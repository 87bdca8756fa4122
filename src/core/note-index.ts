import { DEFAULT_CONFIG, type MeetingNotesConfig } from './config';
import { indexedNote, StringPool, textKeyOf, type IndexedNote, type IssueInfo } from './indexed-note';
import { parseNote } from './parse-note';
import { PeopleRegistry, personFromNote, type Person } from './people';
import { newestMeetingFirst } from './task-queries';
import { checkNote } from './rules';
import { addTaskCounts, emptyTaskCounts, type TaskCounts } from './task-groups';
import { linkKeysOf, VaultFiles } from './wikilinks';

export interface IndexChange {
  /** Notes added, or whose record or findings changed. */
  updated: string[];
  removed: string[];
  /**
   * Notes whose findings are out of date although their text is not (the registry or the settings
   * changed): feed their text to `set` again to bring them up to date. The index keeps no text.
   */
  stale: string[];
  /** The people registry changed: names may now resolve to other people. */
  registryChanged: boolean;
}

export type Listener = (change: IndexChange) => void;

/** What the people rules ask the registry, per name: a note whose answers differ must be checked again. */
function answersFor(registry: PeopleRegistry, name: string): string {
  const person = registry.lookup(name);
  if (person) return `=${person.name}`;
  return `?${registry.isKnown(name)}|${registry.likelyFor(name).map((p) => p.name).join(',')}|${registry.suggest(name).map((p) => p.name).join(',')}`;
}

/** What the people rules see of a list of people: names and aliases, in a stable order. */
function peopleKey(people: readonly Person[]): string {
  return people
    .map((p) => JSON.stringify([p.name, p.aliases]))
    .sort()
    .join('\n');
}

/**
 * The one index every view reads: a compact record of each note (no text: a full Note is parsed again
 * from the editor or the disk when an edit needs one), the people registry derived from the person
 * notes, and each note's findings, checked when the note is set. When the registry or the settings
 * change, only the notes whose findings can change are reported stale.
 */
export class NoteIndex {
  private readonly notes = new Map<string, IndexedNote>();
  /** The registry generation each note was last checked with. */
  private readonly checkedWith = new Map<string, number>();
  private readonly staleNotes = new Set<string>();
  private registryValue: PeopleRegistry | undefined;
  private generation = 0;
  /** Registries that notes were checked with and that may still need comparing with the current one. */
  private readonly pastRegistries = new Map<number, PeopleRegistry>();
  /** The vault's task counts, kept up to date note by note: the status bar reads them on every change. */
  private readonly counts: TaskCounts = emptyTaskCounts();
  /** Uris newest meeting first; dropped when a note comes, goes or changes its meeting date. */
  private order: string[] | undefined;
  private readonly listeners = new Set<Listener>();
  /** One copy of each short string the records repeat (tags, names, headings, messages). */
  private readonly pool = new StringPool();
  /** Every file of the vault (notes, transcripts, attachments), for the link rules; fed by the workspace scan or the CLI's walk. */
  private readonly files = new VaultFiles();
  /** The notes looking up each link key (who a file added or removed can affect): one uri, or a set when several do (most keys have one: a note's own source). */
  private readonly notesByLinkKey = new Map<string, string | Set<string>>();
  private batchDepth = 0;
  private pending: IndexChange = { updated: [], removed: [], stale: [], registryChanged: false };

  constructor(private configValue: MeetingNotesConfig = structuredClone(DEFAULT_CONFIG) as MeetingNotesConfig) {}

  get config(): MeetingNotesConfig {
    return this.configValue;
  }

  get size(): number {
    return this.notes.size;
  }

  get(uri: string): IndexedNote | undefined {
    return this.notes.get(uri);
  }

  has(uri: string): boolean {
    return this.notes.has(uri);
  }

  all(): IterableIterator<IndexedNote> {
    return this.notes.values();
  }

  /** Whether a note's findings wait for its text to be fed again. */
  isStale(uri: string): boolean {
    return this.staleNotes.has(uri);
  }

  /** Task counts over every note, by status. */
  taskCounts(): Readonly<TaskCounts> {
    return this.counts;
  }

  /** Every note, newest meeting first (undated last, then by uri); the order is kept between calls. */
  newestFirst(): IndexedNote[] {
    this.order ??= newestMeetingFirst(this.notes.values()).map((n) => n.uri);
    return this.order.map((uri) => this.notes.get(uri)!);
  }

  /** Every change of a record goes through here: counts and order follow. */
  private put(record: IndexedNote): void {
    const previous = this.notes.get(record.uri);
    if (previous) addTaskCounts(this.counts, previous.tasks, -1);
    addTaskCounts(this.counts, record.tasks, 1);
    if (previous?.meetingDate !== record.meetingDate || !previous) this.order = undefined;
    if (previous) this.unlinkKeys(previous);
    for (const key of record.links) {
      const uris = this.notesByLinkKey.get(key);
      if (uris === undefined || uris === record.uri) this.notesByLinkKey.set(key, record.uri);
      else if (typeof uris === 'string') this.notesByLinkKey.set(key, new Set([uris, record.uri]));
      else uris.add(record.uri);
    }
    this.notes.set(record.uri, record);
  }

  private unlinkKeys(record: IndexedNote): void {
    for (const key of record.links) {
      const uris = this.notesByLinkKey.get(key);
      if (uris === record.uri) this.notesByLinkKey.delete(key);
      else if (typeof uris === 'object') {
        uris.delete(record.uri);
        if (uris.size === 0) this.notesByLinkKey.delete(key);
      }
    }
  }

  private remove(uri: string): void {
    const previous = this.notes.get(uri);
    if (!previous) return;
    addTaskCounts(this.counts, previous.tasks, -1);
    this.order = undefined;
    this.unlinkKeys(previous);
    this.notes.delete(uri);
  }

  staleUris(): string[] {
    return [...this.staleNotes];
  }

  /** Whether the text is what the index holds for the note, and its findings are current. */
  isCurrent(uri: string, fileText: string): boolean {
    const known = this.notes.get(uri);
    return !!known && !this.staleNotes.has(uri) && known.textKey === textKeyOf(fileText);
  }

  /** The people of the person notes, the registry's source besides the settings. */
  people(): Person[] {
    const people: Person[] = [];
    for (const note of this.notes.values()) if (note.person) people.push(note.person);
    return people;
  }

  get registry(): PeopleRegistry {
    this.registryValue ??= PeopleRegistry.fromPeople(this.people(), this.configValue);
    return this.registryValue;
  }

  /**
   * Adds or replaces a note and checks it against the current registry. Setting the same text again
   * is a no-op that fires nothing, unless the note is stale.
   */
  set(uri: string, fileText: string): IndexedNote {
    this.touched?.add(uri);
    const textKey = textKeyOf(fileText);
    const previous = this.notes.get(uri);
    if (previous && previous.textKey === textKey && !this.staleNotes.has(uri)) return previous;
    const note = parseNote(uri, fileText, { taskStatuses: this.configValue.taskStatuses });
    if (JSON.stringify(previous?.person) !== JSON.stringify(personFromNote(note))) {
      // The registry changes with this note: it must hold the note's person before the note is checked.
      this.newRegistry();
      this.put(indexedNote(note, textKey, undefined, this.pool));
    }
    const issues = checkNote({ note, registry: this.registry, config: this.configValue, files: this.files });
    const links = this.pool.all(linkKeysOf(note));
    const record: IndexedNote = { ...indexedNote(note, textKey, issues, this.pool), links, linksChecked: this.files.answersFor(links) };
    this.put(record);
    this.checkedWith.set(uri, this.generation);
    this.staleNotes.delete(uri);
    this.emit({ updated: [uri], removed: [], stale: [], registryChanged: false });
    return record;
  }

  /**
   * Puts back records kept from an earlier run (a cache). `checked` says whose findings hold for the
   * current settings; the others are stale until their text is fed again. `checkedAgainst` are the
   * people the findings were checked against, when they may differ from the records' person notes (one
   * was unsaved then): the notes whose people rules now answer differently are reported stale.
   */
  restore(records: Iterable<IndexedNote>, checked: (record: IndexedNote) => boolean, checkedAgainst?: readonly Person[]): void {
    const steps = this.restoreInSteps(records, checked, checkedAgainst, Infinity);
    while (!steps.next().done);
  }

  /**
   * restore, a part of `step` records at a time, for a caller that lets other work run in between.
   * The person notes go first, in the first part, so that the registry is whole before anything else
   * is checked meanwhile. A note set or deleted between parts is newer than its record: that record
   * is not put back. Change events come once, at the end.
   */
  *restoreInSteps(records: Iterable<IndexedNote>, checked: (record: IndexedNote) => boolean, checkedAgainst?: readonly Person[], step = 1000): Generator<void, void> {
    const restored: string[] = [];
    const stale: string[] = [];
    const list = [...records];
    const people = list.filter((r) => r.person);
    const rest = list.filter((r) => !r.person);
    if (people.length || list.some((r) => this.notes.get(r.uri)?.person)) this.newRegistry();
    const touched = new Set<string>();
    this.touched = touched;
    // Settings changed between parts: the records still to come were checked with the old ones.
    const config = this.configValue;
    try {
      let sinceYield = 0;
      for (const record of [...people, ...rest]) {
        if (++sinceYield > step && !record.person) {
          sinceYield = 1;
          yield;
        }
        if (touched.has(record.uri)) continue;
        this.put(record);
        restored.push(record.uri);
        const current = this.configValue === config && checked(record);
        if (current && (!this.files.known || this.files.answersFor(record.links) === record.linksChecked)) this.staleNotes.delete(record.uri);
        else {
          this.staleNotes.add(record.uri);
          stale.push(record.uri);
        }
      }
    } finally {
      this.touched = undefined;
    }
    const checkedGeneration = this.generation;
    if (checkedAgainst && peopleKey(checkedAgainst) !== peopleKey(this.people())) {
      this.pastRegistries.set(this.generation, PeopleRegistry.fromPeople(checkedAgainst, this.configValue));
      this.registryValue = undefined;
      this.generation++;
      this.pending.registryChanged = true;
    }
    // Restored findings were checked with the registry these records make up (or the one given), not an earlier one.
    for (const uri of restored) this.checkedWith.set(uri, checkedGeneration);
    this.emit({ updated: restored, removed: [], stale, registryChanged: false });
  }

  /** While restoreInSteps runs: the notes set or deleted meanwhile. */
  private touched: Set<string> | undefined;

  delete(uri: string): void {
    this.touched?.add(uri);
    const previous = this.notes.get(uri);
    if (!previous) return;
    if (previous.person) this.newRegistry();
    this.remove(uri);
    this.checkedWith.delete(uri);
    this.staleNotes.delete(uri);
    this.emit({ updated: [], removed: [uri], stale: [], registryChanged: false });
  }

  /**
   * New settings. Task statuses change parsing and rule settings change every finding: every note is
   * stale. The people settings change the registry: only notes whose people it changes are stale. The
   * rest (exclusions, the status bar) changes no finding.
   */
  setConfig(config: MeetingNotesConfig): void {
    const before = this.configValue;
    const same = (key: keyof MeetingNotesConfig) => JSON.stringify(before[key]) === JSON.stringify(config[key]);
    const peopleChanged = !same('people') || !same('owner');
    if (peopleChanged) this.newRegistry();
    this.configValue = config;
    if (!same('taskStatuses') || !same('rules') || !same('requiredFields') || !same('listFields')) {
      for (const uri of this.notes.keys()) this.staleNotes.add(uri);
      this.emit({ updated: [], removed: [], stale: [...this.notes.keys()], registryChanged: false });
    }
    if (peopleChanged) this.emit({ updated: [], removed: [], stale: [], registryChanged: true });
  }

  /** The vault's files, as the link rules and the editor's links resolve names against them. */
  get vaultFiles(): VaultFiles {
    return this.files;
  }

  /**
   * Every file of the vault (`roots`: the vault folders' uris). Notes whose links now find other
   * files are reported stale.
   */
  setVaultFiles(roots: readonly string[], uris: Iterable<string>): void {
    this.adoptVaultFiles(VaultFiles.of(roots, uris));
  }

  /** As setVaultFiles, with the files gathered apart (`VaultFiles.gathering`), a part at a time. */
  adoptVaultFiles(listed: VaultFiles): void {
    const wasKnown = this.files.known;
    const changed = this.files.replaceWith(listed);
    // Until now nothing was known: every note with links may have been checked without files.
    this.recheckLinks(wasKnown ? changed : undefined);
  }

  /** Files created (or renamed to) in the vault. */
  addVaultFiles(uris: Iterable<string>): void {
    const changed = new Set<string>();
    for (const uri of uris) {
      const key = this.files.add(uri);
      if (key !== undefined) changed.add(key);
    }
    this.recheckLinks(changed);
  }

  /** Files (or folders, by uri) deleted from the vault, or renamed away. */
  deleteVaultFiles(uris: Iterable<string>): void {
    const changed = new Set<string>();
    for (const uri of uris) for (const key of this.files.delete(uri)) changed.add(key);
    this.recheckLinks(changed);
  }

  /** Marks stale the notes looking up these keys (all notes: undefined) whose answers changed. */
  private recheckLinks(keys: Set<string> | undefined): void {
    const candidates = new Set<string>();
    if (keys === undefined) {
      for (const [uri, n] of this.notes) if (n.links.length) candidates.add(uri);
    }
    else {
      for (const key of keys) {
        const uris = this.notesByLinkKey.get(key);
        if (typeof uris === 'string') candidates.add(uris);
        else for (const uri of uris ?? []) candidates.add(uri);
      }
    }
    const stale: string[] = [];
    for (const uri of candidates) {
      const record = this.notes.get(uri)!;
      if (this.staleNotes.has(uri) || this.files.answersFor(record.links) === record.linksChecked) continue;
      this.staleNotes.add(uri);
      stale.push(uri);
    }
    if (stale.length) this.emit({ updated: [], removed: [], stale, registryChanged: false });
  }

  issues(uri: string): IssueInfo[] {
    return this.notes.get(uri)?.issues ?? [];
  }

  /** Groups many changes (a first scan, a bulk edit) into one event. */
  batch<T>(work: () => T): T {
    this.batchDepth++;
    try {
      return work();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) this.flush();
    }
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Call before the person notes or people settings change: the registry as it was is kept for comparing. */
  private newRegistry(): void {
    this.pastRegistries.set(this.generation, this.registry);
    this.registryValue = undefined;
    this.generation++;
    this.pending.registryChanged = true;
  }

  /** Notes checked with an earlier registry whose people rules would now answer differently. */
  private outdatedByRegistry(): string[] {
    if (!this.pastRegistries.size) return [];
    const current = this.registry;
    const answers = new Map<PeopleRegistry, Map<string, string>>();
    const answer = (registry: PeopleRegistry, name: string) => {
      let memo = answers.get(registry);
      if (!memo) answers.set(registry, (memo = new Map()));
      let a = memo.get(name);
      if (a === undefined) memo.set(name, (a = answersFor(registry, name)));
      return a;
    };
    const outdated: string[] = [];
    for (const [uri, generation] of this.checkedWith) {
      if (generation === this.generation) continue;
      const past = this.pastRegistries.get(generation);
      const note = this.notes.get(uri)!;
      // No rule reads the owner but through `Myself`, whose answer the names compare: a person note
      // with the alias Myself, met during a scan, leaves the notes that do not say Myself alone.
      const differs =
        !past ||
        past.isEmpty !== current.isEmpty ||
        [...note.names, ...note.otherNames].some((name) => answer(past, name) !== answer(current, name));
      this.checkedWith.set(uri, this.generation);
      if (differs && !this.staleNotes.has(uri)) {
        this.staleNotes.add(uri);
        outdated.push(uri);
      }
    }
    this.pastRegistries.clear();
    return outdated;
  }

  private emit(change: IndexChange): void {
    this.pending.updated.push(...change.updated);
    this.pending.removed.push(...change.removed);
    this.pending.stale.push(...change.stale);
    this.pending.registryChanged ||= change.registryChanged;
    if (this.batchDepth === 0) this.flush();
  }

  private flush(): void {
    const outdated = this.outdatedByRegistry();
    const { updated, removed, stale, registryChanged } = this.pending;
    stale.push(...outdated);
    if (!updated.length && !removed.length && !stale.length && !registryChanged) return;
    this.pending = { updated: [], removed: [], stale: [], registryChanged: false };
    const change: IndexChange = {
      updated: [...new Set(updated)].filter((u) => this.notes.has(u)),
      removed: [...new Set(removed)].filter((u) => !this.notes.has(u)),
      stale: [...new Set(stale)].filter((u) => this.staleNotes.has(u)),
      registryChanged,
    };
    for (const listener of [...this.listeners]) listener(change);
  }
}
