// Regressions of the "Data safety" issue: each test failed before its fix.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acceptAllProposals, acceptProposal, rejectAllProposals, rejectProposal, setTaskStatus, yamlScalar } from '../../src/core/edits';
import { field, type ListValue } from '../../src/core/note';
import { parseNote } from '../../src/core/parse-note';
import { safeFixEdits } from '../../src/core/rules';
import { applyEdits, applyEditsToFile } from '../../src/core/text';
import { checkText, codes, md } from './helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TODAY = '2026-01-05';

/** The note after "fix all" (`check --fix`). */
function fixAll(text: string, options: Parameters<typeof checkText>[1] = {}): string {
  const { note, issues } = checkText(text, options);
  return applyEdits(note.text, safeFixEdits(issues).edits);
}

/** The first fix titled like `title` of the first finding with `code`, applied. */
function applyFix(text: string, code: string, title: RegExp, options: Parameters<typeof checkText>[1] = {}): string {
  const { note, issues } = checkText(text, options);
  const fix = issues.filter((i) => i.code === code).flatMap((i) => i.fixes).find((f) => title.test(f.title));
  if (!fix) throw new Error(`no fix ${title} for ${code} among ${codes(issues).join(', ')}`);
  return applyEdits(note.text, fix.edits);
}

/** Accepts (or rejects) the note's only proposal. */
function triage(text: string, how: 'accept' | 'reject'): string {
  const note = parseNote('file:///v/n.md', text);
  const [task] = note.tasks;
  return applyEdits(note.text, how === 'accept' ? acceptProposal(note, task!) : rejectProposal(note, task!, TODAY));
}

describe('fixes of YAML block scalars keep the next key on its own line', () => {
  it('date-format on a folded date: the next key and a blank line after the block stay', () => {
    const text = md('---', 'type: meeting', 'title: x', 'date: >-', '  2025/1/5', 'participants: ["A"]', '---', '');
    expect(fixAll(text, { settings: { people: ['A'] } })).toBe(md('---', 'type: meeting', 'title: x', 'date: "2025-01-05"', 'participants: ["A"]', '---', ''));
    const withBlank = md('---', 'type: meeting', 'title: x', 'date: >-', '  2025/1/5', '', 'participants: ["A"]', '---', '');
    expect(fixAll(withBlank, { settings: { people: ['A'] } })).toBe(md('---', 'type: meeting', 'title: x', 'date: "2025-01-05"', '', 'participants: ["A"]', '---', ''));
  });

  it('empty-person on an empty literal block, with CRLF', () => {
    const text = md('---', 'type: people', 'title: "Ann Lee 1:1 - plans"', 'date: 2025-12-19', 'person: |', '', 'participants: ["Ann Lee"]', '---', '').replace(/\n/gu, '\r\n');
    const out = applyFix(text, 'empty-person', /Set person/, { people: { 'Ann Lee': [] } });
    expect(out).toBe(text.replace('person: |\r\n', 'person: "Ann Lee"\r\n'));
    expect(codes(checkText(out, { people: { 'Ann Lee': [] } }).issues)).toEqual([]);
  });

  it('field-type on a list written as a folded string', () => {
    const text = md('---', 'type: meeting', 'title: x', 'date: 2025-01-05', 'participants: >', '  Ann Lee, Bo Chan', 'tags: []', '---', '');
    expect(applyFix(text, 'field-type', /Convert/)).toBe(md('---', 'type: meeting', 'title: x', 'date: 2025-01-05', 'participants: ["Ann Lee", "Bo Chan"]', 'tags: []', '---', ''));
  });

  it('an empty value with an anchor, a tag or a comment gets the value in a place YAML reads', () => {
    for (const [empty, fixed] of [
      ['person: &who', 'person: &who "Ann Lee"'],
      ['person: !!str', 'person: !!str "Ann Lee"'],
      ['person: # who?', 'person: "Ann Lee" # who?'],
    ]) {
      const text = md('---', 'type: people', 'title: "Ann Lee 1:1"', 'date: 2025-12-19', empty!, 'participants: ["Ann Lee"]', '---', '');
      const out = applyFix(text, 'empty-person', /Set person/, { people: { 'Ann Lee': [] } });
      expect(out).toBe(text.replace(empty!, fixed!));
      expect(codes(checkText(out, { people: { 'Ann Lee': [] } }).issues)).toEqual([]);
    }
  });

  it('a value YAML would read as null, a boolean or a number is quoted, even where the old one was plain', () => {
    expect(['Null', 'true', '2025', '0x1F', '1e5', '.nan', '~', 'Ann Lee', '2025-01-05'].map((v) => yamlScalar(v, { style: 'plain' }))).toEqual([
      '"Null"',
      '"true"',
      '"2025"',
      '"0x1F"',
      '"1e5"',
      '".nan"',
      '"~"',
      'Ann Lee',
      '2025-01-05',
    ]);
  });
});

