import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawTheme, type StateStack } from 'vscode-textmate';

// The injection grammar is tested on top of a real markdown grammar (the one shiki ships, derived from
// VS Code's), tokenized by vscode-textmate with the Oniguruma engine VS Code uses.
const require = createRequire(import.meta.url);
const OURS = new URL('../../syntaxes/meeting-notes.injection.tmLanguage.json', import.meta.url);
const seed = readFileSync(new URL('../fixtures/seed-shaped-note.md', import.meta.url), 'utf8');

let grammar: IGrammar;

/** Markdown with our injection, in a registry with the given theme rules; and that theme's colours. */
async function loadMarkdown(theme?: IRawTheme['settings']): Promise<{ grammar: IGrammar; colors: string[] }> {
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    ...(theme ? { theme: { settings: theme } } : {}),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.html.markdown') {
        const file = require.resolve('tm-grammars/grammars/markdown.json');
        return parseRawGrammar(readFileSync(file, 'utf8'), file);
      }
      if (scopeName === 'meeting-notes.injection') return parseRawGrammar(readFileSync(OURS, 'utf8'), OURS.pathname);
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['meeting-notes.injection'] : undefined),
  });
  return { grammar: (await registry.loadGrammar('text.html.markdown'))!, colors: registry.getColorMap() };
}

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  grammar = (await loadMarkdown()).grammar;
});

/** Tokenizes a document; returns, per line, its tokens as [text, scopes]. */
function tokenize(text: string): [string, string[]][][] {
  let state: StateStack = INITIAL;
  return text.split(/\r?\n/u).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes] as [string, string[]]);
  });
}

/** The scopes of the token that starts with `needle` on the line that contains `lineNeedle`. */
function scopesOf(text: string, lineNeedle: string, needle: string): string[] {
  const lines = text.split(/\r?\n/u);
  const index = lines.findIndex((l) => l.includes(lineNeedle));
  if (index < 0) throw new Error(`no line with ${lineNeedle}`);
  const token = tokenize(text)[index]!.find(([t]) => t.startsWith(needle));
  if (!token) throw new Error(`no token starting with ${JSON.stringify(needle)} on ${JSON.stringify(lines[index])}: ${JSON.stringify(tokenize(text)[index]!.map(([t]) => t))}`);
  return token[1];
}


