// Rules of the frontmatter's fields and dates: missing-field, field-type, date-format,
// date-filename-mismatch, empty-tag-segment, type-tag-mismatch.
import { replaceScalar, replaceValue, yamlScalar } from '../edits';
import type { Note } from '../note';
import { field, fileNameDate, ISO_DATE, isRealDate, noteType, titlePerson } from '../note-facts';
import { dominantEol, type TextEdit } from '../text';
import { onePersonOf } from './people';
import { isEmptyValue, yamlIsSound, type Finding, type Fix, type RuleContext } from './rule';

/** Fields that hold one value, never a list or a mapping. */
const SINGLE_VALUE_FIELDS = ['title', 'date', 'person', 'type'];

/** `missing-field`: a field the note's type requires is missing or empty; filled from the note itself where it can be. */
export function missingFields(ctx: RuleContext): Finding[] {
  const { note, config } = ctx;
  const fm = note.frontmatter;
  const type = noteType(note);
  if (!fm || !fm.closed || !fm.isMapping || !type) return [];
  const required = config.requiredFields[type] ?? [];
  const sound = yamlIsSound(note);
  const typeField = field(note, 'type')!;
  const out: Finding[] = [];
  for (const key of required) {
    const f = field(note, key);
    // An empty `person` in a 1:1 has a rule of its own, with a better message.
    if (key === 'person' && type === 'people' && f) continue;
    if (f && !isEmptyValue(f)) continue;
    const derived = sound ? derivedValue(ctx, key) : undefined;
    const edit = derived === undefined ? undefined : f ? replaceValue(note, f.value, derived) : insertField(note, key, derived);
    const fixes: Fix[] = derived !== undefined && edit ? [{ title: `Set ${key} to ${derived}`, edits: [edit], isPreferred: true, safe: true }] : [];
    out.push({
      message: f ? `'${key}' is empty; notes of type '${type}' need it.` : `Missing '${key}': notes of type '${type}' need it.`,
      span: f ? f.keySpan : typeField.keySpan,
      fixes,
    });
  }
  return out;
}

/** `field-type`: a list written as a string (fix: the list), a list or mapping where one value belongs. */
export function wrongFieldTypes({ note, config }: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const f of note.frontmatter?.fields ?? []) {
    if (config.listFields.includes(f.key)) {
      if (f.value.kind === 'scalar' && typeof f.value.value === 'string' && f.value.value.trim() !== '') {
        const names = f.value.value.split(',').map((s) => s.trim()).filter(Boolean);
        out.push({
          message: `'${f.key}' should be a list, but it is written as a string.`,
          span: f.value.span,
          fixes: [
            {
              title: `Convert to a list of ${names.length} item${names.length === 1 ? '' : 's'}`,
              edits: [replaceValue(note, f.value, listOfStrings(names))],
              isPreferred: true,
              safe: true,
            },
          ],
        });
      } else if (f.value.kind === 'map') {
        out.push({ message: `'${f.key}' should be a list, not a mapping.`, span: f.value.span, fixes: [] });
      }
    } else if ((f.value.kind === 'list' || f.value.kind === 'map') && SINGLE_VALUE_FIELDS.includes(f.key)) {
      out.push({ message: `'${f.key}' should be a single value, not a ${f.value.kind === 'list' ? 'list' : 'mapping'}.`, span: f.value.span, fixes: [] });
    }
  }
  return out;
}

/** `date-format`: `date` is not a real date written YYYY-MM-DD; fixes: the same date written so, the file name's date. */
export function malformedDate({ note }: RuleContext): Finding[] {
  const f = field(note, 'date');
  if (!f || f.value.kind !== 'scalar' || f.value.value === null || String(f.value.value).trim() === '') return [];
  const value = String(f.value.value).trim();
  if (isRealDate(value)) return [];
  const fixes: Fix[] = [];
  const loose = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(value);
  const normalized = loose ? `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}` : undefined;
  if (normalized && isRealDate(normalized)) {
    fixes.push({ title: `Write the date as ${normalized}`, edits: [replaceScalar(note, f.value, normalized)], isPreferred: true, safe: true });
  }
  const fromName = fileNameDate(note.fileName);
  if (fromName && fromName !== normalized) {
    fixes.push({ title: `Use the file name's date, ${fromName}`, edits: [replaceScalar(note, f.value, fromName)], safe: false });
  }
  const why = ISO_DATE.test(value) ? `'${value}' is not a real calendar date` : `'${value}' is not written YYYY-MM-DD`;
  return [{ message: `${why}.`, span: f.value.span, fixes }];
}

