import { describe, expect, it } from 'vitest';
import { nextIndex, selectedLines, stepProposal, type NoteProposals } from '../../src/core/triage-order';
import { groupTasks, GROUP_BYS, type GroupBy } from '../../src/core/task-groups';
import { PeopleRegistry } from '../../src/core/people';
import { commandRows, isRow, rowAfterDecision } from '../../src/vscode/tasks-view/tree-targets';
import { indexed, md } from './helpers';

// Notes in meeting order (newest first), as the index's newestFirst() hands them over.
const notes: NoteProposals[] = [
  { uri: 'new', proposals: [{ line: 3, column: 6 }, { line: 7, column: 8 }] },
  { uri: 'none', proposals: [] },
  { uri: 'mid', proposals: [{ line: 10, column: 6 }] },
  { uri: 'old', proposals: [{ line: 2, column: 6 }, { line: 4, column: 6 }] },
];
const where = (s: ReturnType<typeof stepProposal>) => (s ? `${s.uri}:${s.line}:${s.column}` : 'none');

describe('stepProposal: next and previous proposal in meeting order', () => {
  it('goes on within the note by line, then to the next note that has proposals', () => {
    expect(where(stepProposal(notes, { uri: 'new', line: 0 }, 1))).toBe('new:3:6');
    expect(where(stepProposal(notes, { uri: 'new', line: 3 }, 1))).toBe('new:7:8');
    // Past the note's last proposal: the next note with one (a note without proposals is skipped).
    expect(where(stepProposal(notes, { uri: 'new', line: 7 }, 1))).toBe('mid:10:6');
    expect(where(stepProposal(notes, { uri: 'mid', line: 10 }, 1))).toBe('old:2:6');
    expect(where(stepProposal(notes, { uri: 'none', line: 0 }, 1))).toBe('mid:10:6');
  });

  it('wraps from the oldest note back to the newest, and the other way', () => {
    expect(where(stepProposal(notes, { uri: 'old', line: 4 }, 1))).toBe('new:3:6');
    expect(where(stepProposal(notes, { uri: 'old', line: 99 }, 1))).toBe('new:3:6');
    expect(where(stepProposal(notes, { uri: 'new', line: 3 }, -1))).toBe('old:4:6');
    expect(where(stepProposal(notes, { uri: 'new', line: 0 }, -1))).toBe('old:4:6');
  });

  it('goes back within the note, then to the previous note\'s last proposal', () => {
    expect(where(stepProposal(notes, { uri: 'old', line: 4 }, -1))).toBe('old:2:6');
    expect(where(stepProposal(notes, { uri: 'old', line: 2 }, -1))).toBe('mid:10:6');
    expect(where(stepProposal(notes, { uri: 'mid', line: 10 }, -1))).toBe('new:7:8');
    // Between two proposals of a note.
    expect(where(stepProposal(notes, { uri: 'new', line: 5 }, -1))).toBe('new:3:6');
    expect(where(stepProposal(notes, { uri: 'new', line: 5 }, 1))).toBe('new:7:8');
  });

  it('starts at the very first (or last) proposal from outside every note', () => {
    expect(where(stepProposal(notes, undefined, 1))).toBe('new:3:6');
    expect(where(stepProposal(notes, undefined, -1))).toBe('old:4:6');
    expect(where(stepProposal(notes, { uri: 'untitled:Untitled-1', line: 4 }, 1))).toBe('new:3:6');
  });

  it('comes back to the only proposal left, and finds nothing when none is left', () => {
    const one: NoteProposals[] = [{ uri: 'a', proposals: [] }, { uri: 'b', proposals: [{ line: 5, column: 6 }] }];
    expect(where(stepProposal(one, { uri: 'b', line: 5 }, 1))).toBe('b:5:6');
    expect(where(stepProposal(one, { uri: 'b', line: 5 }, -1))).toBe('b:5:6');
    expect(where(stepProposal(one, { uri: 'a', line: 0 }, -1))).toBe('b:5:6');
    expect(stepProposal([{ uri: 'a', proposals: [] }], { uri: 'a', line: 0 }, 1)).toBeUndefined();
    expect(stepProposal([], undefined, 1)).toBeUndefined();
  });
});

describe('nextIndex and selectedLines', () => {
  it('finds the next accepted item after an index, wrapping, the start itself last', () => {
    const even = (n: number) => n % 2 === 0;
    expect(nextIndex([1, 3, 4, 5, 6], 2, even)).toBe(4);
    expect(nextIndex([1, 3, 4, 5, 6], 4, even)).toBe(2);
    expect(nextIndex([2, 3], 0, even)).toBe(0);
    expect(nextIndex([1, 3], 0, even)).toBe(-1);
    expect(nextIndex([1, 2], -1, even)).toBe(1);
    expect(nextIndex([2, 1, 4], 2, even, -1)).toBe(0);
    expect(nextIndex([], 0, even)).toBe(-1);
  });

  it('takes every line a selection touches, not the line a selection ends at the start of', () => {
    const sel = (a: number, b: number, c: number, d: number) => ({ start: { line: a, character: b }, end: { line: c, character: d } });
    expect(selectedLines(sel(4, 90, 4, 90))).toEqual([4]);
    expect(selectedLines(sel(2, 3, 4, 1))).toEqual([2, 3, 4]);
    expect(selectedLines(sel(2, 0, 4, 0))).toEqual([2, 3]);
    expect(selectedLines(sel(2, 0, 2, 0))).toEqual([2]);
  });
});

