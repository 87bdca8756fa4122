import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, SETTING_KEYS } from '../../src/core/config';
import { RULE_CODES } from '../../src/core/rules';
import { COMMANDS, CONTEXT_KEYS, INTERNAL_COMMAND_IDS, TASK_COMMANDS, TASKS_VIEW } from '../../src/vscode/commands';

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

  it('contributes every command id of src/vscode/commands.ts, and no other', () => {
    const ours = [...Object.values(COMMANDS), ...Object.values(TASK_COMMANDS)].filter((id) => !INTERNAL_COMMAND_IDS.includes(id));
    const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command);
    expect([...contributed].sort()).toEqual([...ours].sort());
    expect(new Set(contributed).size, 'no command contributed twice').toBe(contributed.length);
    // Internal commands stay out of the manifest (and so out of the palette).
    for (const id of INTERNAL_COMMAND_IDS) expect(contributed).not.toContain(id);
  });

  it('names only contributed commands in menus and keybindings', () => {
    const contributed = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    const menus = Object.values(pkg.contributes.menus as Record<string, { command: string }[]>).flat();
    for (const { command } of [...menus, ...(pkg.contributes.keybindings as { command: string }[])]) expect(contributed.has(command), command).toBe(true);
  });

  it('uses in when clauses only the view id, settings and the context keys of src/vscode/commands.ts', () => {
    expect((pkg.contributes.views.explorer as { id: string }[]).map((v) => v.id)).toEqual([TASKS_VIEW]);
    const known = new Set<string>([TASKS_VIEW, ...Object.values(CONTEXT_KEYS)]);
    const clauses = JSON.stringify([pkg.contributes.menus, pkg.contributes.keybindings, pkg.contributes.viewsWelcome]).match(/"when":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(clauses.length).toBeGreaterThan(10);
    const used = new Set(clauses.flatMap((c) => c.match(/(?<!config\.)\bmeetingNotes\.[\w.]+/g) ?? []));
    for (const key of used) expect(known.has(key), `${key} in a when clause`).toBe(true);
    // …and every context key we set is read somewhere.
    for (const key of Object.values(CONTEXT_KEYS)) expect(used.has(key), `${key} is set but never read`).toBe(true);
  });

  it('writes command ids only in src/vscode/commands.ts', () => {
    const ids = (pkg.contributes.commands as { command: string }[]).map((c) => c.command);
    const files = (readdirSync(new URL('../../src', import.meta.url), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && f.replaceAll('\\', '/') !== 'vscode/commands.ts');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(new URL(`../../src/${file.replaceAll('\\', '/')}`, import.meta.url), 'utf8');
      for (const id of ids) expect(text.includes(`'${id}'`) || text.includes(`\`${id}\``), `${id} written in src/${file}`).toBe(false);
    }
  });
});
