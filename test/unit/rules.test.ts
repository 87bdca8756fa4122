import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyEdits } from '../../src/core/text';
import { personFromTitle, fileNameDate, isRealDate, RULES } from '../../src/core/rules';
import type { Issue } from '../../src/core/rules/rule';
import { at, checkText, codes, md } from './helpers';

const seed = readFileSync(new URL('../fixtures/seed-shaped-note.md', import.meta.url), 'utf8');
const PEOPLE = {
  'Ann Lee': ['Annie'],
  'Bo Chen': [],
  'Ravi Chandran': [],
  'Dana Whitlock': ['Dana W.'],
};

const meeting = (extra: string[] = [], body: string[] = []) =>
  md('---', 'type: meeting', 'title: "Sync"', 'date: "2025-12-19"', 'participants: ["Ann Lee", "Bo Chen"]', ...extra, '---', '', '# Sync', ...body, '');

/** Applies the first fix titled like `title` among the issues with `code`. */
function fixed(text: string, code: string, title: RegExp, options: Parameters<typeof checkText>[1] = {}): string {
  const { note, issues } = checkText(text, options);
  const ofCode = issues.filter((i) => i.code === code);
  if (!ofCode.length) throw new Error(`no ${code} in ${codes(issues).join(', ')}`);
  const fix = ofCode.flatMap((i) => i.fixes).find((f) => title.test(f.title));
  if (!fix) throw new Error(`no fix ${title} among ${ofCode.flatMap((i) => i.fixes).map((f) => f.title).join(' | ')}`);
  return applyEdits(note.text, fix.edits);
}

describe('rules on the seed note', () => {
  it('without a registry: empty person, person/ tag, two placeholders, and one no-registry hint', () => {
    const { issues, note } = checkText(seed, { fileName: 'seed-note.md' });
    expect(codes(issues)).toEqual(['empty-person', 'no-registry', 'placeholder-participant', 'placeholder-participant', 'empty-tag-segment']);
    expect(issues.find((i) => i.code === 'no-registry')!.severity).toBe('hint');
    const placeholders = issues.filter((i) => i.code === 'placeholder-participant').map((i) => at(note, i.span));
    expect(placeholders).toEqual(['"Ravi (last name unknown)"', '"Kenji (last name unknown)"']);
    expect(issues[0]!.span.range).toEqual({ start: { line: 4, character: 8 }, end: { line: 4, character: 10 } });
  });

  it('with a registry: unknown participants get did-you-mean, placeholders get the likely person', () => {
    const { issues } = checkText(seed, { fileName: 'seed-note.md', people: PEOPLE });
    const unknown = issues.filter((i) => i.code === 'unknown-participant').map((i) => i.message);
    expect(unknown).toHaveLength(4); // Marcus Ellery, Priya Okafor, Tom Lindqvist, Sonia Brandt
    expect(codes(issues)).not.toContain('no-registry');
    const ravi = issues.find((i) => i.code === 'placeholder-participant' && i.message.includes('Ravi'))!;
    expect(ravi.fixes.map((f) => f.title)).toEqual(["Replace with 'Ravi Chandran'", 'Replace with a known person…']);
    expect(ravi.fixes[0]!.isPreferred).toBe(true);
  });

  it('fixes the empty person from the title and completes the person/ tag', () => {
    const afterPerson = fixed(seed, 'empty-person', /Set person/);
    expect(afterPerson.split('\n')[4]).toBe('person: "Dana Whitlock"');
    expect(afterPerson.length).toBe(seed.length + 'Dana Whitlock'.length);
    const afterTag = fixed(seed, 'empty-tag-segment', /person\/dana-whitlock/);
    expect(afterTag.split('\n')[10]).toBe('  - "person/dana-whitlock"');
  });
});

