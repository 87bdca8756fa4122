import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, SETTING_KEYS } from '../../src/core/config';
import { RULE_CODES } from '../../src/core/rules';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const nls = JSON.parse(readFileSync(new URL('../../package.nls.json', import.meta.url), 'utf8')) as Record<string, string>;
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('extension manifest', () => {
  it('declares every setting of the shared schema, with the same defaults, a description and a scope', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; markdownDescription?: string; scope?: string }>;
    const editorOnly = ['meetingNotes.triage.moveToNext', 'meetingNotes.triage.codeLens'];
    expect(Object.keys(props).filter((k) => !editorOnly.includes(k)).sort()).toEqual(SETTING_KEYS.map((k) => `meetingNotes.${k}`).sort());
    for (const key of SETTING_KEYS) {
      const prop = props[`meetingNotes.${key}`]!;
      expect(prop.default, key).toEqual(DEFAULT_CONFIG[key]);
      expect(prop.markdownDescription, key).toMatch(/^%.+%$/);
      expect(prop.scope, key).toBeDefined();
    }
  });

  it('puts every user-visible string through package.nls.json', () => {
    const placeholders = JSON.stringify(pkg).match(/%[^%"]+%/g) ?? [];
    expect(placeholders.length).toBeGreaterThan(10);
    for (const p of placeholders) expect(nls[p.slice(1, -1)], p).toBeTruthy();
    for (const c of pkg.contributes.commands) {
      expect(c.command).toMatch(/^meetingNotes\./);
      expect(c.category).toBe('%command.category%');
    }
  });

  it('keeps the stable names, and is honest about trust and virtual workspaces', () => {
    expect(pkg.name).toBe('meeting-notes');
    expect(nls.displayName).toBe('Meeting Notes');
    expect(pkg.bin['meeting-notes']).toBe('bin/meeting-notes.js');
    expect(pkg.engines.vscode).toBe('^1.100.0');
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(pkg.activationEvents).toContain('onLanguage:markdown');
  });

  it('documents every rule in the README under a heading the diagnostics link to', () => {
    for (const code of RULE_CODES) expect(readme, code).toContain(`### \`${code}\``);
  });
});
