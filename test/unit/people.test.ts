import { describe, expect, it } from 'vitest';
import { isPlaceholderName, PeopleRegistry, placeholderStem } from '../../src/core/people';
import { parseNote } from '../../src/core/parse-note';
import { md } from './helpers';

function personNote(file: string, ...fm: string[]) {
  return parseNote(`file:///v/People/${encodeURIComponent(file)}`, md('---', 'type: person', ...fm, '---', ''));
}

const registry = PeopleRegistry.build(
  [
    personNote('Ann Lee.md', 'aliases: ["Annie", "A. Lee"]', 'role: "CTO"', 'org: "Northwind"'),
    personNote('Bo Chen.md', 'title: "Bo Chen"', 'aliases:', '  - Bob'),
    personNote('Ravi Menon.md'),
    parseNote('file:///v/Sync.md', md('---', 'type: meeting', 'title: "Not a person"', '---')),
  ],
  { people: ['Carla Diaz', 'ann lee'], owner: 'Dana White' },
);

describe('PeopleRegistry', () => {
  it('reads person notes: name from title or file name, aliases, role, org', () => {
    expect(registry.people.map((p) => [p.name, p.source])).toEqual([
      ['Ann Lee', 'note'],
      ['Bo Chen', 'note'],
      ['Ravi Menon', 'note'],
      ['Carla Diaz', 'setting'],
      ['Dana White', 'owner'],
    ]);
    expect(registry.lookup('Ann Lee')).toMatchObject({ role: 'CTO', org: 'Northwind', aliases: ['Annie', 'A. Lee'] });
  });

  it('looks up case-insensitively by name or alias, wikilinks unwrapped, whitespace folded', () => {
    expect(registry.lookup('annie')?.name).toBe('Ann Lee');
    expect(registry.lookup('  ANN   LEE ')?.name).toBe('Ann Lee');
    expect(registry.lookup('[[Bo Chen|Bob]]')?.name).toBe('Bo Chen');
    expect(registry.lookup('bob')?.name).toBe('Bo Chen');
    expect(registry.lookup('Nobody')).toBeUndefined();
  });

  it('Myself is the owner', () => {
    expect(registry.lookup('Myself')?.name).toBe('Dana White');
    expect(registry.isKnown('myself')).toBe(true);
    expect(registry.owner?.source).toBe('owner');
  });

  it('Myself is the person note that lists Myself among its aliases, when no owner is set', () => {
    const mine = PeopleRegistry.build([personNote('Nia Park.md', 'aliases: ["Nia", "Myself"]'), personNote('Ann Lee.md')], { people: [], owner: '' });
    expect(mine.owner?.name).toBe('Nia Park');
    expect(mine.lookup('Myself')).toBe(mine.owner);
    expect(mine.lookup('MYSELF')).toBe(mine.owner);
    expect(mine.isKnown('Myself')).toBe(true);
    // The owner setting, when there is one, says who Myself is.
    const set = PeopleRegistry.build([personNote('Nia Park.md', 'aliases: ["Myself"]'), personNote('Ann Lee.md')], { people: [], owner: 'Ann Lee' });
    expect(set.lookup('Myself')?.name).toBe('Ann Lee');
    // Neither: Myself is nobody in particular.
    expect(PeopleRegistry.build([personNote('Ann Lee.md')], { people: [], owner: '' }).owner).toBeUndefined();
  });

  it('suggests close names, best first', () => {
    expect(registry.suggest('Ann Lea').map((p) => p.name)).toEqual(['Ann Lee']);
    expect(registry.suggest('Ravi Menen').map((p) => p.name)).toEqual(['Ravi Menon']);
    expect(registry.suggest('Carla').map((p) => p.name)).toEqual(['Carla Diaz']);
    expect(registry.suggest('Zebulon Quartz')).toEqual([]);
  });

  it('is empty with no person notes and no configured names, even with an owner', () => {
    expect(PeopleRegistry.build([], { people: [], owner: 'Dana' }).isEmpty).toBe(true);
    expect(PeopleRegistry.build([], { people: ['X'], owner: '' }).isEmpty).toBe(false);
    expect(registry.isEmpty).toBe(false);
  });
});

describe('placeholders', () => {
  it('recognises the shapes generators leave', () => {
    for (const name of ['Ravi (last name unknown)', 'Kenji (Last Name Unknown)', 'Raj (surname unknown)', 'Speaker 2', 'Unknown speaker', 'Li (?)', '[[Ravi (last name unknown)]]']) {
      expect(isPlaceholderName(name), name).toBe(true);
    }
    for (const name of ['Ravi Menon', 'Unknown Pleasures Band', 'Speakerman', 'Ann (CTO)']) {
      expect(isPlaceholderName(name), name).toBe(false);
    }
  });

  it('offers the known person a placeholder most likely is', () => {
    expect(placeholderStem('Ravi (last name unknown)')).toBe('Ravi');
    expect(registry.likelyFor('Ravi (last name unknown)').map((p) => p.name)).toEqual(['Ravi Menon']);
    expect(registry.likelyFor('Ravy (last name unknown)').map((p) => p.name)).toEqual(['Ravi Menon']);
    expect(registry.likelyFor('Speaker 2')).toEqual([]);
  });
});
