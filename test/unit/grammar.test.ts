import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

// The injection grammar is tested on top of a real markdown grammar (the one shiki ships, derived from
// VS Code's), tokenized by vscode-textmate with the Oniguruma engine VS Code uses.
const require = createRequire(import.meta.url);
const OURS = new URL('../../syntaxes/meeting-notes.injection.tmLanguage.json', import.meta.url);
const seed = readFileSync(new URL('../fixtures/seed-shaped-note.md', import.meta.url), 'utf8');

let grammar: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
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
  grammar = (await registry.loadGrammar('text.html.markdown'))!;
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
      ['- [?] a', 'keyword.control.task-status.proposed.meeting-notes'],
      ['- [ ] b', 'constant.language.task-status.open.meeting-notes'],
      ['- [/] c', 'markup.changed.task-status.in-progress.meeting-notes'],
      ['- [x] d', 'markup.inserted.task-status.done.meeting-notes'],
      ['- [X] e', 'markup.inserted.task-status.done.meeting-notes'],
      ['- [-] f', 'markup.deleted.task-status.cancelled.meeting-notes'],
      ['- [>] g', 'comment.line.task-status.deferred.meeting-notes'],
      ['- [!] h', 'invalid.illegal.task-status.unknown.meeting-notes'],
      ['1. [?] numbered', 'keyword.control.task-status.proposed.meeting-notes'],
      ['  - [?] nested', 'keyword.control.task-status.proposed.meeting-notes'],
      ['> - [?] quoted', 'keyword.control.task-status.proposed.meeting-notes'],
    ];
    for (const [line, scope] of expectations) {
      const statusChar = line.slice(line.indexOf('[') + 1, line.indexOf('[') + 2);
      const tokens = tokenize(doc)[doc.split('\n').indexOf(line)]!;
      const token = tokens.find(([t, s]) => t === statusChar && s.some((x) => x.includes('task-status')));
      expect(token?.[1], line).toContain(scope);
    }
  });

  it('scopes the seed note\'s proposal line: status, mention, priority, tags, #proposed', () => {
    const line = '- [?] Follow up with Dana Whitlock';
    expect(scopesOf(seed, line, '?')).toContain('keyword.control.task-status.proposed.meeting-notes');
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
