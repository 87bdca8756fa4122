import * as vscode from 'vscode';
import { resolveConfig, SETTING_KEYS, type MeetingNotesConfig } from '../core';

export const SECTION = 'meetingNotes';

/** Reads the `meetingNotes.*` settings through the shared schema; wrong shapes are logged and defaulted. */
export function readConfig(log: vscode.LogOutputChannel, scope?: vscode.ConfigurationScope): MeetingNotesConfig {
  const section = vscode.workspace.getConfiguration(SECTION, scope);
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) raw[key] = section.get(key);
  const { config, problems } = resolveConfig(raw);
  for (const p of problems) log.warn(p);
  return config;
}
