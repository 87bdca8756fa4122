import * as vscode from 'vscode';
import { readTasksPluginStatuses, tasksPluginFindings, TASKS_PLUGIN_SETTINGS, withTasksPluginStatuses, type MeetingNotesConfig, type TasksPluginStatuses } from '../core';
import { toRange, toSeverity } from './convert';

/**
 * The Obsidian Tasks plugin's settings in each workspace folder: read at start, watched, merged
 * under `meetingNotes.taskStatuses`. What is wrong with them, and proposals that Tasks would count
 * as open tasks, show as problems on the settings file itself.
 */
export class TasksPluginSettings implements vscode.Disposable {
  /** By workspace folder, in folder order: the first folder's statuses win where two disagree. */
  private byFolder = new Map<string, { uri: vscode.Uri; statuses: TasksPluginStatuses }>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('meeting-notes-tasks-plugin');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.changed];
  /** Fires after the settings of a folder were read again (created, changed, deleted). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly docs: (code: string) => vscode.Uri,
  ) {
    // The folders on the way are watched too: when Obsidian (or a sync) creates `.obsidian/plugins/…`
    // and the file at once, the file watcher may only see a folder appear, not the file inside it.
    const watcher = vscode.workspace.createFileSystemWatcher('{**/.obsidian,**/.obsidian/**}');
    // Events come in bursts (a create and a change for one write): only the last reload started,
    // which read the file after all of them, is applied.
    const reload = () => void this.load().then((latest) => latest && this.fire());
    const onPath = (uri: vscode.Uri) => {
      const path = uri.path;
      const at = path.lastIndexOf('/.obsidian');
      if (at < 0) return;
      const rest = path.slice(at + 1);
      if (rest === TASKS_PLUGIN_SETTINGS || TASKS_PLUGIN_SETTINGS.startsWith(`${rest}/`)) reload();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onPath),
      watcher.onDidChange(onPath),
      watcher.onDidDelete(onPath),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      // The Tasks settings are changed in Obsidian: coming back to this window reads them again (one
      // small file per folder), in case the file watcher missed it (a folder it had not seen yet).
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) void this.load().then((latest) => latest && this.signature !== this.firedSignature && this.fire());
      }),
    );
  }

  private generation = 0;
  /** What the files said at the last load, and when the change event last fired. */
  private signature = '';
  private firedSignature = '';

  private fire(): void {
    this.firedSignature = this.signature;
    this.changed.fire();
  }

  /** Reads every folder's settings; a missing file adds nothing, a malformed one is said and skipped. */
  async load(): Promise<boolean> {
    const generation = ++this.generation;
    // Built apart and swapped in at once: a reload in progress never leaves the statuses half-read.
    const byFolder = new Map<string, { uri: vscode.Uri; statuses: TasksPluginStatuses }>();
    let signature = '';
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, ...TASKS_PLUGIN_SETTINGS.split('/'));
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        continue; // no Obsidian Tasks here
      }
      const text = new TextDecoder().decode(bytes);
      signature += `${folder.uri.toString()}\n${text.length}\n${text}\n`;
      const statuses = readTasksPluginStatuses(text);
      for (const problem of statuses.problems) this.log.warn(`${uri.toString()}: Obsidian Tasks settings: ${problem}`);
      byFolder.set(folder.uri.toString(), { uri, statuses });
    }
    // A reload started after this one read the files later: this one's result is older.
    if (generation !== this.generation) return false;
    this.byFolder = byFolder;
    this.signature = signature;
    return true;
  }

  /** Our settings with every folder's Tasks statuses merged under them (ours win, then the first folder's). */
  apply(config: MeetingNotesConfig): MeetingNotesConfig {
    let merged = config;
    for (const { statuses } of this.byFolder.values()) merged = withTasksPluginStatuses(merged, statuses);
    return merged;
  }

  /** Shows each settings file's problems and findings in the Problems panel. */
  publish(config: MeetingNotesConfig): void {
    this.diagnostics.clear();
    for (const { uri, statuses } of this.byFolder.values()) {
      const start = new vscode.Range(0, 0, 0, 0);
      const list = statuses.problems.map((p) => {
        const d = new vscode.Diagnostic(start, `Obsidian Tasks settings: ${p}. Meeting Notes uses its own statuses without them.`, vscode.DiagnosticSeverity.Warning);
        d.source = 'meeting-notes';
        return d;
      });
      for (const finding of tasksPluginFindings(statuses, config)) {
        const d = new vscode.Diagnostic(toRange(finding.range), finding.message, toSeverity(finding.severity));
        d.source = 'meeting-notes';
        d.code = { value: finding.code, target: this.docs(finding.code) };
        list.push(d);
      }
      this.diagnostics.set(uri, list);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
