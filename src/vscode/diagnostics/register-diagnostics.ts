import * as vscode from 'vscode';
import type { IssueInfo, NoteIndex } from '../../core';
import { toRange, toSeverity } from '../convert';

export const DIAGNOSTIC_SOURCE = 'meeting-notes';

/**
 * Mirrors the index's issues into one diagnostic collection, per file: set for notes that changed or
 * were checked again, deleted for notes that left the index. Never cleared wholesale, so one edit does
 * not blank the Problems panel.
 */
export function registerDiagnostics(index: NoteIndex, docsUri: (code: string) => vscode.Uri): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const publish = (uri: string) => {
    // An open document ahead of the index (typing, update pending) would get problems computed for an
    // older version of its text: drop them; the pending update publishes the right ones.
    // A stale note (the registry or settings changed) is published once it has been checked again.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (doc ? !index.isCurrent(uri, doc.getText()) : index.isStale(uri)) return;
    collection.set(vscode.Uri.parse(uri), index.issues(uri).map((issue) => toDiagnostic(issue, docsUri)));
  };
  const subscription = index.onDidChange((change) => {
    for (const uri of change.removed) collection.delete(vscode.Uri.parse(uri));
    for (const uri of change.updated) publish(uri);
  });
  for (const note of index.all()) publish(note.uri);
  return vscode.Disposable.from(subscription, collection);
}

export function toDiagnostic(issue: IssueInfo, docsUri: (code: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(issue.range), issue.message, toSeverity(issue.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: issue.code, target: docsUri(issue.code) };
  return diagnostic;
}
