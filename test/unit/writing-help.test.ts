import { describe, expect, it } from 'vitest';
import { completionContextAt, preferredQuote } from '../../src/core/completion-context';
import { nameAt } from '../../src/core/name-at';
import { NoteIndex } from '../../src/core/note-index';
import { parseNote } from '../../src/core/parse-note';
import { PeopleRegistry } from '../../src/core/people';
import { notesNaming, personSpans, samePersonAs } from '../../src/core/person-references';
import { tagSlug } from '../../src/core/rules';
import { editEnd, isBeingTyped } from '../../src/core/typing-hold';
import { mentionStyleOf, mentionText, personTag, WritingCandidates } from '../../src/core/writing-candidates';
import { config, md } from './helpers';

/** A note with `|` marking the cursor: the parsed note (marker removed) and the cursor's offset. */
function at(text: string) {
  const offset = text.indexOf('|');
  const note = parseNote('file:///v/Note.md', text.slice(0, offset) + text.slice(offset + 1));
  return { note, offset, context: completionContextAt(note, offset) };
}

/** What the context replaces, as text. */
function replaced(text: string): string {
  const { note, context } = at(text);
  return context ? note.text.slice(context.start, context.end) : '(none)';
}

const person = (name: string, ...fm: string[]) => md('---', 'type: person', `title: "${name}"`, ...fm, '---', '', `# ${name}`, '');

describe('completion context', () => {
  it('participants in a flow list: the item being typed, quoted as the user opened it', () => {
    expect(at('---\nparticipants: ["Ann Lee", "Om|\n---\n').context).toMatchObject({
      kind: 'field',
      field: 'participants',
      typed: 'Om',
      quote: '"',
      quoteTyped: true,
      closing: '"',
      flow: true,
    });
    expect(replaced('---\nparticipants: ["Ann Lee", "Om|"]\n---\n')).toBe('Om');
    expect(at('---\nparticipants: ["Ann Lee", "Om|"]\n---\n').context).toMatchObject({ closing: '' });
    // Nothing typed yet after `[`: a new item, quoted as the note quotes its values.
    expect(at('---\ntitle: "Sync"\nparticipants: [|\n---\n').context).toMatchObject({ field: 'participants', typed: '', quote: '"', quoteTyped: false, flow: true });
    expect(at("---\nparticipants: ['Ann Lee', Om|\n---\n").context).toMatchObject({ typed: 'Om', quote: "'", quoteTyped: false });
  });

  it('participants in a block list, and person', () => {
    expect(at('---\nparticipants:\n  - "Ann Lee"\n  - Om|\n---\n').context).toMatchObject({ field: 'participants', typed: 'Om', flow: false, quoteTyped: false });
    expect(at('---\nparticipants:\n  # who came\n  - "[[Om|\n---\n').context).toMatchObject({ field: 'participants', typed: 'Om', wikilink: true, closing: ']]"' });
    expect(at('---\ntype: people\nperson: Om|\n---\n').context).toMatchObject({ kind: 'field', field: 'person', typed: 'Om', flow: false });
    expect(at("---\nperson: 'Om|'\n---\n").context).toMatchObject({ field: 'person', quote: "'", quoteTyped: true, closing: '' });
  });

  it('tags in the frontmatter', () => {
    expect(at('---\ntags: ["type/meeting", "person/|\n---\n').context).toMatchObject({ field: 'tags', typed: 'person/' });
    expect(at('---\ntags:\n  - per|\n---\n').context).toMatchObject({ field: 'tags', typed: 'per' });
  });

  it('offers nothing past a closed value or in other fields', () => {
    expect(at('---\nparticipants: ["Ann Lee"|]\n---\n').context).toBeUndefined();
    expect(at('---\nparticipants: ["Ann Lee"]|\n---\n').context).toBeUndefined();
    expect(at('---\ntitle: "Om|\n---\n').context).toBeUndefined();
    expect(at('---\nperson: [Om|\n---\n').context).toBeUndefined();
    expect(at('---\nsummary:\n  - Om|\n---\n').context).toBeUndefined();
  });

  it('@ in a task line: plain or bracketed', () => {
    expect(at('# N\n\n- [ ] Ship it @Om|\n').context).toMatchObject({ kind: 'mention', typed: 'Om', bracketed: false });
    expect(replaced('# N\n\n- [ ] Ship it @Om| 📅 2025-01-01\n')).toBe('Om');
    expect(at('# N\n\n- [ ] Ship it @[[Omar H|\n').context).toMatchObject({ kind: 'mention', typed: 'Omar H', bracketed: true, closing: ']]' });
    expect(at('# N\n\n- [ ] Ship it @[[Om|]]\n').context).toMatchObject({ closing: '' });
    expect(at('# N\n\n- [ ] Ship it (@|\n').context).toMatchObject({ kind: 'mention', typed: '' });
    // Not a task, or an e-mail address: no mention.
    expect(at('# N\n\nWrite to @Om|\n').context).toBeUndefined();
    expect(at('# N\n\n- [ ] Mail ann@ex|\n').context).toBeUndefined();
  });

  it('# after a word is a tag; # starting a line is a heading', () => {
    expect(at('# N\n\n- [ ] Ship it #pro|\n').context).toMatchObject({ kind: 'tag', typed: 'pro' });
    expect(at('# N\n\nSome text #|\n').context).toMatchObject({ kind: 'tag', typed: '' });
    expect(at('# N\n\n#|\n').context).toBeUndefined();
    expect(at('# N\n\n## He|\n').context).toBeUndefined();
  });

  it('[[ is a link, in the body and elsewhere in the frontmatter', () => {
    expect(at('# N\n\nSee [[Ann|\n').context).toMatchObject({ kind: 'wikilink', typed: 'Ann', closing: ']]' });
    expect(at('# N\n\nSee [[Ann|]]\n').context).toMatchObject({ kind: 'wikilink', closing: '' });
    expect(at('# N\n\nSee [[Ann|]\n').context).toMatchObject({ kind: 'wikilink', closing: ']' });
    expect(at('---\nsource: "[[Tra|\n---\n').context).toMatchObject({ kind: 'wikilink', typed: 'Tra' });
    expect(at('# N\n\nSee [[Ann]] and |\n').context).toBeUndefined();
  });

  it('preferredQuote follows the field, then the frontmatter, then double quotes', () => {
    expect(preferredQuote(parseNote('file:///a.md', "---\nparticipants: ['A']\ntitle: \"T\"\n---\n"), 'participants')).toBe("'");
    expect(preferredQuote(parseNote('file:///a.md', '---\ntitle: T\ndate: 2025-01-01\ntype: meeting\n---\n'), 'participants')).toBe('');
    expect(preferredQuote(parseNote('file:///a.md', '# no frontmatter\n'), 'participants')).toBe('"');
  });
});