/** `date-filename-mismatch`: `date` differs from the date the file name starts with. */
export function dateDiffersFromFileName({ note }: RuleContext): Finding[] {
  const f = field(note, 'date');
  const fromName = fileNameDate(note.fileName);
  if (!f || !fromName || f.value.kind !== 'scalar') return [];
  const value = String(f.value.value ?? '').trim();
  if (!isRealDate(value) || value === fromName) return [];
  return [
    {
      message: `The date ${value} differs from the file name's date ${fromName}.`,
      span: f.value.span,
      fixes: [{ title: `Set date to ${fromName}`, edits: [replaceScalar(note, f.value, fromName)], safe: false }],
    },
  ];
}

/** Whether a tag (without `#`) has an empty segment: `person/`, `/a`, `a//b`, or nothing at all. */
export function hasEmptySegment(tag: string): boolean {
  // What `tag.split('/').some((seg) => seg === '')` finds, without the array.
  return tag === '' || tag.startsWith('/') || tag.endsWith('/') || tag.includes('//');
}

/** `empty-tag-segment`: a tag like `person/` or `a//b`; `person/` is completed with the 1:1's person. */
export function emptyTagSegments(ctx: RuleContext): Finding[] {
  const { note } = ctx;
  const f = field(note, 'tags');
  if (!f || f.value.kind !== 'list') return [];
  const out: Finding[] = [];
  // Looked up once, not once per tag: a list may hold thousands of "person/" tags.
  let person: string | undefined | null = null;
  for (const item of f.value.items) {
    if (typeof item.value !== 'string') continue;
    const tag = item.value.startsWith('#') ? item.value.slice(1) : item.value;
    if (!hasEmptySegment(tag)) continue;
    const fixes: Fix[] = [];
    if (tag === 'person/' && person === null) person = onePersonOf(ctx);
    if (tag === 'person/' && person && tagSlug(person)) {
      const completed = `${item.value.startsWith('#') ? '#' : ''}person/${tagSlug(person)}`;
      fixes.push({ title: `Change to '${completed}'`, edits: [replaceScalar(note, item, completed)], isPreferred: true, safe: true });
    }
    out.push({
      message: tag === 'person/' ? `The tag '${tag}' has no name after 'person/'.` : `The tag '${tag}' has an empty segment.`,
      span: item.span,
      fixes,
    });
  }
  return out;
}