// The task list's rows as register-task-tree.ts lays them out: each group, then its tasks.
type Row = { kind: 'group'; id: string } | { kind: 'task'; id: string; key: string; proposed: boolean; text: string };
const owner = 'Nora Quist';
const registry = PeopleRegistry.build([], { people: ['Ada Mbeki', 'Nora Quist'], owner });
const standup = indexed(
  'file:///v/2099-01-02%20-%20Standup.md',
  md('---', 'title: "Standup"', 'date: "2099-01-02"', '---', '- [?] Alpha @Ada 🔺 #proposed', '- [ ] Open one @Ada', '- [?] Bravo @Myself ⏫ #proposed'),
);
const review = indexed('file:///v/2099-01-01%20-%20Review.md', md('---', 'title: "Review"', 'date: "2099-01-01"', '---', '- [?] Charlie @Ada 🔼 #proposed', '- [?] Delta #proposed'));
function rows(groupBy: GroupBy): Row[] {
  return groupTasks([standup, review], registry, groupBy, {}, true).flatMap((g) => [
    { kind: 'group' as const, id: g.id },
    ...g.items.map((r) => ({ kind: 'task' as const, id: `${g.id}|${r.note.uri}#${r.task.line}`, key: `${r.note.uri}#${r.task.line}`, proposed: r.task.status === 'proposed', text: r.task.description })),
  ]);
}
const byText = (list: Row[], text: string) => list.find((r) => r.kind === 'task' && r.text === text)!;
const after = (groupBy: GroupBy, ...decided: string[]) => {
  const list = rows(groupBy);
  const next = rowAfterDecision(
    list,
    decided.map((t) => byText(list, t)),
    (r) => r.kind === 'task' && r.proposed,
    (r) => (r.kind === 'task' ? r.key : r.id),
  );
  return next?.kind === 'task' ? next.text : next?.id;
};

describe('the task list: where the focus goes after a decision', () => {
  it('to the next proposal in every grouping, over group headers and across notes', () => {
    expect(GROUP_BYS).toEqual(['note', 'status', 'assignee', 'priority']);
    // By note: Alpha, Open one, Bravo | Charlie, Delta.
    expect(after('note', 'Alpha')).toBe('Bravo');
    expect(after('note', 'Bravo')).toBe('Charlie');
    // By status: Proposed holds Alpha, Bravo, Charlie, Delta.
    expect(after('status', 'Alpha')).toBe('Bravo');
    // By assignee: you (Nora Quist: Bravo) first, then Ada Mbeki (Alpha, Open one, Charlie), then Unassigned (Delta).
    expect(rows('assignee').filter((r) => r.kind === 'group').map((r) => r.id)).toEqual(['assignee:nora quist', 'assignee:ada mbeki', 'assignee:']);
    expect(after('assignee', 'Bravo')).toBe('Alpha');
    expect(after('assignee', 'Charlie')).toBe('Delta');
    // By priority: Highest (Alpha), High (Bravo), Medium (Charlie), No priority (Open one, Delta).
    expect(after('priority', 'Alpha')).toBe('Bravo');
    expect(after('priority', 'Charlie')).toBe('Delta');
  });

  it('wraps to the top after the last proposal, and skips every decided task', () => {
    expect(after('note', 'Delta')).toBe('Alpha');
    expect(after('note', 'Alpha', 'Charlie')).toBe('Delta');
    expect(after('status', 'Charlie', 'Delta')).toBe('Alpha');
    expect(after('note', 'Alpha', 'Bravo', 'Charlie', 'Delta')).toBeUndefined();
  });

  it('from a group header (nothing decided), to the first proposal below it', () => {
    const list = rows('priority');
    const medium = list.find((r) => r.id === 'priority:medium')!;
    const next = rowAfterDecision(list, [medium], (r) => r.kind === 'task' && r.proposed, (r) => (r.kind === 'task' ? r.key : r.id));
    expect(next?.kind === 'task' && next.text).toBe('Charlie');
  });
});

describe('the task list: which rows a command acts on', () => {
  const a = { kind: 'task' as const, id: 'a' };
  const b = { kind: 'task' as const, id: 'b' };
  const c = { kind: 'task' as const, id: 'c' };
  it('the selection VS Code passed, else the focused row (standing for the multi-selection it is part of), else the selection', () => {
    expect(commandRows(a, [a, b], [a, b])).toEqual([a, b]);
    expect(commandRows(a, undefined, [a, b, c])).toEqual([a, b, c]);
    expect(commandRows(c, undefined, [a, b])).toEqual([c]);
    expect(commandRows(a, undefined, [a])).toEqual([a]);
    expect(commandRows(undefined, undefined, [b])).toEqual([b]);
    expect(commandRows(undefined, [], [b])).toEqual([b]);
  });

  it('tells our rows from whatever else a keybinding may hand over', () => {
    expect(isRow(a)).toBe(true);
    expect(isRow({ kind: 'group', id: 'g' })).toBe(true);
    expect(isRow({ $treeViewId: 'meetingNotes.tasks', $focusedTreeItem: true })).toBe(false);
    expect(isRow(null)).toBe(false);
    expect(isRow('a')).toBe(false);
  });
});
