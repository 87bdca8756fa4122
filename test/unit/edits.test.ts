import { describe, expect, it } from 'vitest';
import { acceptAllProposals, acceptProposal, rejectAllProposals, rejectProposal, setTaskStatus, yamlScalar } from '../../src/core/edits';
import { parseNote } from '../../src/core/parse-note';
import { applyEdits, applyEditsToFile } from '../../src/core/text';
import { checkText, md } from './helpers';

const BOM = '\uFEFF';

/** A file as bytes on disk: BOM, CRLF, emoji of one and two UTF-16 units, a nested proposal. */
const file = [
  `${BOM}---`,
  'type: "meeting"',
  'title: "Sync 🔺"',
  '---',
  '# Sync',
  '- [?] Define the framework @Myself ⏫ #task #proposed #auto',
  '- [ ] Already open 🔺 #task',
  '  - [?] Nested 🔺 proposal @[[Ann Lee]] #proposed #auto ^blk1',
  '- [?] #proposed Tag first',
  '',
].join('\r\n');

function edit(text: string, edits: Parameters<typeof applyEditsToFile>[1]): Buffer {
  return Buffer.from(applyEditsToFile(text, edits), 'utf8');
}

/** The expected bytes: the original bytes with exactly one line replaced. */
function withLine(original: string, lineNo: number, newLine: string): Buffer {
  const lines = original.split('\r\n');
  lines[lineNo] = newLine;
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

describe('triage edits are byte-exact', () => {
  const note = parseNote('file:///v/a.md', file);
  const [first, , nested, tagFirst] = note.tasks;

  it('accept: [?] → [ ] and #proposed removed; BOM, CRLF, emoji and other lines untouched', () => {
    const out = edit(file, acceptProposal(note, first!));
    expect(out.equals(withLine(file, 5, '- [ ] Define the framework @Myself ⏫ #task #auto'))).toBe(true);
    expect(out.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  });

  it('accept when #proposed comes first in the text', () => {
    expect(edit(file, acceptProposal(note, tagFirst!)).equals(withLine(file, 8, '- [ ] Tag first'))).toBe(true);
  });

  it('reject: [?] → [-], #proposed removed, ❌ date before the block id', () => {
    const out = edit(file, rejectProposal(note, nested!, '2026-01-05'));
    expect(out.equals(withLine(file, 7, '  - [-] Nested 🔺 proposal @[[Ann Lee]] #auto ❌ 2026-01-05 ^blk1'))).toBe(true);
  });

  it('reject appends at the end of the line, before trailing blanks', () => {
    const text = '- [?] Idea #proposed   \n';
    const n = parseNote('file:///v/a.md', text);
    expect(applyEdits(n.text, rejectProposal(n, n.tasks[0]!, '2026-01-05'))).toBe('- [-] Idea ❌ 2026-01-05   \n');
  });

  it('reject refuses a malformed date rather than writing it', () => {
    expect(() => rejectProposal(note, first!, '5/1/2026')).toThrow(/YYYY-MM-DD/);
  });

  it('accept all and reject all change every proposal and nothing else', () => {
    const accepted = applyEditsToFile(file, acceptAllProposals(note));
    expect(accepted).toBe(
      [
        `${BOM}---`,
        'type: "meeting"',
        'title: "Sync 🔺"',
        '---',
        '# Sync',
        '- [ ] Define the framework @Myself ⏫ #task #auto',
        '- [ ] Already open 🔺 #task',
        '  - [ ] Nested 🔺 proposal @[[Ann Lee]] #auto ^blk1',
        '- [ ] Tag first',
        '',
      ].join('\r\n'),
    );
    const rejected = applyEditsToFile(file, rejectAllProposals(note, '2026-01-05'));
    expect(rejected.split('\r\n').filter((l) => l.includes('❌ 2026-01-05'))).toHaveLength(3);
    expect(rejected.split('\r\n')[6]).toBe('- [ ] Already open 🔺 #task');
    expect(rejected.includes('\n') && !/[^\r]\n/u.test(rejected)).toBe(true);
  });

  it('a subset of proposals (a selection) can be accepted', () => {
    const out = applyEditsToFile(file, acceptAllProposals(note, [first!, nested!]));
    expect(out.split('\r\n').filter((l) => l.includes('[?]'))).toEqual(['- [?] #proposed Tag first']);
  });

  it('mark done adds ✅ date; in progress only changes the char', () => {
    const open = note.tasks[1]!;
    expect(applyEditsToFile(file, setTaskStatus(note, open, 'x', '2026-01-05')).split('\r\n')[6]).toBe('- [x] Already open 🔺 #task ✅ 2026-01-05');
    expect(applyEditsToFile(file, setTaskStatus(note, open, '/', '2026-01-05')).split('\r\n')[6]).toBe('- [/] Already open 🔺 #task');
    expect(applyEditsToFile(file, setTaskStatus(note, first!, 'x', '2026-01-05')).split('\r\n')[5]).toBe('- [x] Define the framework @Myself ⏫ #task #auto ✅ 2026-01-05');
  });

  it('edit ranges are in UTF-16 columns', () => {
    const [status] = acceptProposal(note, nested!);
    expect(status!.range).toEqual({ start: { line: 7, character: 5 }, end: { line: 7, character: 6 } });
    const removal = acceptProposal(note, nested!)[1]!;
    // "  - [?] Nested 🔺 proposal @[[Ann Lee]]" is 39 units (🔺 counts 2); the space before #proposed starts there.
    expect(removal.range.start).toEqual({ line: 7, character: 39 });
  });
});

describe('applyEdits', () => {
  it('refuses overlapping edits', () => {
    expect(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }])).toThrow(/overlapping/);
  });
  it('applies edits given in any order', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 1, newText: 'A' }])).toBe('AbcdEf');
  });
});

describe('rule fixes are byte-exact too', () => {
  it('setting person in a CRLF + BOM note changes only that value', () => {
    const text = `${BOM}---\r\ntype: people\r\ntitle: 'Ann Lee 1:1 - plans'\r\ndate: 2025-12-19\r\nperson: ''\r\nparticipants: [Ann Lee]\r\n---\r\n`;
    const { note, issues } = checkText(text, { people: { 'Ann Lee': [] } });
    const fix = issues.find((i) => i.code === 'empty-person')!.fixes[0]!;
    expect(applyEditsToFile(text, fix.edits)).toBe(text.replace("person: ''", "person: 'Ann Lee'"));
    expect(note.hasBom).toBe(true);
  });

  it('quotes YAML scalars the way the original was', () => {
    expect(yamlScalar('Ann Lee', { style: 'plain' })).toBe('Ann Lee');
    expect(yamlScalar('a: b', { style: 'plain' })).toBe('"a: b"');
    expect(yamlScalar("O'Neil", { style: 'single' })).toBe("'O''Neil'");
    expect(yamlScalar('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('missing-field inserts with the note\'s own line ending', () => {
    const text = md('---', 'type: meeting', 'title: x', 'participants: [A]', '---', '').replace(/\n/gu, '\r\n');
    const { note, issues } = checkText(text, { fileName: '2025-12-19 - x.md', settings: { people: ['A'] } });
    const fix = issues.find((i) => i.code === 'missing-field')!.fixes[0]!;
    expect(applyEdits(note.text, fix.edits)).toBe(text.replace('title: x\r\n', 'title: x\r\ndate: "2025-12-19"\r\n'));
  });
});
