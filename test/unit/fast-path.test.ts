import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanBlocksFast } from '../../src/core/markdown-blocks';
import { LineIndex, stripBom } from '../../src/core/text';
import { bothParses } from './support/compare-parsers';
import { generateVault, makeRng, variedNote } from '../../scripts/vault-generator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = readFileSync(path.join(root, 'test/fixtures/seed-shaped-note.md'), 'utf8');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : /\.md$/u.test(name) ? [p] : [];
  });
}

const takesFastPath = (text: string) => {
  const body = stripBom(text).text;
  return scanBlocksFast(body, new LineIndex(body)) !== undefined;
};

/** Shapes where a line scanner is easy to get wrong; each must give what remark gives. */
const TRICKY: [string, string][] = [
  ['nested tasks', '- [?] a\n  - [ ] b\n    - [x] c\n  - d\n    - [?] e\n'],
  ['sibling after nested', '- [?] a\n  - [ ] b\n- [?] c\n'],
  ['lazy continuation', '- [?] a\nlazy text\n- [ ] b\n'],
  ['lazy continuation of a nested item', '- a\n  - [?] b\n  lazy\n  - [ ] c\n'],
  ['one space less than the content', '- a\n - [?] b\n'],
  ['three spaces of indentation', '   - [?] a\n      - [ ] b\n'],
  ['four spaces is code at the root', '    - [?] a\n'],
  ['four spaces continue a paragraph', 'text\n    - [?] a\n'],
  ['indented code after a blank line in an item', '- [?] a\n\n      - [ ] code\n'],
  ['item holding an item', '- - [?] a\n* + [ ] b\n'],
  ['heading in an item', '- # [?] a\n  - [?] b\n'],
  ['thematic breaks', '- [?] a\n---\n* * *\n- [ ] b\n___\n- - -\n'],
  ['setext underline after a task', '- [?] a\n  ---\n'],
  ['setext h1 underline after a task', '- [?] b\n  ===\n'],
  ['setext h2 at the root', 'Sub\n---\n- [ ] b\n'],
  ['setext heading', 'Title\n=====\n- [?] a\n\nSub\n---\n- [ ] b\n'],
  ['dash line after a list', '- [?] a\n---\n'],
  ['two dashes under a task', '- [ ] task\n  --\n- [?] b\n'],
  ['two dashes under text', 'foo\n--\n- [?] a\n'],
  ['one dash and blanks under a task', '- [?] a\n  - \t\n'],
  ['dashes then text under text', 'foo\n-- x\n- [?] a\n'],
  ['ATX headings', '# One #\n  ## Two ##  \n### \n#\n####### seven\n#tag\n#\tTab\n## Closing # not\n### ###\n- [?] under'],
  ['paragraph interrupted by a heading', 'text\n# H\n- [?] a\n'],
  ['no space after the status', '- [?]x\n- [??] x\n-[?] x\n- [?]\n- [ ] [?] x\n'],
  ['emphasis', '*- [?] x*\n- *[?] x*\n- [?] *x* #tag\n'],
  ['tabs', '- [?]\tx\n-\t[?] x\n\t- [?] y\n'],
  ['ordered', '1. [?] a\n2) [ ] b\n'],
  ['empty items', '-\n  - [?] a\n- \n'],
  ['blockquote', '> - [?] a\n> > - [ ] b\nlazy\n'],
  ['fences', '```\n- [?] a\n```\n~~~md\n- [?] b\n~~~\n- [?] c\n```\n- [?] d'],
  ['html', '<!-- - [?] a -->\n<div>\n- [?] b\n</div>\n\n- [?] c <b>#x</b> #y\n'],
  ['inline code', '- [?] `#not @not` #yes @yes\n[[link]] `[[code]]`\n'],
  ['definitions', '[ref]: http://x\n- [?] a [ref]\n[?]: y\n'],
  ['frontmatter', '---\ntitle: "x"\n---\n- [?] a\n'],
  ['frontmatter fences with spaces', '---  \ntitle: x\n---\t\n- [?] a\n'],
  ['empty frontmatter', '---\n---\n- [?] a\n'],
  ['unclosed frontmatter', '---\ntitle: x\n- [?] a\n'],
  ['thematic break first', '---\nprose\n\n- [?] a\n'],
  ['four dashes first', '----\ntitle: x\n---\n- [?] a\n'],
  ['CRLF', '---\r\ntitle: x\r\n---\r\n# H\r\n- [?] a #proposed\r\n  - [ ] b\r\n'],
  ['lone CR', '---\rtitle: x\r---\r# H\r- [?] a\r  - [ ] b\r'],
  ['With line and wikilinks', '**With**: Ann Lee, Bo Chan\n- [?] see [[Plan#h|alias]] @[[Ann Lee]] ⏫ 📅 2025-01-02 ^abc\n'],
  ['blank lines with spaces', '- [?] a\n   \n  - [ ] b\n  \n- [x] c\n'],
  ['deep nesting', Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- [?] level ${i}`).join('\n')],
  ['autolink', '- [?] see <https://x.y> #t\n'],
  ['entity and escapes', '\\- [?] escaped\n- \\[?] escaped bracket\n- [?] a &amp; b\n'],
  ['equals after text', 'text\n=x\n- [?] a\n'],
  ['no final newline', '# H\n- [?] a'],
  // Obsidian comments and math: both parsers hide the same stretches after their own parse.
  ['inline Obsidian comment', '- [?] a %% #proposed @Ann %% #x\n%% - [?] hidden %%\n- [ ] b\n'],
  ['Obsidian comment block', '%%\n- [?] hidden\n  - [ ] nested hidden\n%%\n- [?] shown\n'],
  ['comment opened on a task line', '- [?] a %% note\n- [?] hidden\n%% - [ ] after\n- [ ] c\n'],
  ['unclosed comment', '- [?] a\n%%\n- [?] hidden\n# Hidden heading\n'],
  ['comment hiding a parent task', '- [?] a\n  %%\n  - [?] hidden\n    - [?] grandchild, still hidden\n  %%\n  - [?] child of a\n'],
  ['comment over a nested task only', '- [?] parent\n  - [?] %% hidden child %%\n    - [?] grandchild\n'],
  ['math block', '$$\n- [?] not a task\n$$\n- [?] a $$x #tag$$ #y\n'],
  ['unclosed math is text', '$$\n- [?] a task\n'],
  ['delimiters in code and HTML', '- [?] `%%` a\n<!-- %% -->\n- [?] b\n```\n%%\n```\n- [?] c\n'],
  ['dollars and percents', '- [?] costs $$$ and 50%% off\n- [?] %%%\n- [ ] x\n'],
  ['comment with CRLF and a heading', '%%\r\n# Hidden\r\n%%\r\n# Shown\r\n- [?] a\r\n'],
  // Links: a # in their text is no tag.
  ['tags in links', '- [?] [[Plan #proposed]] [the #proposed list](x.md) ![img #t](i.png) #real\n'],
  ['link over two lines', '- [?] see [the\n  #proposed list](x.md) #real\n'],
];

describe('the fast path gives what remark gives', () => {
  for (const [name, text] of TRICKY) {
    it(name, () => {
      const { fast, reference } = bothParses(text);
      expect(fast).toEqual(reference);
    });
  }

  it('on the seed-shaped fixture, LF and CRLF with a BOM, and takes the fast path there', () => {
    for (const text of [fixture, '\uFEFF' + fixture.replace(/\n/gu, '\r\n')]) {
      const { fast, reference } = bothParses(text);
      expect(fast).toEqual(reference);
      expect(takesFastPath(text)).toBe(true);
    }
  });

  it('on every note of the sample vault', () => {
    const files = markdownFiles(path.join(root, 'sample-vault'));
    expect(files.length).toBeGreaterThan(15);
    let fastCount = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const { fast, reference } = bothParses(text, `file://${file}`);
      expect(fast, file).toEqual(reference);
      if (takesFastPath(text)) fastCount++;
    }
    expect(fastCount).toBeGreaterThan(files.length / 2);
  });
});

