import * as vscode from 'vscode';
import { editEnd, HELD_WHILE_TYPING, isBeingTyped, type IssueInfo, type NoteIndex, type Position } from '../../core';
import { toRange, toSeverity } from '../convert';

export const DIAGNOSTIC_SOURCE = 'meeting-notes';

/** The most notes whose diagnostics are published in one go (about 10 ms of work). */
const PUBLISH_CHUNK = 500;

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
  const typing = new TypingHold();
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
      const issues = typing.visible(uri, index.issues(uri));
      if (issues.length) {
        shown.add(uri);
        entries.push([vscode.Uri.parse(uri), issues.map((issue) => toDiagnostic(issue, docsUri))]);
      } else if (shown.delete(uri)) {
        entries.push([vscode.Uri.parse(uri), undefined]);
      }
    }
    if (entries.length) collection.set(entries);
  };
  // A large change (a cache restored, a settings change) is published a chunk at a time, with the
  // host free in between: ten thousand notes' diagnostics at once would hold it for a fifth of a
  // second. Each chunk publishes what the index holds when it runs, so order does not matter.
  const queued = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publishQueued = () => {
    timer = undefined;
    const chunk: string[] = [];
    for (const uri of queued) {
      queued.delete(uri);
      chunk.push(uri);
      if (chunk.length >= PUBLISH_CHUNK) break;
    }
    publish(chunk);
    if (queued.size) timer = setTimeout(publishQueued, 0);
  };
  const subscription = index.onDidChange((change) => {
    if (change.updated.length <= PUBLISH_CHUNK) {
      for (const uri of change.updated) queued.delete(uri);
      publish(change.updated, change.removed);
      return;
    }
    publish([], change.removed);
    for (const uri of change.updated) queued.add(uri);
    timer ??= setTimeout(publishQueued, 0);
  });
  publish([...index.all()].map((n) => n.uri));
  const typingEvents = typing.listen((uri) => publish([uri]));
  return vscode.Disposable.from(subscription, collection, typingEvents, { dispose: () => clearTimeout(timer) });
}

/**
 * Holds back the unknown-name findings of the name being typed in the active editor (see
 * core/typing-hold): `visible` drops them, and `listen` calls back for a note once its held findings
 * are due (the cursor left the name, the note was saved, another editor came to the front).
 */
class TypingHold {
  /** Where the last edit of each open note ended, until the user saves it (not auto-save). */
  private readonly lastEdit = new Map<string, Position>();
  /** The ranges held back in each note now. */
  private readonly held = new Map<string, vscode.Range[]>();

  visible(uri: string, issues: IssueInfo[]): IssueInfo[] {
    this.held.delete(uri);
    const editor = vscode.window.activeTextEditor;
    const lastEdit = this.lastEdit.get(uri);
    if (!lastEdit || !editor || editor.document.uri.toString() !== uri) return issues;
    const cursor = editor.selection.active;
    const kept = issues.filter((issue) => !(HELD_WHILE_TYPING.has(issue.code) && isBeingTyped(issue.range, cursor, lastEdit)));
    if (kept.length !== issues.length) {
      this.held.set(
        uri,
        issues.filter((i) => !kept.includes(i)).map((i) => toRange(i.range)),
      );
    }
    return kept;
  }

  listen(republish: (uri: string) => void): vscode.Disposable {
    // Only a save the user asked for ends the typing: with auto-save (the default of VS Code for the
    // Web), a note is saved a second after each pause, mid-name.
    const manualSaves = new Set<string>();
    const release = (uri: string) => {
      this.lastEdit.delete(uri);
      if (this.held.has(uri)) republish(uri);
    };
    return vscode.Disposable.from(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const last = e.contentChanges[e.contentChanges.length - 1];
        if (last) this.lastEdit.set(e.document.uri.toString(), editEnd(last.range, last.text));
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const uri = e.textEditor.document.uri.toString();
        const held = this.held.get(uri);
        const cursor = e.textEditor.selection.active;
        const edit = this.lastEdit.get(uri);
        // Typing moves the cursor too, to where the edit ended: the name is still being typed.
        const typed = edit !== undefined && cursor.line === edit.line && cursor.character === edit.character;
        if (held && !typed && !held.some((r) => r.contains(cursor))) release(uri);
      }),
      vscode.workspace.onWillSaveTextDocument((e) => {
        if (e.reason === vscode.TextDocumentSaveReason.Manual) manualSaves.add(e.document.uri.toString());
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (manualSaves.delete(doc.uri.toString())) release(doc.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.lastEdit.delete(doc.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor(() => {
        for (const uri of [...this.held.keys()]) release(uri);
      }),
    );
  }
}

export function toDiagnostic(issue: IssueInfo, docsUri: (code: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(issue.range), issue.message, toSeverity(issue.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: issue.code, target: docsUri(issue.code) };
  return diagnostic;
}
