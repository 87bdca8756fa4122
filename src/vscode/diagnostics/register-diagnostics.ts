import * as vscode from 'vscode';
import type { IssueInfo, NoteIndex } from '../../core';
import { toRange, toSeverity } from '../convert';

export const DIAGNOSTIC_SOURCE = 'meeting-notes';

/**
 * Mirrors the index's issues into one diagnostic collection, per file: set for notes that changed or
 * were checked again, deleted for notes that left the index. Never cleared wholesale, so one edit does
 * not blank the Problems panel. A change is published as one batch, and a note that never had a
 * problem costs nothing: a first scan of ten thousand notes is one message to the workbench, not ten
 * thousand.
 */
export function registerDiagnostics(index: NoteIndex, docsUri: (code: string) => vscode.Uri): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Notes that have problems in the collection now. */
  const shown = new Set<string>();
  const publish = (uris: Iterable<string>, removed: readonly string[] = []) => {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const entries: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const uri of removed) {
      if (shown.delete(uri)) entries.push([vscode.Uri.parse(uri), undefined]);
    }
    for (const uri of uris) {
      // An open document ahead of the index (typing, update pending) would get problems computed for
      // an older version of its text: drop them; the pending update publishes the right ones. A stale
      // note (the registry or settings changed) is published once it has been checked again.
      const doc = open.get(uri);
      if (doc ? !index.isCurrent(uri, doc.getText()) : index.isStale(uri)) continue;
      const issues = index.issues(uri);
      if (issues.length) {
        shown.add(uri);
        entries.push([vscode.Uri.parse(uri), issues.map((issue) => toDiagnostic(issue, docsUri))]);
      } else if (shown.delete(uri)) {
        entries.push([vscode.Uri.parse(uri), undefined]);
      }
    }
    if (entries.length) collection.set(entries);
  };
  const subscription = index.onDidChange((change) => publish(change.updated, change.removed));
  publish([...index.all()].map((n) => n.uri));
  return vscode.Disposable.from(subscription, collection);
}

export function toDiagnostic(issue: IssueInfo, docsUri: (code: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(issue.range), issue.message, toSeverity(issue.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: issue.code, target: docsUri(issue.code) };
  return diagnostic;
}