describe('candidates', () => {
  const registry = PeopleRegistry.build(
    [
      parseNote('file:///v/People/Omari%20Lindqvist.md', person('Omari Lindqvist', 'aliases: ["OL"]')),
      parseNote('file:///v/People/Ann%20Lee.md', person('Ann Lee')),
      parseNote('file:///v/People/Ann%20Moss.md', person('Ann Moss')),
      parseNote('file:///v/People/Bo.md', person('Bo')),
    ],
    { people: [], owner: '' },
  );

  it('mentionText: a wikilink for a name with a space, the first name only when the vault writes them and it is unique', () => {
    expect(mentionText({ name: 'Omari Lindqvist' }, registry, 'wikilink')).toBe('[[Omari Lindqvist]]');
    expect(mentionText({ name: 'Omari Lindqvist' }, registry, 'first-name')).toBe('Omari');
    expect(mentionText({ name: 'Ann Lee' }, registry, 'first-name')).toBe('[[Ann Lee]]');
    expect(mentionText({ name: 'Bo' }, registry, 'wikilink')).toBe('Bo');
  });

  it('mentionStyleOf: first names only when they are the majority', () => {
    expect(mentionStyleOf([])).toBe('wikilink');
    expect(mentionStyleOf([{ full: 1, short: 1 }])).toBe('wikilink');
    expect(mentionStyleOf([{ full: 1, short: 1 }, { full: 0, short: 1 }])).toBe('first-name');
  });

  it('personTag uses the slug the rules use', () => {
    expect(personTag('Marcus Oyelaran')).toBe('person/marcus-oyelaran');
    expect(personTag('Zoë  O’Neil')).toBe(`person/${tagSlug('Zoë  O’Neil')}`);
  });

  it('WritingCandidates: people, tags, mention style and link targets, following the index', () => {
    const index = new NoteIndex(config({ owner: 'Omari Lindqvist' }));
    index.set('file:///v/People/Omari%20Lindqvist.md', person('Omari Lindqvist', 'aliases: ["OL"]'));
    index.set('file:///v/People/Ann%20Lee.md', person('Ann Lee'));
    index.set('file:///v/Sync.md', md('# Sync', '', '- [ ] One @Omari #task', '- [ ] Two @Ann #task #urgent', '- [ ] Three @[[Ann Lee]] #task'));
    const candidates = new WritingCandidates(index);
    expect(candidates.people().map((p) => p.name)).toEqual(['Ann Lee', 'Omari Lindqvist']);
    expect(candidates.myself()?.person.name).toBe('Omari Lindqvist');
    expect(candidates.tags().map((t) => t.tag)).toEqual(['task', 'urgent', 'person/ann-lee', 'person/omari-lindqvist']);
    expect(candidates.tags().find((t) => t.tag === 'person/ann-lee')?.person?.name).toBe('Ann Lee');
    expect(candidates.mentionStyle()).toBe('first-name');
    expect(candidates.linkTargets().map((l) => [l.target, l.person?.name])).toEqual([
      ['Ann Lee', 'Ann Lee'],
      ['Omari Lindqvist', 'Omari Lindqvist'],
      ['Sync', undefined],
    ]);

    // A note comes: its tags count, its mentions tip the style, it is a link target.
    index.set('file:///v/Plan.md', md('# Plan', '', '- [ ] A @[[Omari Lindqvist]] #later', '- [ ] B @[[Ann Lee]] #later', '- [ ] C @[[Ann Lee]] #later #later'));
    // Counted by the notes that use a tag: one each, so by name.
    expect(candidates.tags().map((t) => t.tag).slice(0, 3)).toEqual(['later', 'task', 'urgent']);
    expect(candidates.mentionStyle()).toBe('wikilink');
    expect(candidates.linkTargets().map((l) => l.target)).toContain('Plan');
    // A note goes.
    index.delete('file:///v/Sync.md');
    expect(candidates.tags().map((t) => t.tag)).toEqual(['later', 'person/ann-lee', 'person/omari-lindqvist']);
    expect(candidates.linkTargets().map((l) => l.target)).not.toContain('Sync');
    // A person comes: the registry changed.
    index.set('file:///v/People/Bo%20Ek.md', person('Bo Ek'));
    expect(candidates.people().map((p) => p.name)).toContain('Bo Ek');
    expect(candidates.tags().map((t) => t.tag)).toContain('person/bo-ek');
    candidates.dispose();
  });

  it('WritingCandidates: the frontmatter tags count as the vault\'s tags too, a list or one string, # or not', () => {
    const index = new NoteIndex(config());
    index.set('file:///v/A.md', md('---', 'type: meeting', 'tags: ["type/meeting", "#generated"]', '---', '- [ ] One #task'));
    index.set('file:///v/B.md', md('---', 'type: meeting', 'tags: type/meeting, customer/contoso, person/, a//b', '---', 'Text.'));
    const candidates = new WritingCandidates(index);
    expect(candidates.tags().map((t) => t.tag)).toEqual(['type/meeting', 'customer/contoso', 'generated', 'task']);
    candidates.dispose();
  });
});

