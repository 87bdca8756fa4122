import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { applyEditsToFile } from '../core/text';
import { TASK_STATUS_KINDS, type TaskStatusKind } from '../core/config';
import { checkNote, safeFixEdits } from '../core/rules';
import { parseNote } from '../core/parse-note';
import type { IndexedNote, IssueInfo } from '../core/indexed-note';
import { buildVaultIndex, cacheFileFor, saveVaultCache, type VaultIndex } from './vault-index';
import { assigneeNames, newestMeetingFirst, taskMatches } from '../core/task-queries';
import { display, findVaultRoot, loadVault, readNoteFile, refuseNamedPath, type Problem } from './vault';
import { writeNoteAtomically, type WriteFs } from './safe-fs';
import { isMarkdownPath } from '../core/note-files';
import { bundledReadmeUri, escapeControls, toGithubAnnotations, toSarif, writeJsonArray, type Finding } from './formats';
import { tasksPluginFindings, TASKS_PLUGIN_SETTINGS } from '../core/tasks-plugin';

declare const __VERSION__: string | undefined;

const HELP = `Usage: meeting-notes <command> [paths…] [options]

Commands:
  check [paths…]    Check notes and print their problems (default: the current folder)
  tasks [paths…]    List tasks
  report [paths…]   Problems, then a triage summary: proposals per note, open tasks per person

Options:
  --format FORMAT              text (default) or json; check also takes sarif (SARIF 2.1.0,
                               for GitHub code scanning) and github (workflow annotations)
  --max-warnings N             check: exit 1 when there are more than N warnings
  --fix                        check: apply the safe fixes (never triage) and report what is left;
                               each note is replaced whole, and only if unchanged since it was read
  --cache                      Keep what was found per file and reuse it for unchanged files
  --cache-location PATH        Where the cache lives (a file, or a folder to put it in); implies
                               --cache. Default: the OS cache folder, never inside the vault
  --status KIND                tasks: ${TASK_STATUS_KINDS.join('|')}
  --assignee NAME              tasks: only tasks assigned to NAME (an alias or Myself works too)
  -h, --help                   Show this help
  -v, --version                Show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 the run itself failed
(missing path, unreadable file, a named file that cannot be checked, a fix that could not be
written, bad option). Settings are read from the vault's .vscode/settings.json.`;

class UsageError extends Error {}

function version(): string {
  return typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
}

export interface Io {
  out: (s: string) => void;
  /**
   * Resolves when `out` can take more: a pipe to a slower reader queues what is written in memory
   * (a 100,000-note vault's JSON is hundreds of megabytes), so long output waits for it between parts.
   */
  drained?: () => Promise<void>;
  err: (s: string) => void;
  cwd: string;
  /** Why the output could not be written, when it could not (a reader that went away is no failure). */
  outputError?: () => string | undefined;
  /** The file-system calls `--fix` writes notes with; node:fs unless a test wraps them. */
  writeFs?: WriteFs;
}

/**
 * A stream to write to until it fails. `meeting-notes tasks | head -1`: once the reader is gone
 * (EPIPE) nothing more is written and the run ends as it would have, without a stack trace.
 */
function writer(stream: NodeJS.WriteStream): { write: (s: string) => void; drained: () => Promise<void>; failure: () => NodeJS.ErrnoException | undefined } {
  let failure: NodeJS.ErrnoException | undefined;
  let waiting: Promise<void> | undefined;
  /** Until the stream drains, or can never (an error, closed). */
  const untilDrained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('error', done);
        stream.off('close', done);
        waiting = undefined;
        resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
      stream.on('close', done);
    });
  // The event comes a tick after the failed write; `stream.errored` is set at once.
  stream.on('error', (e: NodeJS.ErrnoException) => (failure ??= e));
  const failed = () => failure ?? ((stream.errored as NodeJS.ErrnoException | null) || undefined);
  return {
    write: (s) => {
      if (failed() || stream.destroyed) return;
      try {
        if (!stream.write(s)) waiting ??= untilDrained();
      } catch (e) {
        failure = e as NodeJS.ErrnoException; // a stream to a file writes synchronously, and throws
      }
    },
    drained: () => (failed() ? Promise.resolve() : (waiting ?? Promise.resolve())),
    failure: failed,
  };
}

