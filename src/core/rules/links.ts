// Rules of links and provenance: unresolved-link, source-missing. Both need the vault's files
// (RuleContext.files); without them (not listed yet) they find nothing.
import { replaceScalar } from '../edits';
import type { Note, WikiLink } from '../note';
import { isAbsolutePath, sourceLink, sourceRef } from '../wikilinks';
import { yamlIsSound, type Finding, type Fix, type RuleContext } from './rule';

/** Whether a link is an `@[[Full Name]]` mention: the people rules judge those. */
function isMention(note: Note, link: WikiLink): boolean {
  return !link.embed && note.text[link.span.start - 1] === '@';
}

/** Links in the frontmatter name people and topics in values the people and field rules judge. */
function inFrontmatter(note: Note, link: WikiLink): boolean {
  const fm = note.frontmatter;
  return !!fm && link.span.start >= fm.span.start && link.span.start < fm.span.end;
}

/** `unresolved-link`: a `[[…]]` in the body that names no file in the vault. The Source link has `source-missing`. */
export function unresolvedLinks({ note, files }: RuleContext): Finding[] {
  if (!files?.known) return [];
  const source = sourceLink(note);
  const out: Finding[] = [];
  for (const link of note.wikilinks) {
    if (link === source || isMention(note, link) || inFrontmatter(note, link)) continue;
    if (files.resolve(link.target)) continue;
    out.push({ message: `No file in the vault is named '${link.target}'.`, span: link.span, fixes: [] });
  }
  return out;
}

/**
 * `source-missing`: the note's source (`source_ref`, the closing `*Source: [[…]]*` link) is not in
 * the vault. An absolute `source_ref` (a path on the machine that wrote the note) whose file the
 * vault holds under the same name gets a fix that writes the vault-relative path: safe when one file
 * fits best, a choice when several do.
 */
export function missingSources(ctx: RuleContext): Finding[] {
  const { note, files } = ctx;
  if (!files?.known) return [];
  const out: Finding[] = [];
  const ref = sourceRef(note);
  if (ref) {
    const value = ref.value.trim();
    if (!isAbsolutePath(value)) {
      if (!files.resolve(value, note.uri)) out.push({ message: `'source_ref' names '${value}', which is not in the vault.`, span: ref.span, fixes: [] });
    } else {
      // A transcript often has its note's name: the note itself is never its own source.
      const same = files.sameNamed(value, note.uri);
      const paths = same.map((uri) => files.pathOf(uri)!);
      const fixes: Fix[] = yamlIsSound(note)
        ? paths.map((path) => ({ title: `Use the vault path ${path}`, edits: [replaceScalar(note, ref, path)], isPreferred: paths.length === 1, safe: paths.length === 1 }))
        : [];
      const message = !paths.length
        ? `'source_ref' is a path on another machine, and no file of that name is in the vault.`
        : paths.length === 1
          ? `'source_ref' is a path on another machine; the vault has the file at '${paths[0]}'.`
          : `'source_ref' is a path on another machine; the vault has ${paths.length} files of that name.`;
      out.push({ message, span: ref.span, fixes });
    }
  }
  const link = sourceLink(note);
  if (link && !files.resolve(link.target, note.uri)) {
    out.push({ message: `The Source link names '${link.target}', which is not in the vault.`, span: link.span, fixes: [] });
  }
  return out;
}
