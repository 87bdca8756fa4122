import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseNote } from '../../src/core/parse-note';
import { field, type ListValue } from '../../src/core/note';
import { LineIndex } from '../../src/core/text';
import { at, md } from './helpers';

const seed = readFileSync(new URL('../fixtures/seed-shaped-note.md', import.meta.url), 'utf8');

describe('LineIndex', () => {
  it('counts \\r\\n, \\n and a lone \\r as one line break each', () => {
    const lines = new LineIndex('a\r\nbb\ncc\rd');
    expect(lines.lineCount).toBe(4);
    expect(lines.positionAt(3)).toEqual({ line: 1, character: 0 });
    expect(lines.lineText(0)).toBe('a');
    expect(lines.lineText(1)).toBe('bb');
    expect(lines.lineText(2)).toBe('cc');
    expect(lines.offsetAt({ line: 3, character: 0 })).toBe(9);
    expect(lines.lineEnd(0)).toBe(1);
  });
});

describe('parseNote: frontmatter', () => {
  it('reads flow-list items with exact ranges', () => {
    const note = parseNote('file:///v/a.md', md('---', 'participants: ["Ann Lee", "Bo Chen"]', '---', ''));
    const f = field(note, 'participants')!;
    const list = f.value as ListValue;
    expect(list.kind).toBe('list');
    expect(list.flow).toBe(true);
    expect(list.items.map((i) => i.value)).toEqual(['Ann Lee', 'Bo Chen']);
    expect(list.items[1]!.span.range).toEqual({ start: { line: 1, character: 26 }, end: { line: 1, character: 35 } });
    expect(at(note, list.items[1]!.span)).toBe('"Bo Chen"');
    expect(f.keySpan.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 12 } });
  });

  it('reads block-list items with exact ranges, and the list span stops at the last item', () => {
    const note = parseNote('file:///v/a.md', md('---', 'tags:', '  - "type/people"', '  - person/', '', '---', 'body'));
    const list = field(note, 'tags')!.value as ListValue;
    expect(list.flow).toBe(false);
    expect(list.items.map((i) => [i.value, i.style, i.span.range.start.line, i.span.range.start.character])).toEqual([
      ['type/people', 'double', 2, 4],
      ['person/', 'plain', 3, 4],
    ]);
    expect(list.span.range.end).toEqual({ line: 3, character: 11 });
  });

  it('keeps ranges exact with CRLF line endings and a BOM', () => {
    const text = '\uFEFF---\r\ntitle: "T"\r\nparticipants:\r\n  - "Ann Lee"\r\n---\r\n# T\r\n';
    const note = parseNote('file:///v/a.md', text);
    expect(note.hasBom).toBe(true);
    expect(note.text.startsWith('---')).toBe(true);
    const item = (field(note, 'participants')!.value as ListValue).items[0]!;
    expect(item.span.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 13 } });
    expect(at(note, item.span)).toBe('"Ann Lee"');
    expect(note.headings[0]).toMatchObject({ text: 'T', line: 5, depth: 1 });
  });

  it('reports YAML errors at their place and never throws', () => {
    const note = parseNote('file:///v/a.md', md('---', 'title: "T"', 'participants: ["A", "B"', 'date: 2025-01-01', '---', ''));
    expect(note.frontmatter!.errors.length).toBeGreaterThan(0);
    expect(note.frontmatter!.errors[0]!.span.range.start.line).toBeGreaterThanOrEqual(2);
    expect(note.frontmatter!.errors[0]!.message).not.toMatch(/at line/);
  });

  it('sees an unclosed frontmatter block', () => {
    const note = parseNote('file:///v/a.md', md('---', 'title: "T"', '', '# T', '- [?] x #proposed'));
    expect(note.frontmatter).toMatchObject({ closed: false, fields: [] });
    expect(note.frontmatter!.span.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  });

  it('marks an empty value with an empty span after the colon', () => {
    const note = parseNote('file:///v/a.md', md('---', 'person:', 'title: x', '---'));
    const f = field(note, 'person')!;
    expect(f.value.kind).toBe('empty');
    expect(f.value.span.range.start).toEqual({ line: 1, character: 7 });
  });

  it('keeps a bare date a string (YAML 1.2 core schema)', () => {
    const note = parseNote('file:///v/a.md', md('---', 'date: 2025-12-03', '---'));
    expect(field(note, 'date')!.value).toMatchObject({ kind: 'scalar', value: '2025-12-03', style: 'plain' });
  });
});

