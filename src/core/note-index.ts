import { DEFAULT_CONFIG, type MeetingNotesConfig } from './config';
import type { Note } from './note';
import { fileTextOf, noteType } from './note';
import { parseNote } from './parse-note';
import { PeopleRegistry } from './people';
import { checkNote, type Issue } from './rules';

export interface IndexChange {
  /** Notes added or whose text changed. */
  updated: string[];
  removed: string[];
  /**
   * True when what every note is checked against changed (the people registry or the settings): the
   * issues of every note may differ, but no note was re-parsed.
   */
  allIssuesChanged: boolean;
}

export type Listener = (change: IndexChange) => void;

/**
 * The one index every view reads: parsed notes by uri, the people registry derived from person notes,
 * and issues computed on demand and cached until the note, the registry or the settings change.
 */
export class NoteIndex {
  private readonly notes = new Map<string, Note>();
  private readonly issueCache = new Map<string, Issue[]>();
  private registryCache: PeopleRegistry | undefined;
  private readonly listeners = new Set<Listener>();
  private batchDepth = 0;
  private pending: IndexChange = { updated: [], removed: [], allIssuesChanged: false };

  constructor(private configValue: MeetingNotesConfig = structuredClone(DEFAULT_CONFIG) as MeetingNotesConfig) {}

  get config(): MeetingNotesConfig {
    return this.configValue;
  }

  get size(): number {
    return this.notes.size;
  }

  get(uri: string): Note | undefined {
    return this.notes.get(uri);
  }

  has(uri: string): boolean {
    return this.notes.has(uri);
  }

  all(): IterableIterator<Note> {
    return this.notes.values();
  }

  get registry(): PeopleRegistry {
    this.registryCache ??= PeopleRegistry.build(this.notes.values(), this.configValue);
    return this.registryCache;
  }

  /** Adds or replaces a note. Setting the same text again is a no-op and fires nothing. */
  set(uri: string, text: string): Note {
    const previous = this.notes.get(uri);
    if (previous && fileTextOf(previous) === text) return previous;
    const note = parseNote(uri, text, { taskStatuses: this.configValue.taskStatuses });
    this.notes.set(uri, note);
    this.issueCache.delete(uri);
    const registryChanged = isPersonNote(previous) || isPersonNote(note);
    if (registryChanged) this.invalidateRegistry();
    this.emit({ updated: [uri], removed: [], allIssuesChanged: registryChanged });
    return note;
  }

  delete(uri: string): void {
    const previous = this.notes.get(uri);
    if (!previous) return;
    this.notes.delete(uri);
    this.issueCache.delete(uri);
    const registryChanged = isPersonNote(previous);
    if (registryChanged) this.invalidateRegistry();
    this.emit({ updated: [], removed: [uri], allIssuesChanged: registryChanged });
  }

  /** New settings: task statuses affect parsing, so notes are re-parsed only when those changed. */
  setConfig(config: MeetingNotesConfig): void {
    const reparse = JSON.stringify(config.taskStatuses) !== JSON.stringify(this.configValue.taskStatuses);
    this.configValue = config;
    if (reparse) {
      for (const [uri, note] of this.notes) {
        this.notes.set(uri, parseNote(uri, fileTextOf(note), { taskStatuses: config.taskStatuses }));
      }
    }
    this.invalidateRegistry();
    this.emit({ updated: [], removed: [], allIssuesChanged: true });
  }

  issues(uri: string): Issue[] {
    const cached = this.issueCache.get(uri);
    if (cached) return cached;
    const note = this.notes.get(uri);
    if (!note) return [];
    const issues = checkNote({ note, registry: this.registry, config: this.configValue });
    this.issueCache.set(uri, issues);
    return issues;
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

  private invalidateRegistry(): void {
    this.registryCache = undefined;
    this.issueCache.clear();
  }

  private emit(change: IndexChange): void {
    this.pending.updated.push(...change.updated);
    this.pending.removed.push(...change.removed);
    this.pending.allIssuesChanged ||= change.allIssuesChanged;
    if (this.batchDepth === 0) this.flush();
  }

  private flush(): void {
    const { updated, removed, allIssuesChanged } = this.pending;
    if (!updated.length && !removed.length && !allIssuesChanged) return;
    this.pending = { updated: [], removed: [], allIssuesChanged: false };
    const removedSet = new Set(removed);
    const change: IndexChange = {
      updated: [...new Set(updated)].filter((u) => this.notes.has(u)),
      removed: [...removedSet].filter((u) => !this.notes.has(u)),
      allIssuesChanged,
    };
    for (const listener of [...this.listeners]) listener(change);
  }
}

function isPersonNote(note: Note | undefined): boolean {
  return !!note && noteType(note)?.toLowerCase() === 'person';
}