describe('triage touches only the tags the parser sees as tags', () => {
  it('a #proposed inside a wikilink, a markdown link, an embed or inline code stays', () => {
    expect(triage('- [?] Read [[Plan #proposed]] #proposed\n', 'accept')).toBe('- [ ] Read [[Plan #proposed]]\n');
    expect(triage('- [?] See [the #proposed list](x.md) #proposed\n', 'accept')).toBe('- [ ] See [the #proposed list](x.md)\n');
    expect(triage('- [?] Show ![[img #proposed.png]] #proposed\n', 'reject')).toBe(`- [-] Show ![[img #proposed.png]] ❌ ${TODAY}\n`);
    expect(triage('- [?] Run `grep #proposed` #proposed\n', 'accept')).toBe('- [ ] Run `grep #proposed`\n');
  });

  it('a #proposed inside a link is not one of the task\'s tags, in both parsers', () => {
    for (const parser of ['fast', 'reference'] as const) {
      const note = parseNote('file:///v/n.md', '- [?] Read [[Plan #proposed]] and [the #proposed list](x.md) #task\n', { parser });
      expect(note.tasks[0]!.tags.map((t) => t.name), parser).toEqual(['task']);
    }
  });
});

describe('adjacent tags', () => {
  it('accept and reject of `#proposed #proposed Draft plan`', () => {
    expect(triage('- [?] #proposed #proposed Draft plan\n', 'accept')).toBe('- [ ] Draft plan\n');
    expect(triage('- [?] #proposed #proposed Draft plan\n', 'reject')).toBe(`- [-] Draft plan ❌ ${TODAY}\n`);
  });

  it('accept and reject of `#proposed ^abc` keep the block id a block id', () => {
    expect(triage('- [?] #proposed ^abc\n', 'accept')).toBe('- [ ]  ^abc\n');
    expect(triage('- [?] #proposed ^abc\n', 'reject')).toBe(`- [-] ❌ ${TODAY} ^abc\n`);
    expect(triage('- [?] Draft #proposed ^abc\n', 'reject')).toBe(`- [-] Draft ❌ ${TODAY} ^abc\n`);
    const accepted = parseNote('file:///v/n.md', triage('- [?] #proposed ^abc\n', 'accept'));
    expect(accepted.text.slice(accepted.tasks[0]!.blockId!.start, accepted.tasks[0]!.blockId!.end)).toBe('^abc');
  });

  it('accept-all and reject-all of a note holding them', () => {
    const text = md('# Actions', '- [?] #proposed #proposed Draft plan', '- [?] #proposed ^abc', '- [?] Plain one #proposed', '');
    const note = parseNote('file:///v/n.md', text);
    expect(applyEdits(note.text, acceptAllProposals(note))).toBe(md('# Actions', '- [ ] Draft plan', '- [ ]  ^abc', '- [ ] Plain one', ''));
    expect(applyEdits(note.text, rejectAllProposals(note, TODAY))).toBe(
      md('# Actions', `- [-] Draft plan ❌ ${TODAY}`, `- [-] ❌ ${TODAY} ^abc`, `- [-] Plain one ❌ ${TODAY}`, ''),
    );
  });

  it('mark done of a proposal, and "Remove #proposed" on a done task with two', () => {
    const note = parseNote('file:///v/n.md', '- [?] #proposed #proposed Ship\n');
    expect(applyEdits(note.text, setTaskStatus(note, note.tasks[0]!, 'x', TODAY))).toBe(`- [x] Ship ✅ ${TODAY}\n`);
    expect(fixAll('- [x] #proposed #proposed Ship\n')).toBe('- [x] Ship\n');
  });
});

describe('closing an unclosed frontmatter', () => {
  it('puts the fence before the tasks, never after them', () => {
    const text = md('---', 'type: meeting', 'title: x', '- [?] task one', '- [ ] two', '');
    const out = applyFix(text, 'frontmatter-unclosed', /Close/);
    expect(out).toBe(md('---', 'type: meeting', 'title: x', '---', '- [?] task one', '- [ ] two', ''));
    expect(parseNote('file:///v/n.md', out).tasks.map((t) => t.text)).toEqual(['task one', 'two']);
  });

  it('before a line that does not parse as YAML, and before a heading', () => {
    expect(applyFix(md('---', 'title: x', '- a note', '# Heading', ''), 'frontmatter-unclosed', /Close/)).toBe(md('---', 'title: x', '---', '- a note', '# Heading', ''));
  });

  it('not between a list and its indented task, which would become code', () => {
    const text = md('---', 'participants:', '  - Ann', '    - [?] x #proposed');
    const out = applyFix(text, 'frontmatter-unclosed', /Close/);
    expect(out).toBe(md('---', 'participants:', '---', '  - Ann', '    - [?] x #proposed'));
    expect(parseNote('file:///v/n.md', out).tasks).toHaveLength(1);
  });

  it('with the note\'s own line breaks, lone CR too', () => {
    const text = '---\rtype: meeting\rtitle: x\r\r# Sync\r';
    expect(applyFix(text, 'frontmatter-unclosed', /Close/)).toBe('---\rtype: meeting\rtitle: x\r---\r\r# Sync\r');
  });
});

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : /\.md$/u.test(name) ? [p] : [];
  });
}

