import * as vscode from 'vscode';
import { isPlaceholderName, meetingDate, MYSELF, nameAt, normalizeName, noteTitle, personActivity, unwrapWikiLink, type IndexedNote, type NoteIndex } from '../../core';
import { escapeMarkdown as escape, toRange } from '../convert';
import { COMMANDS } from '../commands';
import type { WorkspaceIndex } from '../workspace-index';

const MAX_TASKS = 5;

function lineLink(note: IndexedNote, line: number): string {
  // A file uri with #L<line> opens the note at that line.
  return vscode.Uri.parse(note.uri).with({ fragment: `L${line + 1}` }).toString();
}

export function personHover(index: NoteIndex, rawName: string): vscode.MarkdownString {
  const name = unwrapWikiLink(rawName).trim();
  const registry = index.registry;
  const person = registry.lookup(name);
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [COMMANDS.createPersonNote, 'workbench.action.openSettings'] };
  md.supportThemeIcons = true;

  if (person) {
    md.appendMarkdown(`$(person) **${escape(person.name)}**`);
    const about = [person.role, person.org].filter(Boolean).map((s) => escape(s!)).join(' · ');
    if (about) md.appendMarkdown(` — ${about}`);
    md.appendMarkdown('\n\n');
    if (person.aliases.length) md.appendMarkdown(`Also: ${person.aliases.map(escape).join(', ')}\n\n`);
    if (person === registry.owner) md.appendMarkdown('_The vault owner (`@Myself`)._\n\n');
    if (person.source === 'setting') md.appendMarkdown('_Known from the `meetingNotes.people` setting._\n\n');
  } else if (normalizeName(name) === normalizeName(MYSELF)) {
    // Not an unknown person: the token for the owner, who is not set.
    md.appendMarkdown(`$(person) **${MYSELF}** is you, the vault owner, but no one is set as the owner.\n\n`);
    const args = encodeURIComponent(JSON.stringify(['meetingNotes.owner']));
    md.appendMarkdown(`[Set meetingNotes.owner](command:workbench.action.openSettings?${args}) to your name, or add \`Myself\` to the \`aliases\` of your person note.\n\n`);
  } else if (isPlaceholderName(name)) {
    md.appendMarkdown(`$(question) **${escape(name)}** is a placeholder name the transcript left.\n\n`);
    const likely = registry.likelyFor(name);
    if (likely.length) md.appendMarkdown(`Probably ${likely.map((p) => `**${escape(p.name)}**`).join(' or ')}.\n\n`);
  } else {
    md.appendMarkdown(`$(warning) **${escape(name)}** is an unknown person: no person note or alias matches.\n\n`);
    const suggestions = registry.suggest(name);
    if (suggestions.length) md.appendMarkdown(`Did you mean ${suggestions.map((p) => `**${escape(p.name)}**`).join(' or ')}?\n\n`);
    const args = encodeURIComponent(JSON.stringify([name]));
    md.appendMarkdown(`[Create a person note for ${escape(name)}](command:${COMMANDS.createPersonNote}?${args})\n\n`);
  }

  const activity = personActivity(index.all(), registry, person?.name ?? name);
  if (activity.notes.length) {
    const last = activity.notes[0]!;
    const when = meetingDate(last);
    md.appendMarkdown(
      `In ${activity.notes.length} note${activity.notes.length === 1 ? '' : 's'}; last: [${escape(noteTitle(last))}](${vscode.Uri.parse(last.uri).toString()})${when ? ` (${when})` : ''}\n\n`,
    );
  }
  if (activity.openTasks.length) {
    md.appendMarkdown(`**Open tasks** (${activity.openTasks.length})\n\n`);
    for (const { note, task } of activity.openTasks.slice(0, MAX_TASKS)) {
      md.appendMarkdown(`- [${escape(task.description || '(no text)')}](${lineLink(note, task.line)})\n`);
    }
    if (activity.openTasks.length > MAX_TASKS) md.appendMarkdown(`- … and ${activity.openTasks.length - MAX_TASKS} more\n`);
    md.appendMarkdown('\n');
  }
  if (activity.proposals.length) {
    md.appendMarkdown(`**Proposals naming them** (${activity.proposals.length})\n\n`);
    for (const { note, task } of activity.proposals.slice(0, MAX_TASKS)) {
      md.appendMarkdown(`- [${escape(task.description || '(no text)')}](${lineLink(note, task.line)})\n`);
    }
    if (activity.proposals.length > MAX_TASKS) md.appendMarkdown(`- … and ${activity.proposals.length - MAX_TASKS} more\n`);
  }
  return md;
}

export function registerHover(index: NoteIndex, workspace: WorkspaceIndex): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'markdown' }], {
    provideHover(document, position) {
      const note = workspace.noteFor(document);
      if (!note) return undefined;
      const found = nameAt(note, position.line, position.character);
      if (!found) return undefined;
      return new vscode.Hover(personHover(index, found.name), toRange(found.span.range));
    },
  });
}