describe('parseNote: tasks', () => {
  it('finds the seed note\'s four proposals with their parts', () => {
    const note = parseNote('file:///v/2025-12-19%20-%20Seed.md', seed);
    expect(note.tasks).toHaveLength(4);
    const [first] = note.tasks;
    expect(first).toMatchObject({ statusChar: '?', status: 'proposed', heading: 'Action Items', line: 28 });
    expect(first!.assignees.map((a) => a.name)).toEqual(['Myself']);
    expect(first!.priority?.level).toBe('high');
    expect(first!.tags.map((t) => t.name)).toEqual(['task', 'proposed', 'auto']);
    expect(first!.description.startsWith('Define the decision framework')).toBe(true);
    expect(first!.description).not.toMatch(/#|@|⏫/u);
    expect(note.wikilinks.map((w) => w.target)).toEqual(['2025-12-19 - Dana Whitlock - Fabrikam partnership and offsite prep']);
    expect(note.withNames.map((n) => n.name)).toContain('Ravi (last name unknown)');
  });

  it('counts columns in UTF-16 units after emoji (🔺 is two units, ⏫ one)', () => {
    const note = parseNote('file:///v/a.md', md('- [ ] a 🔺 b ⏫ @Ann #t'));
    const task = note.tasks[0]!;
    // "- [ ] a " is 8 units, 🔺 2, " b " 3, ⏫ 1, " " 1 → @ at 15.
    expect(task.priority).toMatchObject({ level: 'highest', span: { range: { start: { line: 0, character: 8 }, end: { line: 0, character: 10 } } } });
    expect(task.assignees[0]!.span.range.start.character).toBe(15);
    expect(task.tags[0]!.span.range).toEqual({ start: { line: 0, character: 20 }, end: { line: 0, character: 22 } });
  });

  it('reads date fields, wikilink mentions, tags with slashes and a block id', () => {
    const note = parseNote('file:///v/a.md', md('- [x] Ship it @[[Ann Lee]] 📅 2025-12-20 ✅ 2025-12-19 #area/storage ^abc123'));
    const task = note.tasks[0]!;
    expect(task.assignees.map((a) => a.name)).toEqual(['Ann Lee']);
    expect(task.dates.map((d) => [d.kind, d.date])).toEqual([['due', '2025-12-20'], ['done', '2025-12-19']]);
    expect(task.tags.map((t) => t.name)).toEqual(['area/storage']);
    expect(at(note, task.blockId!)).toBe('^abc123');
    expect(task.description).toBe('Ship it');
  });

  it('takes only real list items: not code blocks, HTML comments, frontmatter or plain text', () => {
    const note = parseNote(
      'file:///v/a.md',
      md(
        '---',
        'notes: "- [?] not a task"',
        '---',
        '- [?] real one #proposed',
        '',
        '```',
        '- [?] in a code block',
        '```',
        '',
        '<!--',
        '- [?] in a comment',
        '-->',
        '',
        '[?] not a list item',
        '',
        '    - [?] indented code',
        '',
        '* [ ] star item',
        '1. [x] ordered item',
        '> - [/] quoted item',
        '- [ ]no space is not a task',
      ),
    );
    expect(note.tasks.map((t) => t.description)).toEqual(['real one', 'star item', 'ordered item', 'quoted item']);
    expect(note.tasks[3]!.lineSpan.range.start.character).toBe(2);
  });

  it('links nested tasks to their parent and records the heading they sit under', () => {
    const note = parseNote('file:///v/a.md', md('# Title', '## Follow-ups', '- [ ] parent', '  - [?] child #proposed', '  - plain item', '    - [x] grandchild', '## Other', '- [ ] later'));
    expect(note.tasks.map((t) => [t.description, t.parent, t.heading])).toEqual([
      ['parent', undefined, 'Follow-ups'],
      ['child', 0, 'Follow-ups'],
      ['grandchild', 0, 'Follow-ups'],
      ['later', undefined, 'Other'],
    ]);
  });

  it('maps status characters through the configured table; others are unknown', () => {
    const note = parseNote('file:///v/a.md', md('- [!] important', '- [?] q'), { taskStatuses: { '!': 'open', '?': 'proposed' } });
    expect(note.tasks.map((t) => t.status)).toEqual(['open', 'proposed']);
    expect(parseNote('file:///v/a.md', '- [!] x').tasks[0]!.status).toBe('unknown');
  });

  it('does not take an email address for a mention or a heading anchor for a tag', () => {
    const note = parseNote('file:///v/a.md', md('- [ ] mail ann@example.com about issue#12 and #real'));
    expect(note.tasks[0]!.assignees).toEqual([]);
    expect(note.tasks[0]!.tags.map((t) => t.name)).toEqual(['real']);
  });

  it('reads names on the **With** line with their columns', () => {
    const note = parseNote('file:///v/a.md', md('**With**: Ann Lee,  Bo Chen'));
    expect(note.withNames.map((n) => [n.name, n.span.range.start.character])).toEqual([
      ['Ann Lee', 10],
      ['Bo Chen', 20],
    ]);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '---', '---\n---', '\uFEFF', '- [', '- [?]', '---\n: :\n---', '---\n- a\n---', '\r\r\r', '- [🔺] x']) {
      expect(() => parseNote('file:///v/a.md', text)).not.toThrow();
    }
  });
});

describe('parseNote: a leading thematic break is not frontmatter', () => {
  it('does not report "---" followed by prose as an unclosed block', () => {
    expect(parseNote('file:///v/a.md', md('---', '', '# Title', 'Text')).frontmatter).toBeUndefined();
    expect(parseNote('file:///v/a.md', md('---', 'Just prose: with a colon later', 'more')).frontmatter?.closed).toBe(false);
  });
});

describe('parseNote: tasks after an unclosed frontmatter block', () => {
  it('still finds every task (the frontmatter extension alone would lose the lists)', () => {
    const note = parseNote('file:///v/a.md', md('---', 'title: "Q1"', 'tags:', '  - "type/meeting"', '', '# Q1', '', '- [?] Plan #proposed', '* [ ] Star', '1. [x] Numbered'));
    expect(note.frontmatter?.closed).toBe(false);
    expect(note.tasks.map((t) => [t.description, t.line])).toEqual([['Plan', 7], ['Star', 8], ['Numbered', 9]]);
  });
});
