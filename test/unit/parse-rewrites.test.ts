// parseNote was rewritten to do bounded work per note: patterns are looked for where they can start
// (indexOf, one pass over code units) instead of by regexes run over whole texts, yaml's quadratic
// duplicate-key check is replaced, and a few helpers lost their regexes. The rewrite must give the
// very same Note: it is compared here with parse-note.ts as it was (test/unit/support/
// parse-note-before.ts, kept verbatim) on generated vaults, varied notes, and seeded random notes
// built from the characters each rewritten piece turns on. The smaller rewrites of other modules
// are compared with the code they replaced the same way.
import { Parser, parseDocument, type CST } from 'yaml';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root } from 'mdast';
import { parseNote, fileNameOf, MAX_YAML_NESTING, tooDeepLine } from '../../src/core/parse-note';
import { MAX_NESTING } from '../../src/core/markdown-blocks';
import type { Note } from '../../src/core/note';
import { normalizeName, unwrapWikiLink, PeopleRegistry, type Person } from '../../src/core/people';
import { checkNote, isRealDate } from '../../src/core/rules';
import { base36, textHash } from '../../src/core/indexed-note';
import { collapseWhitespace } from '../../src/core/text';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { parseNote as parseNoteBefore, fileNameOf as fileNameOfBefore } from './support/parse-note-before';
import { noteData } from './support/compare-parsers';
import { generateVault, makeRng, variedNote } from '../../scripts/vault-generator.mjs';

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const soup = (rng: Rng, tokens: readonly string[], max: number): string => {
  let s = '';
  const n = Math.floor(rng() * (max + 1));
  for (let i = 0; i < n; i++) s += pick(rng, tokens);
  return s;
};

/**
 * The Note without its line table, and without `tooDeep` (which the code before did not have). The
 * code before left embeds (`![[…]]`) out of the wikilinks; they are compared without them.
 */
function data(note: Note): Omit<Note, 'lines'> {
  return noteData({ ...note, wikilinks: note.wikilinks.filter((w) => !w.embed) });
}

function expectSameNote(uri: string, text: string, what: string): void {
  for (const parser of ['fast', 'reference'] as const) {
    const now = parseNote(uri, text, { parser });
    const before = parseNoteBefore(uri, text, { parser });
    expect(data(now), `${what} (${parser}):\n${JSON.stringify(text)}`).toEqual(data(before));
  }
}

/** Characters and pieces the task, link, mention, tag, date and With-line scans turn on. */
const BODY_TOKENS = [
  'a', 'b', 'Z', '0', '7', '_', '-', '/', '.', "'", ' ', ' ', '  ', '\t', '\u00a0', '\u2028', '\u3000', '\v', '\f',
  '#', '#', '@', '@', '@[[', '[[', ']]', ']', '[', '|', '^', '(', ')', '!', ':', ',', '*', '**', '`',
  '🔺', '⏫', '🔼', '🔽', '⏬', '📅', '⏳', '🛫', '➕', '✅', '❌', '\uFE0F', '\ud83d', '\udcc5', 'é', 'Ω', '٣', '😀',
  '2025-01-02', '2025-02-30', '202', ' ^abc', ' ^x-1 ', '#task', '#person/', '@Myself', '@[[Ann Lee]]', '[[Plan#h|x]]',
  '**With**', '**With**:', '**With:**', '\n', '\r\n', '\r',
];

function randomBody(rng: Rng): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(rng() * 8);
  for (let i = 0; i < n; i++) {
    const kind = rng();
    if (kind < 0.5) lines.push(`${pick(rng, ['', '  ', '- ', '> '])}- [${pick(rng, [' ', '?', 'x', '/', '!'])}] ${soup(rng, BODY_TOKENS, 24)}`);
    else if (kind < 0.65) lines.push(`**With**${soup(rng, [':', '**', ' ', '\t', ':**', 'Ann Lee', ', ', ',', 'Bo'], 8)}`);
    else if (kind < 0.75) lines.push(`#${pick(rng, ['', '#', '##'])} ${soup(rng, BODY_TOKENS, 10)}`);
    else lines.push(soup(rng, BODY_TOKENS, 20));
  }
  return lines.join(pick(rng, ['\n', '\r\n']));
}

