// Work that used to grow quadratically with its input now grows linearly (or as n log n). Each check
// times an input of size n and one of size 2n in this process (the fastest of 5 runs each, after a
// warm-up: a garbage collection or another process only ever adds time) and asserts t(2n)/t(n) < 3:
// linear growth gives about 2, quadratic about 4. Only ratios
// are compared, never wall-clock times, so a slow or busy machine does not fail them. n is doubled
// from a small start until one run takes at least ~20 ms, so timer noise stays small beside the work.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { FrontmatterField, Note, ScalarValue } from '../../src/core/note';
import { parseNote } from '../../src/core/parse-note';
import { isPlaceholderName, PeopleRegistry, placeholderStem, type Person } from '../../src/core/people';
import { checkNote, personFromTitle, safeFixEdits, type Issue } from '../../src/core/rules';
import { applyEdits, LineIndex, type TextEdit } from '../../src/core/text';
import { acceptProposal, rejectProposal } from '../../src/core/edits';

type Setup = (n: number) => () => unknown;

const MIN_MS = 20;
const RUNS = 5;

function timeOnce(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** The smallest n (doubling from `n`, at most `maxN`) at which one run takes MIN_MS. */
function calibrate(setup: Setup, n: number, maxN: number): number {
  while (n < maxN) {
    const run = setup(n);
    run(); // warm-up
    if (Math.min(timeOnce(run), timeOnce(run)) >= MIN_MS) break;
    n *= 2;
  }
  return n;
}

function growth(setup: Setup, n: number): { ratio: number; small: number; large: number } {
  const small = setup(n);
  const large = setup(2 * n);
  small();
  large();
  const ts: number[] = [];
  const tl: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ts.push(timeOnce(small));
    tl.push(timeOnce(large));
  }
  return { ratio: Math.min(...tl) / Math.min(...ts), small: Math.min(...ts), large: Math.min(...tl) };
}

function expectLinear(setup: Setup, startN: number, maxN: number): void {
  const n = calibrate(setup, startN, maxN);
  let g = growth(setup, n);
  // Up to four more tries, keeping the best: a shared machine can stall a series (or two, when other
  // tests run beside this one), while a quadratic stays near 4 every time.
  for (let retry = 0; retry < 4 && g.ratio >= 3; retry++) {
    const again = growth(setup, n);
    if (again.ratio < g.ratio) g = again;
  }
  if (process.env.SHOW_GROWTH) console.log(`GROWTH n=${n} ratio ${g.ratio.toFixed(2)} ${g.small.toFixed(1)} ms`);
  expect(g.ratio, `n=${n}: ${g.small.toFixed(1)} ms, 2n: ${g.large.toFixed(1)} ms`).toBeLessThan(3);
}

describe('the growth measure', () => {
  it('tells quadratic work from linear work', () => {
    const quadratic: Setup = (n) => () => {
      let x = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) x += i ^ j;
      return x;
    };
    const n = calibrate(quadratic, 64, 1 << 16);
    expect(growth(quadratic, n).ratio).toBeGreaterThan(3);
    expect(() => expectLinear(quadratic, 64, 1 << 16)).toThrow(/to be less than 3/u);
  });
});

const person = (name: string, aliases: string[] = []): Person => ({
  name,
  aliases,
  role: undefined,
  org: undefined,
  email: undefined,
  uri: undefined,
  source: 'setting',
});

// ---------------------------------------------------------------------------------------------------
// A 1:1 note with many frontmatter keys and "person/" tags. The YAML library's own duplicate-key check
// is quadratic in the keys of one mapping, so parsing such a note at these sizes would take seconds:
// the Note is built here exactly as parseNote builds it (checked against parseNote on a small n), and
// only checkNote is timed.

function manyKeysText(keys: number, tags: number): string {
  const lines = ['---', 'type: people'];
  for (let i = 0; i < keys; i++) lines.push(`key${i}: value ${i}`);
  // After the n keys, so that finding them by scanning the field list costs n each time.
  lines.push('title: "Jeff 1:1"', 'person: ""', 'tags:');
  for (let i = 0; i < tags; i++) lines.push('  - person/');
  lines.push('---', '');
  return lines.join('\n');
}

