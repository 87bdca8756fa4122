import * as vscode from 'vscode';
import type { FileStamp } from '../core';

/** What the scan needs of a file system: a file's size and modification time, and its bytes. */
export interface NoteFileSystem {
  stat(uri: vscode.Uri): Promise<FileStamp>;
  /**
   * The stamps of many files, undefined for one that cannot be stat'ed. `pause` is awaited now and
   * then, so that the host is not held for long.
   */
  statAll(uris: readonly vscode.Uri[], pause: () => Promise<void>): Promise<(FileStamp | undefined)[]>;
  read(uri: vscode.Uri): Promise<Uint8Array>;
  /**
   * Every file under the folders, walked on the disk (links to folders followed, but never back into
   * a folder above), where that can be done; undefined elsewhere. `skip(folder, rel, name)` leaves out a file, or a folder and all
   * it holds, by its path relative to its workspace folder (with `/`) and its name. A folder that is
   * another of the roots is left to that root's walk.
   */
  walk?(roots: readonly vscode.Uri[], skip: (root: number, rel: string, name: string) => boolean): Promise<vscode.Uri[] | undefined>;
}

type NodeFs = typeof import('node:fs');
type Dirent = import('node:fs').Dirent;

/** How long statAll stats synchronously before it pauses. */
const STAT_SLICE_MS = 10;
/** Stats in flight at once through workspace.fs. */
const STAT_CONCURRENCY = 64;

/** `true` in the web bundle, `false` in the Node one (esbuild `define`, scripts/build.mjs); undeclared elsewhere. */
declare const MEETING_NOTES_WEB_BUNDLE: boolean | undefined;

/** `node:fs` on a Node extension host; nothing in the web bundle, which never runs this import (its minified build drops it). */
function nodeDisk(): Promise<NodeFs | undefined> {
  if (typeof MEETING_NOTES_WEB_BUNDLE === 'boolean' && MEETING_NOTES_WEB_BUNDLE) return Promise.resolve(undefined);
  const onNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  return onNode ? import('node:fs').catch(() => undefined) : Promise.resolve(undefined);
}

/**
 * `workspace.fs` for every scheme, except `file:` on a desktop or remote extension host, where the
 * disk is read directly: a scan makes ten thousand calls, and through `workspace.fs` each one crosses
 * the workbench's file service (measured in code-server: 13 s instead of under 1 s for 10,000 notes).
 * The web extension host has no `node:fs` and uses `workspace.fs` throughout.
 */
export function noteFileSystem(): NoteFileSystem {
  const disk = nodeDisk();
  const stat = async (uri: vscode.Uri): Promise<FileStamp> => {
    const nodeFs = uri.scheme === 'file' ? await disk : undefined;
    if (nodeFs) {
      const s = await nodeFs.promises.stat(uri.fsPath);
      return { size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
    }
    const s = await vscode.workspace.fs.stat(uri);
    return { size: s.size, mtimeMs: s.mtime };
  };
  return {
    stat,
    async statAll(uris, pause) {
      // On the disk, a synchronous stat takes a few microseconds, a promise round trip many times
      // that: a warm start stats every note, so the disk is asked directly, a short slice at a time.
      const nodeFs = await disk;
      const out: (FileStamp | undefined)[] = new Array<FileStamp | undefined>(uris.length);
      const elsewhere: number[] = [];
      let sliceStart = Date.now();
      for (let i = 0; i < uris.length; i++) {
        const uri = uris[i]!;
        if (!nodeFs || uri.scheme !== 'file') {
          elsewhere.push(i);
          continue;
        }
        try {
          const s = nodeFs.statSync(uri.fsPath, { throwIfNoEntry: false });
          out[i] = s ? { size: s.size, mtimeMs: Math.floor(s.mtimeMs) } : undefined;
        } catch {
          out[i] = undefined;
        }
        if (Date.now() - sliceStart >= STAT_SLICE_MS) {
          await pause();
          sliceStart = Date.now();
        }
      }
      for (let i = 0; i < elsewhere.length; i += STAT_CONCURRENCY) {
        await Promise.all(
          elsewhere.slice(i, i + STAT_CONCURRENCY).map(async (at) => {
            out[at] = await stat(uris[at]!).catch(() => undefined);
          }),
        );
      }
      return out;
    },
    async read(uri) {
      const nodeFs = uri.scheme === 'file' ? await disk : undefined;
      return nodeFs ? nodeFs.promises.readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri);
    },
    async walk(roots, skip) {
      const nodeFs = await disk;
      return nodeFs && roots.every((r) => r.scheme === 'file') ? walkDisk(nodeFs, roots, skip) : undefined;
    },
  };
}

/** A name joined to a folder's path on the disk (both separators work on Windows too). */
const joined = (folder: string, name: string) => (/[\\/]$/u.test(folder) ? folder + name : `${folder}/${name}`);

async function walkDisk(nodeFs: NodeFs, roots: readonly vscode.Uri[], skip: (root: number, rel: string, name: string) => boolean): Promise<vscode.Uri[]> {
  const rootUris = new Set(roots.map((r) => r.toString()));
  const out: vscode.Uri[] = [];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i]!;
    const rootPath = root.path.replace(/\/$/u, '');
    // Each folder with the identities (device and inode) of the folders above it: a link, or a mount,
    // back to one of them would never end.
    const folders: [abs: string, rel: string, above: readonly string[]][] = [[root.fsPath, '', []]];
    for (let next = folders.pop(); next; next = folders.pop()) {
      const [abs, rel, above] = next;
      let entries: Dirent[];
      let path: readonly string[];
      try {
        const s = await nodeFs.promises.stat(abs, { bigint: true });
        const id = `${s.dev}:${s.ino}`;
        if (above.includes(id)) continue;
        path = [...above, id];
        entries = await nodeFs.promises.readdir(abs, { withFileTypes: true });
      } catch {
        continue; // unreadable, or gone meanwhile: nothing of it is listed
      }
      for (const entry of entries) {
        const childRel = rel ? `${rel}/${entry.name}` : entry.name;
        if (skip(i, childRel, entry.name)) continue;
        const childAbs = joined(abs, entry.name);
        // Regular files and folders only: reading a FIFO or a device named like a note would never end.
        let kind: { isFile(): boolean; isDirectory(): boolean } = entry;
        if (entry.isSymbolicLink()) {
          try {
            kind = await nodeFs.promises.stat(childAbs);
          } catch {
            continue; // a broken link lists nothing
          }
        }
        if (kind.isFile()) out.push(root.with({ path: `${rootPath}/${childRel}` }));
        else if (kind.isDirectory() && !rootUris.has(root.with({ path: `${rootPath}/${childRel}` }).toString())) folders.push([childAbs, childRel, path]);
      }
    }
  }
  return out;
}
