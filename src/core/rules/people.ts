// Rules of the people a note names: empty-person, placeholder-participant, unknown-participant,
// unknown-mention, no-registry.
import { replaceScalar } from '../edits';
import { field, noteNames, noteType, stringField, titlePerson } from '../note-facts';
import type { Note, ScalarValue } from '../note';
import { isPlaceholderName, MYSELF, normalizeName, placeholderStem, unwrapWikiLink, type Person } from '../people';
import type { TextEdit } from '../text';
import { isEmptyValue, type Finding, type Fix, type RuleContext } from './rule';

/** `empty-person`: a 1:1 (type: people) with an empty `person`; the fix takes the person the title names. */
export function emptyOneOnOnePerson(ctx: RuleContext): Finding[] {
  const { note } = ctx;
  if (noteType(note) !== 'people') return [];
  const f = field(note, 'person');
  if (!f || !isEmptyValue(f) || (f.value.kind !== 'scalar' && f.value.kind !== 'empty')) return [];
  const fromTitle = titlePerson(note);
  const name = fromTitle ? ctx.registry.lookup(fromTitle)?.name ?? fromTitle : undefined;
  return [
    {
      message: name ? `'person' is empty, but the title names ${name}.` : "'person' is empty: a 1:1 note should name the other person.",
      span: f.value.kind === 'empty' ? f.keySpan : f.value.span,
      fixes: name ? [{ title: `Set person to '${name}'`, edits: [replaceScalar(note, f.value, name)], isPreferred: true, safe: true }] : [],
    },
  ];
}

/**
 * `placeholder-participant`: "Ravi (last name unknown)", "Speaker 2"; fixes: the known people it likely
 * is, the note's other people, a pick from everyone known, a person note for what is known of the name.
 */
export function placeholderParticipants(ctx: RuleContext): Finding[] {
  const { note, registry } = ctx;
  const items = noteNames(note).participantItems;
  // Worked out once per note, not per name: a note can list hundreds of names.
  let present: Set<string> | undefined;
  const inNote = notePeopleOnce(ctx);
  return items
    .filter((item) => isPlaceholderName(String(item.value)))
    .map((item) => {
      const name = String(item.value);
      const likely = registry.likelyFor(name);
      const stem = placeholderStem(name);
      return {
        message: likely.length
          ? `'${name}' is a placeholder name; probably ${likely.map((p) => p.name).join(' or ')}.`
          : `'${name}' is a placeholder name: replace it with the person's full name.`,
        span: item.span,
        fixes: reassignFixes(ctx, {
          name,
          close: likely,
          present: (present ??= itemNames(ctx, items)),
          inNote,
          verb: 'Replace with',
          replaceWith: scalarReplacement(note, item),
          createFor: stem && !registry.lookup(stem) ? stem : undefined,
        }),
      };
    });
}

/** `unknown-participant`: a participant or the 1:1 person that no person note or alias knows. */
export function unknownParticipants(ctx: RuleContext): Finding[] {
  const { note, registry } = ctx;
  if (registry.isEmpty) return [];
  const names = noteNames(note);
  const items = names.personValue ? [...names.participantItems, names.personValue] : names.participantItems;
  const out: Finding[] = [];
  let present: Set<string> | undefined;
  const inNote = notePeopleOnce(ctx);
  for (const item of items) {
    const name = String(item.value);
    if (isPlaceholderName(name) || registry.isKnown(name)) continue;
    // suggest() reads only normalizeName(name), which unwrapping and trimming first leave as is.
    const suggestions = registry.suggest(name);
    const clean = unwrapWikiLink(name).trim();
    out.push({
      message: unknownMessage(clean, suggestions),
      span: item.span,
      fixes: reassignFixes(ctx, {
        name,
        close: suggestions,
        // The 1:1 person may well be one of the participants; a participant should not become another.
        present: item === names.personValue ? new Set() : (present ??= itemNames(ctx, names.participantItems)),
        inNote,
        verb: 'Change to',
        replaceWith: scalarReplacement(note, item),
        createFor: clean,
        addKnown: true,
      }),
    });
  }
  return out;
}

/** `unknown-mention`: a task's @mention that no person note or alias knows. */
export function unknownMentions(ctx: RuleContext): Finding[] {
  const { note, registry } = ctx;
  if (registry.isEmpty) return [];
  const out: Finding[] = [];
  const inNote = notePeopleOnce(ctx);
  for (const m of noteNames(note).mentions) {
    if (registry.isKnown(m.name) || isPlaceholderName(m.name)) continue;
    const suggestions = registry.suggest(m.name);
    const clean = unwrapWikiLink(m.name).trim();
    out.push({
      message: unknownMessage(`@${m.name}`, suggestions),
      span: m.span,
      fixes: reassignFixes(ctx, {
        name: m.name,
        close: suggestions,
        present: new Set(),
        inNote,
        verb: 'Change to',
        replaceWith: (person) => [note.lines.edit(m.span.start, m.span.end, mentionText(person))],
        createFor: clean,
        addKnown: true,
      }),
    });
  }
  return out;
}

