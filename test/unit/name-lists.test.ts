import { describe, expect, it } from 'vitest';
import { namesInEntry, namesWithoutPersonNote } from '../../src/core/name-lists';
import { parseNote } from '../../src/core/parse-note';
import { PeopleRegistry } from '../../src/core/people';
import { myselfWithoutOwner } from '../../src/core/task-queries';
import { indexed, md } from './helpers';

describe('namesInEntry', () => {
  it('splits one string naming several people on commas, semicolons, "and" and "&"', () => {
    expect(namesInEntry('Priya Raman, Omar Haddad')).toEqual(['Priya Raman', 'Omar Haddad']);
    expect(namesInEntry('Priya Raman and Omar Haddad')).toEqual(['Priya Raman', 'Omar Haddad']);
    expect(namesInEntry('Priya Raman, Omar Haddad, and Lena Vogt')).toEqual(['Priya Raman', 'Omar Haddad', 'Lena Vogt']);
    expect(namesInEntry('Priya Raman; Omar Haddad & Lena Vogt')).toEqual(['Priya Raman', 'Omar Haddad', 'Lena Vogt']);
    expect(namesInEntry('Priya Raman AND Omar Haddad')).toEqual(['Priya Raman', 'Omar Haddad']);
  });

  it('keeps one name whole, "and" inside a name, and parentheses', () => {
    expect(namesInEntry('Omar Haddad')).toEqual(['Omar Haddad']);
    expect(namesInEntry('Alexandra Andersen')).toEqual(['Alexandra Andersen']);
    expect(namesInEntry('Kofi (last name unknown, and not in the call)')).toEqual(['Kofi (last name unknown, and not in the call)']);
    expect(namesInEntry('[[Omar Haddad, CTO]]')).toEqual(['[[Omar Haddad, CTO]]']);
    expect(namesInEntry(' , ,')).toEqual([]);
    expect(namesInEntry('R&D')).toEqual(['R&D']);
  });
});

describe('namesWithoutPersonNote', () => {
  const person = (file: string, ...fm: string[]) => parseNote(`file:///v/People/${encodeURIComponent(file)}`, md('---', 'type: person', ...fm, '---'));
  const meeting = (file: string, participants: string) => indexed(`file:///v/${encodeURIComponent(file)}`, md('---', 'type: meeting', `participants: ${participants}`, '---'));

  it('lists each participant no person note covers once, in order, placeholders left out, strings split', () => {
    const registry = PeopleRegistry.build([person('Ann Lee.md', 'aliases: ["Annie"]')], { people: [], owner: '' });
    const notes = [
      meeting('a.md', '["Ann Lee", "Tobias Lind", "Kofi (last name unknown)", "[[Mara Quint]]"]'),
      meeting('b.md', '"Annie, tobias lind and Wren Okoye"'),
      meeting('c.md', '["Speaker 2", "  "]'),
    ];
    expect(namesWithoutPersonNote(notes, registry)).toEqual(['Mara Quint', 'Tobias Lind', 'Wren Okoye']);
  });

  it('is empty when everyone is known', () => {
    const registry = PeopleRegistry.build([], { people: ['Ann Lee'], owner: '' });
    expect(namesWithoutPersonNote([meeting('a.md', '["Ann Lee"]')], registry)).toEqual([]);
  });
});

describe('myselfWithoutOwner', () => {
  const tasks = indexed('file:///v/t.md', md('- [ ] Mine @Myself'));
  const none = indexed('file:///v/n.md', md('- [ ] Theirs @Bo'));

  it('is true only when a task says @Myself and no one is the owner', () => {
    const noOwner = PeopleRegistry.build([], { people: ['Bo'], owner: '' });
    expect(myselfWithoutOwner([none, tasks], noOwner)).toBe(true);
    expect(myselfWithoutOwner([none], noOwner)).toBe(false);
    expect(myselfWithoutOwner([tasks], PeopleRegistry.build([], { people: ['Bo'], owner: 'Dana' }))).toBe(false);
    const alias = PeopleRegistry.build([parseNote('file:///v/People/Dana.md', md('---', 'type: person', 'aliases: [Myself]', '---'))], { people: [], owner: '' });
    expect(myselfWithoutOwner([tasks], alias)).toBe(false);
  });
});
