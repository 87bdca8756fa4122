import { describe, expect, it } from 'vitest';
import { generateVault, makeRng, variedNote, type VaultFile } from '../../scripts/vault-generator.mjs';

/** Surnames of the real people in the seed note: none may leak into generated data. */

const vault = generateVault({ notes: 1000 });
const meetings = vault.filter((f) => f.path.startsWith('Meetings/'));
const people = vault.filter((f) => f.path.startsWith('People/'));

/** Which kind of broken frontmatter a note has, if any. */
function brokenKind(text: string): string | null {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const heading = lines.findIndex((l) => l.startsWith('# '));
  if (!lines.slice(1, heading).includes('---')) return 'missing-close';
  const fm = lines.slice(1, lines.indexOf('---', 1)).join('\n');
  if (/^title: "[^"]*$/mu.test(fm)) return 'unclosed-quote';
  if (/^date: "?(?:\d{4}-1[3-9]-\d\d|\d{4}\/\d+\/\d+)"?$/mu.test(fm)) return 'bad-date';
  if ((fm.match(/^date:/gmu) ?? []).length > 1 || (fm.match(/^title:/gmu) ?? []).length > 1) return 'duplicate-key';
  if (/^participants: "/mu.test(fm)) return 'list-as-string';
  return null;
}

const count = (files: VaultFile[], test: (text: string) => boolean) => files.filter((f) => test(f.text)).length;

