import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/core/text';
import { parseNote } from '../../src/core/parse-note';
import { checkNote, safeFixEdits } from '../../src/core/rules';
import { NoteIndex, type IndexChange } from '../../src/core/note-index';
import { parseCache, serializeCache } from '../../src/core/index-cache';
import { PeopleRegistry } from '../../src/core/people';
import { isAbsolutePath, linkKey, linkKeysOf, resolveSource, sourceLink, VaultFiles } from '../../src/core/wikilinks';
import { config, md } from './helpers';

const ROOT = 'file:///vault';
const uri = (path: string) => `${ROOT}/${path.split('/').map(encodeURIComponent).join('/')}`;

function vault(...paths: string[]): VaultFiles {
  const files = new VaultFiles();
  files.replace([ROOT], paths.map(uri));
  return files;
}

describe('linkKey', () => {
  it('is the last segment, lower-cased, without .md', () => {
    expect(linkKey('Transcripts/2025-12-19 Sync.md')).toBe('2025-12-19 sync');
    expect(linkKey('C:\\Notes\\Call.TXT')).toBe('call.txt');
    expect(linkKey('Sync')).toBe('sync');
  });
});

describe('VaultFiles gathered a part at a time', () => {
  it('replaces the files as replace does, and says which keys changed', () => {
    const files = vault('Meetings/Sync.md', 'Transcripts/Call.txt', 'People/Ann Lee.md');
    const listed = VaultFiles.gathering([ROOT]);
    for (const p of ['Meetings/Sync.md', 'Transcripts/Call.txt', 'Archive/Sync.md', 'Notes/New.md']) listed.add(uri(p));
    const changed = files.replaceWith(listed);
    expect([...changed].sort()).toEqual(['ann lee', 'new', 'sync']); // call.txt is as it was
    expect(files.resolve('Ann Lee')).toBeUndefined();
    expect(files.resolve('New')).toBe(uri('Notes/New.md'));
    expect(files.resolve('Call.txt')).toBe(uri('Transcripts/Call.txt'));
    // The same as replace with the same files; a first replace (nothing known before) changes no key.
    const whole = new VaultFiles();
    expect(whole.replace([ROOT], ['Meetings/Sync.md', 'Transcripts/Call.txt', 'Archive/Sync.md', 'Notes/New.md'].map(uri)).size).toBe(0);
    for (const name of ['Sync', 'Call.txt', 'New', 'Archive/Sync']) expect(files.resolve(name), name).toBe(whole.resolve(name));
    expect(files.size).toBe(4);
  });
});

describe('VaultFiles.resolve (as Obsidian resolves a wikilink)', () => {
  const files = vault('Meetings/2025/Sync.md', 'Archive/Old Stuff/Sync.md', 'Transcripts/2025-12-19 Call.txt', 'People/Dana Whitfield.md', 'Sync.md.bak', 'a/b/Deep.md', 'x/b/Deep.md');

  it('finds a file by name anywhere in the vault, .md optional, case ignored', () => {
    expect(files.resolve('dana whitfield')).toBe(uri('People/Dana Whitfield.md'));
    expect(files.resolve('Dana Whitfield.md')).toBe(uri('People/Dana Whitfield.md'));
    expect(files.resolve('2025-12-19 call.TXT')).toBe(uri('Transcripts/2025-12-19 Call.txt'));
  });

  it('takes the shortest path when the name is ambiguous, then the first in order', () => {
    expect(files.resolve('Sync')).toBe(uri('Meetings/2025/Sync.md'));
    expect(files.resolve('Deep')).toBe(uri('a/b/Deep.md'));
  });

  it('matches a name with a folder against the end of the path, whole segments only', () => {
    expect(files.resolve('Old Stuff/Sync')).toBe(uri('Archive/Old Stuff/Sync.md'));
    expect(files.resolve('/archive/old stuff/Sync.md')).toBe(uri('Archive/Old Stuff/Sync.md'));
    expect(files.resolve('x/b/deep')).toBe(uri('x/b/Deep.md'));
    expect(files.resolve('ld Stuff/Sync')).toBeUndefined();
    expect(files.resolve('Other/Sync')).toBeUndefined();
  });

  it('does not take a non-markdown file for a name without its extension', () => {
    expect(files.resolve('2025-12-19 Call')).toBeUndefined();
    expect(files.resolve('Sync.md.bak')).toBe(uri('Sync.md.bak'));
    expect(files.resolve('')).toBeUndefined();
  });

  it('follows files added and deleted, a folder at once', () => {
    const f = vault('A/One.md');
    expect(f.add(uri('B/Two.md'))).toBe('two');
    expect(f.add(uri('B/Two.md'))).toBeUndefined();
    expect(f.resolve('two')).toBe(uri('B/Two.md'));
    expect(f.delete(`${ROOT}/B`)).toEqual(['two']);
    expect(f.resolve('two')).toBeUndefined();
    expect(f.add('file:///elsewhere/Three.md')).toBeUndefined();
  });

  it('finds a file of the same name for an absolute path, the one sharing the most folders', () => {
    expect(files.sameNamed('/Users/someone/vault/Meetings/2025/Sync.md')).toEqual([uri('Meetings/2025/Sync.md')]);
    expect(files.sameNamed('/Users/someone/Sync.md')).toHaveLength(2);
    expect(files.sameNamed('C:\\Users\\someone\\Transcripts\\2025-12-19 Call.txt')).toEqual([uri('Transcripts/2025-12-19 Call.txt')]);
    expect(files.sameNamed('/Users/someone/Nothing.md')).toEqual([]);
  });

  it('tells absolute paths from vault paths', () => {
    expect(['/Users/a/x.md', '~/x.md', 'C:\\x.md', 'd:/x.md', '\\\\server\\x.md'].every(isAbsolutePath)).toBe(true);
    expect(['Transcripts/x.md', 'x.md', './x.md'].some(isAbsolutePath)).toBe(false);
  });
});

