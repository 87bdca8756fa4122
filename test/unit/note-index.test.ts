import { describe, expect, it } from 'vitest';
import { NoteIndex, type IndexChange } from '../../src/core/note-index';
import { textHash } from '../../src/core/indexed-note';
import { cacheParts, parseCache, readCacheInSteps, serializeCache } from '../../src/core/index-cache';
import { generateVault } from '../../scripts/vault-generator.mjs';
import { config, md } from './helpers';

const meeting = md('---', 'type: meeting', 'title: "Sync"', 'date: "2025-12-19"', 'participants: ["Ann Lee"]', '---', '- [?] idea #proposed');
const other = md('---', 'type: meeting', 'title: "Other"', 'date: "2025-12-20"', 'participants: ["Bo Chan"]', '---', '- [ ] task @Bo');
const ann = md('---', 'type: person', 'title: "Ann Lee"', '---');
const bo = md('---', 'type: person', 'title: "Bo Chan"', '---');
const event = (e: Partial<IndexChange>): IndexChange => ({ updated: [], removed: [], stale: [], registryChanged: false, ...e });

describe('NoteIndex', () => {
  it('reports what changed, and nothing for identical text (a BOM does not count)', () => {
    const index = new NoteIndex(config());
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    index.set('file:///v/a.md', meeting);
    index.set('file:///v/a.md', meeting);
    index.set('file:///v/a.md', '\uFEFF' + meeting);
    index.delete('file:///v/missing.md');
    expect(events).toEqual([event({ updated: ['file:///v/a.md'] })]);
  });

  it('keeps no text: what it holds of a note is compact plain data', () => {
    const index = new NoteIndex(config());
    const kept = index.set('file:///v/a.md', meeting);
    expect(JSON.stringify(kept)).not.toContain('---');
    expect(JSON.stringify(kept)).not.toContain('idea #proposed');
    expect(kept).toEqual(JSON.parse(JSON.stringify(kept)));
    expect(kept.tasks[0]).toMatchObject({ line: 6, column: 6, status: 'proposed', textHash: textHash('idea #proposed'), description: 'idea', tags: ['proposed'] });
  });

  it('a person note makes stale only the notes that name that person, and they are right once fed again', () => {
    const index = new NoteIndex(config());
    index.set('file:///v/People/Bo%20Chan.md', bo);
    index.set('file:///v/a.md', meeting);
    index.set('file:///v/b.md', other);
    expect(index.issues('file:///v/a.md').map((i) => i.code)).toEqual(['unknown-participant']);
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    index.set('file:///v/People/Ann%20Lee.md', ann);
    expect(events).toEqual([event({ updated: ['file:///v/People/Ann%20Lee.md'], stale: ['file:///v/a.md'], registryChanged: true })]);
    expect(index.isStale('file:///v/b.md')).toBe(false);
    index.set('file:///v/a.md', meeting);
    expect(index.isStale('file:///v/a.md')).toBe(false);
    expect(index.issues('file:///v/a.md')).toEqual([]);
    index.delete('file:///v/People/Ann%20Lee.md');
    expect(index.staleUris()).toEqual(['file:///v/a.md']);
  });

  it('a person note with the alias Myself makes the owner; only notes that say @Myself are stale', () => {
    const index = new NoteIndex(config());
    index.set('file:///v/People/Bo%20Chan.md', bo);
    index.set('file:///v/b.md', other);
    index.set('file:///v/c.md', md('---', 'type: meeting', 'participants: ["Bo Chan"]', '---', '- [ ] mine @Myself'));
    index.set('file:///v/People/Ann%20Lee.md', md('---', 'type: person', 'title: "Ann Lee"', 'aliases: [Myself]', '---'));
    expect(index.registry.owner?.name).toBe('Ann Lee');
    expect(index.staleUris()).toEqual(['file:///v/c.md']);
  });

  it('with no registry at all, the first person note makes every note with names stale', () => {
    const index = new NoteIndex(config());
    index.set('file:///v/a.md', meeting);
    index.set('file:///v/b.md', other);
    expect(index.issues('file:///v/a.md').map((i) => i.code)).toEqual(['no-registry']);
    index.set('file:///v/People/Bo%20Chan.md', bo);
    expect(index.staleUris().sort()).toEqual(['file:///v/a.md', 'file:///v/b.md']);
  });

  it('keeps task counts and the newest-first order as notes come, change and go', async () => {
    const { countTasks } = await import('../../src/core/task-groups');
    const { newestMeetingFirst } = await import('../../src/core/task-queries');
    const files = generateVault({ notes: 60, seed: 5, people: 6 });
    const index = new NoteIndex(config());
    const check = () => {
      expect(index.taskCounts()).toEqual(countTasks(index.all()));
      expect(index.newestFirst().map((n) => n.uri)).toEqual(newestMeetingFirst(index.all()).map((n) => n.uri));
    };
    files.forEach((f, i) => {
      index.set(`file:///v/${i}.md`, f.text);
      if (i % 7 === 0) check();
    });
    check();
    // A changed date moves a note; a changed task changes the counts; a deleted note leaves both.
    index.set('file:///v/10.md', files[10]!.text.replace(/^date: .*$/mu, 'date: "2031-01-01"').replace('- [?]', '- [x]'));
    check();
    expect(index.newestFirst()[0]!.uri).toBe('file:///v/10.md');
    index.delete('file:///v/3.md');
    index.delete('file:///v/4.md');
    check();
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
    expect(events).toEqual([event({ updated: ['file:///v/a.md', 'file:///v/b.md'], removed: ['file:///v/c.md'] })]);
  });

  it('rule settings and task statuses make every note stale; a status-bar setting nothing', () => {
    const index = new NoteIndex(config());
    index.set('file:///v/a.md', md('- [!] x'));
    expect(index.issues('file:///v/a.md').map((i) => i.code)).toEqual(['unknown-task-status']);
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    index.setConfig(config({ statusBarScope: 'activeNote' }));
    expect(events).toEqual([]);
    index.setConfig(config({ taskStatuses: { '!': 'open' } }));
    expect(events).toEqual([event({ stale: ['file:///v/a.md'] })]);
    index.set('file:///v/a.md', md('- [!] x'));
    expect(index.get('file:///v/a.md')!.tasks[0]!.status).toBe('open');
    expect(index.issues('file:///v/a.md')).toEqual([]);
  });

  it('people settings make stale only the notes whose names they change', () => {
    const index = new NoteIndex(config({ people: ['Zed Zulu'] }));
    index.set('file:///v/a.md', meeting);
    index.set('file:///v/b.md', other);
    index.setConfig(config({ people: ['Zed Zulu', 'Bo Chan'] }));
    expect(index.staleUris()).toEqual(['file:///v/b.md']);
  });

  it('restored findings checked against a person who is not among the records (an unsaved person note then) go stale', () => {
    const before = new NoteIndex(config());
    before.set('file:///v/People/Bo%20Chan.md', bo);
    before.set('untitled:Untitled-1', ann); // a person note never saved: it has no cache entry
    before.set('file:///v/a.md', meeting);
    before.set('file:///v/b.md', other);
    expect(before.issues('file:///v/a.md')).toEqual([]);
    const entries = new Map([...before.all()].filter((r) => r.uri.startsWith('file:')).map((r) => [r.uri, { size: 1, mtimeMs: 1, record: r }]));
    const kept = parseCache(serializeCache('v', config(), entries, before.people()), 'v', config());
    if ('ignored' in kept) throw new Error(kept.ignored);
    expect(kept.checkedAgainst.map((p) => p.name).sort()).toEqual(['Ann Lee', 'Bo Chan']);

    const after = new NoteIndex(config());
    const events: IndexChange[] = [];
    after.onDidChange((e) => events.push(e));
    after.restore([...kept.entries.values()].map((e) => e.record), () => true, kept.checkedAgainst);
    // Ann is unknown now: only the note naming her is checked again, and then says so.
    expect(after.staleUris()).toEqual(['file:///v/a.md']);
    expect(events.flatMap((e) => e.stale)).toEqual(['file:///v/a.md']);
    after.set('file:///v/a.md', meeting);
    expect(after.issues('file:///v/a.md').map((i) => i.code)).toEqual(['unknown-participant']);

    // The same people as the records: nothing to check again.
    const same = new NoteIndex(config());
    same.restore([...kept.entries.values()].map((e) => e.record), () => true, [...kept.checkedAgainst].filter((p) => p.name === 'Bo Chan'));
    expect(same.staleUris()).toEqual([]);
  });

  it('in any order of arrival, once the stale notes are fed again, findings equal those of a registry-first build', () => {
    const files = generateVault({ notes: 120, seed: 3, people: 12 });
    const uri = (p: string) => `file:///v/${encodeURI(p)}`;
    const text = new Map(files.map((f) => [uri(f.path), f.text]));
    const peopleFirst = new NoteIndex(config());
    peopleFirst.batch(() => {
      for (const f of files.filter((x) => x.path.startsWith('People/'))) peopleFirst.set(uri(f.path), f.text);
    });
    for (const f of files.filter((x) => !x.path.startsWith('People/'))) peopleFirst.set(uri(f.path), f.text);
    expect(peopleFirst.staleUris()).toEqual([]);

    const shuffled = [...files].sort((a, b) => (a.text.length * 7919) % 101 - (b.text.length * 7919) % 101);
    const anyOrder = new NoteIndex(config());
    for (const f of shuffled) anyOrder.set(uri(f.path), f.text);
    const stale = anyOrder.staleUris();
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(files.length);
    for (const u of stale) anyOrder.set(u, text.get(u)!);
    expect(anyOrder.staleUris()).toEqual([]);
    for (const f of files) expect(anyOrder.issues(uri(f.path)), f.path).toEqual(peopleFirst.issues(uri(f.path)));
  });
});