function manyKeysNote(keys: number, tags: number): Note {
  const uri = 'file:///vault/2025-12-19%20-%20Jeff.md';
  const text = manyKeysText(keys, tags);
  const lines = new LineIndex(text);
  const scalar = (start: number, end: number, value: string, style: ScalarValue['style']): ScalarValue => ({
    kind: 'scalar',
    value,
    style,
    span: lines.span(start, end),
  });
  const fields: FrontmatterField[] = [];
  const closeLine = lines.lineCount - 2;
  let line = 1;
  for (; line < closeLine; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const lineText = lines.lineText(line);
    const key = lineText.slice(0, lineText.indexOf(':'));
    const keySpan = lines.span(start, start + key.length);
    if (key === 'tags') {
      const items: ScalarValue[] = [];
      for (line++; line < closeLine; line++) {
        const itemStart = lines.lineStart(line) + 4;
        items.push(scalar(itemStart, lines.lineEnd(line), 'person/', 'plain'));
      }
      fields.push({ key, keySpan, value: { kind: 'list', flow: false, items, span: lines.span(items[0]!.span.start - 2, items.at(-1)!.span.end) } });
      break;
    }
    const raw = lineText.slice(key.length + 2);
    const quoted = raw.startsWith('"');
    fields.push({ key, keySpan, value: scalar(start + key.length + 2, end, quoted ? raw.slice(1, -1) : raw, quoted ? 'double' : 'plain') });
  }
  return {
    uri,
    fileName: '2025-12-19 - Jeff.md',
    text,
    hasBom: false,
    lines,
    frontmatter: {
      span: lines.span(0, lines.lineEnd(closeLine)),
      contentStart: lines.lineStart(1),
      contentEnd: lines.lineStart(closeLine),
      closed: true,
      errors: [],
      warnings: [],
      fields,
      isMapping: true,
    },
    headings: [],
    tasks: [],
    wikilinks: [],
    withNames: [],
  };
}

/** The same note with its own copy of the field list, so no lookup built by an earlier run is reused. */
function freshCopy(note: Note): Note {
  return { ...note, frontmatter: { ...note.frontmatter!, fields: [...note.frontmatter!.fields] } };
}

