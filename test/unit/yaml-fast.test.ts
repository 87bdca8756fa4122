// The frontmatter read by js-yaml (src/core/yaml-fast.ts) against `yaml` alone: parseNote's fast
// parser against its reference one, on frontmatters chosen to be hard and on generated ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastFrontmatterFields } from '../../src/core/yaml-fast';
import { yamlSource } from '../../src/core/parse-note';
import { bothParses } from './support/compare-parsers';

const note = (yaml: string, eol = '\n') => `---${eol}${yaml}---${eol}- [?] a${eol}`;
const spans = (from: number, to: number) => ({ start: from, end: to }) as never;
const takesFastPath = (yaml: string) => fastFrontmatterFields(yamlSource(yaml), spans) !== undefined;

function expectSame(yaml: string, what = yaml): void {
  for (const eol of ['\n', '\r\n']) {
    const text = note(yaml.replace(/\n/gu, eol), eol);
    const { fast, reference } = bothParses(text);
    expect(fast.frontmatter, `${JSON.stringify(what)} (${JSON.stringify(eol)})`).toEqual(reference.frontmatter);
  }
}

/** Frontmatters the fast path reads itself: the shapes of nearly every generated note. */
const READ_FAST: string[] = [
  'type: meeting\ntitle: "Weekly sync"\ndate: 2025-01-05\n',
  'title: \'It\'\'s "quoted"\'\nperson:\nparticipants: ["Ann Lee", \'Bo Chan\', Cy Dale]\n',
  'tags:\n  - type/meeting\n  - "generated"\nsource_ref: "/Users/x/Transcripts/2025/a b.md"\n',
  'tags:\n- a\n- b\ndate: "2025-01-05"\n',
  'count: 3\nratio: 1.50\nhex: 0x1F\noct: 0o17\nexp: 1e3\nhalf: .5\nyes: true\nno: False\nnothing: ~\nnull: null\ninf: .inf\nnan: .NaN\n',
  '1: one\ntrue: two\n~: three\n"quoted key": four\n\'single\': five\nkey with spaces: six\n',
  'odd: 1_000\nbin: 0b11\nsexa: 12:30\nold: yes\nplus: +.5\nplusone: +1\n',
  'escapes: "tab\\t quote\\" back\\\\ e\\u00e9 A\\x41 \\U0001F600"\nurl: http://x.y/z?a=b#c\n',
  'a: x#y\nb: x:y\nc: a - b\nd: café 日本 🚀\ne: x\'s\nf: "# not a comment"\ng: [x, y, ]\nh: []\ni: [ ]\n',
  'empty:   \nnext: x\n',
  '  a: indented\n  b: [x]\n',
  'a: x\n\n\nb: y\n',
  'a:\n\n  - x\n\n  - y\n',
  'a: "x"   \nb: \'y\'  \n',
  'k:: v\n',
  '"": empty key\n',
  'a: x]\n',
  '<<: merge key\nb: <value>\n',
  'a: x\u0085y\n',
  'a: x\u2028y\n',
];

/** Frontmatters the fast path leaves to yaml (and what yaml gives then is what the note has). */
const LEFT_TO_YAML: string[] = [
  'a: x # comment\n',
  '# comment\na: x\n',
  'a: &anchor x\nb: *anchor\n',
  'a: !!str 3\n',
  'a: |\n  block\n',
  'a: >-\n  folded\n',
  'a: plain\n  continued\n',
  'a: "double\n  over lines"\n',
  'a:\n  b: nested\n',
  'a: {b: c}\n',
  '? a\n: b\n',
  'a: 1\na: 2\n',
  '1.0: x\n1: y\n',
  'a: x\n"a": y\n',
  'a: [x,\n  y]\n',
  '\ta: x\n',
  'a:\tx\n',
  'a: -3\n',
  'a: -.inf\n',
  'a: -\n',
  'a:\n  -\n',
  'a:\n  - x: y\n',
  'a: [x: y]\n',
  'a: [x, [y]]\n',
  'just text\n',
  '- a\n- b\n',
  '',
  '\n\n',
  'a: x\n...\n',
  '%YAML 1.2\n',
  `${'k'.repeat(1100)}: v\n`,
];

/** Broken frontmatters: both paths must report what yaml reports. */
const BROKEN: string[] = [
  'a: "unclosed\n',
  "a: 'unclosed\n",
  'a: "bad \\q escape"\n',
  'a: b: c\n',
  'a: - b\n',
  'a: "x"y\n',
  'a: [x]y\n',
  'a: [x\n',
  'a:\n  - x\n b: c\n',
  'a: x\n  b: y\n',
  'a:\n  - x\n   - y\n',
  ':\n',
  ': x\n',
  'a: @x\n',
  'a: `x`\n',
  'a: %x\n',
  'a: "\u0001"\n',
  'a: \u0001\n',
  '\uFEFFa: b\n',
  'a: x\nb\n',
  'a: [a, , b]\n',
  'a: ,\n',
  'a: ]\n',
  'a: x:\n',
];