const YAML_KEYS = ['a', 'b', 'c', 'title', 'date', 'tags', '"a"', "'a'", '1', '01', '1.0', 'null', '~', 'true', '.nan', '.NaN', '-0', '0', '? a', '?', '&x a', '!!str a', '*x', '[a]', '{a: 1}', ''];
const YAML_VALUES = ['', ' 1', ' x', ' "q"', ' [a, b]', ' {a: 1, a: 2}', ' {x: 1, y: 2, x: 3}', ' [a: 1, a: 2]', ' &x v', ' *x', ' !!str 5', ' |', ' - x', ' "a\\q"', ' \'', ' #c', ' a: b', ' ]'];

/** A frontmatter full of duplicate keys: top level, nested blocks, flow maps, odd keys, errors, comments. */
function randomYaml(rng: Rng): string {
  const lines: string[] = [];
  const n = Math.floor(rng() * 12);
  for (let i = 0; i < n; i++) {
    const indent = pick(rng, ['', '', '', '  ', '    ', ' ']);
    const r = rng();
    if (r < 0.08) lines.push(`${indent}# comment`);
    else if (r < 0.15) lines.push(`${indent}- ${pick(rng, YAML_KEYS)}:${pick(rng, YAML_VALUES)}`);
    else if (r < 0.2) lines.push(`${indent}:${pick(rng, YAML_VALUES)}`);
    else lines.push(`${indent}${pick(rng, YAML_KEYS)}:${pick(rng, YAML_VALUES)}`);
  }
  return lines.join('\n');
}

describe('parseNote after its rewrite gives the Note it gave before', () => {
  it('on 200 notes of a generated vault', () => {
    for (const f of generateVault({ notes: 200, seed: 11 })) expectSameNote(`file:///v/${encodeURI(f.path)}`, f.text, f.path);
  });

  it('on 600 varied notes', () => {
    const rng = makeRng(4242);
    for (let i = 0; i < 600; i++) expectSameNote('file:///v/n.md', variedNote(rng).text, `varied note ${i}`);
  });

  it('on 2,000 random task lines, With lines, headings and links', () => {
    const rng = makeRng(777);
    for (let i = 0; i < 2000; i++) expectSameNote('file:///v/n.md', randomBody(rng), `random body ${i}`);
  });

  it('on 2,000 random frontmatters with duplicate keys, top level and nested', () => {
    const rng = makeRng(99);
    let withDuplicates = 0;
    for (let i = 0; i < 2000; i++) {
      const text = `---\n${randomYaml(rng)}\n---\n- [ ] t\n`;
      expectSameNote('file:///v/n.md', text, `random frontmatter ${i}`);
      if (parseNote('file:///v/n.md', text).frontmatter?.errors.some((e) => e.code === 'DUPLICATE_KEY')) withDuplicates++;
    }
    expect(withDuplicates).toBeGreaterThan(300);
  });

  it('on mappings large enough for the set of keys (duplicates, NaN, -0, nulls and nested maps among them)', () => {
    const rng = makeRng(5);
    for (let i = 0; i < 60; i++) {
      const keys = 20 + Math.floor(rng() * 100);
      const lines: string[] = [];
      for (let k = 0; k < keys; k++) {
        const key = pick(rng, [`k${Math.floor(rng() * keys)}`, `k${k}`, `k${k}`, '.nan', '-0', '0', '~', 'null', '"k1"', '[x]']);
        const r = rng();
        if (r < 0.1) lines.push(`${key}:`, `  n${Math.floor(rng() * 3)}: 1`, `  n${Math.floor(rng() * 3)}: 2`);
        else if (r < 0.2) lines.push(`${key}: {${Array.from({ length: 40 }, () => `f${Math.floor(rng() * 30)}: 1`).join(', ')}}`);
        else lines.push(`${key}: v`);
      }
      expectSameNote('file:///v/n.md', `---\n${lines.join('\n')}\n---\n`, `large mapping ${i}`);
    }
  });

  it('on random uris (?, # and line breaks) for the file name', () => {
    const rng = makeRng(31);
    const tokens = ['a', '/', '?', '#', '%20', '%', '%E9', '\n', '\r', '\u2028', '.md', 'é'];
    for (let i = 0; i < 5000; i++) {
      const uri = `file:///${soup(rng, tokens, 16)}`;
      expect(fileNameOf(uri), JSON.stringify(uri)).toBe(fileNameOfBefore(uri));
    }
  });
});

