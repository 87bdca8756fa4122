import { describe, expect, it } from 'vitest';
import { countTasks, fingerprint, groupTasks, locateTask } from '../../src/core/task-groups';
import { parseNote } from '../../src/core/parse-note';
import { PeopleRegistry } from '../../src/core/people';
import { indexed, md } from './helpers';

const older = indexed('file:///v/2025-12-01%20-%20Old.md', md('---', 'title: "Old sync"', 'date: "2025-12-01"', '---', '- [ ] Old open @Bo', '- [x] Old done @Myself ✅ 2025-12-02'));
const newer = indexed('file:///v/2025-12-09%20-%20New.md', md('---', 'title: "New sync"', 'date: "2025-12-09"', '---', '- [?] Idea @Myself ⏫ #proposed', '- [ ] Unowned 🔽', '- [/] Going @[[Bo Chen]]'));
const noTasks = indexed('file:///v/empty.md', md('# Nothing'));
const registry = PeopleRegistry.build([], { people: ['Bo Chen'], owner: 'Dana White' });
const notes = [older, noTasks, newer];

const shape = (groups: ReturnType<typeof groupTasks>) => groups.map((g) => [g.label, g.items.map((i) => i.task.description)]);

describe('groupTasks', () => {
  it('by note: newest meeting first, notes without tasks hidden', () => {
    expect(shape(groupTasks(notes, registry, 'note'))).toEqual([
      ['2025-12-09 · New sync', ['Idea', 'Unowned', 'Going']],
      ['2025-12-01 · Old sync', ['Old open', 'Old done']],
    ]);
  });

  it('by status: proposed first', () => {
    expect(shape(groupTasks(notes, registry, 'status')).map(([l]) => l)).toEqual(['Proposed', 'Open', 'In progress', 'Done']);
  });

  it('by assignee: Myself resolved to the owner and first, Unassigned last', () => {
    expect(shape(groupTasks(notes, registry, 'assignee'))).toEqual([
      ['Dana White', ['Idea', 'Old done']],
      ['Bo Chen', ['Going', 'Old open']],
      ['Unassigned', ['Unowned']],
    ]);
  });

  it('by assignee: a person note with the alias Myself is the owner, one group with their other mentions', () => {
    const people = [
      parseNote('file:///v/People/Dana%20White.md', md('---', 'type: person', 'aliases: ["Dana", "Myself"]', '---')),
      parseNote('file:///v/People/Bo%20Chen.md', md('---', 'type: person', '---')),
    ];
    const mine = PeopleRegistry.build(people, { people: [], owner: '' });
    const dana = indexed('file:///v/2025-12-10%20-%20Dana.md', md('---', 'date: "2025-12-10"', '---', '- [ ] Named @Dana'));
    expect(shape(groupTasks([...notes, dana], mine, 'assignee'))).toEqual([
      ['Dana White', ['Named', 'Idea', 'Old done']],
      ['Bo Chen', ['Going', 'Old open']],
      ['Unassigned', ['Unowned']],
    ]);
  });

  it('by priority', () => {
    expect(shape(groupTasks(notes, registry, 'priority')).map(([l]) => l)).toEqual(['⏫ High', 'No priority', '🔽 Low']);
  });

  it('filters by text (task, assignee or note title) and hides finished tasks', () => {
    expect(shape(groupTasks(notes, registry, 'note', { text: 'bo chen' }))).toEqual([
      ['2025-12-09 · New sync', ['Going']],
      ['2025-12-01 · Old sync', ['Old open']],
    ]);
    expect(shape(groupTasks(notes, registry, 'note', { text: 'old sync', hideFinished: true }))).toEqual([['2025-12-01 · Old sync', ['Old open']]]);
  });

  it('counts tasks by status', () => {
    expect(countTasks(notes)).toEqual({ proposed: 1, open: 2, inProgress: 1, done: 1, cancelled: 0, deferred: 0 });
  });
});

describe('locateTask', () => {
  const text = md('# T', '- [?] Alpha #proposed', '- [ ] Beta');
  const note = parseNote('file:///v/a.md', text);
  const alpha = fingerprint(indexed('file:///v/a.md', text).tasks[0]!);

  it('finds the task at its line when unchanged', () => {
    expect(locateTask(note, alpha)).toEqual({ task: note.tasks[0] });
  });

  it('follows a task that moved', () => {
    const moved = parseNote('file:///v/a.md', md('# T', 'intro', '', '- [?] Alpha #proposed', '- [ ] Beta'));
    expect(locateTask(moved, alpha)).toEqual({ task: moved.tasks[0] });
    expect(moved.tasks[0]!.line).toBe(3);
  });

  it('refuses a changed line, and an ambiguous one', () => {
    expect(locateTask(parseNote('file:///v/a.md', md('# T', '- [?] Alpha changed #proposed')), alpha)).toEqual({ error: 'changed' });
    expect(locateTask(parseNote('file:///v/a.md', md('# T', 'x', '- [?] Alpha #proposed', '- [?] Alpha #proposed')), alpha)).toEqual({ error: 'ambiguous' });
  });
});

describe('personActivity', () => {
  it('finds notes, open tasks and proposals naming a person, by whole words only', async () => {
    const { personActivity } = await import('../../src/core/task-queries');
    const people = PeopleRegistry.build(
      [parseNote('file:///v/People/Marcus%20Oyelaran.md', md('---', 'type: person', 'title: "Marcus Oyelaran"', 'aliases: ["Marc"]', '---'))],
      { people: ['Sofia Marchetti'], owner: '' },
    );
    const a = indexed('file:///v/2025-12-02%20-%20A.md', md('---', 'date: "2025-12-02"', 'participants: ["Marcus Oyelaran"]', '---', '- [?] Ask Marc about budget #proposed', '- [?] Send Sofia Marchetti the plan #proposed', '- [ ] Budget @Marc'));
    const b = indexed('file:///v/2025-12-05%20-%20B.md', md('---', 'date: "2025-12-05"', 'participants: ["Sofia Marchetti"]', '---', '- [ ] Unrelated @Sofia'));
    const activity = personActivity([b, a], people, 'Marcus Oyelaran');
    expect(activity.notes.map((n) => n.uri)).toEqual([a.uri]);
    expect(activity.openTasks.map((r) => r.task.description)).toEqual(['Budget']);
    expect(activity.proposals.map((r) => r.task.description)).toEqual(['Ask Marc about budget']);
  });
});

describe('titles of notes whose frontmatter does not parse', () => {
  it('fall back to the H1, else the file name, never a cut-off value', () => {
    const broken = indexed('file:///v/2025-12-18%20-%20Platform%20sync.md', md('---', 'title: "Platform sync', 'date: "2025-12-18"', '---', '# Platform sync, week 51', '- [?] Do it #proposed'));
    expect(broken.title).toBe('Platform sync, week 51');
    const noHeading = indexed('file:///v/2025-12-18%20-%20Platform%20sync.md', md('---', 'title: "Platform sync', '---', '## Not a title', '- [?] Do it #proposed'));
    expect(groupTasks([noHeading], registry, 'note').map((g) => g.label)).toEqual(['2025-12-18 - Platform sync']);
    const unclosed = indexed('file:///v/x.md', md('---', 'title: "Fine"', '# Heading'));
    expect(unclosed.title).toBe('Heading');
    // A sound frontmatter keeps its title; a duplicate key does not make it unsound.
    expect(indexed('file:///v/y.md', md('---', 'title: "Fine"', 'x: 1', 'x: 2', '---', '# Other')).title).toBe('Fine');
  });
});
