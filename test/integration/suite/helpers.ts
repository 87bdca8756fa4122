import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../../src/extension';

export const EXTENSION_ID = 'meeting-notes.meeting-notes';

/** Whether this runs in the web worker extension host (VS Code for the Web), where there is no Node `process`. */
export const inWebHost = typeof process === 'undefined';

/** The tests skipped in the web worker host, with why (test/integration/web/index.ts lists them after the run). */
export const webHostSkips: { test: string; reason: string }[] = [];

/**
 * Skips the current test, or from a `before` hook its whole suite, in the web worker host only, saying why.
 * The Node runs still run it.
 */
export function skipInWebHost(context: Mocha.Context, reason: string): void {
  if (!inWebHost) return;
  const runnable: (Mocha.Runnable & { type?: string }) | undefined = context.currentTest ?? context.test;
  const test = runnable?.type === 'hook' ? `${runnable.parent?.fullTitle() ?? '?'} (the whole suite)` : (runnable?.fullTitle() ?? '?');
  webHostSkips.push({ test, reason });
  context.skip();
}

export async function activate(): Promise<MeetingNotesApi> {
  const ext = vscode.extensions.getExtension<MeetingNotesApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the suite needs the fixture vault open as a folder');
  return f.uri;
}

export function note(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...rel.split('/'));
}

/** Polls until `probe` returns a value that `ok` accepts; fails with the last value seen. */
export async function waitFor<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last value: ${JSON.stringify(last, null, 1)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'meeting-notes');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function codes(uri: vscode.Uri): string[] {
  return ours(uri).map(codeOf).sort();
}

export async function waitForCodes(uri: vscode.Uri, expected: string[], timeoutMs = 10000): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort();
  await waitFor(() => codes(uri), (c) => JSON.stringify(c) === JSON.stringify(want), `diagnostics ${want.join(', ')} on ${uri.path}`, timeoutMs);
  return ours(uri);
}

const encoder = new TextEncoder();

/** Writes a scratch note into the workspace (a fresh file per test keeps tests independent). */
export async function writeNote(rel: string, text: string): Promise<vscode.Uri> {
  const uri = note(rel);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

/**
 * Code actions at a range, asked for until those titled `expected` are all there. VS Code's
 * executeCodeActionProvider occasionally drops a provider's actions from its result when another
 * code-action request races it (seen with code-server 1.100); asking again gets them. The provider's
 * answer itself is what the tests check.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string, expected: string[] = []): Promise<vscode.CodeAction[]> {
  const ask = async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
  if (!expected.length) return ask();
  return waitFor(ask, (actions) => expected.every((t) => actions.some((a) => a.title === t)), `code actions ${expected.join(', ')}`, 5000);
}

export function lineRange(doc: vscode.TextDocument, line: number): vscode.Range {
  return new vscode.Range(line, 0, line, doc.lineAt(line).text.length);
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  assert.fail(`no line with ${needle}`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