describe('the frontmatter fast path (js-yaml) gives what yaml gives', () => {
  for (const yaml of READ_FAST) {
    it(`reads ${JSON.stringify(yaml.slice(0, 50))} itself`, () => {
      expect(takesFastPath(yaml)).toBe(true);
      expectSame(yaml);
    });
  }
  for (const yaml of LEFT_TO_YAML) {
    it(`leaves ${JSON.stringify(yaml.slice(0, 50))} to yaml`, () => {
      expect(takesFastPath(yaml)).toBe(false);
      expectSame(yaml);
    });
  }
  for (const yaml of BROKEN) {
    it(`reports ${JSON.stringify(yaml.slice(0, 50))} as yaml does`, () => {
      expect(takesFastPath(yaml)).toBe(false);
      expectSame(yaml);
    });
  }

  it('values and spans on a plain frontmatter', () => {
    const yaml = 'n: 3\nt: "x"\ne:\nl: [a, "b"]\n';
    const fields = fastFrontmatterFields(yaml, spans)!;
    expect(fields.map((f) => [f.key, f.value.kind])).toEqual([
      ['n', 'scalar'],
      ['t', 'scalar'],
      ['e', 'empty'],
      ['l', 'list'],
    ]);
    expect(fields[0]!.value).toMatchObject({ value: 3, style: 'plain', span: { start: 3, end: 4 } });
    expect(fields[1]!.value).toMatchObject({ value: 'x', style: 'double', span: { start: 8, end: 11 } });
    expect(fields[2]!.value).toMatchObject({ span: { start: 14, end: 14 } });
    expect(fields[3]!.value).toMatchObject({ flow: true, span: { start: 18, end: 26 } });
  });
});

// Generated frontmatters: keys, scalars in every style with characters YAML gives a meaning to,
// lists in both styles, empty values, blank lines, odd indentation. Many are valid and many are not.
const CHARS = ['a', 'b', 'Z', '1', '0', ' ', ' ', ':', '#', '-', '"', "'", '[', ']', ',', '{', '}', '&', '*', '!', '|', '>', '%', '@', '\\', '\t', '.', 'e', '~', '?', 'é', '日', '🚀', 'x', '_', '/', '+'];
const text = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((cs) => cs.join(''));
const word = fc.oneof(
  fc.constantFrom('type', 'title', 'date', 'person', 'participants', 'tags', 'source_ref', 'x', '1', 'true', '~', 'null', '0x1', '1.0', 'a b'),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/u),
);
const scalarText = fc.oneof(
  { weight: 3, arbitrary: word },
  { weight: 2, arbitrary: text(12).map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: text(12).map((s) => `'${s.replace(/'/gu, "''")}'`) },
  { weight: 2, arbitrary: text(10) },
  { weight: 1, arbitrary: fc.constantFrom('3', '-1', '1e5', '.5', '+.5', '0o7', '0b1', '1_0', 'yes', 'NULL', 'True', '.inf', '2025-01-05', '12:30') },
);
const indent = fc.constantFrom('', '', '', '', '', '', ' ', '  ', '\t');
const blank = fc.constantFrom(' ', ' ', ' ', '', '  ', '\t');
const listItems = fc.array(scalarText, { maxLength: 4 });
// A field: a key and a scalar, nothing, a flow list or a block list (items indented or not).
const field = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(indent, word, blank, scalarText).map(([i, k, b, v]) => [`${i}${k}:${b}${v}`]) },
  { weight: 1, arbitrary: fc.tuple(indent, word, fc.constantFrom('', ' ', '  ')).map(([i, k, s]) => [`${i}${k}:${s}`]) },
  { weight: 2, arbitrary: fc.tuple(indent, word, listItems, fc.constantFrom(', ', ',', ' , ')).map(([i, k, vs, sep]) => [`${i}${k}: [${vs.join(sep)}]`]) },
  {
    weight: 2,
    arbitrary: fc.tuple(indent, word, listItems, fc.constantFrom('', '  ', '  ', ' ', '    ')).map(([i, k, vs, itemIndent]) => [`${i}${k}:`, ...vs.map((v) => `${i}${itemIndent}- ${v}`)]),
  },
  { weight: 1, arbitrary: fc.constantFrom([''], ['# c'], ['...'], ['? x'], [': y'], ['  continued'], ['-'], ['a: b: c']) },
  { weight: 1, arbitrary: text(16).map((t) => [t]) },
);
const frontmatter = fc.array(field, { minLength: 1, maxLength: 7 }).map((fields) => `${fields.flat().join('\n')}\n`);

// A longer run: YAML_FUZZ_RUNS=200000 YAML_FUZZ_SEED=7 npx vitest run test/unit/yaml-fast.test.ts
const RUNS = Number(process.env.YAML_FUZZ_RUNS ?? 4000);
const SEED = Number(process.env.YAML_FUZZ_SEED ?? 20261127);

describe('differential: generated frontmatters through both paths', () => {
  it(`${RUNS} generated frontmatters (fast-check, seed ${SEED}), a good share read by js-yaml`, () => {
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(frontmatter, (yaml) => {
        total++;
        if (takesFastPath(yaml)) fast++;
        expectSame(yaml);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Else the test would only compare yaml with itself.
    expect(fast / total).toBeGreaterThan(0.1);
  });
});
