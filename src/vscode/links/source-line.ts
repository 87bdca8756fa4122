// "From: <transcript>": the evidence behind a proposal, one click away (hover and task tooltip).
import * as vscode from 'vscode';
import { resolveSource, type Note, type NoteIndex } from '../../core';
import { COMMANDS } from '../commands';
import { escapeMarkdown } from '../convert';

/** The markdown line "From: [name](command)" for a note whose source resolves in the vault; undefined otherwise. */
export function sourceLineFor(note: Note, index: NoteIndex): string | undefined {
  const source = resolveSource(note, index.vaultFiles);
  if (!source) return undefined;
  const args = encodeURIComponent(JSON.stringify([source.uri]));
  return `From: [${escapeMarkdown(source.name)}](command:${COMMANDS.openSource}?${args})`;
}

/** Adds "From: …" to a tooltip or hover, and lets it run the one command that opens the source. */
export function appendSourceLine(md: vscode.MarkdownString, note: Note | undefined, index: NoteIndex): void {
  const line = note && sourceLineFor(note, index);
  if (!line) return;
  md.isTrusted = mergeTrust(md.isTrusted);
  md.appendMarkdown(`\n\n${line}\n\n`);
}

function mergeTrust(trust: vscode.MarkdownString['isTrusted']): vscode.MarkdownString['isTrusted'] {
  if (trust === true) return true;
  const enabled = new Set(trust ? trust.enabledCommands : []);
  enabled.add(COMMANDS.openSource);
  return { enabledCommands: [...enabled] };
}