describe('nameAt', () => {
  const note = parseNote(
    'file:///v/Sync.md',
    md('---', 'participants: ["Ann Lee", "Bo"]', 'person: Omari Lindqvist', '---', '', '**With**: Ann Lee, Bo', '', '- [ ] Ship @[[Ann Lee]] and @Bo'),
  );
  const lineText = (line: number) => note.lines.lineText(line);
  const col = (line: number, needle: string) => lineText(line).indexOf(needle);

  it('finds participants, person, With-line names and mentions, with their spans', () => {
    expect(nameAt(note, 1, col(1, 'Bo') + 1)?.name).toBe('Bo');
    expect(nameAt(note, 1, col(1, 'Ann'))?.name).toBe('Ann Lee');
    expect(nameAt(note, 2, col(2, 'Omari') + 3)?.name).toBe('Omari Lindqvist');
    expect(nameAt(note, 5, col(5, 'Bo'))?.name).toBe('Bo');
    expect(nameAt(note, 7, col(7, 'Ann Lee') + 2)?.name).toBe('Ann Lee');
    const bo = nameAt(note, 7, lineText(7).length);
    expect(bo?.name).toBe('Bo');
    expect(note.text.slice(bo!.span.start, bo!.span.end)).toContain('Bo');
  });

  it('is undefined elsewhere', () => {
    expect(nameAt(note, 1, 0)).toBeUndefined();
    expect(nameAt(note, 7, col(7, 'Ship'))).toBeUndefined();
    expect(nameAt(note, 4, 0)).toBeUndefined();
  });
});

