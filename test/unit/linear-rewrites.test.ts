// The linear-time rewrites of code that used to backtrack or loop quadratically give the same results
// as the code they replaced. The old code is kept here, verbatim, as the reference; each rewrite is
// compared with it on hand-picked cases and on seeded random inputs built from the characters that
// matter to it (blanks, line breaks, separators, surrogates).
import { describe, expect, it } from 'vitest';
import { isPlaceholderName, normalizeName, PeopleRegistry, placeholderStem, unwrapWikiLink, type Person } from '../../src/core/people';
import { personFromTitle, safeFixEdits, tagSlug, type Fix, type Issue } from '../../src/core/rules';
import type { TextEdit } from '../../src/core/text';

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(rnd: () => number, tokens: readonly string[], maxTokens: number, prefixes: readonly string[] = []): string {
  let s = prefixes.length && rnd() < 0.5 ? prefixes[Math.floor(rnd() * prefixes.length)]! : '';
  const n = Math.floor(rnd() * (maxTokens + 1));
  for (let i = 0; i < n; i++) s += tokens[Math.floor(rnd() * tokens.length)]!;
  return s;
}

// ---------------------------------------------------------------------------------------------------
// References: the code before the rewrite.

function oldPersonFromTitle(title: string): string | undefined {
  const before = /^(.+?)\s*(?:[-–—:|]\s*)?\b1[:/]1\b/u.exec(title);
  if (before && before[1]!.trim()) return before[1]!.trim();
  const after = /^\s*1[:/]1\s*(?:with\s+|[-–—:|]\s*)(.+?)(?:\s+[-–—:|]\s+.*)?$/iu.exec(title);
  if (after && after[1]!.trim()) return after[1]!.trim();
  return undefined;
}

