import { promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { pickMeetingNotesSettings, resolveConfig, type MeetingNotesConfig } from '../core/config';
import { settledStamp, type FileStamp } from '../core/index-cache';
import { NoteFiles } from '../core/note-files';
import { readTasksPluginStatuses, TASKS_PLUGIN_SETTINGS, withTasksPluginStatuses, type TasksPluginStatuses } from '../core/tasks-plugin';

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
}

export interface Vault {
  root: string;
  config: MeetingNotesConfig;
  /**
   * Every markdown file of the vault (person notes elsewhere in it count for the registry), those in
   * the people folder first: the registry is complete before most notes are checked. Read one at a
   * time: the index keeps no text.
   */
  paths: string[];
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

async function readSettings(root: string, cwd: string, errors: Problem[], notices: Problem[]): Promise<MeetingNotesConfig> {
  const file = path.join(root, '.vscode', 'settings.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') errors.push({ file: display(file, cwd), message: `cannot read settings: ${(e as Error).message}` });
    return resolveConfig({}).config;
  }
  const parseErrors: ParseError[] = [];
  const settings: unknown = parseJsonc(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length) {
    const first = parseErrors[0]!;
    const line = text.slice(0, first.offset).split('\n').length;
    errors.push({ file: display(file, cwd), message: `settings are not valid JSONC (${printParseErrorCode(first.error)} at line ${line}); using the defaults` });
    return resolveConfig({}).config;
  }
  const raw = typeof settings === 'object' && settings !== null && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
  const { config, problems } = resolveConfig(pickMeetingNotesSettings(raw));
  for (const message of problems) notices.push({ file: display(file, cwd), message });
  return config;
}

async function walk(root: string, dir: string, notes: NoteFiles, out: string[], errors: Problem[], cwd: string): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors.push({ file: display(dir, cwd), message: `cannot read folder: ${(e as Error).message}` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (entry.isDirectory()) {
      if (notes.holdsNotes(rel)) await walk(root, abs, notes, out, errors, cwd);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && notes.isNote(rel)) {
      out.push(abs);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Finds a vault's settings and markdown files. Reading them is left to `readNoteFile`, one at a time. */
export async function loadVault(root: string, cwd: string): Promise<Vault> {
  const errors: Problem[] = [];
  const notices: Problem[] = [];
  const ours = await readSettings(root, cwd, errors, notices);
  const tasksPlugin = await readTasksPlugin(root, cwd, notices);
  const config = withTasksPluginStatuses(ours, tasksPlugin?.statuses);
  const found: string[] = [];
  await walk(root, root, new NoteFiles(config.exclude), found, errors, cwd);
  const peopleFolder = path.join(root, config.peopleFolder) + path.sep;
  const inPeople = found.filter((p) => p.startsWith(peopleFolder));
  const paths = [...inPeople, ...found.filter((p) => !p.startsWith(peopleFolder))];
  return { root, config, paths, errors, notices, tasksPlugin };
}

/**
 * Obsidian Tasks' settings, for its statuses. Missing: nothing to add. Malformed or unreadable: a
 * notice, and our statuses alone.
 */
async function readTasksPlugin(root: string, cwd: string, notices: Problem[]): Promise<Vault['tasksPlugin']> {
  const file = path.join(root, ...TASKS_PLUGIN_SETTINGS.split('/'));
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > 4 * 1024 * 1024) throw new Error(`${stat.size} bytes, more than settings ever hold`);
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') notices.push({ file: display(file, cwd), message: `Obsidian Tasks settings not read: ${(e as Error).message}` });
    return undefined;
  }
  const statuses = readTasksPluginStatuses(text);
  for (const problem of statuses.problems) notices.push({ file: display(file, cwd), message: `Obsidian Tasks settings: ${problem}` });
  return { file, statuses };
}

/** Reads one note, reporting (never skipping silently) what it cannot read. Synchronous: ten thousand small reads are faster so. */
export function readNoteFile(absPath: string, maxFileSize: number, cwd: string, errors: Problem[], notices: Problem[]): LoadedFile | undefined {
  const file = display(absPath, cwd);
  try {
    const readStarted = Date.now();
    const stat = statSync(absPath);
    if (stat.size > maxFileSize) {
      notices.push({ file, message: `skipped: ${stat.size} bytes is over the ${maxFileSize}-byte limit (meetingNotes.maxFileSize)` });
      return undefined;
    }
    const bytes = readFileSync(absPath);
    try {
      return { absPath, text: utf8.decode(bytes), stamp: settledStamp({ size: stat.size, mtimeMs: stat.mtimeMs }, readStarted) };
    } catch {
      errors.push({ file, message: 'not valid UTF-8; save it as UTF-8 to have it checked' });
      return undefined;
    }
  } catch (e) {
    errors.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return undefined;
  }
}
