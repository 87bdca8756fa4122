import { describe, expect, it } from 'vitest';
import { namesInEntry } from '../../src/core/name-lists';

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
