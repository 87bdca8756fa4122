// Wikilinks resolved as Obsidian resolves them, over the set of the vault's files; and where a note
// says it came from (`source_ref`, the closing `*Source: [[…]]*` line).
import { textHash } from './indexed-note';
import type { Note, ScalarValue, WikiLink } from './note';
import { field } from './note-facts';

/**
 * What a link's name is looked up by: its last path segment, lower-cased, without `.md`. A file
 * `Transcripts/2025-12-19 Sync.md` and the links `[[2025-12-19 sync]]`, `[[Transcripts/2025-12-19 Sync.md]]`
 * share the key `2025-12-19 sync`; `notes.txt` keeps its extension.
 */
export function linkKey(nameOrPath: string): string {
  let normal = nameOrPath.replace(/\\/gu, '/');
  while (normal.endsWith('/')) normal = normal.slice(0, -1);
  const base = normal.slice(normal.lastIndexOf('/') + 1).toLowerCase();
  return base.endsWith('.md') ? base.slice(0, -3) : base;
}

/** A link's name as it is matched against paths: `/` separators, no leading `/` or `./`, lower-cased. */
function normalTarget(name: string): string {
  return name
    .trim()
    .replace(/\\/gu, '/')
    .replace(/^(?:\.?\/)+/u, '')
    .toLowerCase();
}

/** Whether a vault path (lower-cased) is what a link name (normalTarget) names: the whole path or its tail, `.md` optional. */
function pathMatches(path: string, target: string): boolean {
  const forms = path.endsWith('.md') ? [path, path.slice(0, -3)] : [path];
  return forms.some((f) => f === target || (f.length > target.length && f.endsWith(target) && f[f.length - target.length - 1] === '/'));
}

/** Whether a `source_ref` is an absolute path (Unix, home, Windows drive or UNC): a path on the machine that wrote it. */
export function isAbsolutePath(ref: string): boolean {
  return /^(?:[/~]|[A-Za-z]:[\\/]|\\\\)/u.test(ref.trim());
}

/**
 * The files of a vault (every file, not only the notes: transcripts may be `.txt`, links may name
 * attachments), by link key, so a link is resolved by looking at the few files that share its name.
 * Files are given as uris under one of the roots (the vault folders, as uri prefixes); a path is
 * what follows the root, decoded.
 */
export class VaultFiles {
  private roots: string[] = [];
  private byKey = new Map<string, string[]>();
  /** uri to its vault path, lower-cased. */
  private paths = new Map<string, string>();
  /** False until the vault's files have been listed: until then no link can be called unresolved. */
  known = false;

  /** Replaces every file. `roots` are the vault folders' uris. Returns the keys whose files changed (none the first time: nothing was known). */
  replace(roots: readonly string[], uris: Iterable<string>): Set<string> {
    return this.replaceWith(VaultFiles.of(roots, uris));
  }

  /** The files `uris` under `roots`, to hand to `replaceWith`. */
  static of(roots: readonly string[], uris: Iterable<string>): VaultFiles {
    const files = VaultFiles.gathering(roots);
    for (const uri of uris) files.add(uri);
    return files;
  }

  /**
   * An empty set of files under `roots`, to `add` to a part at a time (a listing of ten thousand
   * files is more than the editor may take in one go) and then hand to `replaceWith`.
   */
  static gathering(roots: readonly string[]): VaultFiles {
    const files = new VaultFiles();
    files.roots = roots.map((r) => (r.endsWith('/') ? r : `${r}/`)).sort((a, b) => b.length - a.length);
    return files;
  }

  /** Takes the roots and files of `listed` (see `gathering`); returns the keys whose files changed, as `replace`. */
  replaceWith(listed: VaultFiles): Set<string> {
    const changed = new Set<string>();
    if (this.known) {
      const signature = (files: VaultFiles, list: readonly string[]) => list.map((u) => files.paths.get(u)).join('\0');
      for (const [k, list] of listed.byKey) {
        const before = this.byKey.get(k);
        if (!before || signature(this, before) !== signature(listed, list)) changed.add(k);
      }
      for (const k of this.byKey.keys()) if (!listed.byKey.has(k)) changed.add(k);
    }
    // Taken over, not copied: `listed` is not used again (it is left empty).
    this.roots = listed.roots;
    this.byKey = listed.byKey;
    this.paths = listed.paths;
    listed.byKey = new Map();
    listed.paths = new Map();
    this.known = true;
    return changed;
  }

  /** Adds a file; returns its key when it was not there (and is under a root). */
  add(uri: string): string | undefined {
    if (this.paths.has(uri)) return undefined;
    const path = this.pathOf(uri);
    if (path === undefined) return undefined;
    const key = linkKey(path);
    this.paths.set(uri, path.toLowerCase());
    const list = this.byKey.get(key);
    if (list) list.push(uri);
    else this.byKey.set(key, [uri]);
    return key;
  }

  /** Takes a file out, or every file under a folder's uri; returns the keys that changed. */
  delete(uri: string): string[] {
    const keys: string[] = [];
    const folder = uri.endsWith('/') ? uri : `${uri}/`;
    const gone = this.paths.has(uri) ? [uri] : [...this.paths.keys()].filter((u) => u.startsWith(folder));
    for (const u of gone) {
      const key = linkKey(this.paths.get(u)!);
      this.paths.delete(u);
      const list = this.byKey.get(key)!.filter((x) => x !== u);
      if (list.length) this.byKey.set(key, list);
      else this.byKey.delete(key);
      keys.push(key);
    }
    return keys;
  }