describe('parsing', () => {
  it('a lone-CR copy of the sample vault has the findings of the vault itself (no false yaml-syntax)', () => {
    const files = markdownFiles(path.join(root, 'sample-vault'));
    let yamlSyntax = 0;
    let yamlSyntaxLf = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\r?\n/gu, '\n');
      const name = path.basename(file);
      const lf = checkText(text, { fileName: name });
      const cr = checkText(text.replace(/\n/gu, '\r'), { fileName: name });
      yamlSyntax += codes(cr.issues).filter((c) => c === 'yaml-syntax').length;
      yamlSyntaxLf += codes(lf.issues).filter((c) => c === 'yaml-syntax').length;
      expect(cr.issues.map((i) => [i.code, i.message, i.span.range]), file).toEqual(lf.issues.map((i) => [i.code, i.message, i.span.range]));
      expect(cr.note.frontmatter?.fields.map((f) => f.key)).toEqual(lf.note.frontmatter?.fields.map((f) => f.key));
    }
    // The one the vault shows on purpose (sample-vault/README.md), not one per line.
    expect(yamlSyntax).toBe(yamlSyntaxLf);
    expect(yamlSyntax).toBeLessThan(3);
  });

  it('a YAML alias has the value of its anchor', () => {
    const text = md('---', 'type: meeting', 'title: x', 'date: 2025-12-19', 'attendees: &p ["Ann Lee", "Bo Chan"]', 'participants: *p', '---', '');
    const { note, issues } = checkText(text, { people: { 'Ann Lee': [], 'Bo Chan': [] } });
    const value = field(note, 'participants')!.value as ListValue;
    expect(value.kind).toBe('list');
    expect(value.items.map((i) => i.value)).toEqual(['Ann Lee', 'Bo Chan']);
    expect(codes(issues)).toEqual([]);
    const scalar = parseNote('file:///v/n.md', md('---', 'when: &d 2025-01-05', 'date: *d', '---'));
    expect(field(scalar, 'date')!.value).toMatchObject({ kind: 'scalar', value: '2025-01-05' });
  });

  it('an alias that names no anchor is a YAML error, and no fix edits around it', () => {
    const text = md('---', 'type: meeting', 'title: x', 'date: 2025/1/5', 'participants: *nobody', '---', '');
    const { issues } = checkText(text);
    expect(issues.filter((i) => i.code === 'yaml-syntax').map((i) => i.message)).toEqual(['YAML syntax error: The alias *nobody names no anchor before it.']);
    expect(issues.flatMap((i) => i.fixes).filter((f) => f.edits.length)).toEqual([]);
  });

  it('tasks in Obsidian comments and math blocks are not tasks, in both parsers', () => {
    const text = md(
      '# Actions',
      '%% - [?] inline comment %%',
      '%%',
      '- [?] in a comment block #proposed',
      '%%',
      '$$',
      '- [?] in math',
      '$$',
      '- [?] real one #proposed %% a note #proposed %%',
      '- [?] another %% a comment left open',
      '- [?] hidden by it',
    );
    for (const parser of ['fast', 'reference'] as const) {
      const note = parseNote('file:///v/n.md', text, { parser });
      expect(note.tasks.map((t) => [t.text, t.tags.map((g) => g.name)]), parser).toEqual([
        ['real one #proposed %% a note #proposed %%', ['proposed']],
        ['another %% a comment left open', []],
      ]);
    }
  });

  it('text added to a task goes before a comment the line opens, where it stays visible', () => {
    const text = md('- [?] Draft %% note', 'more %%', '');
    const { note, issues } = checkText(text);
    const fix = issues.find((i) => i.code === 'proposed-without-tag')!.fixes[0]!;
    expect(applyEdits(note.text, fix.edits)).toBe(md('- [?] Draft #proposed %% note', 'more %%', ''));
    expect(applyEdits(note.text, rejectProposal(note, note.tasks[0]!, TODAY))).toBe(md(`- [-] Draft ❌ ${TODAY} %% note`, 'more %%', ''));
  });

  it('a BOM stays through triage and fixes', () => {
    const text = `\uFEFF${md('---', 'type: meeting', 'title: x', 'date: >-', '  2025/1/5', 'participants: [A]', '---', '- [?] #proposed #proposed x', '')}`;
    const { note, issues } = checkText(text, { settings: { people: ['A'] } });
    const out = applyEditsToFile(text, [...safeFixEdits(issues).edits, ...acceptAllProposals(note)]);
    expect(out).toBe(`\uFEFF${md('---', 'type: meeting', 'title: x', 'date: "2025-01-05"', 'participants: [A]', '---', '- [ ] x', '')}`);
  });
});
