import { describe, expect, it } from 'vitest';
import { NoteIndex } from '../../src/core/note-index';
import {
  groupDescription,
  isProposalRow,
  parseGroupBy,
  OPEN_NOTE_GROUPS,
  proposalBadge,
  startsExpanded,
  taskAccessibilityLabel,
  taskDescription,
  taskKey,
  TaskTreeModel,
  viewDescription,
  type TaskNode,
} from '../../src/vscode/tasks-view/tree-model';
import { config, md } from './helpers';

const PLANNING = 'file:///v/2025-12-09%20-%20Planning.md';
const RETRO = 'file:///v/2025-12-01%20-%20Retro.md';
const planning = md(
  '---',
  'title: "Planning - Q1 goals and the hiring plan"',
  'date: "2025-12-09"',
  '---',
  '- [?] Draft the goals @Myself ⏫ #proposed',
  '- [ ] Book the room 📅 2025-12-12',
  '- [?] Ask for the budget @[[Bo Chen]] @Ines #proposed',
);
const retro = md('---', 'title: "Retro"', 'date: "2025-12-01"', '---', '- [x] Old done @Bo ✅ 2025-12-02', '- [/] Going @Ines 🔽');

function vault(): NoteIndex {
  const index = new NoteIndex(config({ people: ['Bo Chen', 'Ines Garza'], owner: 'Dana White' }));
  index.set(RETRO, retro);
  index.set(PLANNING, planning);
  index.set('file:///v/empty.md', md('# No tasks'));
  return index;
}

const outline = (model: TaskTreeModel) => model.roots().map((g) => [g.group.label, model.childrenOf(g).map((t) => t.label)]);

describe('TaskTreeModel', () => {
  it('groups by note by default, newest meeting first, and remembers the options it was given', () => {
    const model = new TaskTreeModel(vault());
    expect(outline(model)).toEqual([
      ['2025-12-09 · Planning - Q1 goals and the hiring plan', ['Draft the goals', 'Book the room', 'Ask for the budget']],
      ['2025-12-01 · Retro', ['Old done', 'Going']],
    ]);
    const hidden = new TaskTreeModel(vault(), { groupBy: 'status', hideFinished: true, filterText: 'o' });
    expect(outline(hidden).map(([g]) => g)).toEqual(['Proposed', 'Open', 'In progress']);
  });

  it('by note, opens the newest meetings and starts the older ones collapsed; the small groupings all open', () => {
    const index = new NoteIndex(config());
    for (let day = 1; day <= OPEN_NOTE_GROUPS + 5; day++) {
      const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
      index.set(`file:///v/${date}.md`, md('---', `date: "${date}"`, '---', `- [?] Task of ${date} #proposed`));
    }
    const model = new TaskTreeModel(index);
    const roots = model.roots();
    expect(roots.map((g) => g.position)).toEqual(roots.map((_, i) => i));
    const open = roots.filter((g) => startsExpanded(g, 'note'));
    expect(open.length).toBe(OPEN_NOTE_GROUPS);
    expect(open[0]!.group.label).toBe('2025-02-04');
    expect(open[OPEN_NOTE_GROUPS - 1]!.group.label).toBe('2025-01-06');
    expect(startsExpanded(roots[roots.length - 1]!, 'note')).toBe(false);
    expect(roots.every((g) => startsExpanded(g, 'status'))).toBe(true);
  });

  it('lists rows in display order, and finds the first proposal in any grouping', () => {
    const model = new TaskTreeModel(vault(), { groupBy: 'assignee' });
    expect(model.displayOrder().map((n) => (n.kind === 'group' ? `[${n.group.label}]` : n.label))).toEqual([
      '[Dana White]',
      'Draft the goals',
      '[Bo Chen]',
      'Ask for the budget',
      'Old done',
      '[Ines Garza]',
      'Ask for the budget',
      'Going',
      '[Unassigned]',
      'Book the room',
    ]);
    expect(model.firstProposal()?.label).toBe('Draft the goals');
    model.groupBy = 'priority';
    model.invalidate();
    expect(model.firstProposal()?.label).toBe('Draft the goals');
    model.filterText = 'budget';
    model.invalidate();
    expect(model.firstProposal()?.id).toBe(`priority:none|${PLANNING}#6`);
  });

  it('a task under two assignees is two rows and one task', () => {
    const model = new TaskTreeModel(vault(), { groupBy: 'assignee' });
    const rows = model.displayOrder().filter((n): n is TaskNode => n.kind === 'task' && n.label === 'Ask for the budget');
    expect(rows.map((r) => r.id)).toEqual([`assignee:bo chen|${PLANNING}#6`, `assignee:ines garza|${PLANNING}#6`]);
    expect(new Set(rows.map(taskKey)).size).toBe(1);
    expect(rows.every(isProposalRow)).toBe(true);
  });

  it('keeps the objects of rows that stay across a rebuild, and drops the rows that go', () => {
    const index = vault();
    const model = new TaskTreeModel(index);
    const [group] = model.roots();
    const book = model.childrenOf(group!)[1]!;
    index.set(PLANNING, planning.replace('- [?] Draft the goals', '- [ ] Draft the goals'));
    model.invalidate();
    expect(model.roots()[0]).toBe(group);
    expect(model.childrenOf(group!)[1]).toBe(book);
    expect(model.childrenOf(group!)[0]!.ref.task.status).toBe('open');
    index.delete(RETRO);
    model.invalidate();
    expect(outline(model).map(([g]) => g)).toEqual(['2025-12-09 · Planning - Q1 goals and the hiring plan']);
  });

  it('redraws only the note groups a change touched when nothing else can have moved', () => {
    const index = vault();
    const model = new TaskTreeModel(index);
    const [planningGroup] = model.roots();
    const changes: Parameters<TaskTreeModel['applyChange']>[0][] = [];
    const listener = index.onDidChange((c) => changes.push(c));
    index.set(PLANNING, planning.replace('Book the room', 'Book the big room'));
    expect(model.applyChange(changes.at(-1))).toEqual([planningGroup]);
    // A new note changes the groups' shape: everything is redrawn.
    index.set('file:///v/2025-12-10%20-%20New.md', md('---', 'title: "New"', 'date: "2025-12-10"', '---', '- [ ] Fresh'));
    expect(model.applyChange(changes.at(-1))).toBeUndefined();
    // As does any change in another grouping, a removal, or no change at all (new options).
    model.groupBy = 'status';
    index.set(PLANNING, planning);
    expect(model.applyChange(changes.at(-1))).toBeUndefined();
    expect(model.applyChange()).toBeUndefined();
    listener.dispose();
  });
});

