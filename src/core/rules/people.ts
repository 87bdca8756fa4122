// Rules of the people a note names: empty-person, placeholder-participant, unknown-participant,
// unknown-mention, no-registry.
import { replaceScalar } from '../edits';
import { field, noteNames, noteType, stringField, titlePerson } from '../note-facts';
import { isPlaceholderName, MYSELF, normalizeName, unwrapWikiLink, type Person } from '../people';
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

/** `placeholder-participant`: "Ravi (last name unknown)", "Speaker 2"; fixes: the known people it likely is. */
export function placeholderParticipants(ctx: RuleContext): Finding[] {
  const { note, registry } = ctx;
  return noteNames(note)
    .participantItems.filter((item) => isPlaceholderName(String(item.value)))
    .map((item) => {
      const name = String(item.value);
      const likely = registry.likelyFor(name);
      return {
        message: likely.length
          ? `'${name}' is a placeholder name; probably ${likely.map((p) => p.name).join(' or ')}.`
          : `'${name}' is a placeholder name: replace it with the person's full name.`,
        span: item.span,
        fixes: likely.map((p, i) => ({
          title: `Replace with '${p.name}'`,
          edits: [replaceScalar(note, item, p.name)],
          isPreferred: i === 0 && likely.length === 1,
          safe: false,
        })),
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
  for (const item of items) {
    const name = String(item.value);
    if (isPlaceholderName(name) || registry.isKnown(name)) continue;
    // suggest() reads only normalizeName(name), which unwrapping and trimming first leave as is.
    const suggestions = registry.suggest(name);
    out.push({
      message: unknownMessage(unwrapWikiLink(name).trim(), suggestions),
      span: item.span,
      fixes: personFixes(name, suggestions, (p) => [replaceScalar(note, item, /^\s*\[\[/u.test(name) ? `[[${p.name}]]` : p.name)]),
    });
  }
  return out;
}

/** `unknown-mention`: a task's @mention that no person note or alias knows. */
export function unknownMentions(ctx: RuleContext): Finding[] {
  const { note, registry } = ctx;
  if (registry.isEmpty) return [];
  const out: Finding[] = [];
  for (const m of noteNames(note).mentions) {
    if (registry.isKnown(m.name) || isPlaceholderName(m.name)) continue;
    const suggestions = registry.suggest(m.name);
    out.push({
      message: unknownMessage(`@${m.name}`, suggestions),
      span: m.span,
      fixes: personFixes(m.name, suggestions, (p) => [note.lines.edit(m.span.start, m.span.end, mentionText(p.name))]),
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

/** `suggestions` are `ctx.registry.suggest(name)`, computed once for the message and the fixes. */
function personFixes(name: string, suggestions: readonly Person[], replaceWith: (p: Person) => TextEdit[]): Fix[] {
  const fixes: Fix[] = suggestions.map((p, i) => ({
    title: `Change to '${p.name}'`,
    edits: replaceWith(p),
    isPreferred: i === 0 && suggestions.length === 1,
    safe: false,
  }));
  const clean = unwrapWikiLink(name).trim();
  fixes.push(
    { title: `Create a person note for '${clean}'`, edits: [], safe: false, action: { kind: 'createPersonNote', name: clean } },
    { title: `Add '${clean}' to known people (meetingNotes.people)`, edits: [], safe: false, action: { kind: 'addKnownPerson', name: clean } },
  );
  return fixes;
}

function unknownMessage(shown: string, suggestions: readonly Person[]): string {
  const hint = suggestions.length ? `; did you mean ${suggestions.map((p) => `'${p.name}'`).join(' or ')}?` : ': no person note or alias matches.';
  return `Unknown person '${shown}'${hint}`;
}

function mentionText(name: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}_.'-]*$/u.test(name) ? `@${name}` : `@[[${name}]]`;
}