/** `type-tag-mismatch`: a `type/…` tag that says another type than `type`. */
export function typeTagMismatches({ note }: RuleContext): Finding[] {
  const type = noteType(note);
  const f = field(note, 'tags');
  if (!type || !f || f.value.kind !== 'list') return [];
  const out: Finding[] = [];
  for (const item of f.value.items) {
    if (typeof item.value !== 'string') continue;
    const m = item.value.includes('type/') ? /^#?type\/(.+)$/u.exec(item.value) : null;
    if (!m || m[1] === type) continue;
    const fixed = `${item.value.startsWith('#') ? '#' : ''}type/${type}`;
    out.push({
      message: `The tag '${item.value}' says type '${m[1]}', but 'type' is '${type}'.`,
      span: item.span,
      fixes: [{ title: `Change to '${fixed}'`, edits: [replaceScalar(note, item, fixed)], isPreferred: true, safe: true }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

/** `s` without the `-`s it starts and ends with (what `.replace(/^-+|-+$/gu, '')` did, in linear time). */
function trimDashes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '-') start++;
  while (end > start && s[end - 1] === '-') end--;
  return s.slice(start, end);
}

/** A name as a tag segment: lower case, runs of other characters than letters, digits and `_` as one `-`. */
export function tagSlug(name: string): string {
  return trimDashes(
    name
      .trim()
      .toLocaleLowerCase('en')
      .replace(/[^\p{L}\p{N}_]+/gu, '-'),
  );
}

function listOfStrings(names: string[]): string {
  return `[${names.map((n) => yamlScalar(n)).join(', ')}]`;
}

/** What a missing field can be filled with from the note itself, if anything. */
function derivedValue(ctx: RuleContext, key: string): string | undefined {
  const { note } = ctx;
  switch (key) {
    case 'title': {
      const h = note.headings.find((heading) => heading.depth === 1)?.text;
      return h ? yamlScalar(h) : undefined;
    }
    case 'date': {
      const d = fileNameDate(note.fileName);
      return d ? yamlScalar(d) : undefined;
    }
    case 'participants':
      return note.withNames.length ? listOfStrings(note.withNames.map((n) => n.name)) : undefined;
    case 'person': {
      const p = titlePerson(note);
      return p ? yamlScalar(ctx.registry.lookup(p)?.name ?? p) : undefined;
    }
    default:
      return undefined;
  }
}

/** The order fields usually come in; a missing one is inserted where this order puts it. */
export const FIELD_ORDER: readonly string[] = ['type', 'title', 'date', 'person', 'participants', 'source', 'source_ref', 'tags', 'aliases', 'role', 'org', 'email'];

/**
 * A `key: value` line, indented as the first key and ended as the note's lines are, in FIELD_ORDER's
 * place: after the nearest field before `key` in that order that the note has, else before the first
 * one after it, else at the end of the frontmatter. Undefined where a line cannot go (a flow mapping,
 * `{…}`, or a first key that follows other text on its line).
 */
function insertField(note: Note, key: string, value: string): TextEdit | undefined {
  const fm = note.frontmatter!;
  const first = fm.fields[0];
  if (!first || isFlowMapping(note.text, fm.contentStart, fm.contentEnd)) return undefined;
  const indent = note.text.slice(note.lines.lineStart(first.keySpan.range.start.line), first.keySpan.start);
  for (let i = 0; i < indent.length; i++) if (indent[i] !== ' ') return undefined;
  const at = insertionPoint(note, key);
  return note.lines.edit(at, at, `${indent}${key}: ${value}${dominantEol(note.text)}`);
}

/** Where a new top-level `key` line starts (see insertField). */
function insertionPoint(note: Note, key: string): number {
  const fm = note.frontmatter!;
  const place = FIELD_ORDER.indexOf(key);
  if (place < 0) return fm.contentEnd;
  const has = (k: string) => fm.fields.findIndex((f) => f.key === k);
  for (let i = place - 1; i >= 0; i--) {
    const at = has(FIELD_ORDER[i]!);
    if (at < 0) continue;
    // After that field's value: at the start of the line after its last, or where the next field begins.
    const { keySpan, value } = fm.fields[at]!;
    const end = value.span.end > keySpan.end ? value.span.end : keySpan.end;
    // A block value's span may end at the start of the line after it.
    const endPos = note.lines.positionAt(end);
    const lastLine = endPos.character === 0 && end > keySpan.end ? endPos.line - 1 : endPos.line;
    const next = fm.fields[at + 1];
    const nextStart = next ? note.lines.lineStart(next.keySpan.range.start.line) : fm.contentEnd;
    return Math.min(note.lines.lineStart(lastLine + 1), nextStart, fm.contentEnd);
  }
  for (let i = place + 1; i < FIELD_ORDER.length; i++) {
    const at = has(FIELD_ORDER[i]!);
    if (at >= 0) return note.lines.lineStart(fm.fields[at]!.keySpan.range.start.line);
  }
  return fm.contentEnd;
}

/** Whether YAML text starts (after blanks and comments) with `{`: a flow mapping, which a line cannot be added to. */
function isFlowMapping(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '#') {
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else {
      return c === '{';
    }
  }
  return false;
}