describe('each rule fires and stays quiet', () => {
  it('a clean meeting note has no issues', () => {
    expect(checkText(meeting([], ['- [ ] Do it @Annie #task', '- [?] Maybe @[[Bo Chen]] #proposed']), { people: PEOPLE }).issues).toEqual([]);
  });

  it('yaml-syntax', () => {
    const { issues } = checkText(md('---', 'title: "Sync', 'date: 2025-12-19', '---'));
    expect(codes(issues)).toContain('yaml-syntax');
    expect(issues[0]!.severity).toBe('error');
    expect(codes(checkText(md('---', '- a', '- b', '---')).issues)).toEqual(['yaml-syntax']);
  });

  it('frontmatter-unclosed, with a fix that closes it after the YAML lines', () => {
    const text = md('---', 'type: meeting', 'title: "Sync"', '', '# Sync');
    expect(codes(checkText(text).issues)).toEqual(['frontmatter-unclosed']);
    expect(fixed(text, 'frontmatter-unclosed', /Close/)).toBe(md('---', 'type: meeting', 'title: "Sync"', '---', '', '# Sync'));
    expect(codes(checkText(meeting()).issues)).not.toContain('frontmatter-unclosed');
  });

  it('duplicate-key points at the second key', () => {
    const { issues, note } = checkText(meeting(['title: "Again"']), { people: PEOPLE });
    const dup = issues.filter((i) => i.code === 'duplicate-key');
    expect(dup).toHaveLength(1);
    expect(at(note, dup[0]!.span)).toBe('title');
    expect(dup[0]!.span.range.start.line).toBe(5);
    expect(codes(issues)).not.toContain('yaml-syntax');
  });

  it('missing-field per type, with fixes from the file name, heading and With line', () => {
    const text = md('---', 'type: meeting', '---', '', '# Weekly sync', '**With**: Ann Lee, Bo Chen', '');
    const { issues } = checkText(text, { fileName: '2025-12-19 - Weekly.md', people: PEOPLE });
    expect(issues.filter((i) => i.code === 'missing-field').map((i) => i.message)).toEqual([
      "Missing 'title': notes of type 'meeting' need it.",
      "Missing 'date': notes of type 'meeting' need it.",
      "Missing 'participants': notes of type 'meeting' need it.",
    ]);
    expect(fixed(text, 'missing-field', /Set date/, { fileName: '2025-12-19 - Weekly.md' })).toBe(
      md('---', 'type: meeting', 'date: "2025-12-19"', '---', '', '# Weekly sync', '**With**: Ann Lee, Bo Chen', ''),
    );
    const { note, issues: all } = checkText(text, { fileName: 'x.md' });
    const participants = all.find((i) => i.message.includes('participants'))!;
    expect(applyEdits(note.text, participants.fixes[0]!.edits)).toContain('participants: ["Ann Lee", "Bo Chen"]\n---');
    // Types without requirements, and notes without a type, are left alone.
    expect(codes(checkText(md('---', 'type: journal', '---')).issues)).toEqual([]);
    expect(codes(checkText(md('# no frontmatter')).issues)).toEqual([]);
    // Settings change what is required.
    expect(codes(checkText(md('---', 'type: journal', '---'), { settings: { requiredFields: { journal: ['mood'] } } }).issues)).toEqual(['missing-field']);
  });

  it('missing-field inserts the field in the usual order (type, title, date, person, participants, …)', () => {
    const name = { fileName: '2025-12-19 - Weekly.md' };
    const lateTags = md('---', 'type: meeting', 'title: "Weekly"', 'participants:', '  - Ann Lee', '  - Bo Chen', 'tags:', '  - "type/meeting"', '---', '');
    expect(fixed(lateTags, 'missing-field', /Set date/, name)).toBe(
      md('---', 'type: meeting', 'title: "Weekly"', 'date: "2025-12-19"', 'participants:', '  - Ann Lee', '  - Bo Chen', 'tags:', '  - "type/meeting"', '---', ''),
    );
    // After the nearest earlier field of that order, wherever it stands; its block list stays whole (CRLF kept).
    const crlf = md('---', 'tags:', '  - x', 'type: meeting', 'source: "transcript"', '---', '', '# Weekly', '**With**: Ann Lee').replace(/\n/gu, '\r\n');
    expect(fixed(crlf, 'missing-field', /Set title/, name)).toBe(crlf.replace('type: meeting\r\n', 'type: meeting\r\ntitle: "Weekly"\r\n'));
    // participants comes before source in that order: after type, the nearest earlier one there is.
    expect(fixed(crlf, 'missing-field', /Set participants/, name)).toBe(crlf.replace('type: meeting\r\n', 'type: meeting\r\nparticipants: ["Ann Lee"]\r\n'));
    const listBefore = md('---', 'type: people', 'title: "Ann Lee 1:1"', 'participants:', '  - Ann Lee', '---', '');
    expect(fixed(listBefore, 'missing-field', /Set date/, name)).toBe(md('---', 'type: people', 'title: "Ann Lee 1:1"', 'date: "2025-12-19"', 'participants:', '  - Ann Lee', '---', ''));
    // A field outside the order goes at the end, as before.
    const journal = md('---', 'type: journal', 'mood:', 'tags: [a]', '---', '# Mood');
    expect(codes(checkText(journal, { settings: { requiredFields: { journal: ['mood'] } } }).issues)).toEqual(['missing-field']);
  });

  it('field-type: a list written as a string, with a conversion fix', () => {
    const text = meeting().replace('participants: ["Ann Lee", "Bo Chen"]', 'participants: "Ann Lee, Bo Chen"');
    expect(codes(checkText(text, { people: PEOPLE }).issues)).toEqual(['field-type']);
    expect(fixed(text, 'field-type', /Convert/)).toBe(meeting());
    expect(codes(checkText(meeting(['person: ["A"]'])).issues)).toContain('field-type');
  });

  it('date-format: not YYYY-MM-DD, or not a real date', () => {
    const bad = meeting().replace('"2025-12-19"', '"2025/12/19"');
    expect(codes(checkText(bad, { people: PEOPLE }).issues)).toEqual(['date-format']);
    expect(fixed(bad, 'date-format', /Write the date/)).toBe(meeting());
    const unreal = meeting().replace('"2025-12-19"', '"2025-02-30"');
    const { issues } = checkText(unreal, { people: PEOPLE });
    expect(issues.map((i) => i.message)).toEqual(["'2025-02-30' is not a real calendar date."]);
    expect(checkText(meeting(), { people: PEOPLE }).issues).toEqual([]);
  });

  it('date-filename-mismatch (info), quiet when the file name has no date', () => {
    const { issues } = checkText(meeting(), { fileName: '2025-12-18 - Sync.md', people: PEOPLE });
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['date-filename-mismatch', 'info']]);
    expect(checkText(meeting(), { fileName: 'Sync.md', people: PEOPLE }).issues).toEqual([]);
  });

  it('empty-person only for type people', () => {
    const oneOnOne = md('---', 'type: people', 'title: "1:1 with Ann Lee - growth"', 'date: "2025-12-19"', 'person: ""', 'participants: ["Ann Lee"]', '---');
    const { issues } = checkText(oneOnOne, { people: PEOPLE });
    expect(codes(issues)).toEqual(['empty-person']);
    expect(issues[0]!.fixes[0]!.title).toBe("Set person to 'Ann Lee'");
    expect(codes(checkText(oneOnOne.replace('type: people', 'type: meeting'), { people: PEOPLE }).issues)).toEqual([]);
    expect(codes(checkText(oneOnOne.replace('person: ""', 'person: "Ann Lee"'), { people: PEOPLE }).issues)).toEqual([]);
  });

  it('empty-tag-segment, and type-tag-mismatch with a fix', () => {
    const text = meeting(['tags: ["type/people", "a//b"]']);
    const { issues } = checkText(text, { people: PEOPLE });
    expect(codes(issues)).toEqual(['type-tag-mismatch', 'empty-tag-segment']);
    expect(fixed(text, 'type-tag-mismatch', /type\/meeting/)).toContain('tags: ["type/meeting", "a//b"]');
    expect(checkText(meeting(['tags: ["type/meeting", "a/b"]']), { people: PEOPLE }).issues).toEqual([]);
  });

  it('unknown-participant with did-you-mean, and unknown-mention with a rewrite', () => {
    const text = meeting([], ['- [ ] Call @Anny and @[[Bo Chen]] and @Myself #task']).replace('"Bo Chen"]', '"Bo Chem"]');
    const { issues } = checkText(text, { people: PEOPLE });
    expect(codes(issues)).toEqual(['unknown-participant', 'unknown-mention']);
    expect(issues[0]!.message).toBe("Unknown person 'Bo Chem'; did you mean 'Bo Chen'?");
    expect(issues[0]!.fixes.map((f) => f.title)).toEqual([
      "Change to 'Bo Chen'",
      'Change to a known person…',
      "Create a person note for 'Bo Chem'",
      "Add 'Bo Chem' to known people (meetingNotes.people)",
    ]);
    expect(issues[0]!.fixes[2]!.action).toEqual({ kind: 'createPersonNote', name: 'Bo Chem' });
    expect(fixed(text, 'unknown-participant', /Change to/, { people: PEOPLE })).toContain('["Ann Lee", "Bo Chen"]');
    expect(fixed(text, 'unknown-mention', /Change to 'Ann Lee'/, { people: PEOPLE })).toContain('Call @[[Ann Lee]] and');
  });

  it('reassign: each unknown or placeholder name gets its own fixes, the note\'s people and a pick among them', () => {
    const text = md(
      '---',
      'type: meeting',
      'title: "Sync"',
      'date: "2025-12-19"',
      'participants: ["Ann Lee", "Kofi (last name unknown)", "Vamshi (last name unknown)"]',
      '---',
      '**With**: Ann Lee, Bo Chen',
      '- [ ] Call @Kofi #task',
      '',
    );
    const { issues, note } = checkText(text, { people: PEOPLE });
    expect(codes(issues)).toEqual(['placeholder-participant', 'placeholder-participant', 'unknown-mention']);
    const [kofi, vamshi, mention] = issues as [Issue, Issue, Issue];
    expect(kofi.fixes.map((f) => f.title)).toEqual(["Replace with 'Bo Chen' (in this note)", 'Replace with a known person…', "Create a person note for 'Kofi'"]);
    expect(vamshi.fixes.map((f) => f.title)).toEqual(["Replace with 'Bo Chen' (in this note)", 'Replace with a known person…', "Create a person note for 'Vamshi'"]);
    expect(applyEdits(text, kofi.fixes[0]!.edits)).toBe(text.replace('"Kofi (last name unknown)"', '"Bo Chen"'));
    expect(mention.fixes.map((f) => f.title)).toEqual([
      "Change to 'Ann Lee' (in this note)",
      "Change to 'Bo Chen' (in this note)",
      'Change to a known person…',
      "Create a person note for 'Kofi'",
      "Add 'Kofi' to known people (meetingNotes.people)",
    ]);
    expect(applyEdits(text, mention.fixes[1]!.edits)).toBe(text.replace('@Kofi', '@[[Bo Chen]]'));
    // The pick's edits, for whoever is picked, change exactly the name's bytes.
    const pick = vamshi.fixes[1]!.action;
    if (pick?.kind !== 'pickPerson') throw new Error('no pick');
    expect(pick.name).toBe('Vamshi (last name unknown)');
    expect(applyEdits(note.text, pick.replaceWith('Dana Whitlock'))).toBe(text.replace('"Vamshi (last name unknown)"', '"Dana Whitlock"'));
    const mentionPick = mention.fixes[2]!.action;
    if (mentionPick?.kind !== 'pickPerson') throw new Error('no pick');
    expect(applyEdits(note.text, mentionPick.replaceWith('Annie'))).toBe(text.replace('@Kofi', '@Annie'));
  });

  it('reassign in a block list keeps the item\'s style; a wikilink stays a wikilink; with no registry only a person note is offered', () => {
    const text = md('---', 'type: people', 'title: "Kofi 1:1"', 'date: "2025-12-19"', 'person: "[[Kofi Mensah]]"', 'participants:', '  - Bo Chen', '  - Speaker 2', '---', '');
    const { issues } = checkText(text, { people: PEOPLE });
    const speaker = issues.find((i) => i.code === 'placeholder-participant')!;
    expect(speaker.fixes.map((f) => f.title)).toEqual(['Replace with a known person…']);
    const pick = speaker.fixes[0]!.action;
    if (pick?.kind !== 'pickPerson') throw new Error('no pick');
    expect(applyEdits(text, pick.replaceWith('Ann Lee'))).toBe(text.replace('  - Speaker 2', '  - Ann Lee'));
    const person = issues.find((i) => i.code === 'unknown-participant')!;
    expect(applyEdits(text, person.fixes.find((f) => f.title === "Change to 'Bo Chen' (in this note)")!.edits)).toBe(text.replace('"[[Kofi Mensah]]"', '"[[Bo Chen]]"'));
    const bare = checkText(md('---', 'type: meeting', 'participants: ["Kofi (last name unknown)", "Ann Lee"]', '---', ''));
    expect(bare.issues.find((i) => i.code === 'placeholder-participant')!.fixes.map((f) => f.title)).toEqual(["Create a person note for 'Kofi'"]);
  });

  it('resolves a lone first name when exactly one person has it', () => {
    expect(checkText(meeting([], ['- [ ] x @Bo #task']), { people: PEOPLE }).issues).toEqual([]);
    expect(codes(checkText(meeting([], ['- [ ] x @Bo #task']), { people: { ...PEOPLE, 'Bo Diaz': [] } }).issues)).toEqual(['unknown-mention']);
  });

  it('no registry: one hint per note instead of one warning per name', () => {
    const { issues } = checkText(meeting([], ['- [ ] x @Carl #task']));
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['no-registry', 'hint']]);
    expect(issues[0]!.message).toMatch(/3 names/);
    // The owner alone is not a registry.
    expect(codes(checkText(meeting(), { settings: { owner: 'Ann Lee' } }).issues)).toEqual(['no-registry']);
    // A configured list is.
    expect(codes(checkText(meeting(), { settings: { people: ['Ann Lee', 'Bo Chen'] } }).issues)).toEqual([]);
  });

  it('placeholder-participant fires with or without a registry', () => {
    const text = meeting().replace('"Bo Chen"]', '"Speaker 2"]');
    expect(codes(checkText(text).issues)).toEqual(['no-registry', 'placeholder-participant']);
    expect(codes(checkText(text, { people: PEOPLE }).issues)).toEqual(['placeholder-participant']);
  });

  it('unknown-task-status, invalid-task-date', () => {
    const { issues, note } = checkText(meeting([], ['- [!] urgent 📅 2025-02-30 #task']), { people: PEOPLE });
    expect(codes(issues)).toEqual(['unknown-task-status', 'invalid-task-date']);
    expect(at(note, issues[0]!.span)).toBe('!');
    expect(codes(checkText(meeting([], ['- [!] urgent #task']), { people: PEOPLE, settings: { taskStatuses: { '!': 'open' } } }).issues)).toEqual([]);
  });

  it('proposed-without-tag and proposed-tag-mismatch, with fixes', () => {
    const text = meeting([], ['- [?] idea #auto', '- [x] done #proposed #task']);
    const { issues } = checkText(text, { people: PEOPLE });
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      ['proposed-without-tag', 'info'],
      ['proposed-tag-mismatch', 'info'],
    ]);
    expect(fixed(text, 'proposed-without-tag', /Add/)).toContain('- [?] idea #auto #proposed\n');
    expect(fixed(text, 'proposed-tag-mismatch', /Remove/)).toContain('- [x] done #task\n');
  });

  it('a rule can be silenced or re-levelled by settings', () => {
    const text = meeting([], ['- [!] urgent #task']);
    expect(codes(checkText(text, { people: PEOPLE, settings: { rules: { 'unknown-task-status': 'off' } } }).issues)).toEqual([]);
    expect(checkText(text, { people: PEOPLE, settings: { rules: { 'unknown-task-status': 'error' } } }).issues[0]!.severity).toBe('error');
  });

  it('every rule has a unique code, a description and a default severity', () => {
    const seen = new Set<string>();
    for (const rule of RULES) {
      expect(seen.has(rule.code)).toBe(false);
      seen.add(rule.code);
      expect(rule.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });
});

describe('helpers', () => {
  it('personFromTitle', () => {
    expect(personFromTitle('Dana Whitlock 1:1 - Fabrikam partnership')).toBe('Dana Whitlock');
    expect(personFromTitle('1:1 with Ann Lee - growth')).toBe('Ann Lee');
    expect(personFromTitle('Weekly sync')).toBeUndefined();
  });
  it('dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2025-1-01')).toBe(false);
    expect(fileNameDate('2025-12-19 - x.md')).toBe('2025-12-19');
    expect(fileNameDate('20251219 x.md')).toBeUndefined();
  });
});