  has(uri: string): boolean {
    return this.paths.has(uri);
  }

  get size(): number {
    return this.paths.size;
  }

  /** A uri's path inside its vault folder (decoded, `/` separators), or undefined outside every folder. */
  pathOf(uri: string): string | undefined {
    const root = this.roots.find((r) => uri.startsWith(r));
    if (root === undefined) return undefined;
    try {
      return decodeURIComponent(uri.slice(root.length));
    } catch {
      return uri.slice(root.length);
    }
  }

  /** The files a key names, as uris. */
  filesFor(key: string): readonly string[] {
    return this.byKey.get(key) ?? [];
  }

  /**
   * The file a link names (`[[name]]`, `[[folder/name]]`, `[[name.txt]]`; heading and alias already
   * taken off), as Obsidian finds it: any file whose path is the name or ends with `/name`, `.md`
   * optional, case ignored; of several, the shortest path (then the first in order). `except`: a
   * file not to take (a note's Source link never means the note itself).
   */
  resolve(name: string, except?: string): string | undefined {
    const target = normalTarget(name);
    if (!target) return undefined;
    let best: string | undefined;
    let bestPath = '';
    for (const uri of this.filesFor(linkKey(target))) {
      const path = this.paths.get(uri)!;
      if (uri === except || !pathMatches(path, target)) continue;
      if (best === undefined || path.length < bestPath.length || (path.length === bestPath.length && path < bestPath)) {
        best = uri;
        bestPath = path;
      }
    }
    return best;
  }

  /**
   * The files an absolute path from another machine most likely is: those with its file name (case
   * ignored) whose paths share the most trailing folders with it. One file: certain; several: a choice.
   */
  sameNamed(absolutePath: string, except?: string): string[] {
    const segments = normalTarget(absolutePath).split('/').filter(Boolean);
    const name = segments[segments.length - 1];
    if (!name) return [];
    let best: string[] = [];
    let bestShared = 0;
    for (const uri of this.filesFor(linkKey(name))) {
      const parts = this.paths.get(uri)!.split('/');
      if (uri === except || parts[parts.length - 1] !== name) continue;
      let shared = 1;
      while (shared < parts.length && shared < segments.length && parts[parts.length - 1 - shared] === segments[segments.length - 1 - shared]) shared++;
      if (shared > bestShared) {
        best = [uri];
        bestShared = shared;
      } else if (shared === bestShared) best.push(uri);
    }
    return best;
  }

  /**
   * What the link rules of a note with these keys would see: the files each key names, by path. A
   * note whose answer differs from the one it was checked with must be checked again.
   */
  answersFor(keys: readonly string[]): string {
    if (!keys.length) return '';
    if (!this.known) return '?';
    let all = '';
    for (const key of keys) all += `${key}\u0001${this.filesFor(key).map((u) => this.paths.get(u)).sort().join('\u0002')}\u0003`;
    return textHash(all);
  }
}

/** The `*Source: [[…]]*` line's link: the last wikilink on a line that starts (after emphasis) with `Source:`. */
export function sourceLink(note: Note): WikiLink | undefined {
  for (let i = note.wikilinks.length - 1; i >= 0; i--) {
    const link = note.wikilinks[i]!;
    const line = note.lines.lineText(link.span.range.start.line);
    if (/^[*_]*\s*source[*_\s]*:/iu.test(line.trimStart())) return link;
  }
  return undefined;
}

/** The `source_ref` field, when it holds a non-blank string. */
export function sourceRef(note: Note): (ScalarValue & { value: string }) | undefined {
  const f = field(note, 'source_ref');
  if (f?.value.kind !== 'scalar' || typeof f.value.value !== 'string' || !f.value.value.trim()) return undefined;
  return f.value as ScalarValue & { value: string };
}

/** The file a `source_ref` names: relative, as a link path; absolute, the one file of that name its path fits best. */
export function resolveSourceRef(files: VaultFiles, ref: string, except?: string): string | undefined {
  if (!isAbsolutePath(ref)) return files.resolve(ref, except);
  const same = files.sameNamed(ref, except);
  return same.length === 1 ? same[0] : undefined;
}

/** The note's source file, when it names one that is in the vault: the Source link first, else `source_ref`. */
export function resolveSource(note: Note, files: VaultFiles): { uri: string; name: string } | undefined {
  const link = sourceLink(note);
  const linked = link && files.resolve(link.target, note.uri);
  if (link && linked) return { uri: linked, name: link.target };
  const ref = sourceRef(note);
  const found = ref && resolveSourceRef(files, ref.value, note.uri);
  return found ? { uri: found, name: linkKeyName(files.pathOf(found) ?? ref!.value) } : undefined;
}

/** A path's file name without `.md`, as a person would name the note. */
function linkKeyName(path: string): string {
  const base = path.replace(/\\/gu, '/').split('/').pop() ?? path;
  return base.toLowerCase().endsWith('.md') ? base.slice(0, -3) : base;
}

/** The keys a note's links and source look up: what decides whether a change of files changes its findings. */
export function linkKeysOf(note: Note): string[] {
  const keys = new Set<string>();
  for (const link of note.wikilinks) keys.add(linkKey(normalTarget(link.target)));
  const ref = sourceRef(note);
  if (ref) keys.add(linkKey(normalTarget(ref.value)));
  keys.delete('');
  return [...keys].sort();
}
