import * as vscode from 'vscode';
import { resolveConfig, RULE_CODES, SETTING_KEYS, TASKS_PLUGIN_PROPOSALS, type MeetingNotesConfig } from '../core';

export const SECTION = 'meetingNotes';

/** Every rule code a `meetingNotes.rules` entry may name. */
const RULE_CODES_KNOWN: readonly string[] = [...RULE_CODES, TASKS_PLUGIN_PROPOSALS];

/** The problem sets already shown this session: settings are read again on every change, each is said once. */
const shown = new Set<string>();

/**
 * Reads the `meetingNotes.*` settings through the shared schema; wrong shapes and unknown rule
 * codes are logged, defaulted, and shown to the user (once per distinct set of problems).
 */
export function readConfig(log: vscode.LogOutputChannel, scope?: vscode.ConfigurationScope): MeetingNotesConfig {
  const section = vscode.workspace.getConfiguration(SECTION, scope);
  const raw: Record<string, unknown> = {};
  const unreadable: string[] = [];
  for (const key of SETTING_KEYS) {
    try {
      raw[key] = section.get(key);
    } catch (e) {
      // A value VS Code cannot hand over (nested too deep to copy, say): the default, said out loud.
      unreadable.push(`meetingNotes.${key} could not be read (${(e as Error).message}); using the default`);
    }
  }
  const resolved = resolveConfig(raw, { ruleCodes: RULE_CODES_KNOWN });
  const problems = [...unreadable, ...resolved.problems];
  for (const p of problems) log.warn(p);
  showOnce(problems);
  return resolved.config;
}

function showOnce(problems: readonly string[]): void {
  if (!problems.length) return;
  const key = problems.join('\n');
  if (shown.has(key)) return;
  shown.add(key);
  const message = problems.length === 1 ? `Meeting Notes settings: ${problems[0]}` : `Meeting Notes settings have ${problems.length} problems: ${problems.join(' · ')}`;
  void vscode.window.showWarningMessage(message, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
  });
}
