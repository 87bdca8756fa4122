import * as vscode from 'vscode';
import {
  checkNote,
  inSkippedFolder,
  NoteFiles,
  readCacheInSteps,
  VaultFiles,
  type CacheReadResult,
  parseNote,
  sameStamp,
  cacheParts,
  settledStamp,
  resultSettingsKey,
  type CacheEntry,
  type FileStamp,
  type IndexedNote,
  type Issue,
  type MeetingNotesConfig,
  type Note,
  type NoteIndex,
} from '../core';
import { isMarkdownUri } from './convert';
import { noteFileSystem } from './files';
import { decodeNote, overSizeLimit, unreadable } from './note-read';
import { filesExcludeOf, listWorkspaceFiles } from './workspace-files';
import type { ScanJob, ScanResult } from './scan-job';
import { startScanWorker } from './scan-worker-host';

/** Typing pauses shorter than this are one change; each file has its own timer. */
const DOCUMENT_DELAY_MS = 150;
const DISK_DELAY_MS = 100;
const READ_CONCURRENCY = 16;
/** The first scan reads notes in chunks so views fill in while a large vault is read. */
const SCAN_CHUNK = 250;
/** The longest the index may hold the extension host at a time; the rest waits for the next turn. */
const SLICE_MS = 25;
/** Cached records put back between looks at the clock (about 2 ms of work). */
const RESTORE_STEP = 200;
/** A scan with at least this many notes to read (and nothing from the cache) reads them on a worker thread, where there is one. */
const WORKER_MIN_NOTES = 500;
/** Stale notes are checked again in chunks of this many, open editors first. */
const RECHECK_CHUNK = 64;

/** After the last change, the cache is written this much later. */
const CACHE_SAVE_DELAY_MS = 3000;

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Told how long a synchronous step of the scan held the host, and what it was doing. */
type Held = (what: string, ms: number) => void;

/** Runs stepped work to its end, yielding to the host whenever a slice has run SLICE_MS; returns what the work returns. */
async function runInSlices<T>(steps: Generator<void, T>, what: string, held: Held): Promise<T> {
  let sliceStart = Date.now();
  let step = steps.next();
  while (!step.done) {
    if (Date.now() - sliceStart >= SLICE_MS) {
      held(what, Date.now() - sliceStart);
      await nextTurn();
      sliceStart = Date.now();
    }
    step = steps.next();
  }
  held(what, Date.now() - sliceStart);
  return step.value;
}

/** A usable cache: its records, and the size and modification time of each one's file now (undefined: gone or unreadable). */
type CachedNotes = Exclude<CacheReadResult, { ignored: string }> & { stamps: Map<string, FileStamp | undefined> };

/** Where and for which extension version the index is cached across window starts. */
export interface IndexCacheOptions {
  /** The cache file, in the extension's storage; undefined: no cache (no storage for this window). */
  file: vscode.Uri | undefined;
  version: string;
}

/** How the first scan may read notes off the host's thread. */
export interface ScanOptions {
  /** The scan worker's script (dist/scan-worker.js) on the disk; undefined: every note is read on the host's thread. */
  worker?: string;
  /** The fewest notes to read for which a worker is started (default 500: below, starting one costs more than it saves). */
  workerMinNotes?: number;
}

/** What the last scan did: for the log, the benchmarks and the tests. */
export interface ScanReport {
  notes: number;
  /** Notes read and parsed. */
  read: number;
  /** Notes that came back from the cache unread. */
  fromCache: number;
  /** Of `read`: notes a worker thread read and indexed. */
  inWorker: number;
  /** Why the cache was not used, when it was not. */
  cacheIgnored: string | undefined;
  ms: number;
  /** Who listed the workspace's files: a walk of the disk, or the workbench (findFiles). */
  lister: 'disk' | 'findFiles';
  /** Of `ms`: listing the workspace's files, waiting for files (and the cache) to be read, and indexing them (in slices). */
  listMs: number;
  readMs: number;
  indexMs: number;
  longestSliceMs: number;
  /** What the scan was doing in its longest slice. */
  longestSliceWhat: string;
}

/** A uri's path inside a workspace folder that holds it (with `/`). */
function pathIn(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return uri.path.slice(folder.uri.path.replace(/\/$/u, '').length + 1);
}