describe('TextMate injection grammar', () => {
  it('gives each task status its own scope, and makes a proposal stand out', () => {
    const doc = ['- [?] a', '- [ ] b', '- [/] c', '- [x] d', '- [X] e', '- [-] f', '- [>] g', '- [!] h', '1. [?] numbered', '  - [?] nested', '> - [?] quoted'].join('\n');
    const expectations: [string, string][] = [
      ['- [?] a', 'entity.name.type.task-status.proposed.meeting-notes'],
      ['- [ ] b', 'constant.language.task-status.open.meeting-notes'],
      ['- [/] c', 'markup.changed.task-status.in-progress.meeting-notes'],
      ['- [x] d', 'markup.inserted.task-status.done.meeting-notes'],
      ['- [X] e', 'markup.inserted.task-status.done.meeting-notes'],
      ['- [-] f', 'markup.deleted.task-status.cancelled.meeting-notes'],
      ['- [>] g', 'comment.line.task-status.deferred.meeting-notes'],
      ['- [!] h', 'invalid.illegal.task-status.unknown.meeting-notes'],
      ['1. [?] numbered', 'entity.name.type.task-status.proposed.meeting-notes'],
      ['  - [?] nested', 'entity.name.type.task-status.proposed.meeting-notes'],
      ['> - [?] quoted', 'entity.name.type.task-status.proposed.meeting-notes'],
    ];
    for (const [line, scope] of expectations) {
      const statusChar = line.slice(line.indexOf('[') + 1, line.indexOf('[') + 2);
      const tokens = tokenize(doc)[doc.split('\n').indexOf(line)]!;
      const token = tokens.find(([t, s]) => t === statusChar && s.some((x) => x.includes('task-status')));
      expect(token?.[1], line).toContain(scope);
    }
  });

  it('makes the whole [?] of a proposal stand out, in other scopes than #proposed', () => {
    const line = '- [?] Call Ann @Ann #proposed';
    const tokens = tokenize(line)[0]!;
    for (const part of ['[', '?', ']']) {
      const token = tokens.find(([t]) => t === part);
      expect(token?.[1], part).toEqual(expect.arrayContaining(['markup.bold.task-marker.proposed.meeting-notes', 'entity.name.type.task-marker.proposed.meeting-notes']));
    }
    const tag = tokens.find(([t]) => t === 'proposed')![1];
    expect(tag).toContain('keyword.control.tag.proposed.meeting-notes');
    expect(tag.some((s) => s.startsWith('entity.name.type') || s.startsWith('markup.bold'))).toBe(false);
  });

  it('colours [?] apart from #proposed with the default Dark Modern and Light Modern token rules', async () => {
    // The rules of VS Code's default themes (theme-defaults: dark_vs/dark_plus and light_vs/light_plus,
    // which Dark Modern and Light Modern include) for the scopes in question, copied as they are there.
    const themes = {
      dark: [
        { settings: { foreground: '#CCCCCC' } },
        { scope: 'markup.bold', settings: { fontStyle: 'bold' } },
        { scope: ['keyword.control'], settings: { foreground: '#C586C0' } },
        { scope: ['entity.name.type', 'support.class', 'support.type'], settings: { foreground: '#4EC9B0' } },
      ],
      light: [
        { settings: { foreground: '#3B3B3B' } },
        { scope: 'markup.bold', settings: { fontStyle: 'bold' } },
        { scope: ['keyword.control'], settings: { foreground: '#AF00DB' } },
        { scope: ['entity.name.type', 'support.class', 'support.type'], settings: { foreground: '#267F99' } },
      ],
    };
    for (const [name, settings] of Object.entries(themes)) {
      const themed = await loadMarkdown(settings);
      const line = '- [?] Call Ann #proposed';
      const result = themed.grammar.tokenizeLine2(line, INITIAL);
      const styleAt = (at: number) => {
        let metadata = 0;
        for (let i = 0; i < result.tokens.length; i += 2) if (result.tokens[i]! <= at) metadata = result.tokens[i + 1]!;
        return { color: themed.colors[(metadata & 0x00ff8000) >>> 15], bold: ((metadata & 0x00007800) >>> 11 & 2) !== 0 };
      };
      const marker = [2, 3, 4].map(styleAt);
      const proposed = styleAt(line.indexOf('proposed'));
      const text = styleAt(line.indexOf('Call'));
      expect(new Set(marker.map((s) => s.color)).size, name).toBe(1);
      expect(marker.every((s) => s.bold), name).toBe(true);
      expect(marker[0]!.color, name).not.toBe(proposed.color);
      expect(marker[0]!.color, name).not.toBe(text.color);
    }
  });

  it('scopes the seed note\'s proposal line: status, mention, priority, tags, #proposed', () => {
    const line = '- [?] Follow up with Dana Whitlock';
    expect(scopesOf(seed, line, '[')).toContain('entity.name.type.task-marker.proposed.meeting-notes');
    expect(scopesOf(seed, line, 'Myself')).toContain('variable.other.mention.meeting-notes');
    expect(scopesOf(seed, line, '@')).toContain('punctuation.definition.mention.meeting-notes');
    expect(scopesOf(seed, line, '⏫')).toContain('keyword.other.priority.high.meeting-notes');
    expect(scopesOf(seed, line, 'task')).toContain('entity.name.tag.meeting-notes');
    expect(scopesOf(seed, line, 'proposed')).toContain('keyword.control.tag.proposed.meeting-notes');
    expect(scopesOf(seed, line, 'auto')).toContain('entity.name.tag.meeting-notes');
    // The list keeps its markdown scopes.
    expect(scopesOf(seed, line, '-')).toContain('punctuation.definition.list.begin.markdown');
  });

  it('scopes date fields, wikilink mentions and wikilinks', () => {
    const doc = '- [x] Ship 📅 2025-12-20 ✅ 2025-12-19 @[[Ann Lee]] see [[2025-12-19 - Sync|the sync]]';
    expect(scopesOf(doc, 'Ship', '2025-12-20')).toContain('constant.numeric.date.due.meeting-notes');
    expect(scopesOf(doc, 'Ship', '📅')).toContain('punctuation.definition.date.due.meeting-notes');
    expect(scopesOf(doc, 'Ship', '2025-12-19')).toContain('constant.numeric.date.done.meeting-notes');
    expect(scopesOf(doc, 'Ship', 'Ann Lee')).toContain('variable.other.mention.meeting-notes');
    expect(scopesOf(doc, 'Ship', '2025-12-19 - Sync')).toContain('markup.underline.link.wikilink.meeting-notes');
    expect(scopesOf(seed, '*Source:', '2025-12-19 - Dana Whitlock')).toContain('markup.underline.link.wikilink.meeting-notes');
  });

  it('leaves code blocks, inline code, HTML comments and frontmatter untouched', () => {
    const doc = ['---', 'tags: ["#proposed"]', 'x: "@Ann"', '---', '', '```markdown', '- [?] in code @Ann #proposed', '```', '', 'Use `- [?] x #proposed` inline.', '', '<!-- - [?] commented @Ann -->', ''].join('\n');
    const all = tokenize(doc).flat();
    const ours = all.filter(([, scopes]) => scopes.some((s) => s.endsWith('.meeting-notes')));
    expect(ours).toEqual([]);
  });

  it('does not take a heading, an email address or a plain bracket for ours', () => {
    const doc = ['# Heading', '', 'Mail ann@example.com about issue#12.', '', '[?] not a list item', ''].join('\n');
    const ours = tokenize(doc).flat().filter(([, scopes]) => scopes.some((s) => s.endsWith('.meeting-notes')));
    expect(ours).toEqual([]);
  });
});
