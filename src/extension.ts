// Composition root: builds the one index, feeds it from the workspace, registers the features.
import * as vscode from 'vscode';
import { NoteIndex } from './core';
import { registerCodeActions } from './vscode/code-actions/register-code-actions';
import { registerTriageCommands } from './vscode/code-actions/register-triage-commands';
import { COMMANDS, CONTEXT_KEYS } from './vscode/commands';
import { registerDiagnostics } from './vscode/diagnostics/register-diagnostics';
import { registerHover } from './vscode/hovers/register-hover';
import { registerLinks } from './vscode/links/register-links';
import { createStatusBarItem, registerStatusBar } from './vscode/status-bar/register-status-bar';
import { registerTaskTree, TaskTreeView } from './vscode/tasks-view/register-task-tree';
import { registerCompletion } from './vscode/completion/register-completion';
import { registerPersonNavigation } from './vscode/people/register-person-navigation';
import { registerEditorTriage } from './vscode/triage/register-editor-triage';
import { offerRegistryOnce, registerPeopleCommands } from './vscode/people/person-notes';
import { readConfig, SECTION } from './vscode/settings';
import { TasksPluginSettings } from './vscode/tasks-plugin';
import { WorkspaceIndex, type ScanReport } from './vscode/workspace-index';

/** What `activate` returns: used by the integration tests, and by other extensions that want the index. */
export interface MeetingNotesApi {
  index: NoteIndex;
  /** Resolves when the first workspace scan has been indexed. */
  ready: Promise<void>;
  /** The Meeting Tasks view: its data provider and its TreeView. */
  taskTree: Pick<TaskTreeView, 'provider' | 'view'>;
  statusBar: vscode.StatusBarItem;
  /** What the last workspace scan did (notes read, from the cache, time, longest slice). */
  lastScan(): ScanReport | undefined;
  /** Writes the index cache now (it is otherwise written a few seconds after the last change); says why not, if not. */
  saveCache(): Promise<string | undefined>;
  /** When activation began (ms since the epoch) and the host's memory then (bytes, 0 where unknown): for the editor benchmark. */
  activatedAt: number;
  rssAtActivation: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<MeetingNotesApi> {
  const activatedAt = Date.now();
  const rssAtActivation = typeof process === 'object' && typeof process.memoryUsage === 'function' ? process.memoryUsage().rss : 0;
  const log = vscode.window.createOutputChannel('Meeting Notes', { log: true });
  const docsUri = await readmeLinks(context.extensionUri);
  // Obsidian Tasks' statuses are read before the first scan, so no note is parsed twice.
  const tasksPlugin = new TasksPluginSettings(log, docsUri);
  await tasksPlugin.load();
  const effectiveConfig = () => tasksPlugin.apply(readConfig(log));
  const index = new NoteIndex(effectiveConfig());
  tasksPlugin.publish(index.config);
  // The index is cached in the extension's storage for this workspace (never inside the vault).
  const storage = context.storageUri ?? context.globalStorageUri;
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  // A large first scan reads on a worker thread (Node hosts only; the web bundle reads on its own thread).
  const worker = context.extensionUri.scheme === 'file' ? vscode.Uri.joinPath(context.extensionUri, 'dist', 'scan-worker.js').fsPath : undefined;
  const workspace = new WorkspaceIndex(index, log, index.config, { file: vscode.Uri.joinPath(storage, 'index-cache.json'), version }, { worker });
  const taskTree = new TaskTreeView(context.extensionUri, context.workspaceState, index, workspace);
  const statusBar = createStatusBarItem();

  context.subscriptions.push(
    log,
    workspace,
    registerDiagnostics(index, docsUri),
    registerCodeActions(index, workspace),
    registerHover(index, workspace),
    registerLinks(index, workspace),
    registerCompletion(index, workspace),
    registerPersonNavigation(index, workspace),
    registerTriageCommands(workspace),
    registerEditorTriage(index, workspace),
    registerPeopleCommands(index, log),
    taskTree,
    registerTaskTree(taskTree, index, workspace, context.workspaceState),
    registerStatusBar(statusBar, index, () => index.config.statusBarScope),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    tasksPlugin,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) settingsChanged();
    }),
    tasksPlugin.onDidChange(settingsChanged),
  );

  /** Our settings or Obsidian Tasks' changed: the same providers stay; the index re-checks what the change affects. */
  function settingsChanged(): void {
    const config = effectiveConfig();
    index.setConfig(config);
    workspace.updateConfig(config);
    tasksPlugin.publish(config);
  }

  void workspace.ready
    .then(async () => {
      // Until the first scan is done, the task list's welcome text would wrongly say "no notes".
      await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.ready, true);
      await offerRegistryOnce(index, context.workspaceState);
    })
    .catch((e: unknown) => log.error(`first scan failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  return {
    index,
    ready: workspace.ready,
    taskTree,
    statusBar,
    lastScan: () => workspace.lastScan,
    saveCache: () => workspace.saveCache(),
    activatedAt,
    rssAtActivation,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/**
 * Diagnostic codes link to the rule's section of the bundled README (works offline, matches the
 * installed version): a file uri with #L<line> opens it at the heading.
 */
async function readmeLinks(extensionUri: vscode.Uri): Promise<(code: string) => vscode.Uri> {
  const readme = vscode.Uri.joinPath(extensionUri, 'README.md');
  const lines = new Map<string, number>();
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(readme));
    text.split(/\r?\n/u).forEach((line, i) => {
      const m = /^#{2,4} `([a-z-]+)`/u.exec(line);
      if (m && !lines.has(m[1]!)) lines.set(m[1]!, i + 1);
    });
  } catch {
    // No README: links open the extension folder's README location anyway.
  }
  return (code) => readme.with({ fragment: lines.has(code) ? `L${lines.get(code)}` : '' });
}
