import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NoteIndex } from '../../src/core/note-index';
import { parseNote } from '../../src/core/parse-note';
import { checkNote } from '../../src/core/rules';
import { acceptAllProposals, rejectAllProposals } from '../../src/core/edits';
import { applyEdits } from '../../src/core/text';
import { config } from './helpers';

const seed = readFileSync(new URL('../fixtures/seed-shaped-note.md', import.meta.url), 'utf8');
const PIECES = ['---', '\n', '\r\n', '\r', '\uFEFF', '- [?] ', '- [', ']', '[[', ']]', '@', '#', '"', "'", ':', '  - ', '```', '<!--', '-->', '🔺', '⏫', '📅 2025-02-30', '\t', '{', '}', '(last name unknown)', '', 'é', '\u0000'];

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seedValue: number): () => number {
  let s = seedValue >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(text: string, random: () => number): string {
  let out = text;
  const steps = 1 + Math.floor(random() * 6);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const op = random();
    if (op < 0.4) out = out.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + out.slice(at);
    else if (op < 0.8) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 40));
    else out = out.slice(at) + out.slice(0, at);
  }
  return out;
}

describe('robustness: mutated seed notes', () => {
  it('parse, check, fix and triage never throw, and every range stays inside the text', () => {
    const random = prng(20261125);
    const index = new NoteIndex(config({ people: ['Dana Whitlock', 'Priya Okafor'] }));
    for (let i = 0; i < 400; i++) {
      const text = mutate(seed, random);
      const uri = `file:///v/2025-12-19%20-%20n${i}.md`;
      index.set(uri, text);
      const note = parseNote(uri, text, { taskStatuses: index.config.taskStatuses });
      const issues = checkNote({ note, registry: index.registry, config: index.config });
      expect(index.issues(uri).map((i) => i.code)).toEqual(issues.map((i) => i.code));
      const lines = note.lines;
      for (const issue of issues) {
        expect(issue.span.start, `${issue.code} in case ${i}`).toBeGreaterThanOrEqual(0);
        expect(issue.span.end, `${issue.code} in case ${i}`).toBeLessThanOrEqual(note.text.length);
        expect(issue.span.range.start.line).toBeLessThan(lines.lineCount);
        for (const fix of issue.fixes) expect(() => applyEdits(note.text, fix.edits), `${fix.title} in case ${i}`).not.toThrow();
      }
      for (const task of note.tasks) {
        expect(note.text.slice(task.statusSpan.start, task.statusSpan.end)).toBe(task.statusChar);
      }
      expect(() => applyEdits(note.text, acceptAllProposals(note))).not.toThrow();
      expect(() => applyEdits(note.text, rejectAllProposals(note, '2026-01-05'))).not.toThrow();
      index.delete(uri);
    }
  });
});
