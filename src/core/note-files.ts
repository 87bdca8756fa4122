import picomatch from 'picomatch/posix';
import { inSkippedFolder } from './config';

const MARKDOWN = /\.(?:md|markdown)$/iu;

/** Whether a file name or path names a markdown file. */
export function isMarkdownPath(path: string): boolean {
  return MARKDOWN.test(path);
}

/**
 * Which files of a vault are notes: markdown files outside the skipped folders (`.git`, `.obsidian`,
 * …) and outside the `meetingNotes.exclude` globs. The one answer the CLI's walk and the editor's
 * scan and watcher share, so that they never disagree about a file. Paths are vault-relative, with
 * `/` separators.
 */
export class NoteFiles {
  private readonly excluded: ((path: string) => boolean)[];

  constructor(exclude: readonly string[]) {
    this.excluded = exclude.map((glob) => picomatch(glob, { dot: true }));
  }

  private isExcluded(relPath: string): boolean {
    return this.excluded.some((m) => m(relPath));
  }

  /** Whether a folder can hold notes: neither it nor a folder above it is skipped or excluded (a walk does not enter those). */
  holdsNotes(relFolder: string): boolean {
    if (relFolder === '') return true;
    let holds = this.folders.get(relFolder);
    if (holds === undefined) {
      holds = this.folderHoldsNotes(relFolder);
      this.folders.set(relFolder, holds);
    }
    return holds;
  }

  /** Folders answered already: every note of a folder asks about it. */
  private readonly folders = new Map<string, boolean>();

  private folderHoldsNotes(relFolder: string): boolean {
    if (inSkippedFolder(relFolder)) return false;
    const segments = relFolder.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (this.isExcluded(folder) || this.isExcluded(`${folder}/`)) return false;
    }
    return true;
  }

  /** Whether a file is a note: markdown, in a folder that holds notes, not excluded itself. */
  isNote(relPath: string): boolean {
    if (!isMarkdownPath(relPath) || this.isExcluded(relPath)) return false;
    const slash = relPath.lastIndexOf('/');
    return slash < 0 || this.holdsNotes(relPath.slice(0, slash));
  }
}