describe('person references', () => {
  const index = new NoteIndex(config());
  index.set('file:///v/People/Ann%20Lee.md', person('Ann Lee', 'aliases: ["Annie"]'));
  const sync = md('---', 'participants: ["Ann Lee", "Bo Ek"]', '---', '', '**With**: Annie, Bo Ek', '', '- [ ] Ship @Ann', '- [ ] Test @Bo');
  index.set('file:///v/Sync.md', sync);
  index.set('file:///v/Other.md', md('---', 'participants: ["Bo Ek"]', '---', ''));

  it('samePersonAs matches the person by name, alias or unique first name; an unknown name by spelling', () => {
    const ann = samePersonAs(index.registry, 'Annie');
    expect(['Ann Lee', 'ann lee', '[[Ann Lee]]', 'Ann', 'Annie'].map(ann)).toEqual([true, true, true, true, true]);
    expect(ann('Bo Ek')).toBe(false);
    const bo = samePersonAs(index.registry, 'Bo Ek');
    expect([bo('bo  ek'), bo('Bo')]).toEqual([true, false]);
  });

  it('notesNaming reads the index; personSpans finds every place in a note', () => {
    const ann = samePersonAs(index.registry, 'Ann Lee');
    expect(notesNaming(index.all(), ann).map((n) => n.uri)).toEqual(['file:///v/Sync.md']);
    expect(notesNaming(index.all(), samePersonAs(index.registry, 'Bo Ek')).map((n) => n.uri).sort()).toEqual(['file:///v/Other.md', 'file:///v/Sync.md']);
    const note = parseNote('file:///v/Sync.md', sync);
    const texts = personSpans(note, ann).map((s) => note.text.slice(s.start, s.end));
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Ann Lee');
    expect(texts[1]).toBe('Annie');
    expect(texts[2]).toContain('Ann');
  });
});

describe('holding back a name being typed', () => {
  const range = { start: { line: 3, character: 10 }, end: { line: 3, character: 13 } };
  const p = (character: number, line = 3) => ({ line, character });

  it('holds while the cursor and the last edit are in the name', () => {
    expect(isBeingTyped(range, p(13), p(13))).toBe(true);
    expect(isBeingTyped(range, p(11), p(12))).toBe(true);
  });

  it('shows once the cursor leaves, or when the edit was elsewhere, or there was none', () => {
    expect(isBeingTyped(range, p(14), p(13))).toBe(false);
    expect(isBeingTyped(range, p(12), p(2))).toBe(false);
    expect(isBeingTyped(range, p(12), p(12, 4))).toBe(false);
    expect(isBeingTyped(range, p(12), undefined)).toBe(false);
  });

  it('editEnd: where inserted text ends', () => {
    expect(editEnd({ start: p(4), end: p(6) }, 'ab')).toEqual(p(6));
    expect(editEnd({ start: p(4), end: p(4) }, 'ab\ncde')).toEqual(p(3, 4));
    expect(editEnd({ start: p(4), end: p(9) }, '')).toEqual(p(4));
  });
});
