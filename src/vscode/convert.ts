// Core → VS Code type conversion, in one place.
import * as vscode from 'vscode';
import { isMarkdownPath, type Range as CoreRange, type Severity, type TextEdit } from '../core';

export function toRange(range: CoreRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

export function addEdits(workspaceEdit: vscode.WorkspaceEdit, uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  for (const e of edits) workspaceEdit.replace(uri, toRange(e.range), e.newText);
  return workspaceEdit;
}

/** Today as YYYY-MM-DD in the user's time zone: the date a person would write by hand. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isMarkdownUri(uri: vscode.Uri): boolean {
  return isMarkdownPath(uri.path);
}

/** Text shown in hover markdown, with the characters markdown would read as syntax taken literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/gu, (c) => `\\${c}`);
}