describe('restoring a part at a time', () => {
  it('puts back what restore puts back, person notes first; a note set or deleted between parts stays as it is now', () => {
    const before = new NoteIndex(config());
    before.set('file:///v/a.md', meeting);
    before.set('file:///v/b.md', other);
    for (let i = 0; i < 5; i++) before.set(`file:///v/n${i}.md`, meeting.replace('Sync', `Sync ${i}`));
    before.set('file:///v/People/Ann%20Lee.md', ann); // last in, first restored
    const records = [...before.all()];

    const whole = new NoteIndex(config());
    whole.restore(records, () => true);

    const stepped = new NoteIndex(config());
    const events: IndexChange[] = [];
    stepped.onDidChange((e) => events.push(e));
    const steps = stepped.restoreInSteps(records, () => true, undefined, 2);
    steps.next(); // the person note and the first part
    expect(stepped.registry.lookup('Ann Lee')).toBeDefined();
    expect(events).toEqual([]); // nothing is announced before the end
    stepped.set('file:///v/b.md', other.replace('- [ ] task @Bo', '- [x] done @Bo')); // an editor, meanwhile
    stepped.delete('file:///v/n3.md'); // a file deleted, meanwhile
    let parts = 1;
    while (!steps.next().done) parts++;
    expect(parts).toBeGreaterThanOrEqual(3);
    expect(stepped.get('file:///v/b.md')!.tasks[0]!.status).toBe('done'); // not the older record
    expect(stepped.get('file:///v/n3.md')).toBeUndefined(); // not put back
    for (const r of records) {
      if (r.uri === 'file:///v/b.md' || r.uri === 'file:///v/n3.md') continue;
      expect(stepped.get(r.uri), r.uri).toEqual(whole.get(r.uri));
      expect(stepped.issues(r.uri)).toEqual(whole.issues(r.uri));
    }
    expect(stepped.staleUris()).toEqual(whole.staleUris());
    expect(events.at(-1)!.updated.sort()).toEqual(records.map((r) => r.uri).filter((u) => u !== 'file:///v/b.md' && u !== 'file:///v/n3.md').sort());
  });
});