/**
 * Feeds the NoteIndex from the workspace: a first scan (every file, as findFiles lists them, with
 * files.exclude honoured), a file watcher, and open documents, whose unsaved text overrides the disk.
 * Files are read through workspace.fs so the same code can run in a web extension host (a Node host
 * reads `file:` notes from the disk directly, see files.ts).
 */
export class WorkspaceIndex implements vscode.Disposable {
  readonly ready: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped for every scheduled update of a uri, so a slow disk read cannot overwrite a newer state. */
  private readonly generations = new Map<string, number>();
  private noteFiles = new NoteFiles([]);
  private disposed = false;
  /** The parsed note of each open document, by version: providers share one parse per edit. */
  private readonly parsed = new Map<string, { version: number; statuses: object; note: Note }>();
  /** Notes whose findings wait to be checked again with their text (registry or settings changed). */
  private readonly staleQueue = new Set<string>();
  /** Whether drainStale's loop runs, and the promise that ends with it. */
  private draining = false;
  private drainRun: Promise<void> = Promise.resolve();
  /** Size and modification time of the disk text each note's record came from; none when it came from an editor. */
  private readonly stamps = new Map<string, FileStamp>();
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly files = noteFileSystem();
  /** The scan running, if one is; a scan asked for meanwhile runs right after it, in the same promise. */
  private scanRun: Promise<void> | undefined;
  private rescanWanted = false;
  /** Stops the scan worker, while one runs. */
  private stopWorker: (() => void) | undefined;
  /** The notes a scan worker is reading, while one runs. */
  private workerNotes: Set<string> | undefined;

  constructor(
    private readonly index: NoteIndex,
    private readonly log: vscode.LogOutputChannel,
    private config: MeetingNotesConfig,
    private readonly cache: IndexCacheOptions = { file: undefined, version: '' },
    private readonly scanOptions: ScanOptions = {},
  ) {
    this.setExclude(config.exclude);
    // One watcher for everything: a folder deleted, moved or copied in is reported as one event for
    // the folder, not one per note inside it.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.created(uri)),
      watcher.onDidChange((uri) => {
        if (isMarkdownUri(uri)) this.scheduleDiskRead(uri);
      }),
      watcher.onDidDelete((uri) => {
        this.index.deleteVaultFiles([uri.toString()]);
        this.onDeleted(uri);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.onDocument(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.onDocument(e.document, DOCUMENT_DELAY_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
      index.onDidChange((change) => {
        for (const uri of change.removed) this.stamps.delete(uri);
        this.scheduleCacheSave();
        if (!change.stale.length) return;
        for (const uri of change.stale) this.staleQueue.add(uri);
        void this.drainStale();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.filesExcluded.clear();
        void this.scan();
      }),
      // The listing honours files.exclude, so a change to it changes which notes exist.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.followSymlinks')) {
          this.filesExcluded.clear();
          void this.scan();
        }
      }),
    );
    this.ready = this.scan();
  }

  updateConfig(config: MeetingNotesConfig): void {
    const excludeChanged = JSON.stringify(config.exclude) !== JSON.stringify(this.config.exclude);
    // A new size limit changes which notes can be read: every note is read again.
    const limitChanged = config.maxFileSize !== this.config.maxFileSize;
    this.config = config;
    if (excludeChanged) this.setExclude(config.exclude);
    if (excludeChanged || limitChanged) void this.scan();
  }

  private setExclude(globs: readonly string[]): void {
    this.noteFiles = new NoteFiles(globs);
  }

  /** The path of a uri inside its workspace folder, or undefined outside every folder. */
  private relativePath(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? pathIn(folder, uri) : undefined;
  }

  /** Whether a uri is a note of the workspace, as the CLI would decide for the same vault. */
  isWorkspaceNote(uri: vscode.Uri): boolean {
    const rel = this.relativePath(uri);
    return rel !== undefined && this.noteFiles.isNote(rel);
  }

  /** Each workspace folder's files.exclude as a test (see filesExcludeOf), by the folder's uri; made when first asked for. */
  private readonly filesExcluded = new Map<string, ((rel: string) => boolean) | undefined>();

