import picomatch from 'picomatch/posix';
import * as vscode from 'vscode';
import { SKIPPED_FOLDERS } from '../core';
import type { NoteFileSystem } from './files';

/** A folder's `files.exclude` as a test of folder-relative paths; undefined when it has what only the workbench can judge. */
function filesExcludeOf(folder: vscode.WorkspaceFolder): ((rel: string) => boolean) | undefined {
  const setting = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  const matchers: ((rel: string) => boolean)[] = [];
  for (const [glob, value] of Object.entries(setting)) {
    if (value === false || value === null || value === undefined) continue;
    // A `when` clause (a sibling file's name) is left to findFiles; so is a glob that picomatch
    // would read as a negation or an extglob, which VS Code's globs do not have.
    if (value !== true || /^!|[!@+*?]\(/u.test(glob)) return undefined;
    matchers.push(picomatch(glob, { dot: true }));
  }
  return (rel) => matchers.some((m) => m(rel));
}

/**
 * Every file of the workspace folders that links may name and notes may be: what findFiles lists for
 * every file (files.exclude applied, links to folders followed). On a Node host the folders are walked on the disk: ten thousand uris through
 * the workbench's search take half a second, a walk a tenth of that. Elsewhere, or when files.exclude
 * holds what only the workbench can judge, the workbench lists them. The walk does not enter the
 * skipped folders (.git, .obsidian, …); findFiles lists what they hold, which the caller leaves out.
 */
export async function listWorkspaceFiles(files: NoteFileSystem): Promise<{ uris: vscode.Uri[]; lister: 'disk' | 'findFiles' }> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const excludes = folders.map(filesExcludeOf);
  if (folders.length && excludes.every((e) => e !== undefined)) {
    const listed = await files.walk?.(
      folders.map((f) => f.uri),
      (i, rel, name) => SKIPPED_FOLDERS.includes(name) || excludes[i]!(rel),
    );
    if (listed) return { uris: listed, lister: 'disk' };
  }
  // `undefined` exclude: findFiles applies files.exclude, which the user expects to be honoured.
  const found = await vscode.workspace.findFiles('**/*');
  return { uris: found, lister: 'findFiles' };
}