describe('duplicate keys: yaml’s own errors, in its order and at its positions', () => {
  // Besides the whole notes above: the errors of the rewritten parse, code by code, against yaml's
  // uniqueKeys: true, on frontmatters whose mappings are past the size where the set takes over.
  it('match uniqueKeys: true', () => {
    const rng = makeRng(123);
    let duplicates = 0;
    for (let i = 0; i < 200; i++) {
      const parts: string[] = [];
      const n = 30 + Math.floor(rng() * 60);
      for (let k = 0; k < n; k++) parts.push(rng() < 0.3 ? randomYaml(rng) : `k${Math.floor(rng() * n)}: ${k}`);
      const source = `${parts.join('\n')}\n`;
      const text = `---\n${source}---\n`;
      const expected = parseDocument(source, { prettyErrors: false, uniqueKeys: true }).errors.map((e) => [e.code, e.pos[0]]);
      const note = parseNote('file:///v/n.md', text);
      const contentStart = 4;
      // An alias that names no anchor is an error of ours (BAD_ALIAS), which yaml leaves to toJS.
      const got = note.frontmatter!.errors.filter((e) => e.code !== 'BAD_ALIAS').map((e) => [e.code, e.span.start - contentStart]);
      expect(got, source).toEqual(expected.map(([code, at]) => [code, Math.min(at as number, source.length)]));
      duplicates += got.filter(([code]) => code === 'DUPLICATE_KEY').length;
    }
    expect(duplicates).toBeGreaterThan(500);
  });
});