/** `no-registry`: no person notes and no configured people: one hint per note instead of a warning per name. */
export function noPeopleRegistry(ctx: RuleContext): Finding[] {
  const { note } = ctx;
  if (!ctx.registry.isEmpty) return [];
  const all = noteNames(note);
  const names = all.participantItems.filter((i) => !isPlaceholderName(String(i.value)));
  const mentions = all.mentions.filter((m) => normalizeName(m.name) !== normalizeName(MYSELF));
  if (!names.length && !mentions.length) return [];
  const anchor = field(note, 'participants')?.keySpan ?? mentions[0]!.span;
  const count = names.length + mentions.length;
  return [
    {
      message: `No people registry yet: ${count} name${count === 1 ? '' : 's'} in this note cannot be checked. Create person notes (type: person) or set meetingNotes.people.`,
      span: anchor,
      fixes: names.slice(0, 1).map((n) => ({
        title: `Create a person note for '${String(n.value)}'`,
        edits: [],
        safe: false,
        action: { kind: 'createPersonNote' as const, name: unwrapWikiLink(String(n.value)).trim() },
      })),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Helpers

/** The note's 1:1 person, from `person` or else from the title, as the registry spells it when known. */
export function onePersonOf(ctx: RuleContext): string | undefined {
  const raw = stringField(ctx.note, 'person') ?? noteNames(ctx.note).titlePerson;
  if (!raw) return undefined;
  const name = unwrapWikiLink(raw).trim();
  return ctx.registry.lookup(name)?.name ?? name;
}

interface Reassignment {
  /** The name as written. */
  name: string;
  /** Known people it probably means, best first. */
  close: readonly Person[];
  /** Names (normalized) already in the list the name stands in: no use offering them. */
  present: ReadonlySet<string>;
  /** The known people the note names (participants, the 1:1 person, the With line). */
  inNote: () => readonly string[];
  verb: 'Replace with' | 'Change to';
  /** The edits that put a person's canonical name in its place. */
  replaceWith: (person: string) => TextEdit[];
  /** The name a new person note would have, if one is offered. */
  createFor: string | undefined;
  addKnown?: boolean;
}

/**
 * Ways to put the right person where an unknown or placeholder name stands: the close people, the
 * note's other people (participants, the 1:1 person, the With line), a pick from everyone known, and
 * a person note (or a known-people entry) for the name itself. Each finding carries its own.
 */
export function reassignFixes(ctx: RuleContext, r: Reassignment): Fix[] {
  const offered = new Set<string>([normalizeName(r.name)]);
  const fixes: Fix[] = [];
  r.close.forEach((p, i) => {
    const key = normalizeName(p.name);
    if (offered.has(key)) return;
    offered.add(key);
    fixes.push({ title: `${r.verb} '${p.name}'`, edits: r.replaceWith(p.name), isPreferred: i === 0 && r.close.length === 1, safe: false });
  });
  for (const person of r.inNote()) {
    const key = normalizeName(person);
    if (offered.has(key) || r.present.has(key)) continue;
    offered.add(key);
    fixes.push({ title: `${r.verb} '${person}' (in this note)`, edits: r.replaceWith(person), safe: false });
  }
  if (!ctx.registry.isEmpty) {
    fixes.push({ title: `${r.verb} a known person…`, edits: [], safe: false, action: { kind: 'pickPerson', name: unwrapWikiLink(r.name).trim(), replaceWith: r.replaceWith } });
  }
  if (r.createFor) fixes.push({ title: `Create a person note for '${r.createFor}'`, edits: [], safe: false, action: { kind: 'createPersonNote', name: r.createFor } });
  if (r.addKnown && r.createFor) {
    fixes.push({ title: `Add '${r.createFor}' to known people (meetingNotes.people)`, edits: [], safe: false, action: { kind: 'addKnownPerson', name: r.createFor } });
  }
  return fixes;
}

/** `notePeople`, worked out on first use and then kept for the rule's other findings. */
function notePeopleOnce(ctx: RuleContext): () => readonly string[] {
  let people: readonly string[] | undefined;
  return () => (people ??= notePeople(ctx));
}

/** The known people a note names, canonical, in the order it names them. */
function notePeople(ctx: RuleContext): string[] {
  const names = noteNames(ctx.note);
  const raw = [...names.participantItems.map((i) => String(i.value)), ...(names.personValue ? [String(names.personValue.value)] : []), ...names.withNames.map((n) => n.name)];
  const out = new Map<string, string>();
  for (const name of raw) {
    const person = ctx.registry.lookup(unwrapWikiLink(name).trim());
    if (person && !out.has(normalizeName(person.name))) out.set(normalizeName(person.name), person.name);
  }
  return [...out.values()];
}

/** The names of list items, normalized, with the canonical names of the known ones. */
function itemNames(ctx: RuleContext, items: readonly ScalarValue[]): Set<string> {
  const out = new Set<string>();
  for (const item of items) {
    const name = String(item.value);
    out.add(normalizeName(name));
    const person = ctx.registry.lookup(unwrapWikiLink(name).trim());
    if (person) out.add(normalizeName(person.name));
  }
  return out;
}

/** A replacement of a YAML scalar by a name, as a `[[wikilink]]` when the scalar was one. */
function scalarReplacement(note: Note, item: ScalarValue): (person: string) => TextEdit[] {
  const wiki = /^\s*\[\[/u.test(String(item.value));
  return (person) => [replaceScalar(note, item, wiki ? `[[${person}]]` : person)];
}

function unknownMessage(shown: string, suggestions: readonly Person[]): string {
  const hint = suggestions.length ? `; did you mean ${suggestions.map((p) => `'${p.name}'`).join(' or ')}?` : ': no person note or alias matches.';
  return `Unknown person '${shown}'${hint}`;
}

function mentionText(name: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}_.'-]*$/u.test(name) ? `@${name}` : `@[[${name}]]`;
}
