import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUrlsUnder } from '../../src/cli/file-url';

describe('fileUrlsUnder', () => {
  const root = path.resolve('/tmp/vault root');
  const url = fileUrlsUnder(root);

  it('gives what pathToFileURL gives, for plain names and for every other', () => {
    const plain = ['2025-12-19 - Jon Park 1-1 - roadmap (v2) & hiring.md', 'People/Ada Mbeki.md', 'a/b/c.md', 'x+y@z~w,1.md'];
    const odd = ['100% done.md', 'what?.md', 'a#b.md', 'Café.md', 'tab\there.md', 'new\nline.md', 'x/../y.md', 'x/./y.md', 'x//y.md', '..', 'q"uote.md', 'back\\slash.md', '{braces}.md', '`tick`.md', '<a>.md', 'naïve/日本.md'];
    for (const rel of [...plain, ...odd]) {
      const abs = `${root}${path.sep}${rel}`;
      expect(url(abs), rel).toBe(pathToFileURL(abs).href);
    }
    expect(url(path.resolve('/elsewhere/x.md'))).toBe(pathToFileURL(path.resolve('/elsewhere/x.md')).href);
  });

  it('agrees with pathToFileURL on generated paths full of the characters that matter', () => {
    const char = fc.constantFrom(...'aZ09 ._-/(),&+@~%?#\\\t"<>`{}é!$;=\'[]^|'.split(''));
    fc.assert(
      fc.property(fc.array(char, { minLength: 1, maxLength: 24 }), (chars) => {
        const abs = `${root}${path.sep}${chars.join('')}`;
        expect(url(abs)).toBe(pathToFileURL(abs).href);
      }),
      { numRuns: 5000, seed: 20261127 },
    );
  });
});