describe('wikilinks in a note', () => {
  it('are parsed with heading, block and alias taken off, embeds included', () => {
    const note = parseNote(uri('n.md'), md('See [[Sync#Decisions]], [[Sync|the sync]], ![[diagram.png]] and [[Call^abc]].', '`[[code]]`'));
    expect(note.wikilinks.map((l) => [l.target, l.embed])).toEqual([
      ['Sync', false],
      ['Sync', false],
      ['diagram.png', true],
      ['Call', false],
    ]);
    expect(linkKeysOf(note)).toEqual(['call', 'diagram.png', 'sync']);
  });

  it('the Source line is found, with emphasis around it', () => {
    const note = parseNote(uri('n.md'), md('See [[Other]].', '---', '*Source: [[2025-12-19 Call]]*'));
    expect(sourceLink(note)?.target).toBe('2025-12-19 Call');
    expect(sourceLink(parseNote(uri('n.md'), 'See [[Other]].'))).toBeUndefined();
  });
});

const meeting = (sourceRef: string, body = '*Source: [[2025-12-19 Call]]*', eol = '\n') =>
  ['---', 'type: meeting', 'title: "Call"', 'date: "2025-12-19"', `source_ref: ${sourceRef}`, '---', '# Call', 'With [[Dana Whitfield]] and [[Nobody Here]]; @[[Unknown Person]].', '---', body].join(eol);

function check(text: string, files: VaultFiles | undefined, path = 'Meetings/2025-12-19 Call.md') {
  const note = parseNote(uri(path), text);
  return { note, issues: checkNote({ note, registry: PeopleRegistry.fromPeople([], config()), config: config(), files }) };
}