describe('what the rows say', () => {
  const model = new TaskTreeModel(vault());
  const index = vault();
  const row = (label: string) => model.displayOrder().find((n): n is TaskNode => n.kind === 'task' && n.label === label)!;

  it('a note row counts proposals and tasks in words, so it is not mistaken for the Problems count beside it', () => {
    const [planningGroup, retroGroup] = model.roots();
    expect(groupDescription(planningGroup!.group, 'note')).toBe('2 proposals · 3 tasks');
    expect(groupDescription(retroGroup!.group, 'note')).toBe('2 tasks');
    // Grouped by status the group's name says "Proposed" already.
    expect(groupDescription({ id: 'status:proposed', label: 'Proposed', items: planningGroup!.group.items.slice(0, 1) }, 'status')).toBe('1 task');
  });

  it('a task row says its meeting first outside the note grouping, and leaves out what its group says', () => {
    const ask = row('Ask for the budget').ref;
    expect(taskDescription(ask, 'note', index.registry)).toBe('Bo Chen, Ines Garza');
    expect(taskDescription(ask, 'status', index.registry)).toBe('2025-12-09 Planning · Bo Chen, Ines Garza');
    expect(taskDescription(ask, 'assignee', index.registry)).toBe('2025-12-09 Planning');
    const draft = row('Draft the goals').ref;
    expect(taskDescription(draft, 'note', index.registry)).toBe('Dana White · high');
    expect(taskDescription(draft, 'priority', index.registry)).toBe('2025-12-09 Planning · Dana White');
    expect(taskDescription(row('Book the room').ref, 'note', index.registry)).toBe('📅 2025-12-12');
  });

  it('tells a screen reader the status, the text and the meeting', () => {
    expect(taskAccessibilityLabel(row('Going'))).toBe('In progress: Going, in Retro of 2025-12-01');
  });

  it('titles the view with its grouping and filters, and badges it with the proposals left', () => {
    expect(viewDescription({ groupBy: 'note', filterText: '', hideFinished: false })).toBe('by note');
    expect(viewDescription({ groupBy: 'assignee', filterText: 'bo', hideFinished: true })).toBe('by assignee · “bo” · open only');
    expect(proposalBadge(0)).toBeUndefined();
    expect(proposalBadge(1)).toEqual({ value: 1, tooltip: '1 proposed task to triage' });
    expect(proposalBadge(3)?.tooltip).toBe('3 proposed tasks to triage');
  });

  it('accepts only a grouping it knows from saved state', () => {
    expect(parseGroupBy('assignee')).toBe('assignee');
    expect(parseGroupBy('folder')).toBeUndefined();
    expect(parseGroupBy(undefined)).toBeUndefined();
  });
});
