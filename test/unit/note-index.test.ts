import { describe, expect, it } from 'vitest';
import { NoteIndex, type IndexChange } from '../../src/core/note-index';
import { config, md } from './helpers';

const meeting = md('---', 'type: meeting', 'title: "Sync"', 'date: "2025-12-19"', 'participants: ["Ann Lee"]', '---', '- [?] idea #proposed');
const ann = md('---', 'type: person', 'title: "Ann Lee"', '---');

describe('NoteIndex', () => {
  it('reports what changed, and nothing for identical text', () => {
    const index = new NoteIndex(config());
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    index.set('file:///v/a.md', meeting);
    index.set('file:///v/a.md', meeting);
    index.delete('file:///v/missing.md');
    expect(events).toEqual([{ updated: ['file:///v/a.md'], removed: [], allIssuesChanged: false }]);
  });

  it('a person note changes the registry and so every note\'s issues, without re-parsing them', () => {
    const index = new NoteIndex(config());
    index.set('file:///v/a.md', meeting);
    const before = index.get('file:///v/a.md');
    expect(index.issues('file:///v/a.md').map((i) => i.code)).toEqual(['no-registry']);
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    index.set('file:///v/People/Ann%20Lee.md', ann);
    expect(events[0]!.allIssuesChanged).toBe(true);
    expect(index.get('file:///v/a.md')).toBe(before);
    expect(index.issues('file:///v/a.md')).toEqual([]);
    index.delete('file:///v/People/Ann%20Lee.md');
    expect(events[1]).toEqual({ updated: [], removed: ['file:///v/People/Ann%20Lee.md'], allIssuesChanged: true });
    expect(index.issues('file:///v/a.md').map((i) => i.code)).toEqual(['no-registry']);
  });

  it('batches many changes into one event', () => {
    const index = new NoteIndex(config());
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    index.batch(() => {
      index.set('file:///v/a.md', meeting);
      index.set('file:///v/b.md', meeting);
      index.set('file:///v/c.md', meeting);
      index.delete('file:///v/c.md');
    });
    expect(events).toEqual([{ updated: ['file:///v/a.md', 'file:///v/b.md'], removed: ['file:///v/c.md'], allIssuesChanged: false }]);
  });

  it('new settings re-check notes; new task statuses re-parse them', () => {
    const index = new NoteIndex(config());
    index.set('file:///v/a.md', md('- [!] x'));
    expect(index.issues('file:///v/a.md').map((i) => i.code)).toEqual(['unknown-task-status']);
    index.setConfig(config({ taskStatuses: { '!': 'open' } }));
    expect(index.get('file:///v/a.md')!.tasks[0]!.status).toBe('open');
    expect(index.issues('file:///v/a.md')).toEqual([]);
  });
});
