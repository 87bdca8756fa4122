import picomatch from 'picomatch/posix';
import * as vscode from 'vscode';
import { SKIPPED_FOLDERS } from '../core';
import type { NoteFileSystem } from './files';

/**
 * The globs whose meaning VS Code and picomatch agree on: ASCII names with `*`, `**`, `?` and `{a,b}`.
 * Parentheses, `|`, brackets, `!` and backslashes mean something else to one of them (picomatch reads
 * `(a|b)` as a group, `[!a]` differently, a glob's own literal text as a match), and VS Code compares
 * non-ASCII names in other normal forms on macOS: such globs are left to the workbench.
 */
const AGREED_GLOB = /^[\w .\-/*?{},~#%+=@&$;:']+$/u;

/**
 * A folder's `files.exclude` as a test of folder-relative paths; undefined when it holds what only the
 * workbench can judge (a `when` clause, a glob outside AGREED_GLOB).
 */
export function filesExcludeOf(folder: vscode.WorkspaceFolder): ((rel: string) => boolean) | undefined {
  const setting = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  const matchers: ((rel: string) => boolean)[] = [];
  for (const [key, value] of Object.entries(setting)) {
    if (value === false || value === null || value === undefined) continue;
    // VS Code drops a glob's trailing slashes, and a glob that is left empty.
    let glob = key;
    while (glob.endsWith('/')) glob = glob.slice(0, -1);
    if (!glob) continue;
    if (value !== true || !AGREED_GLOB.test(glob)) return undefined;
    try {
      matchers.push(picomatch(glob, { dot: true }));
    } catch {
      return undefined;
    }
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
  // The walk always follows links to folders: where they are not to be followed, findFiles lists.
  const followsLinks = folders.every((f) => vscode.workspace.getConfiguration('search', f.uri).get<boolean>('followSymlinks') !== false);
  if (folders.length && followsLinks && excludes.every((e) => e !== undefined)) {
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
