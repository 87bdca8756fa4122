import { promises as fs, lstatSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { createScanner, parse as parseJsonc, printParseErrorCode, type ParseError, type SyntaxKind } from 'jsonc-parser';
import { inSkippedFolder, pickMeetingNotesSettings, resolveConfig, type MeetingNotesConfig } from '../core/config';
import { settledStamp, type FileStamp } from '../core/index-cache';
import { NoteFiles } from '../core/note-files';
import { RULE_CODES } from '../core/rules';
import { readTasksPluginStatuses, TASKS_PLUGIN_PROPOSALS, TASKS_PLUGIN_SETTINGS, withTasksPluginStatuses, type TasksPluginStatuses } from '../core/tasks-plugin';
import { isInside, readListedFile, readRegularFile, sha256, type ReadIdentity } from './safe-fs';

export interface Problem {
  /** Path as shown to the user (relative to the current folder). */
  file: string;
  message: string;
}

export interface LoadedFile {
  absPath: string;
  text: string;
  /** Size and modification time when read, for the cache; undefined when too fresh to trust (see settledStamp). */
  stamp: FileStamp | undefined;
  /** What was read, so that a fix is written only over these very bytes (when read `forWrite`). */
  identity: ReadIdentity | undefined;
}

export interface Vault {
  root: string;
  /** The root with every link resolved: no note whose real path lies outside it is read or written. */
  realRoot: string;
  config: MeetingNotesConfig;
  /**
   * Every markdown file of the vault (person notes elsewhere in it count for the registry), those in
   * the people folder first: the registry is complete before most notes are checked. Read one at a
   * time: the index keeps no text.
   */
  paths: string[];
  /** Every file of the vault (outside the skipped folders, excluded ones included): what wikilinks resolve against. */
  files: string[];
  /** The paths of `paths` the listing gave as regular files (not links): see `ReadOptions.listedRegular`. */
  regular: ReadonlySet<string>;
  /** Problems that make the run fail (exit 2): unreadable files, broken settings. */
  errors: Problem[];
  /** Reported but not failing: files over the size limit, settings of the wrong shape. */
  notices: Problem[];
  /** The Obsidian Tasks plugin's settings, when the vault has them (their statuses are in `config`). */
  tasksPlugin: { file: string; statuses: TasksPluginStatuses } | undefined;
}

export function display(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absPath).split(path.sep).join('/');
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The vault a path belongs to: the nearest folder at or above it holding `.vscode` or `.obsidian`,
 * else the path itself when it is a folder, else its parent.
 */
export async function findVaultRoot(target: string): Promise<string> {
  const start = (await isDir(target)) ? target : path.dirname(target);
  let dir = start;
  for (;;) {
    if ((await isDir(path.join(dir, '.vscode'))) || (await isDir(path.join(dir, '.obsidian'))) || (await isDir(path.join(dir, '.git')))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/** Deeper than any real settings file; jsonc-parser recurses per level and would overflow the stack at a few thousand. */
const MAX_SETTINGS_NESTING = 256;

/** More than a settings file ever holds; read no further. */
const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

/** Every rule code a `meetingNotes.rules` entry may name. */
const KNOWN_RULE_CODES: readonly string[] = [...RULE_CODES, TASKS_PLUGIN_PROPOSALS];

/** jsonc-parser's `SyntaxKind` values (a const enum, which isolated modules cannot read). */
const TOKEN = { OpenBrace: 1 as SyntaxKind, CloseBrace: 2 as SyntaxKind, OpenBracket: 3 as SyntaxKind, CloseBracket: 4 as SyntaxKind, EOF: 17 as SyntaxKind };

/**
 * How a settings text is made: `empty` when it holds nothing but whitespace and comments (VS Code
 * reads that as no settings), `tooDeep` at the first bracket nested deeper than `MAX_SETTINGS_NESTING`.
 * The scanner is a loop, so this is safe on any text, unlike parsing it.
 */
function settingsShape(text: string): { empty: boolean; tooDeep: number | undefined } {
  const scanner = createScanner(text, true); // trivia and comments skipped
  let empty = true;
  let depth = 0;
  for (let token = scanner.scan(); token !== TOKEN.EOF; token = scanner.scan()) {
    empty = false;
    if (token === TOKEN.OpenBrace || token === TOKEN.OpenBracket) {
      if (++depth > MAX_SETTINGS_NESTING) return { empty, tooDeep: scanner.getTokenOffset() };
    } else if (token === TOKEN.CloseBrace || token === TOKEN.CloseBracket) {
      depth = Math.max(0, depth - 1);
    }
  }
  return { empty, tooDeep: undefined };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

async function readSettings(root: string, cwd: string, errors: Problem[], notices: Problem[]): Promise<MeetingNotesConfig> {
  const file = path.join(root, '.vscode', 'settings.json');
  const shown = display(file, cwd);
  const defaults = () => resolveConfig({}, { ruleCodes: KNOWN_RULE_CODES }).config;
  let text: string;
  try {
    const read = readRegularFile(file, MAX_SETTINGS_BYTES);
    if (!read.ok) {
      const why = read.refused === 'not-regular' ? `it is ${read.kind}, not a regular file` : `it is over ${MAX_SETTINGS_BYTES} bytes`;
      errors.push({ file: shown, message: `settings not read: ${why}; using the defaults` });
      return defaults();
    }
    // A byte-order mark is valid in a settings file (VS Code reads past it); the parser is not told of it.
    text = read.bytes.toString('utf8').replace(/^\uFEFF/u, '');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') errors.push({ file: shown, message: `cannot read settings: ${(e as Error).message}` });
    return defaults();
  }
  const shape = settingsShape(text);
  if (shape.empty) return defaults(); // an empty file, or only comments: no settings, as in VS Code
  if (shape.tooDeep !== undefined) {
    errors.push({ file: shown, message: `settings nest brackets more than ${MAX_SETTINGS_NESTING} deep (at line ${lineAt(text, shape.tooDeep)}); using the defaults` });
    return defaults();
  }
  const parseErrors: ParseError[] = [];
  const settings: unknown = parseJsonc(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length) {
    const first = parseErrors[0]!;
    errors.push({ file: shown, message: `settings are not valid JSONC (${printParseErrorCode(first.error)} at line ${lineAt(text, first.offset)}); using the defaults` });
    return defaults();
  }
  const raw = typeof settings === 'object' && settings !== null && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
  const { config, problems } = resolveConfig(pickMeetingNotesSettings(raw), { ruleCodes: KNOWN_RULE_CODES });
  for (const message of problems) notices.push({ file: shown, message });
  return config;
}

async function walk(
  dir: string,
  notes: NoteFiles,
  out: string[],
  problems: { errors: Problem[]; notices: Problem[] },
  cwd: string,
  files: string[],
  regular: Set<string>,
  relDir = '',
): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    // A folder that holds no notes is only listed for links: not being able to read it fails nothing.
    if (notes.holdsNotes(relDir)) problems.errors.push({ file: display(dir, cwd), message: `cannot read folder: ${(e as Error).message}` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  // A listed name holds no separator and is never `.` or `..`: joined as path.join would, without its normalizing.
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  for (const entry of entries) {
    const abs = prefix + entry.name;
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      // Excluded folders hold no notes but may hold what links name (transcripts): their files are listed.
      if (!inSkippedFolder(rel)) await walk(abs, notes, out, problems, cwd, files, regular, rel);
      continue;
    }
    files.push(abs);
    if (!notes.isNote(rel)) {
      continue;
    } else if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice()) {
      // Named like a note, but reading it would wait forever or never end.
      const kind = entry.isFIFO() ? 'a FIFO' : entry.isSocket() ? 'a socket' : 'a device';
      problems.notices.push({ file: display(abs, cwd), message: `skipped: it is ${kind}, not a regular file` });
    } else {
      out.push(abs); // a file, or a link: followed, and judged, when it is read
      if (entry.isFile()) regular.add(abs);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Finds a vault's settings and markdown files. Reading them is left to `readNoteFile`, one at a time. */
export async function loadVault(folder: string, cwd: string): Promise<Vault> {
  const root = path.resolve(folder); // normalized: the walk joins names to it as path.join would
  const errors: Problem[] = [];
  const notices: Problem[] = [];
  const realRoot = realPathOf(root);
  const ours = await readSettings(root, cwd, errors, notices);
  const tasksPlugin = await readTasksPlugin(root, cwd, notices);
  const config = withTasksPluginStatuses(ours, tasksPlugin?.statuses);
  const found: string[] = [];
  const files: string[] = [];
  const regular = new Set<string>();
  await walk(root, new NoteFiles(config.exclude), found, { errors, notices }, cwd, files, regular);
  const peopleFolder = path.join(root, config.peopleFolder) + path.sep;
  const inPeople = found.filter((p) => p.startsWith(peopleFolder));
  const paths = [...inPeople, ...found.filter((p) => !p.startsWith(peopleFolder))];
  return { root, realRoot, config, paths, files, regular, errors, notices, tasksPlugin };
}

/**
 * Obsidian Tasks' settings, for its statuses. Missing: nothing to add. Malformed or unreadable: a
 * notice, and our statuses alone.
 */
async function readTasksPlugin(root: string, cwd: string, notices: Problem[]): Promise<Vault['tasksPlugin']> {
  const file = path.join(root, ...TASKS_PLUGIN_SETTINGS.split('/'));
  let text: string;
  try {
    const read = readRegularFile(file, MAX_SETTINGS_BYTES);
    if (!read.ok && read.refused === 'not-regular') throw new Error(`${read.kind}, not a regular file`);
    if (!read.ok) throw new Error(`${read.size ?? 'more than ' + MAX_SETTINGS_BYTES} bytes, more than settings ever hold`);
    text = read.bytes.toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') notices.push({ file: display(file, cwd), message: `Obsidian Tasks settings not read: ${(e as Error).message}` });
    return undefined;
  }
  const statuses = readTasksPluginStatuses(text);
  for (const problem of statuses.problems) notices.push({ file: display(file, cwd), message: `Obsidian Tasks settings: ${problem}` });
  return { file, statuses };
}

export interface ReadOptions {
  maxFileSize: number;
  /** The vault's real path (`Vault.realRoot`): a note that links outside it is not read. */
  realRoot: string;
  /**
   * A file named on the command line: whatever keeps it from being checked is an error (exit 2),
   * where a file met on the walk gets a notice.
   */
  explicit?: boolean;
  /**
   * The vault's listing gave this path as a regular file: it is opened without following links and
   * without a stat first (a link put there since is found then, and judged as any link).
   */
  listedRegular?: boolean;
  /** A fix may be written over it: its `identity` (with a hash of the bytes) is kept. */
  forWrite?: boolean;
}

/**
 * Reads one note, reporting (never skipping silently) what it cannot read. Only a regular file is
 * read (a link is followed, but not out of the vault), and never more than `maxFileSize + 1` bytes.
 * Synchronous: ten thousand small reads are faster so.
 */
export function readNoteFile(absPath: string, options: ReadOptions, cwd: string, errors: Problem[], notices: Problem[]): LoadedFile | undefined {
  const file = () => display(absPath, cwd); // only when there is something to say
  const { maxFileSize } = options;
  const refuse = (message: string) => (options.explicit ? errors : notices).push({ file: file(), message });
  try {
    const readStarted = Date.now();
    let read = options.listedRegular ? readListedFile(absPath, maxFileSize) : undefined;
    if (!read) {
      // Only a link can lead out of the vault: the walk does not enter linked folders, and the paths
      // named on the command line are checked whole before they are read (see the CLI's `load`).
      if (lstatSync(absPath).isSymbolicLink() && !isInside(realpathSync.native(absPath), options.realRoot)) {
        refuse('links outside the vault; not checked');
        return undefined;
      }
      read = readRegularFile(absPath, maxFileSize);
    }
    if (!read.ok && read.refused === 'not-regular') {
      refuse(`skipped: it is ${read.kind}, not a regular file`);
      return undefined;
    }
    if (!read.ok) {
      const what = read.size === undefined ? 'it grew while being read, past' : `${read.size} bytes is over`;
      refuse(`skipped: ${what} the ${maxFileSize}-byte limit (meetingNotes.maxFileSize)`);
      return undefined;
    }
    const { bytes, stat } = read;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      errors.push({ file: file(), message: 'not valid UTF-8; save it as UTF-8 to have it checked' });
      return undefined;
    }
    return {
      absPath,
      text,
      stamp: settledStamp({ size: stat.size, mtimeMs: stat.mtimeMs }, readStarted),
      identity: options.forWrite ? { size: bytes.length, mtimeMs: stat.mtimeMs, sha256: sha256(bytes) } : undefined,
    };
  } catch (e) {
    errors.push({ file: file(), message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return undefined;
  }
}

/**
 * Why a path named on the command line is not checked (it, or a folder on the way to it, links out
 * of the vault), or undefined when it is fine to check.
 */
export function refuseNamedPath(absPath: string, realRoot: string): string | undefined {
  let real: string;
  try {
    real = realpathSync.native(absPath);
  } catch (e) {
    return `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  return isInside(real, realRoot) ? undefined : 'links outside the vault; not checked';
}

/** A folder's real path; the path itself when it has none to give (the notes in it will not either). */
function realPathOf(folder: string): string {
  try {
    return realpathSync.native(folder);
  } catch {
    return path.resolve(folder);
  }
}
