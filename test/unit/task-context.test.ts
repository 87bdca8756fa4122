import { describe, expect, it } from 'vitest';
import { counted, nameList, shortTitle, taskNeighbourhood } from '../../src/core/task-context';
import { parseNote } from '../../src/core/parse-note';
import { md } from './helpers';

describe('shortTitle', () => {
  it('keeps a short title, drops a subtitle after " - " and a leading date', () => {
    expect(shortTitle('Platform sync')).toBe('Platform sync');
    expect(shortTitle('Jon Park 1:1 - roadmap and hiring')).toBe('Jon Park 1:1');
    expect(shortTitle('2025-12-19 - Jon Park 1-1 - roadmap and hiring')).toBe('Jon Park 1-1');
    expect(shortTitle('2025-12-19 Vendor call')).toBe('Vendor call');
    // A dash too early is part of the name.
    expect(shortTitle('Q1 - planning')).toBe('Q1 - planning');
  });

  it('cuts a long title at a word, with an ellipsis, within the limit', () => {
    const t = shortTitle('Quarterly business review with the storage platform team');
    expect(t).toBe('Quarterly business…');
    expect(t.length).toBeLessThanOrEqual(25);
    expect(shortTitle('Supercalifragilisticexpialidocious meeting', 10)).toBe('Supercalif…');
  });
});

describe('taskNeighbourhood', () => {
  const text = md(
    '---',
    'title: "x"',
    '---',
    '# Notes',
    'Budget is tight.',
    '',
    '## Action Items',
    '',
    '- [ ] First @Ada',
    'A line of context.',
    '- [?] The proposal @Ada #proposed',
    '',
    '- [ ] After one',
    '- [ ] After two',
    '- [ ] After three',
    '## Next section',
  );
  const note = parseNote('file:///v/n.md', text);

  it('shows the task with up to two non-blank lines either side', () => {
    const around = taskNeighbourhood(note, 10);
    expect(around.lines.map((l) => l.text)).toEqual(['- [ ] First @Ada', 'A line of context.', '- [?] The proposal @Ada #proposed', '- [ ] After one', '- [ ] After two']);
    expect(around.taskLine).toBe(10);
  });

  it('stays in the task\'s section and out of the frontmatter', () => {
    expect(taskNeighbourhood(note, 8).lines.map((l) => l.line)).toEqual([8, 9, 10]);
    expect(taskNeighbourhood(note, 14).lines.map((l) => l.line)).toEqual([12, 13, 14]);
    const top = parseNote('file:///v/t.md', md('---', 'title: "x"', '---', '- [?] Top #proposed'));
    expect(taskNeighbourhood(top, 3).lines.map((l) => l.text)).toEqual(['- [?] Top #proposed']);
  });

  it('cuts long lines', () => {
    const long = parseNote('file:///v/l.md', `- [?] ${'word '.repeat(100)}#proposed`);
    const [line] = taskNeighbourhood(long, 0).lines;
    expect(line!.text.length).toBe(160);
    expect(line!.text.endsWith('…')).toBe(true);
  });
});

describe('nameList and counted', () => {
  it('lists names once, up to a limit', () => {
    expect(nameList(['Ann', 'Bo', 'Ann', ' '])).toBe('Ann, Bo');
    expect(nameList(['A', 'B', 'C', 'D'], 2)).toBe('A, B and 2 more');
    expect(counted(1, 'proposal')).toBe('1 proposal');
    expect(counted(3, 'task')).toBe('3 tasks');
  });
});
