import * as vscode from 'vscode';
import { acceptAllProposals, rejectAllProposals, safeFixEdits, type Fix, type Issue, type Note, type NoteIndex, type Task, type TextEdit } from '../../core';
import { addEdits, localToday, toRange } from '../convert';
import { DIAGNOSTIC_SOURCE } from '../diagnostics/register-diagnostics';
import type { WorkspaceIndex } from '../workspace-index';
import { COMMANDS } from '../commands';
import { personNoteEdit } from '../people/person-notes';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('meetingNotes');
const TRIAGE_KIND = vscode.CodeActionKind.QuickFix.append('meetingNotes.triage');

/**
 * Triage and rule fixes as code actions. Every one carries its WorkspaceEdit (a preview, one undo
 * step); none mutates the editor through a command.
 */
export function registerCodeActions(index: NoteIndex, workspace: WorkspaceIndex, today: () => string = localToday): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, range, context) {
      const note = workspace.noteFor(document);
      if (!note) return [];
      const only = context.only;
      const actions: vscode.CodeAction[] = [];
      if (!only || only.intersects(vscode.CodeActionKind.QuickFix)) {
        actions.push(...triageActions(document, note, range, today));
        actions.push(...ruleActions(document, workspace.issuesFor(note), range, context, index));
      }
      if (only && only.intersects(FIX_ALL_KIND)) {
        const fixAll = fixAllAction(document, workspace.issuesFor(note));
        if (fixAll) actions.push(fixAll);
      }
      return actions;
    },
  };
  return vscode.languages.registerCodeActionsProvider([{ language: 'markdown' }], provider, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, TRIAGE_KIND, FIX_ALL_KIND],
  });
}

function proposalsIn(note: Note, range: vscode.Range): Task[] {
  return note.tasks.filter((t) => t.status === 'proposed' && t.line >= range.start.line && t.line <= range.end.line);
}

function editAction(title: string, kind: vscode.CodeActionKind, uri: vscode.Uri, edits: readonly TextEdit[], preferred = false): vscode.CodeAction {
  const action = new vscode.CodeAction(title, kind);
  action.edit = addEdits(new vscode.WorkspaceEdit(), uri, edits);
  action.isPreferred = preferred;
  return action;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function triageActions(document: vscode.TextDocument, note: Note, range: vscode.Range, today: () => string): vscode.CodeAction[] {
  const selected = proposalsIn(note, range);
  if (!selected.length) return [];
  const uri = document.uri;
  const all = note.tasks.filter((t) => t.status === 'proposed');
  const actions: vscode.CodeAction[] = [];
  // After the edit, the cursor moves on to the next proposal (meetingNotes.triage.moveToNext), as the keys do.
  const moveOn = (action: vscode.CodeAction) => {
    action.command = { title: 'Go to the next proposal', command: COMMANDS.afterDecision, arguments: [uri.toString(), Math.max(...selected.map((t) => t.line))] };
    return action;
  };
  if (selected.length === 1) {
    actions.push(moveOn(editAction('Accept proposed task', TRIAGE_KIND, uri, acceptAllProposals(note, selected), true)));
    actions.push(moveOn(editAction('Reject proposed task', TRIAGE_KIND, uri, rejectAllProposals(note, today(), selected))));
  } else {
    actions.push(moveOn(editAction(`Accept the ${selected.length} selected proposals`, TRIAGE_KIND, uri, acceptAllProposals(note, selected), true)));
    actions.push(moveOn(editAction(`Reject the ${selected.length} selected proposals`, TRIAGE_KIND, uri, rejectAllProposals(note, today(), selected))));
  }
  if (all.length > selected.length) {
    actions.push(editAction(`Accept all ${plural(all.length, 'proposal')} in this note`, TRIAGE_KIND, uri, acceptAllProposals(note, all)));
    actions.push(editAction(`Reject all ${plural(all.length, 'proposal')} in this note`, TRIAGE_KIND, uri, rejectAllProposals(note, today(), all)));
  }
  return actions;
}

function matchingDiagnostics(issue: Issue, context: vscode.CodeActionContext): vscode.Diagnostic[] {
  const range = toRange(issue.span.range);
  return context.diagnostics.filter(
    (d) => d.source === DIAGNOSTIC_SOURCE && d.range.isEqual(range) && (typeof d.code === 'object' ? d.code.value : d.code) === issue.code,
  );
}

function ruleActions(
  document: vscode.TextDocument,
  issues: readonly Issue[],
  range: vscode.Range,
  context: vscode.CodeActionContext,
  index: NoteIndex,
): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const issue of issues) {
    const issueRange = toRange(issue.span.range);
    if (!issueRange.intersection(range) && !(issueRange.start.line <= range.end.line && issueRange.end.line >= range.start.line && issueRange.isEmpty)) continue;
    for (const fix of issue.fixes) {
      const action = fixAction(document, fix, index);
      if (!action) continue;
      action.diagnostics = matchingDiagnostics(issue, context);
      actions.push(action);
    }
  }
  return actions;
}

function fixAction(document: vscode.TextDocument, fix: Fix, index: NoteIndex): vscode.CodeAction | undefined {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.isPreferred = fix.isPreferred === true;
  if (fix.action?.kind === 'createPersonNote') {
    const created = personNoteEdit(document.uri, fix.action.name, index);
    if (!created) return undefined;
    action.edit = created.edit;
    action.command = { title: 'Open the person note', command: 'vscode.open', arguments: [created.uri] };
    return action;
  }
  if (fix.action?.kind === 'pickPerson') {
    const { name, replaceWith } = fix.action;
    const edit = (person: string) => addEdits(new vscode.WorkspaceEdit(), document.uri, replaceWith(person));
    action.command = { title: fix.title, command: COMMANDS.pickPerson, arguments: [{ uri: document.uri, version: document.version, name, edit }] };
    return action;
  }
  if (fix.action?.kind === 'addKnownPerson') {
    action.command = { title: fix.title, command: COMMANDS.addKnownPerson, arguments: [fix.action.name, document.uri] };
    return action;
  }
  if (!fix.edits.length) return undefined;
  action.edit = addEdits(new vscode.WorkspaceEdit(), document.uri, fix.edits);
  return action;
}

/** Every safe fix of the note that does not overlap an earlier one; triage is never among them. */
export function fixAllAction(document: vscode.TextDocument, issues: readonly Issue[]): vscode.CodeAction | undefined {
  const { edits: taken } = safeFixEdits(issues);
  if (!taken.length) return undefined;
  const action = new vscode.CodeAction('Fix all safe Meeting Notes problems', FIX_ALL_KIND);
  action.edit = addEdits(new vscode.WorkspaceEdit(), document.uri, taken);
  return action;
}