describe('restoring a part at a time, with the settings changed between parts', () => {
  it('leaves the records still to come stale: they were checked with the old settings', () => {
    const before = new NoteIndex(config());
    for (let i = 0; i < 6; i++) before.set(`file:///v/n${i}.md`, meeting.replace('Sync', `Sync ${i}`));
    const records = [...before.all()];
    const index = new NoteIndex(config());
    const steps = index.restoreInSteps(records, () => true, undefined, 2);
    steps.next();
    index.setConfig(config({ rules: { 'unknown-participant': 'off' } }));
    while (!steps.next().done);
    const stale = index.staleUris();
    expect(stale.length).toBe(records.length); // the first part by setConfig, the rest by the restore
  });
});

describe('the cache written a part at a time', () => {
  it('restores every record as it was, whatever the part size, in printable ASCII', () => {
    const index = new NoteIndex(config({ people: ['Zoë Ødegård'] }));
    for (let i = 0; i < 7; i++) {
      index.set(`file:///v/n${i}.md`, md('---', 'type: meeting', `title: "Réunion ${i} 🚀"`, 'participants: ["Zoë Ødegård", "Ünknown"]', 'tags: ["日本"]', '---', `- [?] Tâche ${i} @Zoë #proposed`));
    }
    const entries = new Map([...index.all()].map((r) => [r.uri, { size: 10 + r.uri.length, mtimeMs: 5, record: r }]));
    const whole = serializeCache('v', config({ people: ['Zoë Ødegård'] }), entries, index.people());
    expect(whole).toMatch(/^(?:[ -~]*\n)+$/u); // lines of printable ASCII
    for (const chunk of [1, 2, 3, 500]) {
      const parts = [...cacheParts('v', config({ people: ['Zoë Ødegård'] }), entries, index.people(), chunk)];
      expect(parts.join(''), `chunk ${chunk}`).toBe(whole);
      if (chunk < 7) expect(parts.length).toBeGreaterThan(3);
    }
    const read = parseCache(whole, 'v', config({ people: ['Zoë Ødegård'] }));
    if ('ignored' in read) throw new Error(read.ignored);
    expect([...read.entries.values()].map((e) => e.record)).toEqual([...index.all()]);

    // Read a few entries per step (as the editor reads it, yielding in between): the same records.
    const steps = readCacheInSteps(whole, 'v', config({ people: ['Zoë Ødegård'] }), 2);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(yields).toBe(3); // 7 entries, 2 per step
    expect(step.value).toEqual(read);
  });
});