describe('linear growth', () => {
  it('the hand-built many-keys note is the Note parseNote makes', () => {
    for (const [keys, tags] of [[0, 1], [1, 1], [3, 2]] as const) {
      const note = manyKeysNote(keys, tags);
      expect(note).toEqual(parseNote(note.uri, note.text));
    }
  });

  it('checkNote on a note with many frontmatter keys and person/ tags', () => {
    const registry = new PeopleRegistry([person('Marcus Ellery'), person('Dana Whitlock')], '');
    const config = { ...DEFAULT_CONFIG };
    expectLinear(
      (n) => {
        // A tag costs far more to report than a key to pass over: few tags, so that a scan of the keys
        // per tag (what the rules did) would show.
        const note = manyKeysNote(n, n / 8);
        return () => checkNote({ note: freshCopy(note), registry, config });
      },
      32_768,
      262_144,
    );
  });

  it('checkNote on a note with many unknown participants and mentions (one suggestion search each)', () => {
    const people = Array.from({ length: 200 }, (_, i) => person(`Person${i} Example${i}`, [`P${i}`]));
    const config = { ...DEFAULT_CONFIG };
    expectLinear(
      (n) => {
        const names = Array.from({ length: n }, (_, i) => `Stranger${i} Visitor`);
        const text = ['---', 'type: meeting', `participants: [${names.join(', ')}]`, '---', '', ...names.map((_, i) => `- [ ] task @Guest${i}`), ''].join('\n');
        const note = parseNote('file:///vault/2025-12-19%20-%20Sync.md', text);
        // A registry of its own each run: a registry remembers its answers, and the search is what is timed.
        return () => checkNote({ note, registry: new PeopleRegistry(people, 'Owner Name'), config });
      },
      16,
      4096,
    );
  });

  it('personFromTitle on long titles full of blanks, with and without a 1:1', () => {
    expectLinear(
      (n) => {
        const titles = [
          `Weekly${' '.repeat(n)}sync`,
          `1:1 with Jeff${' '.repeat(n)}x\n`,
          `Jeff${' \t'.repeat(n / 2)}- 1:1`,
          `1:1 - ${'a '.repeat(n / 2)}-\n`,
        ];
        return () => titles.map(personFromTitle);
      },
      4096,
      4_194_304,
    );
  });

  it('placeholder names with long runs of blanks', () => {
    expectLinear(
      (n) => {
        const names = [`Ravi (last${' '.repeat(n)}x)`, `Ravi (surname${' '.repeat(n)}-${' '.repeat(n)}`];
        return () => names.map((name) => [isPlaceholderName(name), placeholderStem(name)]);
      },
      4096,
      4_194_304,
    );
  });

  it('safeFixEdits with many fixes', () => {
    const edit = (start: number, end: number): TextEdit => ({ start, end, newText: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    expectLinear(
      (n) => {
        const issues: Issue[] = Array.from({ length: n }, (_, i) => ({
          code: 'field-type',
          severity: 'warning',
          message: '',
          span: { start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
          // Every third fix overlaps the one before it; the rest are all taken.
          fixes: [{ title: '', safe: true, edits: i % 3 === 2 ? [edit(10 * i - 12, 10 * i - 8)] : [edit(10 * i, 10 * i + 5), edit(10 * i + 7, 10 * i + 7)] }],
        }));
        return () => safeFixEdits(issues);
      },
      1024,
      1_048_576,
    );
  });

  it('people lookups by a lone first name, and placeholders, against many people', () => {
    expectLinear(
      (n) => {
        // n people with distinct first names (lookup) and n sharing one (likelyFor's first-name list).
        const people = Array.from({ length: n }, (_, i) => person(`First${i} Last${i}`)).concat(
          Array.from({ length: n }, (_, i) => person(`Ann Other${i}`)),
        );
        const names = Array.from({ length: n }, (_, i) => `First${i}`);
        return () => {
          // A registry of its own each run (built in linear time): a registry remembers its answers.
          const registry = new PeopleRegistry(people, '');
          for (const name of names) registry.lookup(name);
          for (let i = 0; i < n; i++) registry.likelyFor('Ann (last name unknown)');
        };
      },
      256,
      262_144,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// parseNote + checkNote on adversarial notes: whatever a note holds, the work grows linearly with it.

describe('linear growth of parseNote + checkNote', () => {
  const registry = new PeopleRegistry([person('Ann Lee'), person('Bo Chan')], 'Ann Lee');
  const config = { ...DEFAULT_CONFIG };
  const parseAndCheck = (texts: string[]) => () => {
    for (const text of texts) checkNote({ note: parseNote('file:///v/2025-01-02%20-%20n.md', text), registry, config });
  };

  it('many tasks', () => {
    expectLinear((n) => parseAndCheck([`---\ntype: meeting\n---\n${'- [ ] t @Bob #t 📅 2025-01-02 ⏫\n'.repeat(n)}`]), 256, 65_536);
  });

  it('many YAML keys, distinct and repeated', () => {
    expectLinear(
      (n) =>
        parseAndCheck([
          `---\n${Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n')}\n---\n`,
          `---\n${Array.from({ length: n }, (_, i) => `k${i % 64}: v`).join('\n')}\n---\n`,
        ]),
      // From 4,096 keys on, yaml's own duplicate-key test (uniqueKeys: true) grows 3.5 times per doubling.
      4096,
      65_536,
    );
  });

  it('a long heading line', () => {
    expectLinear((n) => parseAndCheck([`# ${'word '.repeat(n)}#\n- [ ] t\n`]), 4096, 4_194_304);
  });

  it('long runs of spaces: in a task, a heading, a With line, a frontmatter value', () => {
    expectLinear(
      (n) => {
        const spaces = ' '.repeat(n);
        return parseAndCheck([`- [ ] a${spaces}b #t${spaces}\n`, `#${spaces}x${spaces}\n`, `**With**:${spaces}Ann,${spaces}Bo\n`, `---\ntitle: a${spaces}b\nparticipants: [${spaces}x]\n---\n`]);
      },
      4096,
      4_194_304,
    );
  });

  it('many unclosed brackets: [[, @[[, [ and #', () => {
    expectLinear(
      (n) => parseAndCheck([`- [ ] ${'[['.repeat(n)}\n`, `- [ ] ${' @[['.repeat(n)}\n`, `${'[['.repeat(n)}\n`, `- [ ] ${' #'.repeat(n)}\n`]),
      1024,
      1_048_576,
    );
  });

  it('Obsidian comments and math: many delimiters, paired, unpaired and hiding tasks', () => {
    expectLinear(
      (n) =>
        parseAndCheck([
          `- [ ] a ${'%% x %% '.repeat(n)}#t\n`,
          `- [ ] ${'$$ '.repeat(n)}\n`,
          `- [ ] ${'$'.repeat(n)} #t\n`,
          `${'%%\n- [?] hidden\n%%\n- [?] shown #proposed\n'.repeat(n / 8)}`,
          `- [ ] \`${'%%'.repeat(n / 2)}\` ${'$$ x '.repeat(n / 4)}\n`,
        ]),
      1024,
      1_048_576,
    );
  });

  it('many wikilinks and links holding tags in a task, closed and not', () => {
    expectLinear(
      (n) => parseAndCheck([`- [?] ${'[[a #t]] '.repeat(n)}#proposed\n`, `- [?] ${'[[ #t '.repeat(n)}\n`, `- [?] ${'[x #t](y) '.repeat(n)}#proposed\n`]),
      1024,
      1_048_576,
    );
  });

  it('triage of a task with many tags side by side', () => {
    expectLinear(
      (n) => {
        const note = parseNote('file:///v/n.md', `- [?] ${'#proposed '.repeat(n)}x ${'#proposed #task '.repeat(n)}^id\n`);
        return () => {
          applyEdits(note.text, acceptProposal(note, note.tasks[0]!));
          applyEdits(note.text, rejectProposal(note, note.tasks[0]!, '2026-01-05'));
        };
      },
      256,
      262_144,
    );
  });

  it('an unclosed frontmatter of many YAML lines (where to close it)', () => {
    expectLinear((n) => parseAndCheck([`---\n${Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n')}\n- [?] task #proposed\n`]), 256, 262_144);
  });

  it('lists and quotes nested deep', () => {
    expectLinear((n) => parseAndCheck([`${'- '.repeat(n)}[ ] x\n`, `${'> '.repeat(n)}x\n`, `- a\n${'  - [ ] b\n'.repeat(n)}`]), 1024, 1_048_576);
  });
});
