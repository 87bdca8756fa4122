import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codes, note, waitFor, waitForCodes, writeNote } from './helpers';

const SETTINGS = '.obsidian/plugins/obsidian-tasks-plugin/data.json';
const status = (symbol: string, type: string) => ({ symbol, name: `Status ${symbol}`, nextStatusSymbol: 'x', availableAsCommand: true, type });
const settings = (custom: object[]) => JSON.stringify({ statusSettings: { coreStatuses: [status(' ', 'TODO'), status('x', 'DONE')], customStatuses: custom } }, null, 2);
const text = ['# Vendor call', '- [!] Call the vendor', '- [~] Pro: cheaper', '- [?] Compare the quotes #proposed', ''].join('\n');

/**
 * Creates each folder once the file watcher has reported its parent's new folder, as Obsidian's
 * folders appear over time: a folder tree made at once can be created before the watcher watches it.
 */
async function createWatchedFolders(paths: string[]): Promise<void> {
  const seen = new Set<string>();
  const watcher = vscode.workspace.createFileSystemWatcher('{**/.obsidian,**/.obsidian/**}');
  const sub = watcher.onDidCreate((u) => seen.add(u.toString()));
  try {
    for (const rel of paths) {
      const uri = note(rel);
      await vscode.workspace.fs.createDirectory(uri);
      await waitFor(() => seen.has(uri.toString()), (ok) => ok, `the file watcher reports ${rel}`);
    }
  } finally {
    sub.dispose();
    watcher.dispose();
  }
}

describe("Obsidian Tasks' statuses", () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });

  it('are read, watched and merged under ours; the settings file says when proposals count as open there', async () => {
    const api = await activate();
    const settingsUri = note(SETTINGS);
    const uri = await writeNote('scratch/tasks-plugin.md', text);
    const statuses = () => api.index.get(uri.toString())?.tasks.map((t) => `${t.statusChar}:${t.status}`) ?? [];
    try {
      await waitForCodes(uri, ['unknown-task-status', 'unknown-task-status']);

      // Tasks gives ! a type and makes ~ no task; ? is a TODO there, so proposals count as open tasks in Obsidian.
      await createWatchedFolders(['.obsidian', '.obsidian/plugins', '.obsidian/plugins/obsidian-tasks-plugin']);
      await writeNote(SETTINGS, settings([status('!', 'TODO'), status('~', 'NON_TASK'), status('?', 'TODO')]));
      await waitForCodes(uri, []);
      assert.deepEqual(statuses(), ['!:open', '?:proposed']);
      const [info] = await waitForCodes(settingsUri, ['tasks-plugin-proposals']);
      assert.equal(info!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(info!.message, /type TODO/u);
      assert.ok(typeof info!.code === 'object' && info!.code.target.path.endsWith('README.md'), 'the info links to the README');

      // The recommended entry: the info goes; a broken file is said, and our statuses alone apply.
      await writeNote(SETTINGS, settings([status('!', 'TODO'), status('~', 'NON_TASK'), status('?', 'NON_TASK')]));
      await waitForCodes(settingsUri, []);
      await writeNote(SETTINGS, '{ "statusSettings": ');
      await waitForCodes(uri, ['unknown-task-status', 'unknown-task-status']);
      await waitFor(() => vscode.languages.getDiagnostics(settingsUri).map((d) => d.message), (m) => m.some((x) => /not valid JSON/u.test(x)), 'a warning on the broken settings');

      // Gone: nothing is said of it any more.
      await vscode.workspace.fs.delete(settingsUri);
      await waitFor(() => vscode.languages.getDiagnostics(settingsUri).length, (n) => n === 0, 'no diagnostics once the settings are gone');
      assert.deepEqual(codes(uri), ['unknown-task-status', 'unknown-task-status']);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(note('.obsidian')), { recursive: true }).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await waitFor(() => api.index.has(uri.toString()), (has) => !has, 'the scratch note leaves the index');
    }
  });
});