describe('generateVault', () => {
  it('is deterministic: the same seed gives byte-identical output, another seed differs', () => {
    expect(generateVault({ notes: 1000 })).toEqual(vault);
    const other = generateVault({ notes: 1000, seed: 2 });
    expect(other.map((f) => f.text)).not.toEqual(vault.map((f) => f.text));
  });

  it('writes the requested person notes, exactly one of them the owner (alias Myself)', () => {
    expect(people).toHaveLength(60);
    expect(meetings).toHaveLength(1000);
    for (const n of [1, 7]) {
      const files = generateVault({ notes: 5, people: n, seed: n });
      expect(files.filter((f) => f.path.startsWith('People/'))).toHaveLength(n);
      expect(count(files, (t) => t.includes('"Myself"') && t.includes('type: person'))).toBe(1);
    }
    expect(count(people, (t) => /^type: person$/mu.test(t))).toBe(60);
    expect(count(people, (t) => t.includes('"Myself"'))).toBe(1);
    expect(new Set(people.map((f) => f.path)).size).toBe(60);
    expect(count(people, (t) => t.includes('aliases: []'))).toBeGreaterThan(0);
    expect(count(people, (t) => /^aliases:\n {2}- "/mu.test(t))).toBeGreaterThan(0);
    expect(count(people, (t) => /^aliases: \["/mu.test(t))).toBeGreaterThan(0);
    expect(count(people, (t) => t.includes('email: '))).toBeGreaterThan(0);
  });

  it('lays meeting notes out by year and date, with unique paths over about three years', () => {
    const paths = new Set(vault.map((f) => f.path));
    expect(paths.size).toBe(vault.length);
    const years = new Set<string>();
    for (const f of meetings) {
      const m = /^Meetings\/(\d{4})\/(\d{4})-\d\d-\d\d - [^/:]+\.md$/u.exec(f.path);
      expect(m, f.path).not.toBeNull();
      expect(m![1]).toBe(m![2]);
      years.add(m![1]);
    }
    expect(years.size).toBeGreaterThanOrEqual(3);
  });

  it('mixes 1:1s, group meetings, every task status and the known defects', () => {
    const oneOnOnes = count(meetings, (t) => /^type: "?people"?\r?$/mu.test(t));
    expect(oneOnOnes / meetings.length).toBeGreaterThan(0.3);
    expect(oneOnOnes / meetings.length).toBeLessThan(0.5);
    for (const type of ['meeting', 'customer', 'project']) expect(count(meetings, (t) => t.includes(`type: "${type}"`))).toBeGreaterThan(0);
    expect(count(meetings, (t) => / 1:1 - /u.test(t) && /^person: ""\r?$/mu.test(t))).toBeGreaterThan(0);
    expect(count(meetings, (t) => /^ {2}- "person\/"\r?$/mu.test(t))).toBeGreaterThan(0);
    expect(count(meetings, (t) => /^participants: \["/mu.test(t))).toBeGreaterThan(0);
    expect(count(meetings, (t) => /^participants:\r?\n {2}- "/mu.test(t))).toBeGreaterThan(0);
    expect(count(meetings, (t) => /^date: \d{4}/mu.test(t))).toBeGreaterThan(0);
    expect(count(meetings, (t) => t.includes('(last name unknown)'))).toBeGreaterThan(0);
    for (const status of ['?', ' ', '/', 'x', '-']) {
      expect(count(meetings, (t) => new RegExp(`^ *- \\[${status === '?' ? '\\?' : status}\\] `, 'mu').test(t)), status).toBeGreaterThan(0);
    }
    expect(count(meetings, (t) => / @Myself .*#task #proposed #auto/u.test(t))).toBeGreaterThan(0);
    expect(count(meetings, (t) => /@\[\[[^\]]+\]\]/u.test(t))).toBeGreaterThan(0);
    expect(count(meetings, (t) => /✅ \d{4}-\d\d-\d\d/u.test(t) && /❌ \d{4}-\d\d-\d\d/u.test(t))).toBeGreaterThan(0);
    for (const p of ['🔺', '⏫', '🔼', '🔽', '⏬', '📅 ']) expect(count(meetings, (t) => t.includes(p)), p).toBeGreaterThan(0);
    expect(count(meetings, (t) => /^ {2}- \[.\] /mu.test(t))).toBeGreaterThan(0); // nested tasks
    expect(count(meetings, (t) => /## Decisions[\s\S]*^- \[.\] /mu.test(t))).toBeGreaterThan(0); // outside Action Items
    expect(count(meetings, (t) => /\*Source: \[\[[^\]]+\]\]\*\r?\n?$/u.test(t))).toBe(meetings.length);

    const broken = meetings.filter((f) => brokenKind(f.text) !== null).length;
    expect(broken).toBeGreaterThan(2);
    expect(broken).toBeLessThan(30);
    const crlf = count(meetings, (t) => t.includes('\r\n'));
    expect(crlf).toBeGreaterThan(5);
    expect(crlf).toBeLessThan(50);
    const bom = count(meetings, (t) => t.startsWith('\uFEFF'));
    expect(bom).toBeGreaterThan(2);
    expect(bom).toBeLessThan(30);
  });

  it('breaks frontmatter in each of the five ways', () => {
    const kinds = new Set(generateVault({ notes: 4000, seed: 3 }).map((f) => brokenKind(f.text)));
    expect([...kinds].filter(Boolean).sort()).toEqual(['bad-date', 'duplicate-key', 'list-as-string', 'missing-close', 'unclosed-quote']);
  });

  it('writes meeting notes of about the seed note’s size (4.4 KB)', () => {
    const average = meetings.reduce((n, f) => n + Buffer.byteLength(f.text, 'utf8'), 0) / meetings.length;
    expect(average).toBeGreaterThan(3.5 * 1024);
    expect(average).toBeLessThan(5.5 * 1024);
  });
});

describe('variedNote', () => {
  const notes = (() => {
    const rng = makeRng(42);
    return Array.from({ length: 500 }, () => variedNote(rng).text);
  })();
  const lf = notes.map((t) => t.replace(/\r\n?/gu, '\n'));
  const some = (re: RegExp) => lf.filter((t) => re.test(t)).length;

  it('is deterministic', () => {
    const rng = makeRng(42);
    expect(Array.from({ length: 500 }, () => variedNote(rng).text)).toEqual(notes);
  });

  it('produces the key constructs', () => {
    expect(some(/^ {0,3}(?:`{3,}|~{3,})/mu), 'fenced code').toBeGreaterThan(10);
    expect(some(/^ {0,3}>[ \t>]*(?:[-*+]|\d+[.)])[ \t]+\[.\]/mu), 'blockquote task').toBeGreaterThan(10);
    expect(some(/<!--/u), 'HTML comment').toBeGreaterThan(10);
    expect(some(/^[^\n]*\S[^\n]*\n {0,3}=+[ \t]*$/mu), 'setext heading').toBeGreaterThan(10);
    expect(some(/^(?: {2,5}|\t)+[-*+] \[.\] /mu), 'nested task').toBeGreaterThan(10);
    expect(some(/^(?: {4}|\t)/mu), 'indented line').toBeGreaterThan(10);
    expect(some(/^\|.*\|$/mu), 'table').toBeGreaterThan(5);
  });

  it('varies line endings, the BOM and the final newline, and stays small', () => {
    expect(notes.filter((t) => t.includes('\r\n')).length).toBeGreaterThan(50);
    expect(notes.filter((t) => /\r(?!\n)/u.test(t)).length).toBeGreaterThan(5);
    expect(notes.filter((t) => /^[^\r]*\n/u.test(t)).length).toBeGreaterThan(50);
    expect(notes.filter((t) => t.startsWith('\uFEFF')).length).toBeGreaterThan(10);
    expect(notes.filter((t) => !/[\r\n]$/u.test(t)).length).toBeGreaterThan(10);
    for (const t of notes) {
      const lines = t.split(/\r\n|\r|\n/u).length;
      expect(lines).toBeGreaterThanOrEqual(5);
      expect(lines).toBeLessThanOrEqual(61);
    }
  });

  it('adds Obsidian-only syntax only when asked', () => {
    expect(some(/%%|^\$\$/mu)).toBe(0);
    const rng = makeRng(7);
    const obsidian = Array.from({ length: 300 }, () => variedNote(rng, { obsidian: true }).text);
    expect(obsidian.filter((t) => t.includes('%%')).length).toBeGreaterThan(0);
  });
});
