import * as vscode from 'vscode';
import type { FileStamp } from '../core';

/** What the scan needs of a file system: a file's size and modification time, and its bytes. */
export interface NoteFileSystem {
  stat(uri: vscode.Uri): Promise<FileStamp>;
  read(uri: vscode.Uri): Promise<Uint8Array>;
}

type NodeFs = typeof import('node:fs/promises');

/** `true` in the web bundle, `false` in the Node one (esbuild `define`, scripts/build.mjs); undeclared elsewhere. */
declare const MEETING_NOTES_WEB_BUNDLE: boolean | undefined;

/** `node:fs/promises` on a Node extension host; nothing in the web bundle, which never runs this import (its minified build drops it). */
function nodeDisk(): Promise<NodeFs | undefined> {
  if (typeof MEETING_NOTES_WEB_BUNDLE === 'boolean' && MEETING_NOTES_WEB_BUNDLE) return Promise.resolve(undefined);
  const onNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  return onNode ? import('node:fs/promises').catch(() => undefined) : Promise.resolve(undefined);
}

/**
 * `workspace.fs` for every scheme, except `file:` on a desktop or remote extension host, where the
 * disk is read directly: a scan makes ten thousand calls, and through `workspace.fs` each one crosses
 * the workbench's file service (measured in code-server: 13 s instead of under 1 s for 10,000 notes).
 * The web extension host has no `node:fs` and uses `workspace.fs` throughout.
 */
export function noteFileSystem(): NoteFileSystem {
  const disk = nodeDisk();
  return {
    async stat(uri) {
      const nodeFs = uri.scheme === 'file' ? await disk : undefined;
      if (nodeFs) {
        const s = await nodeFs.stat(uri.fsPath);
        return { size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
      }
      const s = await vscode.workspace.fs.stat(uri);
      return { size: s.size, mtimeMs: s.mtime };
    },
    async read(uri) {
      const nodeFs = uri.scheme === 'file' ? await disk : undefined;
      return nodeFs ? nodeFs.readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri);
    },
  };
}
