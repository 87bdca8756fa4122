// Wikilinks as links: Ctrl+click (document links) and Go to Definition open the file a `[[…]]` or
// `![[…]]` names, resolved as Obsidian does over the vault's files the index knows; and the hover
// on a proposal says which transcript the note came from.
import * as vscode from 'vscode';
import { sourceLink, type Note, type NoteIndex, type WikiLink } from '../../core';
import { COMMANDS } from '../commands';
import { toRange } from '../convert';
import type { WorkspaceIndex } from '../workspace-index';
import { appendSourceLine } from './source-line';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export function registerLinks(index: NoteIndex, workspace: WorkspaceIndex): vscode.Disposable {
  /** A note's Source link never means the note itself (a transcript often has the note's name). */
  const resolve = (note: Note, link: WikiLink) => index.vaultFiles.resolve(link.target, link === sourceLink(note) ? note.uri : undefined);
  const targetAt = (doc: vscode.TextDocument, position: vscode.Position): { link: WikiLink; target: string } | undefined => {
    const note = workspace.noteFor(doc);
    if (!note) return undefined;
    const offset = note.lines.offsetAt(position);
    const link = note.wikilinks.find((l) => offset >= l.span.start && offset <= l.span.end);
    const target = link && resolve(note, link);
    return link && target ? { link, target } : undefined;
  };
  return vscode.Disposable.from(
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, {
      provideDocumentLinks(doc) {
        const note = workspace.noteFor(doc);
        if (!note) return [];
        const links: vscode.DocumentLink[] = [];
        for (const l of note.wikilinks) {
          const target = resolve(note, l);
          if (!target) continue;
          const link = new vscode.DocumentLink(toRange(l.span.range), vscode.Uri.parse(target));
          link.tooltip = 'Open the linked file';
          links.push(link);
        }
        return links;
      },
    }),
    vscode.languages.registerDefinitionProvider(MARKDOWN, {
      provideDefinition(doc, position) {
        const found = targetAt(doc, position);
        if (!found) return undefined;
        const { link, target } = found;
        const definition: vscode.LocationLink = { originSelectionRange: toRange(link.span.range), targetUri: vscode.Uri.parse(target), targetRange: new vscode.Range(0, 0, 0, 0) };
        return [definition];
      },
    }),
    vscode.languages.registerHoverProvider(MARKDOWN, {
      provideHover(doc, position) {
        const note = workspace.noteFor(doc);
        const task = note?.tasks.find((t) => t.line === position.line && t.status === 'proposed');
        if (!note || !task) return undefined;
        const md = new vscode.MarkdownString();
        appendSourceLine(md, note, index);
        return md.value ? new vscode.Hover(md, toRange(task.lineSpan.range)) : undefined;
      },
    }),
    vscode.commands.registerCommand(COMMANDS.openSource, async (uri: unknown) => {
      if (typeof uri !== 'string') return;
      // vscode.open: a transcript may be a PDF or audio, which a text editor cannot show.
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(uri));
    }),
  );
}
