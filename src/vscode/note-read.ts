// How the editor's scan takes a note's file, shared by the extension host (workspace-index.ts) and the
// scan worker (scan-job.ts): the size limit, the UTF-8 decoding and what the user is told when a file
// is not read. No I/O here: the host reads through workspace.fs or the disk, the worker synchronously.

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Why a file of `size` bytes is not read as a note (`name`: its path as shown), or undefined when it may be. */
export function overSizeLimit(name: string, size: number, maxFileSize: number): string | undefined {
  return size > maxFileSize ? `skipped ${name}: ${size} bytes is over meetingNotes.maxFileSize (${maxFileSize})` : undefined;
}

/** A note's text from its file's bytes, or why it is not read. */
export function decodeNote(name: string, bytes: Uint8Array): { text: string } | { problem: string } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { problem: `skipped ${name}: not valid UTF-8` };
  }
}

/** What the user is told when a note's file cannot be read at all. */
export function unreadable(uri: string, e: unknown): string {
  return `cannot read ${uri}: ${(e as Error).message}`;
}
