import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NoteFiles } from '../../src/core/note-files';
import { loadVault } from '../../src/cli/vault';

const FILES = [
  'a.md',
  'b.MARKDOWN',
  'c.txt',
  'Meetings/2025/x.md',
  'Meetings/obsidian/y.md',
  '.obsidian/workspace.md',
  '.trash/old.md',
  'Projects/node_modules/pkg/README.md',
  'Templates/Meeting.md',
  'Archive/2020/old.md',
  'Drafts/keep.md',
  'Drafts/skip.draft.md',
];
const EXCLUDE = ['Templates/**', 'Archive', '**/*.draft.md'];
const NOTES = ['Drafts/keep.md', 'Meetings/2025/x.md', 'Meetings/obsidian/y.md', 'a.md', 'b.MARKDOWN'];

describe('NoteFiles: which files are notes', () => {
  it('markdown outside skipped folders and the exclude globs (a folder name, a folder glob, a file glob)', () => {
    const files = new NoteFiles(EXCLUDE);
    expect(FILES.filter((f) => files.isNote(f)).sort()).toEqual(NOTES);
    expect(files.holdsNotes('')).toBe(true);
    expect(files.holdsNotes('Archive')).toBe(false);
    expect(files.holdsNotes('Archive/2020')).toBe(false);
    expect(files.holdsNotes('.git')).toBe(false);
  });

  it('the CLI walk of a real folder finds exactly those notes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-files-'));
    for (const f of FILES) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), '# x\n');
    }
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'meetingNotes.exclude': EXCLUDE }));
    const vault = await loadVault(dir, dir);
    expect(vault.paths.map((p) => path.relative(dir, p).split(path.sep).join('/')).sort()).toEqual(NOTES);
  });
});