function oldTagSlug(name: string): string {
  return name
    .trim()
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

const OLD_PLACEHOLDER_PAREN = /\(\s*(?:(?:last|first|full|sur)\s*-?\s*name\s+)?(?:unknown|unclear|not known|unsure|\?+)\s*\)/iu;
const PLACEHOLDER_WHOLE = /^(?:unknown(?:\s+(?:speaker|participant|person|attendee))?|(?:speaker|participant|attendee)\s*#?\d+|unidentified(?:\s+\w+)?|\?+)$/iu;

function oldIsPlaceholderName(name: string): boolean {
  const n = unwrapWikiLink(name).trim();
  return OLD_PLACEHOLDER_PAREN.test(n) || PLACEHOLDER_WHOLE.test(n);
}

function oldPlaceholderStem(name: string): string {
  const n = unwrapWikiLink(name).trim();
  if (PLACEHOLDER_WHOLE.test(n)) return '';
  return n.replace(OLD_PLACEHOLDER_PAREN, '').replace(/\s+/gu, ' ').trim();
}

function oldSafeFixEdits(issues: readonly Issue[]): { edits: TextEdit[]; fixed: number } {
  const edits: TextEdit[] = [];
  let fixed = 0;
  for (const issue of issues) {
    const fix = issue.fixes.find((f) => f.safe && f.edits.length);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => edits.some((t) => (e.start < t.end && t.start < e.end) || e.start === t.start));
    if (overlaps) continue;
    edits.push(...fix.edits);
    fixed++;
  }
  return { edits, fixed };
}

// ---------------------------------------------------------------------------------------------------

const TITLE_TOKENS = [
  '1', ':', '/', ' ', ' ', '\t', '\n', '\r', '\u2028', '\u00a0', '-', '–', '—', '|', 'w', 'i', 't', 'h', 'W', 'IT', 'a', 'B', '_', '0', 'é',
  '1:1', '1:1', '1/1', ' with ', 'with', ' - ', '😀', '\ud83d',
];
const TITLE_PREFIXES = ['1:1 with ', ' 1/1 WITH\n', '1:1 - ', '1:1:', '1:1 — ', '\t1:1 wIth  '];

describe('personFromTitle (one pass instead of two backtracking regexes)', () => {
  it('reads the name before or after 1:1 as before', () => {
    const cases = [
      'Dana Whitlock 1:1 - Fabrikam partnership',
      'Dana Whitlock - 1:1',
      'Dana Whitlock: 1/1 weekly',
      '1:1 with Ann Lee - growth',
      '1:1 with Ann Lee',
      '1:1 - Ann Lee | Q3',
      '  1:1 WITH   Ann Lee  —  notes',
      '1:1:1 x',
      'a1:1 with b',
      'Ann 1:10',
      '1:1 with Ann Lee -\nnext line',
      '1:1 with Ann\nLee',
      '1:1 with   \n - x',
      'Ann\u2028Lee 1:1',
      ' 1:1 with X',
      'Weekly sync',
      '',
      '1:1',
      '1:1 with ',
    ];
    for (const title of cases) expect(personFromTitle(title), JSON.stringify(title)).toBe(oldPersonFromTitle(title));
  });

  it('agrees with the old regexes on 60,000 random titles', () => {
    const rnd = random(20251219);
    for (let i = 0; i < 60_000; i++) {
      const title = randomString(rnd, TITLE_TOKENS, 12, TITLE_PREFIXES);
      const expected = oldPersonFromTitle(title);
      if (personFromTitle(title) !== expected) expect(personFromTitle(title), JSON.stringify(title)).toBe(expected);
    }
  });
});

describe('tagSlug (dashes trimmed without a regex)', () => {
  it('agrees with /^-+|-+$/gu', () => {
    const rnd = random(7);
    const tokens = ['-', '--', ' ', 'a', 'B', '_', '/', 'é', '1', '#', '\n', '😀'];
    for (const name of ['Ann Lee', '--x--', '-', '---', '', ' Ann - Lee ', '#person/'])
      expect(tagSlug(name), JSON.stringify(name)).toBe(oldTagSlug(name));
    for (let i = 0; i < 20_000; i++) {
      const name = randomString(rnd, tokens, 10);
      if (tagSlug(name) !== oldTagSlug(name)) expect(tagSlug(name), JSON.stringify(name)).toBe(oldTagSlug(name));
    }
  });
});

describe('placeholder names (`(?:\\s*-)?\\s*` for `\\s*-?\\s*`)', () => {
  it('finds and strips the same placeholders', () => {
    const rnd = random(11);
    const tokens = ['(', ')', ' ', '  ', '\t', '-', 'last', 'Sur', 'name', 'NAME', 'unknown', 'not known', '?', 'x', 'Ravi', '\n', 'speaker', '2'];
    const names = ['Ravi (last name unknown)', 'Ravi (last - name unknown)', 'Ravi (surname ?)', 'Ravi (last-name unclear )', 'Speaker 2', 'Ann', '[[Ann (full name unsure)]]'];
    for (let i = 0; i < 30_000; i++) names.push(randomString(rnd, tokens, 9, ['Ann (', 'Ann (last ', '(first - ', '[[']));
    for (const name of names) {
      if (isPlaceholderName(name) !== oldIsPlaceholderName(name)) expect(isPlaceholderName(name), JSON.stringify(name)).toBe(oldIsPlaceholderName(name));
      if (placeholderStem(name) !== oldPlaceholderStem(name)) expect(placeholderStem(name), JSON.stringify(name)).toBe(oldPlaceholderStem(name));
    }
  });
});

// ---------------------------------------------------------------------------------------------------

const edit = (start: number, end: number, newText = 'x'): TextEdit => ({
  start,
  end,
  newText,
  range: { start: { line: 0, character: start }, end: { line: 0, character: end } },
});
const fix = (safe: boolean, ...edits: TextEdit[]): Fix => ({ title: 'fix', edits, safe });
const issue = (...fixes: Fix[]): Issue => ({
  code: 'field-type',
  severity: 'warning',
  message: 'm',
  span: { start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  fixes,
});

describe('safeFixEdits (Fenwick tree instead of comparing every pair)', () => {
  it('takes the same edits, in the same order, on a small case', () => {
    const issues = [
      issue(fix(true, edit(10, 20))), // taken
      issue(fix(false, edit(0, 5)), fix(true, edit(30, 30, 'ins'))), // the unsafe fix is passed over; insertion taken
      issue(fix(true, edit(15, 25))), // overlaps 10-20: skipped
      issue(fix(true, edit(20, 22))), // touches 10-20 only at its end: taken
      issue(fix(true, edit(30, 31))), // starts where the insertion is: skipped
      issue(fix(true, edit(12, 12))), // an insertion inside 10-20: skipped
      issue(fix(true, edit(40, 45), edit(0, 1), edit(0, 2))), // the fix's own edits may overlap each other: taken
      issue(fix(true, edit(44, 50), edit(60, 61))), // one edit overlaps 40-45: the whole fix is skipped
      issue(fix(true)), // no edits: no fix
      issue(),
      issue(fix(true, edit(61, 62))), // 60-61 was not taken: taken
    ];
    const now = safeFixEdits(issues);
    expect(now).toEqual(oldSafeFixEdits(issues));
    expect(now.fixed).toBe(5);
    expect(now.edits.map((e) => [e.start, e.end])).toEqual([[10, 20], [30, 30], [20, 22], [40, 45], [0, 1], [0, 2], [61, 62]]);
  });

  it('agrees with the pairwise version on 3,000 random sets of fixes', () => {
    const rnd = random(42);
    for (let round = 0; round < 3000; round++) {
      const issues: Issue[] = [];
      const count = Math.floor(rnd() * 12);
      for (let i = 0; i < count; i++) {
        const fixes: Fix[] = [];
        for (let f = Math.floor(rnd() * 3); f > 0; f--) {
          const edits: TextEdit[] = [];
          for (let e = Math.floor(rnd() * 3); e > 0; e--) {
            const start = Math.floor(rnd() * 20);
            edits.push(edit(start, start + (rnd() < 0.3 ? 0 : Math.floor(rnd() * 5))));
          }
          fixes.push(fix(rnd() < 0.7, ...edits));
        }
        issues.push(issue(...fixes));
      }
      const expected = oldSafeFixEdits(issues);
      const now = safeFixEdits(issues);
      if (now.fixed !== expected.fixed || now.edits.some((e, i) => e !== expected.edits[i]) || now.edits.length !== expected.edits.length) {
        expect(now, JSON.stringify(issues.map((i) => i.fixes.map((f) => [f.safe, f.edits.map((e) => [e.start, e.end])])))).toEqual(expected);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------

/** The lookup before first names were indexed; the exact match goes through the registry's own map. */
function oldLookup(registry: PeopleRegistry, name: string): Person | undefined {
  const key = normalizeName(name);
  if (key === normalizeName('Myself')) return registry.owner;
  const exact = (registry as unknown as { byKey: Map<string, Person> }).byKey.get(key);
  if (exact || !key || key.includes(' ')) return exact;
  const byFirst = registry.people.filter((p) => normalizeName(p.name).split(' ')[0] === key);
  return byFirst.length === 1 ? byFirst[0] : undefined;
}

function oldLikelyFor(registry: PeopleRegistry, placeholder: string, max = 3): Person[] {
  const stem = normalizeName(placeholderStem(placeholder));
  if (!stem) return [];
  const exact = oldLookup(registry, stem);
  if (exact) return [exact];
  const firstWord = stem.split(' ')[0]!;
  const byFirstName = registry.people.filter((p) => [p.name, ...p.aliases].some((n) => normalizeName(n).split(' ')[0] === firstWord));
  if (byFirstName.length) return byFirstName.slice(0, max);
  return registry.suggest(stem, max);
}

describe('PeopleRegistry first-name lookups (indexed instead of scanning everyone)', () => {
  const person = (name: string, aliases: string[] = []): Person => ({
    name,
    aliases,
    role: undefined,
    org: undefined,
    email: undefined,
    uri: undefined,
    source: 'setting',
  });

  it('resolves a lone first name and finds placeholders as the scan over everyone did', () => {
    const rnd = random(3);
    const firsts = ['Ann', 'ann', 'Bo', 'Ravi', 'Ánn', 'A.', '[[Ann'];
    const lasts = ['Lee', 'Chen', 'Rao', ''];
    for (let round = 0; round < 300; round++) {
      const people: Person[] = [];
      for (let i = Math.floor(rnd() * 8); i > 0; i--) {
        const pick = (xs: string[]) => xs[Math.floor(rnd() * xs.length)]!;
        const aliases = rnd() < 0.4 ? [`${pick(firsts)} ${pick(lasts)}`.trim()] : [];
        people.push(person(`${pick(firsts)} ${pick(lasts)}`.trim(), aliases));
      }
      const registry = new PeopleRegistry(people, rnd() < 0.5 ? 'Bo Owner' : '');
      for (const name of [...firsts, ...firsts.map((f) => `${f} (last name unknown)`), 'Speaker 1', 'Lee', 'Myself', 'Ann Lee']) {
        expect(registry.lookup(name), name).toBe(oldLookup(registry, name));
        expect(registry.likelyFor(name), name).toEqual(oldLikelyFor(registry, name));
      }
    }
  });
});