describe('unresolved-link and source-missing', () => {
  const files = vault('People/Dana Whitfield.md', 'Transcripts/2025/2025-12-19 Call.md', 'Meetings/2025-12-19 Call.md');

  it('flag body links that name no file, not mentions, not the frontmatter, and only once files are known', () => {
    const text = md('---', 'type: meeting', 'participants: ["[[Ghost]]"]', '---', 'See [[Dana Whitfield]], [[Nobody Here]] and ![[missing.png]]; @[[Unknown Person]].');
    const { issues } = check(text, files);
    expect(issues.filter((i) => i.code === 'unresolved-link').map((i) => [i.message, i.severity])).toEqual([
      ["No file in the vault is named 'Nobody Here'.", 'info'],
      ["No file in the vault is named 'missing.png'.", 'info'],
    ]);
    expect(check(text, undefined).issues.filter((i) => i.code === 'unresolved-link')).toEqual([]);
    expect(check(text, new VaultFiles()).issues.filter((i) => i.code === 'unresolved-link')).toEqual([]);
  });

  it('a relative source_ref and the Source link that resolve are fine', () => {
    const { issues } = check(meeting('"Transcripts/2025/2025-12-19 Call.md"'), files);
    expect(issues.filter((i) => i.code === 'source-missing')).toEqual([]);
  });

  it('flag a relative source_ref and a Source link that resolve to nothing', () => {
    const { note, issues } = check(meeting('"Transcripts/Gone.md"', '*Source: [[Gone transcript]]*'), files);
    const found = issues.filter((i) => i.code === 'source-missing');
    expect(found.map((i) => [i.message, i.severity, note.text.slice(i.span.start, i.span.end)])).toEqual([
      ["'source_ref' names 'Transcripts/Gone.md', which is not in the vault.", 'warning', '"Transcripts/Gone.md"'],
      ["The Source link names 'Gone transcript', which is not in the vault.", 'warning', '[[Gone transcript]]'],
    ]);
    // The Source link is not reported twice.
    expect(issues.filter((i) => i.code === 'unresolved-link').map((i) => i.message)).toEqual(["No file in the vault is named 'Nobody Here'."]);
  });

  it('an absolute source_ref whose file the vault holds gets a safe fix to the vault path, quoting kept, CRLF kept', () => {
    for (const [written, expected, eol] of [
      ['"/Users/someone/vault/Transcripts/2025/2025-12-19 Call.md"', '"Transcripts/2025/2025-12-19 Call.md"', '\n'],
      ["'/Users/someone/vault/Transcripts/2025/2025-12-19 Call.md'", "'Transcripts/2025/2025-12-19 Call.md'", '\r\n'],
      ['/Users/someone/vault/Transcripts/2025/2025-12-19 Call.md', 'Transcripts/2025/2025-12-19 Call.md', '\r\n'],
    ] as const) {
      const text = meeting(written, undefined, eol);
      const { issues } = check(text, files);
      const issue = issues.find((i) => i.code === 'source-missing')!;
      expect(issue.message).toBe("'source_ref' is a path on another machine; the vault has the file at 'Transcripts/2025/2025-12-19 Call.md'.");
      expect(issue.fixes.map((f) => [f.title, f.safe])).toEqual([['Use the vault path Transcripts/2025/2025-12-19 Call.md', true]]);
      const fixed = applyEdits(text, safeFixEdits(issues).edits);
      expect(fixed).toBe(text.replace(written, expected));
      expect(check(fixed, files).issues.filter((i) => i.code === 'source-missing')).toEqual([]);
    }
  });

  it('quotes a plain vault path that a plain scalar could misread', () => {
    const f = vault('T/#1 call.md', 'T/true');
    const text = meeting('/Users/x/T/#1 call.md', '');
    const issue = check(text, f).issues.find((i) => i.code === 'source-missing')!;
    expect(applyEdits(text, issue.fixes[0]!.edits)).toContain('\nsource_ref: "T/#1 call.md"\n');
    const bare = meeting('/Users/x/T/true', '');
    const fixed = applyEdits(bare, check(bare, f).issues.find((i) => i.code === 'source-missing')!.fixes[0]!.edits);
    expect(fixed).toContain('\nsource_ref: T/true\n');
  });

  it('offers a choice, out of Fix All, when several files fit equally', () => {
    const f = vault('A/Call.md', 'B/Call.md');
    const text = meeting('"/Users/x/Elsewhere/Call.md"', '');
    const { issues } = check(text, f);
    const issue = issues.find((i) => i.code === 'source-missing')!;
    expect(issue.message).toBe("'source_ref' is a path on another machine; the vault has 2 files of that name.");
    expect(issue.fixes.map((fx) => [fx.title, fx.safe])).toEqual([
      ['Use the vault path A/Call.md', false],
      ['Use the vault path B/Call.md', false],
    ]);
    expect(safeFixEdits(issues.filter((i) => i.code === 'source-missing')).edits).toEqual([]);
  });

  it('an absolute source_ref with no such file in the vault has no fix', () => {
    const issue = check(meeting('"/Users/x/Transcripts/Lost.md"', ''), files).issues.find((i) => i.code === 'source-missing')!;
    expect(issue.message).toBe("'source_ref' is a path on another machine, and no file of that name is in the vault.");
    expect(issue.fixes).toEqual([]);
  });

  it('never takes the note itself for its source: an absolute source_ref with only the note of that name has no fix', () => {
    const own = vault('Meetings/2025-12-19 Call.md');
    const { issues } = check(meeting('"/Users/x/Transcripts/2025/2025-12-19 Call.md"', ''), own);
    const issue = issues.find((i) => i.code === 'source-missing')!;
    expect(issue.message).toBe("'source_ref' is a path on another machine, and no file of that name is in the vault.");
    expect(issue.fixes).toEqual([]);
    expect(check(meeting('"Meetings/2025-12-19 Call.md"', ''), own).issues.find((i) => i.code === 'source-missing')?.message).toBe(
      "'source_ref' names 'Meetings/2025-12-19 Call.md', which is not in the vault.",
    );
    expect(resolveSource(parseNote(uri('Meetings/2025-12-19 Call.md'), meeting('"/U/Meetings/2025-12-19 Call.md"', '')), own)).toBeUndefined();
  });

  it('resolveSource prefers the Source link (never the note itself), then source_ref', () => {
    expect(resolveSource(parseNote(uri('Meetings/2025-12-19 Call.md'), meeting('"x"')), files)).toEqual({ uri: uri('Transcripts/2025/2025-12-19 Call.md'), name: '2025-12-19 Call' });
    expect(resolveSource(parseNote(uri('n.md'), meeting('"/U/Transcripts/2025/2025-12-19 Call.md"', '')), files)).toEqual({
      uri: uri('Transcripts/2025/2025-12-19 Call.md'),
      name: '2025-12-19 Call',
    });
    expect(resolveSource(parseNote(uri('n.md'), meeting('"Nope.md"', '')), files)).toBeUndefined();
  });
});