  /**
   * A note of the workspace that the scan's listing would give: files.exclude applies to notes that
   * appear or change while the window is open too, as it does to the first scan. (Where the workbench
   * alone can judge files.exclude, every note counts, as before.)
   */
  private isListedNote(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const rel = pathIn(folder, uri);
    if (!this.noteFiles.isNote(rel)) return false;
    const key = folder.uri.toString();
    if (!this.filesExcluded.has(key)) this.filesExcluded.set(key, filesExcludeOf(folder));
    const excluded = this.filesExcluded.get(key);
    if (!excluded) return true;
    // The note, or a folder it is in (the walk does not enter an excluded folder).
    for (let end = rel.indexOf('/'); end >= 0; end = rel.indexOf('/', end + 1)) if (excluded(rel.slice(0, end))) return false;
    return !excluded(rel);
  }

  /** A file that wikilinks can name: inside a workspace folder, outside the skipped folders (.git, .obsidian, …). */
  private isVaultFile(uri: vscode.Uri): boolean {
    const rel = this.relativePath(uri);
    return rel !== undefined && !inSkippedFolder(rel);
  }

  /**
   * A file or folder that appeared (created, moved or copied in): a note is read; its files join the
   * vault's files, for the links; and the notes inside a new folder are read. One stat and one listing
   * serve both.
   */
  private async created(uri: vscode.Uri): Promise<void> {
    const markdown = isMarkdownUri(uri);
    if (markdown) this.scheduleDiskRead(uri);
    const linkable = this.isVaultFile(uri);
    // A dependency install or a build creates many folders: only look inside ones that can hold notes.
    const mayHoldNotes = !markdown && this.isInIndexedFolder(uri);
    if (!linkable && !mayHoldNotes) return;
    let type: vscode.FileType;
    try {
      type = (await vscode.workspace.fs.stat(uri)).type;
    } catch {
      return; // gone again
    }
    if (this.disposed) return;
    if (!(type & vscode.FileType.Directory)) {
      if (linkable) this.index.addVaultFiles([uri.toString()]);
      return;
    }
    const inside = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'));
    if (linkable) this.index.addVaultFiles(inside.filter((u) => this.isVaultFile(u)).map((u) => u.toString()));
    // A link to a folder elsewhere is not followed for notes, as before.
    if (mayHoldNotes && type === vscode.FileType.Directory) for (const found of inside) if (isMarkdownUri(found)) this.scheduleDiskRead(found);
  }

  /** A folder inside a workspace folder that can hold notes. */
  private isInIndexedFolder(uri: vscode.Uri): boolean {
    const rel = this.relativePath(uri);
    return rel !== undefined && this.noteFiles.holdsNotes(rel);
  }

  private isTracked(doc: vscode.TextDocument): boolean {
    if (doc.languageId !== 'markdown') return false;
    if (doc.uri.scheme === 'untitled') return true;
    // Inside a folder: the notes the scan would take. Outside (a loose file): checked while open.
    // Other schemes (git:, output:, diff views) are never notes.
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    return folder ? this.isWorkspaceNote(doc.uri) : doc.uri.scheme === 'file' || doc.uri.scheme === 'vscode-remote';
  }

  /** Scans the workspace; while a scan runs, another is queued behind it (one at a time, never two interleaved). */
  private scan(): Promise<void> {
    if (this.scanRun) {
      this.rescanWanted = true;
      return this.scanRun;
    }
    const run = async () => {
      try {
        do {
          this.rescanWanted = false;
          await this.scanOnce();
        } while (this.rescanWanted && !this.disposed);
      } finally {
        this.scanRun = undefined;
      }
      this.scheduleCacheSave();
    };
    this.scanRun = run();
    return this.scanRun;
  }

