import * as vscode from 'vscode';
import {
  completionContextAt,
  mentionText,
  noteNames,
  yamlScalar,
  type CompletionContext,
  type FieldCompletion,
  WritingCandidates,
  type Note,
  type NoteIndex,
  type Person,
} from '../../core';
import { toRange } from '../convert';
import type { WorkspaceIndex } from '../workspace-index';

/** Typed characters that open a completion: `@` mentions, `#` tags, `[` for `[[` links and `[` lists. */
export const TRIGGER_CHARACTERS = ['@', '#', '['];

/**
 * Completion while writing: people in `participants`, `person` and @mentions, tags after `#` and in
 * `tags`, notes after `[[`. Candidates come from the index (WritingCandidates), never from the files.
 */
export function registerCompletion(index: NoteIndex, workspace: WorkspaceIndex): vscode.Disposable {
  const candidates = new WritingCandidates(index);
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position, _token, context) {
      const note = workspace.noteFor(document);
      if (!note) return undefined;
      const at = completionContextAt(note, note.lines.offsetAt(position));
      if (!at) return undefined;
      // `[` opens a completion only as the second `[` of a link, or as the `[` of a list of names.
      if (context.triggerCharacter === '[' && at.kind !== 'wikilink' && !(at.kind === 'field' && at.flow && at.typed === '')) return undefined;
      const range = toRange(note.lines.range(at.start, at.end));
      return itemsFor(at, range, note, candidates);
    },
  };
  return vscode.Disposable.from(vscode.languages.registerCompletionItemProvider([{ language: 'markdown' }], provider, ...TRIGGER_CHARACTERS), candidates);
}

function itemsFor(at: CompletionContext, range: vscode.Range, note: Note, candidates: WritingCandidates): vscode.CompletionItem[] {
  switch (at.kind) {
    case 'field':
      return at.field === 'tags' ? tagItems(candidates, range, (tag) => fieldValue(at, tag)) : fieldPeopleItems(at, range, note, candidates);
    case 'mention':
      return mentionItems(at.bracketed, at.closing, range, note, candidates);
    case 'tag':
      return tagItems(candidates, range, (tag) => tag);
    case 'wikilink':
      return linkItems(at.closing, range, candidates);
  }
}

function aboutPerson(person: Person): string | undefined {
  const about = [person.role, person.org].filter(Boolean).join(' · ');
  return about || (person.source === 'setting' ? 'from meetingNotes.people' : undefined);
}

function personItem(person: Person, range: vscode.Range, insertText: string, sortText: string): vscode.CompletionItem {
  const item = new vscode.CompletionItem({ label: person.name, description: aboutPerson(person) }, vscode.CompletionItemKind.User);
  // An alias typed finds the person; the canonical name is what goes in.
  item.filterText = [person.name, ...person.aliases].join(' ');
  if (person.aliases.length) item.detail = `Also: ${person.aliases.join(', ')}`;
  item.insertText = insertText;
  item.range = range;
  item.sortText = sortText;
  return item;
}

/** The YAML text of a value: quoted as the user opened it, or as the note quotes its values. */
function fieldValue(at: FieldCompletion, value: string): string {
  if (at.wikilink) return `${value}${at.closing}`;
  if (at.quoteTyped) {
    const escaped = at.quote === "'" ? value.replace(/'/gu, "''") : JSON.stringify(value).slice(1, -1);
    return `${escaped}${at.closing}`;
  }
  return yamlScalar(value, { style: at.quote === '"' ? 'double' : at.quote === "'" ? 'single' : 'plain' });
}

function fieldPeopleItems(at: FieldCompletion, range: vscode.Range, note: Note, candidates: WritingCandidates): vscode.CompletionItem[] {
  const registry = candidates.registry;
  // People already in the list come last: the one being typed is not one of them yet.
  const listed = new Set(noteNames(note).written.map((n) => registry.lookup(n)).filter((p) => p !== undefined));
  return candidates.people().map((person, i) => {
    const rank = at.field === 'participants' && listed.has(person) ? 1 : 0;
    return personItem(person, range, fieldValue(at, person.name), `${rank}${String(i).padStart(6, '0')}`);
  });
}

function mentionItems(bracketed: boolean, closing: string, range: vscode.Range, note: Note, candidates: WritingCandidates): vscode.CompletionItem[] {
  const registry = candidates.registry;
  const style = candidates.mentionStyle();
  // The note's own participants first: tasks are mostly theirs.
  const here = new Set(noteNames(note).written.map((n) => registry.lookup(n)).filter((p) => p !== undefined));
  const items = candidates.people().map((person, i) => {
    const text = bracketed ? `${person.name}${closing}` : mentionText(person, registry, style);
    return personItem(person, range, text, `${here.has(person) ? 0 : 1}${String(i).padStart(6, '0')}`);
  });
  const myself = candidates.myself();
  if (myself) {
    const item = new vscode.CompletionItem({ label: myself.token, description: myself.person.name }, vscode.CompletionItemKind.User);
    item.insertText = bracketed ? `${myself.token}${closing}` : myself.token;
    item.range = range;
    item.sortText = `0`;
    items.push(item);
  }
  return items;
}

function tagItems(candidates: WritingCandidates, range: vscode.Range, text: (tag: string) => string): vscode.CompletionItem[] {
  return candidates.tags().map(({ tag, person }, i) => {
    const item = new vscode.CompletionItem(tag, vscode.CompletionItemKind.Keyword);
    if (person) item.detail = person.name;
    item.insertText = text(tag);
    item.range = range;
    item.sortText = String(i).padStart(6, '0');
    return item;
  });
}

function linkItems(closing: string, range: vscode.Range, candidates: WritingCandidates): vscode.CompletionItem[] {
  return candidates.linkTargets().map((link, i) => {
    const item = new vscode.CompletionItem(link.target, link.person ? vscode.CompletionItemKind.User : vscode.CompletionItemKind.File);
    if (link.person) {
      item.detail = aboutPerson(link.person);
      item.filterText = [link.target, ...link.person.aliases].join(' ');
    }
    item.insertText = `${link.target}${closing}`;
    item.range = range;
    item.sortText = String(i).padStart(6, '0');
    return item;
  });
}