describe('differential: generated notes through both paths', () => {
  it('1,500 varied notes and 3,000 stretches cut from them (blockquotes, code, HTML, setext, tabs, lazy lines, odd markers, line endings)', () => {
    const rng = makeRng(20261126);
    let fastCount = 0;
    let total = 0;
    const compare = (text: string, what: string) => {
      const { fast, reference } = bothParses(text);
      expect(fast, `${what}:\n${text}`).toEqual(reference);
      total++;
      if (takesFastPath(text)) fastCount++;
    };
    for (let i = 0; i < 1500; i++) {
      const { text } = variedNote(rng);
      compare(text, `varied note ${i}`);
      // A few lines cut from anywhere: starts inside lists, after lazy lines, before underlines.
      const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/u);
      for (let k = 0; k < 2; k++) {
        const from = Math.floor(rng() * lines.length);
        compare(lines.slice(from, from + 2 + Math.floor(rng() * 6)).join(''), `stretch of varied note ${i}`);
      }
    }
    // The scanner must carry its share, or the test would only ever compare remark with itself.
    expect(fastCount / total).toBeGreaterThan(0.12);
  });

  it('600 varied notes with Obsidian comments and math blocks', () => {
    const rng = makeRng(20261205);
    let hidden = 0;
    for (let i = 0; i < 600; i++) {
      const { text } = variedNote(rng, { obsidian: true });
      const { fast, reference } = bothParses(text);
      expect(fast, `obsidian note ${i}:\n${text}`).toEqual(reference);
      if (text.includes('%%') || text.includes('$$')) hidden++;
    }
    expect(hidden).toBeGreaterThan(100);
  });

  it('600 notes of a generated vault, nearly all on the fast path', () => {
    const files = generateVault({ notes: 600, seed: 7 });
    let fastCount = 0;
    for (const f of files) {
      const { fast, reference } = bothParses(f.text, `file:///v/${encodeURI(f.path)}`);
      expect(fast, f.path).toEqual(reference);
      if (takesFastPath(f.text)) fastCount++;
    }
    expect(fastCount / files.length).toBeGreaterThan(0.97);
  });
});
