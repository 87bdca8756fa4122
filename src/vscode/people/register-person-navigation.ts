import * as vscode from 'vscode';
import { nameAt, notesNaming, personSpans, samePersonAs, unwrapWikiLink, type NoteIndex } from '../../core';
import { toRange } from '../convert';
import type { WorkspaceIndex } from '../workspace-index';

/**
 * Go to Definition on a participant, `person`, an @mention or a With-line name opens the person note;
 * Find All References lists where the vault names that person. The index says which notes name
 * them; only those notes are read, for exact ranges.
 */
export function registerPersonNavigation(index: NoteIndex, workspace: WorkspaceIndex): vscode.Disposable {
  const selector: vscode.DocumentSelector = [{ language: 'markdown' }];
  const definitions: vscode.DefinitionProvider = {
    provideDefinition(document, position) {
      const note = workspace.noteFor(document);
      const found = note && nameAt(note, position.line, position.character);
      if (!found) return undefined;
      const person = index.registry.lookup(unwrapWikiLink(found.name).trim());
      // A name known only from the settings has no note to open.
      if (!person?.uri) return undefined;
      const link: vscode.LocationLink = {
        originSelectionRange: toRange(found.span.range),
        targetUri: vscode.Uri.parse(person.uri),
        targetRange: new vscode.Range(0, 0, 0, 0),
      };
      return [link];
    },
  };
  const references: vscode.ReferenceProvider = {
    async provideReferences(document, position, context, token) {
      const note = workspace.noteFor(document);
      const found = note && nameAt(note, position.line, position.character);
      if (!found) return undefined;
      const name = unwrapWikiLink(found.name).trim();
      const isThem = samePersonAs(index.registry, name);
      const person = index.registry.lookup(name);
      const locations: vscode.Location[] = [];
      if (context.includeDeclaration && person?.uri) locations.push(new vscode.Location(vscode.Uri.parse(person.uri), new vscode.Position(0, 0)));
      for (const named of notesNaming(index.all(), isThem)) {
        if (token.isCancellationRequested) return undefined;
        const uri = vscode.Uri.parse(named.uri);
        const full = await workspace.loadNote(uri);
        if (!full) continue;
        for (const span of personSpans(full, isThem)) locations.push(new vscode.Location(uri, toRange(span.range)));
      }
      return locations;
    },
  };
  return vscode.Disposable.from(vscode.languages.registerDefinitionProvider(selector, definitions), vscode.languages.registerReferenceProvider(selector, references));
}