  private async scanOnce(): Promise<void> {
    const started = Date.now();
    let longestSlice = 0;
    let longestWhat = '';
    const held: Held = (what, ms) => {
      if (ms > longestSlice) {
        longestSlice = ms;
        longestWhat = what;
      }
    };
    let indexMs = 0;
    let readMs = 0;
    let listMs = 0;
    /** Runs work in slices of at most SLICE_MS, yielding in between so the host stays responsive. */
    const sliced = async <T>(items: readonly T[], each: (item: T, i: number) => void): Promise<boolean> => {
      for (let j = 0; j < items.length; ) {
        if (this.disposed) return false;
        const sliceStart = Date.now();
        this.index.batch(() => {
          for (; j < items.length && (Date.now() - sliceStart < SLICE_MS || j === 0); j++) each(items[j]!, j);
        });
        held('indexing notes', Date.now() - sliceStart);
        indexMs += Date.now() - sliceStart;
        await nextTurn();
      }
      return true;
    };
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Meeting Notes: indexing notes' }, async (progress) => {
      // Every file, not only the notes: links name transcripts and attachments, in excluded folders too.
      const listStarted = Date.now();
      // The files are listed; meanwhile the cache is read and decoded, and its notes stat'ed.
      const listing = listWorkspaceFiles(this.files);
      const cached = this.readCache(held).then(async (parsed): Promise<CachedNotes | { ignored: string }> => ('ignored' in parsed ? parsed : { ...parsed, stamps: await this.statCached(parsed, held) }));
      const { uris: listed, lister } = await listing;
      listMs = Date.now() - listStarted;
      // Sorted into the vault's files and its notes (person notes first, so that the registry is
      // complete before most notes are checked) a slice at a time: ten thousand folder lookups add up.
      const peopleFolder = this.config.peopleFolder.split('/').filter(Boolean).join('/');
      const vaultFiles = VaultFiles.gathering((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()));
      const people: vscode.Uri[] = [];
      const others: vscode.Uri[] = [];
      const fileUris: string[] = [];
      let sliceStart = Date.now();
      for (let i = 0; i < listed.length; i++) {
        if (i % 32 === 0 && Date.now() - sliceStart >= SLICE_MS) {
          held('listing the vault', Date.now() - sliceStart);
          await nextTurn();
          sliceStart = Date.now();
        }
        const uri = listed[i]!;
        const folder = vscode.workspace.getWorkspaceFolder(uri);
        if (!folder) continue;
        const root = folder.uri.path.replace(/\/$/u, '');
        const rel = uri.path.slice(root.length + 1);
        if (inSkippedFolder(rel)) continue; // not a vault file: links never name what is in .git, .obsidian, …
        const key = uri.toString();
        vaultFiles.add(key);
        fileUris.push(key);
        if (this.noteFiles.isNote(rel)) (uri.path.startsWith(`${root}/${peopleFolder}/`) ? people : others).push(uri);
      }
      held('listing the vault', Date.now() - sliceStart);
      sliceStart = Date.now();
      this.index.adoptVaultFiles(vaultFiles);
      const found = [...people, ...others];
      const seen = new Set(found.map((u) => u.toString()));
      held("the vault's files, for links", Date.now() - sliceStart);
      let t = Date.now();
      const { toRead, fromCache, ignored } = await this.restoreFromCache(found, seen, await cached, held);
      readMs += Date.now() - t;
      sliceStart = Date.now();
      this.index.batch(() => {
        for (const note of [...this.index.all()]) {
          if (!seen.has(note.uri) && !this.isOpen(vscode.Uri.parse(note.uri))) this.index.delete(note.uri);
        }
      });
      // Open documents win over the disk, and come first: the note the user looks at is checked first.
      this.index.batch(() => {
        for (const doc of vscode.workspace.textDocuments) if (this.isTracked(doc)) this.setFromDocument(doc);
      });
      held('open editors', Date.now() - sliceStart);
      let rest = toRead;
      let inWorker = 0;
      if (fromCache === 0 && toRead.length >= (this.scanOptions.workerMinNotes ?? WORKER_MIN_NOTES)) {
        t = Date.now();
        inWorker = await this.indexInWorker(toRead, fileUris, held, (done) => progress.report({ message: `${done} of ${toRead.length}` }));
        readMs += Date.now() - t;
        if (this.disposed) return;
        if (inWorker) rest = [];
      }
      for (let i = 0; i < rest.length; i += SCAN_CHUNK) {
        const chunk = rest.slice(i, i + SCAN_CHUNK);
        // A change met while reading (a file event, an editor) is newer than what the scan read: it wins.
        const before = chunk.map((uri) => this.generations.get(uri.toString()));
        t = Date.now();
        const read = await mapLimit(chunk, READ_CONCURRENCY, (uri) => this.readNote(uri));
        readMs += Date.now() - t;
        const done = await sliced(chunk, (uri, j) => {
          const key = uri.toString();
          if (this.generations.get(key) !== before[j] || this.isOpen(uri) || !this.isWorkspaceNote(uri)) return;
          this.setFromDisk(key, read[j]);
        });
        if (!done) return;
        progress.report({ message: `${Math.min(i + SCAN_CHUNK, rest.length)} of ${rest.length}` });
      }
      await this.drainStale();
      this.scanned = true;
      this.lastScan = { notes: found.length, read: toRead.length, fromCache, inWorker, cacheIgnored: ignored, ms: Date.now() - started, lister, listMs, readMs, indexMs, longestSliceMs: longestSlice, longestSliceWhat: longestWhat };
      this.log.info(
        `indexed ${found.length} notes in ${Date.now() - started} ms: ${fromCache} from the cache, ${toRead.length} read${inWorker ? ` (${inWorker} on a worker thread)` : ''}` +
          `${ignored ? ` (cache ignored: ${ignored})` : ''}; longest slice ${longestSlice} ms (${longestWhat})`,
      );
    });
  }

  lastScan: ScanReport | undefined;

  /** Whether a scan has run to its end: later scans read the notes, not the cache. */
  private scanned = false;

  /**
   * The cache's records, decoded a slice at a time (ten thousand entries take longer than the host
   * may be held), or why there are none to use.
   */
  private async readCache(held: Held): Promise<CacheReadResult> {
    if (!this.cache.file) return { ignored: 'no storage for this window' };
    // A rescan reads the notes; the first scan may meet notes set already (editors the window restored).
    if (this.scanned) return { ignored: 'a rescan reads the notes' };
    let bytes: Uint8Array;
    try {
      bytes = await this.files.read(this.cache.file);
    } catch {
      return { ignored: `no cache yet (${this.cache.file.toString()})` };
    }
    const { version } = this.cache;
    const config = this.config;
    // The text is decoded in the first slice: it is part of reading the cache.
    function* decoded(): Generator<void, CacheReadResult> {
      return yield* readCacheInSteps(new TextDecoder().decode(bytes), version, config);
    }
    return runInSlices(decoded(), 'reading the cache', held);
  }

  /** The size and modification time of each cached note's file now (undefined: gone or unreadable). */
  private async statCached(parsed: Exclude<CacheReadResult, { ignored: string }>, held: Held): Promise<Map<string, FileStamp | undefined>> {
    const keys = [...parsed.entries.keys()];
    const parse = function* (): Generator<void, vscode.Uri[]> {
      const uris: vscode.Uri[] = [];
      for (const key of keys) {
        uris.push(vscode.Uri.parse(key));
        if (uris.length % 64 === 0) yield;
      }
      return uris;
    };
    const stamps = await this.files.statAll(await runInSlices(parse(), 'reading the cache', held), nextTurn);
    return new Map(keys.map((key, i) => [key, stamps[i]]));
  }

  /**
   * Puts back every cached record (so the registry is the one their findings were checked with) and
   * returns the notes that must be read: new, or changed in size or modification time.
   */
  private async restoreFromCache(
    found: vscode.Uri[],
    seen: Set<string>,
    cached: CachedNotes | { ignored: string },
    held: Held,
  ): Promise<{ toRead: vscode.Uri[]; fromCache: number; ignored: string | undefined }> {
    if ('ignored' in cached) return { toRead: found, fromCache: 0, ignored: cached.ignored };
    let sliceStart = Date.now();
    const toRead: vscode.Uri[] = [];
    for (const uri of found) {
      const key = uri.toString();
      const entry = cached.entries.get(key);
      const stamp = cached.stamps.get(key);
      if (entry && stamp && sameStamp(entry, stamp)) this.stamps.set(key, stamp);
      else toRead.push(uri);
    }
    held('comparing stamps', Date.now() - sliceStart);
    // Put back a part at a time (person notes first); a note an editor or a file event set meanwhile
    // is newer than its record, which the index then leaves out.
    const records = [...cached.entries.values()].map((e) => e.record);
    await runInSlices(this.index.restoreInSteps(records, () => true, cached.checkedAgainst, RESTORE_STEP), 'restoring the cached records', held);
    sliceStart = Date.now();
    // Cached notes that are gone (deleted, excluded since) leave through the index, which tells whom that affects.
    this.index.batch(() => {
      for (const key of cached.entries.keys()) if (!seen.has(key)) this.index.delete(key);
    });
    held('dropping gone notes', Date.now() - sliceStart);
    return { toRead, fromCache: found.length - toRead.length, ignored: undefined };
  }

  /**
   * Reads and indexes notes on a worker thread (Node hosts, notes on the disk), then puts its records
   * back a part at a time, as from the cache. Returns how many notes the worker took; 0 when there is no
   * worker or it failed, and the caller reads them itself. A note changed or opened meanwhile keeps its
   * newer state.
   */
  private async indexInWorker(toRead: vscode.Uri[], files: string[], held: Held, progress: (done: number) => void): Promise<number> {
    const script = this.scanOptions.worker;
    if (!script || toRead.some((uri) => uri.scheme !== 'file')) return 0;
    const openAtStart = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const notes = toRead.map((uri): [string, string] => [uri.toString(), uri.fsPath]).filter(([key]) => !openAtStart.has(key));
    const before = new Map(notes.map(([key]) => [key, this.generations.get(key)]));
    const config = this.index.config;
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    const job: ScanJob = { version: this.cache.version, config, roots, files, notes };
    let result: ScanResult;
    // A folder deleted meanwhile takes these notes with it (onDeleted), though none is in the index yet.
    this.workerNotes = new Set(before.keys());
    try {
      const running = await startScanWorker(script, job, progress);
      if (!running) return 0;
      if (this.disposed) {
        running.stop();
        return notes.length;
      }
      this.stopWorker = running.stop;
      result = await running.result;
    } catch (e) {
      if (!this.disposed) this.log.warn(`the scan worker failed; reading the notes here instead: ${(e as Error).message}`);
      return 0;
    } finally {
      this.stopWorker = undefined;
      this.workerNotes = undefined;
    }
    if (this.disposed) return notes.length;
    // Settings that change findings, changed while the worker ran (or while this decodes): what it
    // found may not hold, and the notes are read here with the settings of now.
    const settingsNow = () => resultSettingsKey(this.index.config) === resultSettingsKey(config);
    const decoded = settingsNow()
      ? await runInSlices(readCacheInSteps(result.cache, this.cache.version, config), 'reading what the worker indexed', held)
      : { ignored: 'the settings changed meanwhile' };
    if ('ignored' in decoded || !settingsNow()) {
      this.log.info(`what the scan worker indexed is not used (${'ignored' in decoded ? decoded.ignored : 'the settings changed meanwhile'}); reading the notes here instead`);
      return 0;
    }
    let sliceStart = Date.now();
    const openNow = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const current = (key: string) => this.generations.get(key) === before.get(key) && !openNow.has(key);
    const unsettled = new Set(result.unsettled);
    const records: IndexedNote[] = [];
    for (const [key, entry] of decoded.entries) {
      if (!current(key)) continue;
      records.push(entry.record);
      if (unsettled.has(key)) this.stamps.delete(key); // too fresh to trust: read again next start
      else this.stamps.set(key, { size: entry.size, mtimeMs: entry.mtimeMs });
    }
    held('reading what the worker indexed', Date.now() - sliceStart);
    // A note the worker could not bring up to date (person notes changing under it) is checked again here.
    const stale = new Set(result.stale);
    await runInSlices(this.index.restoreInSteps(records, (r) => !stale.has(r.uri), decoded.checkedAgainst, RESTORE_STEP), 'restoring what the worker indexed', held);
    sliceStart = Date.now();
    this.index.batch(() => {
      for (const [key, message] of result.skipped) {
        this.log.warn(message);
        if (current(key)) this.index.delete(key);
      }
    });
    held('restoring what the worker indexed', Date.now() - sliceStart);
    return notes.length;
  }

  private setFromDisk(key: string, read: { text: string; stamp: FileStamp | undefined } | undefined): void {
    if (read === undefined) {
      this.index.delete(key);
      return;
    }
    this.index.set(key, read.text);
    if (read.stamp) this.stamps.set(key, read.stamp);
    else this.stamps.delete(key); // too fresh to trust: read again next start
  }

  private setFromDocument(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.index.set(key, doc.getText());
    // The record may hold unsaved text: the next start reads the file again.
    this.stamps.delete(key);
  }

  private scheduleCacheSave(): void {
    if (!this.cache.file || this.disposed) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => void this.saveCache(), CACHE_SAVE_DELAY_MS);
  }

  /**
   * Writes the records that came from the disk, beside the file first and then renamed into place.
   * Returns why nothing was written, if nothing was.
   */
  async saveCache(): Promise<string | undefined> {
    const file = this.cache.file;
    if (!file) return 'no storage for this window';
    if (this.scanRun || this.draining || this.index.staleUris().length) return 'the index is being brought up to date';
    const entries = new Map<string, CacheEntry>();
    for (const record of this.index.all()) {
      const stamp = this.stamps.get(record.uri);
      if (stamp) entries.set(record.uri, { ...stamp, record });
    }
    const people = [...this.index.people()]; // the registry those records were checked against, now
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
      // One temporary file per save: two windows (or two saves) never write into the same one.
      const temp = file.with({ path: `${file.path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp` });
      try {
        await vscode.workspace.fs.writeFile(temp, await cacheBytes(cacheParts(this.cache.version, this.config, entries, people, 100)));
        await vscode.workspace.fs.rename(temp, file, { overwrite: true });
      } catch (e) {
        await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
        throw e;
      }
      this.log.info(`index cache written: ${entries.size} notes, ${file.toString()}`);
      return undefined;
    } catch (e) {
      this.log.warn(`cannot write the index cache ${file.toString()}: ${(e as Error).message}`);
      return (e as Error).message;
    }
  }

  /**
   * Checks stale notes again with their text, open editors first, in small chunks between which the
   * host is free. Their old findings stay shown meanwhile.
   */
  private drainStale(): Promise<void> {
    // A drain already running takes what was queued meanwhile; callers wait for the queue to empty.
    if (!this.draining) this.drainRun = this.drainLoop();
    return this.drainRun;
  }

  private async drainLoop(): Promise<void> {
    this.draining = true;
    try {
      while (this.staleQueue.size && !this.disposed) {
        const queued = [...this.staleQueue];
        const open = queued.filter((u) => this.isOpen(vscode.Uri.parse(u)));
        const next = (open.length ? open : queued).slice(0, RECHECK_CHUNK);
        const before = next.map((u) => this.generations.get(u));
        const read = await mapLimit(next, READ_CONCURRENCY, async (u) => (this.isOpen(vscode.Uri.parse(u)) ? 'open' : this.readNote(vscode.Uri.parse(u))));
        this.index.batch(() => {
          next.forEach((uri, i) => {
            this.staleQueue.delete(uri);
            if (!this.index.isStale(uri)) return;
            const doc = this.openDocument(uri);
            const found = read[i];
            if (doc) this.setFromDocument(doc);
            // Closed while the others were read, or changed since: read again in a later round.
            else if (found === 'open' || this.generations.get(uri) !== before[i]) this.staleQueue.add(uri);
            else this.setFromDisk(uri, found);
          });
        });
        await nextTurn();
      }
    } finally {
      // Set in the same turn as the loop's last check: nothing can be queued in between unseen.
      this.draining = false;
    }
  }

  private openDocument(key: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  /**
   * The one loader: a note as it is now (the open document, else the file on disk), fully parsed,
   * for edits and fixes. It never writes the index.
   */
  async loadNote(uri: vscode.Uri): Promise<Note | undefined> {
    const doc = this.openDocument(uri.toString());
    if (doc) return this.noteFor(doc) ?? parseNote(uri.toString(), doc.getText(), { taskStatuses: this.index.config.taskStatuses });
    const read = await this.readNote(uri);
    return read === undefined ? undefined : parseNote(uri.toString(), read.text, { taskStatuses: this.index.config.taskStatuses });
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  }

  private async readNote(uri: vscode.Uri): Promise<{ text: string; stamp: FileStamp | undefined } | undefined> {
    const name = uri.fsPath || uri.toString();
    try {
      const readStarted = Date.now();
      const stat = await this.files.stat(uri);
      const over = overSizeLimit(name, stat.size, this.config.maxFileSize);
      if (over) {
        this.log.warn(over);
        return undefined;
      }
      const decoded = decodeNote(name, await this.files.read(uri));
      if ('problem' in decoded) {
        this.log.warn(decoded.problem);
        return undefined;
      }
      return { text: decoded.text, stamp: settledStamp(stat, readStarted) };
    } catch (e) {
      this.log.warn(unreadable(uri.toString(), e));
      return undefined;
    }
  }

  private schedule(key: string, delay: number, work: (generation: number) => void | Promise<void>): void {
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void work(generation);
      }, delay),
    );
  }

  private isCurrent(key: string, generation: number): boolean {
    return !this.disposed && this.generations.get(key) === generation;
  }

  private scheduleDiskRead(uri: vscode.Uri, evenIfOpen = false): void {
    if (!this.isListedNote(uri) || (!evenIfOpen && this.isOpen(uri))) return;
    const key = uri.toString();
    this.schedule(key, DISK_DELAY_MS, async (generation) => {
      const read = await this.readNote(uri);
      if (!this.isCurrent(key, generation) || this.isOpen(uri)) return;
      this.setFromDisk(key, read);
    });
  }

  private onDeleted(uri: vscode.Uri): void {
    if (isMarkdownUri(uri)) this.scheduleDelete(uri);
    const prefix = `${uri.toString().replace(/\/$/u, '')}/`;
    for (const note of [...this.index.all()]) {
      if (note.uri.startsWith(prefix)) this.scheduleDelete(vscode.Uri.parse(note.uri));
    }
    // Notes a scan worker is reading: the deletion makes what it read of them out of date.
    for (const key of this.workerNotes ?? []) {
      if (key.startsWith(prefix)) this.scheduleDelete(vscode.Uri.parse(key));
    }
  }

  private scheduleDelete(uri: vscode.Uri): void {
    const key = uri.toString();
    this.schedule(key, DISK_DELAY_MS, (generation) => {
      // A deleted file's problems go, even if a (saved) editor still shows it; unsaved text stays.
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (this.isCurrent(key, generation) && !doc?.isDirty) this.index.delete(key);
    });
  }

  private onDocument(doc: vscode.TextDocument, delay: number): void {
    if (!this.isTracked(doc)) return;
    const key = doc.uri.toString();
    const update = (generation: number) => {
      // Read the text when the timer fires, so the newest version is the one indexed.
      if (this.isCurrent(key, generation) && !doc.isClosed) this.setFromDocument(doc);
    };
    if (delay === 0) {
      const generation = (this.generations.get(key) ?? 0) + 1;
      this.generations.set(key, generation);
      update(generation);
    } else {
      this.schedule(key, delay, update);
    }
  }

  /**
   * The note of a document exactly as it is now, skipping the typing delay (code actions, hovers and
   * edits must be computed on this text); undefined for a document that is not a note. Parsed once
   * per version; the index is left to the debounced update, its only writer.
   */
  noteFor(doc: vscode.TextDocument): Note | undefined {
    if (!this.isTracked(doc)) return undefined;
    const key = doc.uri.toString();
    const statuses = this.index.config.taskStatuses;
    const known = this.parsed.get(key);
    if (known && known.version === doc.version && known.statuses === statuses) return known.note;
    const note = parseNote(key, doc.getText(), { taskStatuses: statuses });
    this.parsed.set(key, { version: doc.version, statuses, note });
    return note;
  }

  /** A note's findings with their fixes, against the index's registry and settings. */
  issuesFor(note: Note): Issue[] {
    return checkNote({ note, registry: this.index.registry, config: this.index.config, files: this.index.vaultFiles });
  }

  private onClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.parsed.delete(key);
    if (!this.index.has(key)) return;
    if (this.isListedNote(doc.uri)) {
      // Unsaved changes are gone: the disk is the truth again.
      this.scheduleDiskRead(doc.uri, true);
    } else {
      this.schedule(key, 0, (generation) => {
        if (this.isCurrent(key, generation)) this.index.delete(key);
      });
    }
  }

  dispose(): void {
    this.stopWorker?.();
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The cache's parts as one buffer, without first making them one string, encoded a slice at a time
 * (the records are a snapshot: the index may change meanwhile, what is written does not).
 */
async function cacheBytes(parts: Iterable<string>): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let sliceStart = Date.now();
  for (const part of parts) {
    chunks.push(encoder.encode(part));
    if (Date.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = Date.now();
    }
  }
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