describe('the index and the vault files', () => {
  const note = md('---', 'type: meeting', 'title: "Call"', '---', 'See [[Transcript A]] and [[Other]].');
  const events: IndexChange[] = [];
  const codes = (index: NoteIndex, u: string) => index.issues(u).map((i) => i.code).filter((c) => c === 'unresolved-link');

  it('re-checks only the notes whose links a file change touches', () => {
    const index = new NoteIndex(config());
    index.onDidChange((e) => events.push(e));
    index.set(uri('a.md'), note);
    index.set(uri('b.md'), md('See [[Unrelated]].'));
    expect(codes(index, uri('a.md'))).toEqual([]); // files not listed yet: nothing to say
    events.length = 0;
    index.setVaultFiles([ROOT], [uri('a.md'), uri('b.md'), uri('Other.md')]);
    expect(events.flatMap((e) => e.stale).sort()).toEqual([uri('a.md'), uri('b.md')]);
    index.set(uri('a.md'), note);
    index.set(uri('b.md'), md('See [[Unrelated]].'));
    expect(codes(index, uri('a.md'))).toEqual(['unresolved-link']);
    events.length = 0;
    index.addVaultFiles([uri('T/Transcript A.txt'), uri('Unrelated2.md')]);
    expect(events).toEqual([]); // a .txt needs its extension in the link; Unrelated2 is no one's link
    index.addVaultFiles([uri('T/Transcript A.md')]);
    expect(events.flatMap((e) => e.stale)).toEqual([uri('a.md')]);
    index.set(uri('a.md'), note);
    expect(codes(index, uri('a.md'))).toEqual([]);
    events.length = 0;
    index.deleteVaultFiles([`${ROOT}/T`]);
    expect(events.flatMap((e) => e.stale)).toEqual([uri('a.md')]);
  });

  it('a cached note is stale when the vault files answer its links differently than when it was cached', () => {
    const index = new NoteIndex(config());
    index.setVaultFiles([ROOT], [uri('a.md'), uri('Other.md')]);
    const record = index.set(uri('a.md'), note);
    const entries = new Map([[uri('a.md'), { size: 1, mtimeMs: 1, record }]]);
    const text = serializeCache('1', config(), entries, []);
    const read = parseCache(text, '1', config());
    if ('ignored' in read) throw new Error(read.ignored);
    expect(read.entries.get(uri('a.md'))!.record.links).toEqual(['other', 'transcript a']);

    const same = new NoteIndex(config());
    same.setVaultFiles([ROOT], [uri('a.md'), uri('Other.md')]);
    same.restore([read.entries.get(uri('a.md'))!.record], () => true);
    expect(same.isStale(uri('a.md'))).toBe(false);

    const changed = new NoteIndex(config());
    changed.setVaultFiles([ROOT], [uri('a.md'), uri('Other.md'), uri('Transcript A.md')]);
    changed.restore([read.entries.get(uri('a.md'))!.record], () => true);
    expect(changed.isStale(uri('a.md'))).toBe(true);

    const later = new NoteIndex(config());
    later.restore([read.entries.get(uri('a.md'))!.record], () => true);
    expect(later.isStale(uri('a.md'))).toBe(false);
    later.setVaultFiles([ROOT], [uri('a.md')]);
    expect(later.isStale(uri('a.md'))).toBe(true);
  });
});