describe('nesting too deep to read', () => {
  const registry = new PeopleRegistry([], '');
  // Shapes whose size grows with the square of the depth stop at 500 levels.
  const shapes: [string, (depth: number) => string][] = [
    ['list markers on one line', (d) => `${'- '.repeat(d)}[ ] x\n`],
    ['lists by indentation', (d) => Array.from({ length: Math.min(d, 500) }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`).join('\n')],
    ['ordered lists', (d) => Array.from({ length: Math.min(d, 500) }, (_, i) => `${'   '.repeat(i)}1. x`).join('\n')],
    ['block quotes', (d) => `${'> '.repeat(d)}- [ ] x\n`],
    ['block quotes without spaces', (d) => `${'>'.repeat(d)} x\nlazy\n`],
    ['quotes and lists', (d) => `${'> - '.repeat(Math.ceil(d / 2))}x\n`],
    ['tabs', (d) => Array.from({ length: Math.min(d, 500) }, (_, i) => `${'\t'.repeat(i)}- x`).join('\n')],
  ];

  it(`up to ${MAX_NESTING} levels are read as before; past that, the body is reported and the frontmatter still read`, () => {
    for (const [name, shape] of shapes) {
      const shallow = `---\ntitle: x\n---\n${shape(MAX_NESTING / 2)}`;
      expectSameNote('file:///v/n.md', shallow, name);
      expect(tooDeepLine(parseNote('file:///v/n.md', shallow)), name).toBeUndefined();
      for (const depth of [MAX_NESTING + 5, 5000, 20_000]) {
        const text = `---\ntitle: x\n---\n${shape(depth)}`;
        for (const parser of ['fast', 'reference'] as const) {
          const note = parseNote('file:///v/n.md', text, { parser });
          expect(tooDeepLine(note), `${name} ${depth}`).toBeGreaterThanOrEqual(3);
          expect(note.frontmatter?.fields.map((f) => f.key)).toEqual(['title']);
          expect(note.tasks).toEqual([]);
          const issues = checkNote({ note, registry, config: DEFAULT_CONFIG });
          expect(issues.map((i) => [i.code, i.span.range.start.line])).toContainEqual(['too-deep', 0]);
        }
      }
    }
  });

  it('a note is reported too deep whenever its containers nest more than the limit (random nestings)', () => {
    const containerDepth = (text: string): number => {
      let deepest = 0;
      const stack: [Nodes, number][] = [[unified().use(remarkParse).parse(text) as Root, 0]];
      while (stack.length) {
        const [node, depth] = stack.pop()!;
        const inner = node.type === 'listItem' || node.type === 'blockquote' ? depth + 1 : depth;
        deepest = Math.max(deepest, inner);
        if ('children' in node) for (const child of node.children) stack.push([child as Nodes, inner]);
      }
      return deepest;
    };
    const rng = makeRng(1618);
    const markers = ['- ', '* ', '+ ', '1. ', '2) ', '> ', '>'];
    let flagged = 0;
    for (let i = 0; i < 150; i++) {
      const depth = MAX_NESTING - 15 + Math.floor(rng() * 30);
      const lines: string[] = [];
      let line = '';
      let indent = 0;
      for (let level = 0; level < depth; level++) {
        const marker = pick(rng, markers);
        line += marker;
        if (rng() < 0.3 && !marker.startsWith('>')) {
          // Go on on the next line, indented to continue every list item so far.
          lines.push(`${line}x`);
          indent = line.length;
          line = ' '.repeat(indent);
        }
      }
      lines.push(`${line}[ ] x`, ...(rng() < 0.5 ? ['', 'lazy'] : ['lazy']));
      const text = lines.join('\n');
      const flaggedNow = tooDeepLine(parseNote('file:///v/n.md', text)) !== undefined;
      if (containerDepth(text) > MAX_NESTING) expect(flaggedNow, text).toBe(true);
      if (flaggedNow) flagged++;
    }
    expect(flagged).toBeGreaterThan(30);
  });

  it('YAML is reported as too deep exactly when its collections nest more than the limit (random nestings)', () => {
    const cstDepth = (source: string): number => {
      let deepest = 0;
      const stack: [CST.Token, number][] = [...new Parser().parse(source)].map((t) => [t, 0]);
      while (stack.length) {
        const [token, depth] = stack.pop()!;
        if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
          deepest = Math.max(deepest, depth + 1);
          for (const item of token.items) {
            if ('key' in item && item.key) stack.push([item.key, depth + 1]);
            if (item.value) stack.push([item.value, depth + 1]);
          }
        } else if (token.type === 'document' && token.value) stack.push([token.value, depth]);
      }
      return deepest;
    };
    const rng = makeRng(2718);
    const nest = (levels: number, indent: number, inFlow: boolean): string => {
      if (levels === 0) return 'x';
      const r = rng();
      if (inFlow || r < 0.2) return r < 0.1 || inFlow ? `[${nest(levels - 1, indent, true)}]` : `{k: ${nest(levels - 1, indent, true)}}`;
      if (r < 0.4) return `- ${nest(levels - 1, indent + 2, false)}`;
      if (r < 0.5) return `? ${nest(levels - 1, indent + 2, false)}`;
      if (r < 0.6) return `k: ${nest(levels - 1, indent + 3, false)}`;
      const deeper = indent + 1 + Math.floor(rng() * 2);
      return r < 0.8 ? `k:\n${' '.repeat(deeper)}${nest(levels - 1, deeper, false)}` : `k:\n${' '.repeat(indent)}- ${nest(levels - 1, indent + 2, false)}`;
    };
    let deep = 0;
    for (let i = 0; i < 400; i++) {
      const source = `a:\n  ${nest(MAX_YAML_NESTING - 20 + Math.floor(rng() * 40), 2, false)}\n`;
      const tooDeep = parseNote('file:///v/n.md', `---\n${source}---\n`).frontmatter!.errors.some((e) => e.code === 'TOO_DEEP');
      expect(tooDeep, source).toBe(cstDepth(source) > MAX_YAML_NESTING);
      if (tooDeep) deep++;
    }
    expect(deep).toBeGreaterThan(50);
    expect(deep).toBeLessThan(350);
  });

  it('deep YAML is reported as too deep, never left to yaml’s recursion', () => {
    const yamlShapes: [string, (depth: number) => string][] = [
      ['flow sequences', (d) => `a: ${'['.repeat(d)}${']'.repeat(d)}`],
      ['unclosed flow', (d) => `a: ${'{a: '.repeat(d)}`],
      ['block maps', (d) => Array.from({ length: d }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v'],
      ['compact sequences', (d) => `${'- '.repeat(d)}x`],
      ['compact maps', (d) => `${'a: '.repeat(d)}x`],
      ['explicit keys', (d) => `${'? '.repeat(d)}x`],
      ['sequences under keys', (d) => Array.from({ length: d }, (_, i) => `${'  '.repeat(i >> 1)}${i % 2 ? '- ' : ''}k${i}:`).join('\n')],
    ];
    for (const [name, shape] of yamlShapes) {
      const shallow = `---\n${shape(MAX_YAML_NESTING / 4)}\n---\n- [ ] t\n`;
      expectSameNote('file:///v/n.md', shallow, name);
      for (const depth of [MAX_YAML_NESTING * 2, 5000]) {
        const text = `---\n${shape(depth)}\n---\n- [ ] t\n`;
        const note = parseNote('file:///v/n.md', text);
        expect(note.frontmatter!.errors.map((e) => e.code), `${name} ${depth}`).toEqual(['TOO_DEEP']);
        expect(note.tasks.length, name).toBe(1);
        const issues = checkNote({ note, registry, config: DEFAULT_CONFIG });
        expect(issues.map((i) => [i.code, i.span.range.start.line]), name).toEqual([['yaml-syntax', 0]]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Smaller rewrites, each against the code it replaced.

const oldNormalizeName = (name: string) => unwrapWikiLink(name).normalize('NFKC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('en');

function oldIsRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

describe('helpers after their rewrite', () => {
  it('isRealDate', () => {
    const rng = makeRng(8);
    const cases = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '0099-01-01', '0100-01-01', '0000-01-01', '2025-00-10', '2025-13-01', '2025-04-31', '2025-12-31', '2025-1-01', ' 2025-01-01', '２０２５-01-01', '2025-01-01\n'];
    for (let i = 0; i < 20_000; i++) {
      const y = String(Math.floor(rng() * 10_000)).padStart(4, '0');
      const mo = String(Math.floor(rng() * 14)).padStart(2, '0');
      const d = String(Math.floor(rng() * 33)).padStart(2, '0');
      cases.push(`${y}-${mo}-${d}`, `${y}-${mo}-${d}`.slice(0, 1 + Math.floor(rng() * 10)) + soup(rng, ['-', '1', 'x', '٣'], 2));
    }
    for (const c of cases) expect(isRealDate(c), c).toBe(oldIsRealDate(c));
  });

  it('base36 (the digits of textHash)', () => {
    const rng = makeRng(9);
    const values = [0, 1, 35, 36, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 36 ** 10, 36 ** 10 - 1];
    for (let i = 0; i < 20_000; i++) values.push(Math.floor(rng() * 2 ** 53), Math.floor(rng() * 2 ** 32), Math.floor(rng() * 1000));
    for (const v of values) expect(base36(Math.floor(v / 2 ** 32), v >>> 0), String(v)).toBe(v.toString(36));
    expect([textHash(''), textHash('- [ ] a task @Ann #x')]).toEqual(['wvjl67o803', '65xqw38liy']);
  });

  it('collapseWhitespace', () => {
    const rng = makeRng(10);
    const tokens = ['a', 'b', ' ', ' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b', '\u180e', '\v', '\f', '\u0085', 'é', '\ud83d'];
    for (let i = 0; i < 20_000; i++) {
      const s = soup(rng, tokens, 12);
      expect(collapseWhitespace(s), JSON.stringify(s)).toBe(s.replace(/\s+/gu, ' ').trim());
    }
  });

  it('normalizeName, and the registry’s remembered answers', () => {
    const rng = makeRng(12);
    const tokens = ['Ann', ' ', '  ', '\t', '\u00a0', 'LEE', 'é', 'E\u0301', 'ﬁ', 'İ', 'ẞ', '[[', ']]', '|', '#', 'Myself', 'myself', '\u2028'];
    const names: string[] = [];
    for (let i = 0; i < 5000; i++) names.push(soup(rng, tokens, 6));
    for (const n of names) expect(normalizeName(n), JSON.stringify(n)).toBe(oldNormalizeName(n));
    const person = (name: string, aliases: string[] = []): Person => ({ name, aliases, role: undefined, org: undefined, email: undefined, uri: undefined, source: 'note' });
    const people = [person('Ann Lee', ['Annie']), person('Ann Other'), person('Bo Chan'), person('Émile Zola')];
    const fresh = () => new PeopleRegistry(people, 'Owner Name');
    const remembering = fresh();
    for (const n of [...names, ...names]) {
      const once = fresh();
      expect(remembering.lookup(n)?.name).toBe(once.lookup(n)?.name);
      expect(remembering.isKnown(n)).toBe(once.isKnown(n));
      expect(remembering.suggest(n)).toEqual(once.suggest(n));
      expect(remembering.likelyFor(n)).toEqual(once.likelyFor(n));
    }
    // Answers handed out are copies: changing one does not change the next.
    remembering.suggest('Ann Le').length = 0;
    expect(remembering.suggest('Ann Le')).toEqual(fresh().suggest('Ann Le'));
  });
});