function processIo(): Io {
  const out = writer(process.stdout);
  const err = writer(process.stderr);
  const outputError = () => {
    const e = out.failure();
    return e && e.code !== 'EPIPE' ? (e.code ?? e.message) : undefined;
  };
  return { out: out.write, drained: out.drained, err: err.write, cwd: process.cwd(), outputError };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const code = await mainOrUsage(argv, io);
  const failed = io.outputError?.();
  if (failed) {
    io.err(`meeting-notes: cannot write the output: ${failed}\n`);
    return 2;
  }
  return code;
}

async function mainOrUsage(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`meeting-notes: ${e.message}\nRun 'meeting-notes --help' for usage.\n`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`meeting-notes: ${(e as Error).message.split('\n')[0]}\nRun 'meeting-notes --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'max-warnings': { type: 'string' },
      fix: { type: 'boolean' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      status: { type: 'string' },
      assignee: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    io.out(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const [command, ...targets] = positionals;
  if (!command) throw new UsageError('missing command (check, tasks or report)');
  if (!['check', 'tasks', 'report'].includes(command)) throw new UsageError(`unknown command '${command}'`);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`--format must be text, json, sarif or github, not '${format}'`);
  if ((format === 'sarif' || format === 'github') && command !== 'check') throw new UsageError(`--format ${format} only applies to 'check'`);
  if (format !== 'text' && command === 'report') throw new UsageError(`'report' prints text only; use 'check' or 'tasks' for --format ${format}`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    // Plain digits only: Number() would also take '', '1e3', '0x10' and ' 7 '.
    const given = values['max-warnings'];
    maxWarnings = /^[0-9]+$/u.test(given) ? Number(given) : NaN;
    if (!Number.isSafeInteger(maxWarnings)) throw new UsageError(`--max-warnings takes a whole number of 0 or more, written in digits, not '${escapeControls(given)}'`);
  }
  const status = values.status as TaskStatusKind | undefined;
  if (status !== undefined && !TASK_STATUS_KINDS.includes(status)) {
    throw new UsageError(`--status must be one of ${TASK_STATUS_KINDS.join(', ')}, not '${status}'`);
  }
  for (const [flag, allowed] of [['fix', 'check'], ['max-warnings', 'check'], ['status', 'tasks'], ['assignee', 'tasks']] as const) {
    if (values[flag] !== undefined && command !== allowed) throw new UsageError(`--${flag} only applies to '${allowed}'`);
  }

  const useCache = values.cache === true || values['cache-location'] !== undefined;
  const session = await load(targets.length ? targets : ['.'], io, useCache ? { location: values['cache-location'] } : undefined);
  if (!session) return 2;

  if (command === 'check' && values.fix) await applySafeFixes(session, io);
  for (const vault of session.vaults) if (vault.cache) saveVaultCache(vault, version(), session);

  let code: number;
  if (command === 'check') code = await printCheck(session, format, maxWarnings, io);
  else if (command === 'tasks') code = await printTasks(session, format, { status, assignee: values.assignee }, io);
  else code = await printReport(session, io);

  const { errors, notices } = distinctProblems(session);
  for (const n of notices) io.err(`${escapeControls(n.file)}: ${escapeControls(n.message)}\n`);
  for (const e of errors) io.err(`meeting-notes: ${escapeControls(e.file)}: ${escapeControls(e.message)}\n`);
  return errors.length ? 2 : code;
}

/**
 * Each problem said once: a file can be met twice (named, and found by the walk; in two vaults),
 * and a notice the same as an error is left out.
 */
function distinctProblems(session: Session): { errors: Problem[]; notices: Problem[] } {
  const seen = new Set<string>();
  const once = (list: Problem[]) =>
    list.filter((p) => {
      const key = JSON.stringify([p.file, p.message]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const errors = once(session.errors);
  return { errors, notices: once(session.notices) };
}

interface VaultSession extends VaultIndex {
  selected: IndexedNote[];
  /** Findings on the vault's other files (Obsidian Tasks' settings), when the paths asked for them. */
  vaultFindings: Finding[];
  /** The vault's real path: nothing outside it is written. */
  realRoot: string;
}

interface Session {
  /** One index per vault, and the notes of it that the paths asked for. */
  vaults: VaultSession[];
  errors: Problem[];
  notices: Problem[];
  cwd: string;
}

async function load(targets: string[], io: Io, cacheOptions?: { location: string | undefined }): Promise<Session | undefined> {
  const cwd = io.cwd;
  const absTargets: string[] = [];
  const isFolder = new Map<string, boolean>();
  for (const t of targets) {
    const abs = path.resolve(cwd, t);
    try {
      isFolder.set(abs, (await fs.stat(abs)).isDirectory());
      if (!absTargets.includes(abs)) absTargets.push(abs);
    } catch {
      io.err(`meeting-notes: ${escapeControls(t)}: no such file or folder\n`);
      return undefined;
    }
  }
  const byRoot = new Map<string, string[]>();
  for (const abs of absTargets) {
    const root = await findVaultRoot(abs);
    byRoot.set(root, [...(byRoot.get(root) ?? []), abs]);
  }
  const session: Session = { vaults: [], errors: [], notices: [], cwd };
  for (const [root, named] of byRoot) {
    const vault = await loadVault(root, cwd);
    session.errors.push(...vault.errors);
    session.notices.push(...vault.notices);
    // A path named on the command line is checked, or refused out loud (exit 2); never ignored.
    const wanted: string[] = [];
    const files: string[] = [];
    for (const abs of named) {
      const checkable = isFolder.get(abs) || isMarkdownPath(abs) || abs === path.join(root, ...TASKS_PLUGIN_SETTINGS.split('/'));
      const refused = refuseNamedPath(abs, vault.realRoot) ?? (checkable ? undefined : 'not a markdown file (.md or .markdown); not checked');
      if (refused) {
        session.errors.push({ file: display(abs, cwd), message: refused });
        continue;
      }
      wanted.push(abs);
      if (!isFolder.get(abs) && isMarkdownPath(abs)) files.push(abs);
    }
    const explicit = new Set(files);
    const built = await buildVaultIndex(vault, { cacheFile: cacheOptions && cacheFileFor(root, cacheOptions.location, cwd), version: version(), cwd, explicit }, session);
    const { index, pathOf } = built;
    const isWanted = (p: string) => wanted.some((w) => p === w || p.startsWith(w + path.sep));
    // A file named explicitly is checked even when the exclude globs would leave it out of a walk.
    for (const file of files) {
      if (!vault.paths.includes(file)) built.setFile(file);
    }
    built.recheckStale(); // a person note named explicitly can change others' findings
    const selected = [...index.all()].filter((n) => isWanted(pathOf.get(n.uri)!));
    const plugin = vault.tasksPlugin;
    const vaultFindings = plugin && isWanted(plugin.file) ? tasksPluginFindings(plugin.statuses, vault.config).map((i) => toFinding(display(plugin.file, cwd), i)) : [];
    session.vaults.push({ ...built, selected, vaultFindings, realRoot: vault.realRoot });
  }
  selectEachNoteOnce(session.vaults);
  return session;
}

/**
 * Paths in two vaults (`check . sub/note.md`, where sub/ has a .git of its own) are read by both:
 * each note is reported by one, the nearest vault, not twice.
 */
function selectEachNoteOnce(vaults: VaultSession[]): void {
  const owner = new Map<string, VaultSession>();
  for (const vault of vaults) {
    for (const note of vault.selected) {
      const file = vault.pathOf.get(note.uri)!;
      const other = owner.get(file);
      if (!other || vault.realRoot.length > other.realRoot.length) owner.set(file, vault);
    }
  }
  for (const vault of vaults) vault.selected = vault.selected.filter((n) => owner.get(vault.pathOf.get(n.uri)!) === vault);
}

/**
 * Applies the safe fixes, one note at a time. Each note is read again (the index keeps no text),
 * and written only through `writeNoteAtomically`: whole or not at all, never over a note that
 * changed or went away since it was read, never outside the vault. A note that cannot be written is
 * an error and the others are still fixed.
 */
async function applySafeFixes(session: Session, io: Io): Promise<void> {
  let fixedFiles = 0;
  let fixCount = 0;
  for (const vault of session.vaults) {
    for (const indexed of vault.selected) {
      if (!vault.index.issues(indexed.uri).some((i) => i.fixable)) continue;
      // The index keeps no text: the note is read and checked again to compute its fixes.
      const file = vault.pathOf.get(indexed.uri)!;
      const loaded = readNoteFile(file, { maxFileSize: vault.index.config.maxFileSize, realRoot: vault.realRoot, forWrite: true }, session.cwd, session.errors, session.notices);
      if (!loaded) {
        vault.index.delete(indexed.uri); // what was found in it no longer stands
        continue;
      }
      const note = parseNote(indexed.uri, loaded.text, { taskStatuses: vault.index.config.taskStatuses });
      const { edits, fixed } = safeFixEdits(checkNote({ note, registry: vault.index.registry, config: vault.index.config, files: vault.index.vaultFiles }));
      if (!edits.length) continue;
      const updated = applyEditsToFile(loaded.text, edits);
      const outcome = writeNoteAtomically(file, updated, { realRoot: vault.realRoot, expected: loaded.identity!, fs: io.writeFs });
      if (!outcome.written) {
        (outcome.reason === 'failed' ? session.errors : session.notices).push({ file: display(file, session.cwd), message: outcome.message });
        // What is found in it is what it holds now: read again, or gone with it.
        if (outcome.reason === 'changed') vault.setFile(file);
        else if (outcome.reason !== 'failed') vault.index.delete(indexed.uri);
        continue;
      }
      vault.index.set(indexed.uri, updated);
      vault.fileChanged(file);
      fixCount += fixed;
      fixedFiles++;
    }
    vault.recheckStale(); // a fixed person note can change others' findings
    vault.selected = vault.selected.flatMap((n) => vault.index.get(n.uri) ?? []);
  }
  io.err(`Fixed ${fixCount} problem${fixCount === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}.\n`);
}


/** What localeCompare compares with (no locale, no options), made once: findings are sorted by path. */
const collator = new Intl.Collator();

function findings(session: Session): Finding[] {
  const out: Finding[] = [];
  for (const vault of session.vaults) {
    const byPath = vault.selected.map((note) => ({ note, path: vault.pathOf.get(note.uri)! }));
    byPath.sort((a, b) => collator.compare(a.path, b.path));
    for (const { note, path: notePath } of byPath) {
      const file = display(notePath, session.cwd);
      for (const issue of vault.index.issues(note.uri)) {
        // Hints are editor nudges (dotted underlines), not CI findings.
        if (issue.severity === 'hint') continue;
        out.push(toFinding(file, issue));
      }
    }
    out.push(...vault.vaultFindings.filter((f) => f.severity !== ('hint' as Finding['severity'])));
  }
  return out;
}

function toFinding(file: string, issue: IssueInfo): Finding {
  const { start, end } = issue.range;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: issue.severity as Finding['severity'],
    code: issue.code,
    message: issue.message,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Lines written a part at a time, waiting for the output to drain in between (see `Io.drained`). */
async function writeLines(lines: Iterable<string>, io: Io): Promise<void> {
  let part = '';
  for (const line of lines) {
    part += line;
    if (part.length >= 65536) {
      io.out(part);
      part = '';
      await io.drained?.();
    }
  }
  if (part) io.out(part);
}

async function printCheck(session: Session, format: string, maxWarnings: number, io: Io): Promise<number> {
  const all = findings(session);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  const infos = all.length - errors - warnings;
  if (format === 'json') {
    await writeJsonArray(all, io.out, io.drained);
  } else if (format === 'sarif') {
    io.out(`${JSON.stringify(toSarif(all, { version: version(), docs: bundledReadmeUri(__dirname), cwd: session.cwd }), null, 2)}\n`);
  } else if (format === 'github') {
    io.out(toGithubAnnotations(all));
  } else {
    await writeLines(
      all.map((f) => `${escapeControls(f.file)}:${f.line}:${f.column}  ${f.severity.padEnd(7)}  ${f.code}  ${f.message}\n`),
      io,
    );
    const noteCount = session.vaults.reduce((n, v) => n + v.selected.length, 0);
    // Notes with problems, and apart from them the other files that have some (Obsidian Tasks' settings).
    const others = new Set(session.vaults.flatMap((v) => v.vaultFindings.map((f) => f.file)));
    const withProblems = new Set(all.map((f) => f.file).filter((f) => !others.has(f))).size;
    const otherFiles = new Set(all.map((f) => f.file).filter((f) => others.has(f))).size;
    if (all.length) {
      const besides = otherFiles ? ` and ${plural(otherFiles, 'other file')}` : '';
      io.out(`\n${plural(all.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info) in ${withProblems} of ${plural(noteCount, 'note')}${besides}\n`);
    } else {
      io.out(`No problems in ${plural(noteCount, 'note')}\n`);
    }
    noRegistryNotice(session, io);
  }
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.err(`meeting-notes: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** Said once per run rather than once per name: with no registry every name would be "unknown". */
function noRegistryNotice(session: Session, io: Io): void {
  const silent = session.vaults.filter((v) => v.selected.some((n) => v.index.issues(n.uri).some((i) => i.code === 'no-registry' && i.severity === 'hint')));
  if (silent.length) {
    io.out('Note: no people registry (no person notes with type: person, no meetingNotes.people), so participant names were not checked.\n');
  }
}

interface TaskRow {
  file: string;
  line: number;
  status: string;
  text: string;
  assignees: string[];
  priority: string | null;
  tags: string[];
}

function taskRows(session: Session, filter: { status?: TaskStatusKind; assignee?: string }): TaskRow[] {
  const rows: TaskRow[] = [];
  for (const vault of session.vaults) {
    const registry = vault.index.registry;
    for (const note of newestMeetingFirst(vault.selected)) {
      const file = display(vault.pathOf.get(note.uri)!, session.cwd);
      for (const task of note.tasks) {
        if (!taskMatches(task, filter, registry)) continue;
        rows.push({
          file,
          line: task.line + 1,
          status: task.status,
          text: task.description,
          assignees: assigneeNames(task, registry),
          priority: task.priority ?? null,
          tags: [...task.tags],
        });
      }
    }
  }
  return rows;
}

async function printTasks(session: Session, format: string, filter: { status?: TaskStatusKind; assignee?: string }, io: Io): Promise<number> {
  const rows = taskRows(session, filter);
  if (format === 'json') {
    await writeJsonArray(rows, io.out, io.drained);
    return 0;
  }
  await writeLines(
    rows.map((r) => {
      const who = r.assignees.length ? `  @${r.assignees.join(', @')}` : '';
      const prio = r.priority ? `  (${r.priority})` : '';
      return `${escapeControls(r.file)}:${r.line}  ${r.status.padEnd(11)}  ${r.text}${who}${prio}\n`;
    }),
    io,
  );
  io.out(`${plural(rows.length, 'task')}\n`);
  return 0;
}

async function printReport(session: Session, io: Io): Promise<number> {
  await printCheck(session, 'text', -1, io);
  io.out('\nProposals to triage (newest meeting first)\n');
  let total = 0;
  const openByPerson = new Map<string, number>();
  for (const vault of session.vaults) {
    for (const note of newestMeetingFirst(vault.selected)) {
      const proposals = note.tasks.filter((t) => t.status === 'proposed').length;
      if (proposals) {
        io.out(`  ${String(proposals).padStart(3)}  ${escapeControls(display(vault.pathOf.get(note.uri)!, session.cwd))}\n`);
        total += proposals;
      }
      for (const task of note.tasks) {
        if (task.status !== 'open' && task.status !== 'in-progress') continue;
        const names = assigneeNames(task, vault.index.registry);
        for (const name of names.length ? names : ['(unassigned)']) openByPerson.set(name, (openByPerson.get(name) ?? 0) + 1);
      }
    }
  }
  io.out(`  ${String(total).padStart(3)}  in all\n\nOpen tasks by person\n`);
  const people = [...openByPerson.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [name, n] of people) io.out(`  ${String(n).padStart(3)}  ${name}\n`);
  if (!people.length) io.out('  none\n');
  return 0;
}
