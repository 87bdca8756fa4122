// The data-safety properties (scripts/fuzz-properties.mts) on a fixed-seed slice of generated notes:
// the same properties `npm run fuzz` runs 100,000 times.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { noteCase, PROPERTIES } from '../../scripts/fuzz-properties.mjs';

const RUNS = 150;

describe('data safety over generated notes (fast-check, fixed seed)', () => {
  for (const [name, property] of Object.entries(PROPERTIES)) {
    it(name, () => {
      fc.assert(fc.property(noteCase, property), { seed: 20261205, numRuns: RUNS });
    });
  }
});
