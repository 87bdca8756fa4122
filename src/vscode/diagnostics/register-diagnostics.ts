import * as vscode from 'vscode';
import type { Issue, NoteIndex } from '../../core';
import { toRange, toSeverity } from '../convert';

export const DIAGNOSTIC_SOURCE = 'meeting-notes';

/**
 * Mirrors the index's issues into one diagnostic collection, per file: set for notes that changed,
 * deleted for notes that left the index, all re-set when the registry or settings changed. Never
 * cleared wholesale, so one edit does not blank the Problems panel.
 */
export function registerDiagnostics(index: NoteIndex, docsUri: (code: string) => vscode.Uri): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const publish = (uri: string) => {
    // An open document ahead of the index (typing, update pending) would get problems computed for an
    // older version of its text: drop them; the pending update publishes the right ones.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (doc && doc.getText() !== index.get(uri)?.text) return;
    collection.set(vscode.Uri.parse(uri), index.issues(uri).map((issue) => toDiagnostic(issue, docsUri)));
  };
  const subscription = index.onDidChange((change) => {
    for (const uri of change.removed) collection.delete(vscode.Uri.parse(uri));
    if (change.allIssuesChanged) {
      for (const note of index.all()) publish(note.uri);
    } else {
      for (const uri of change.updated) publish(uri);
    }
  });
  for (const note of index.all()) publish(note.uri);
  return vscode.Disposable.from(subscription, collection);
}

export function toDiagnostic(issue: Issue, docsUri: (code: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(issue.span.range), issue.message, toSeverity(issue.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: issue.code, target: docsUri(issue.code) };
  return diagnostic;
}
