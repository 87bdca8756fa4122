import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../src/core/rules';
import { TASKS_PLUGIN_RULE } from '../../src/core/tasks-plugin';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, { enum: string[]; markdownDescription: string }>; additionalProperties?: unknown }> } };
};
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('the meetingNotes.rules setting schema', () => {
  const schema = manifest.contributes.configuration.properties['meetingNotes.rules']!;

  it('lists exactly the rule codes, so VS Code flags a misspelt one', () => {
    expect(Object.keys(schema.properties ?? {})).toEqual([...RULES, TASKS_PLUGIN_RULE].map((r) => r.code));
    expect(schema.additionalProperties).toBe(false);
  });

  it('offers the same severities for each, and describes each rule', () => {
    for (const [code, property] of Object.entries(schema.properties ?? {})) {
      expect(property.enum).toEqual(['error', 'warning', 'info', 'hint', 'off']);
      const key = /^%(.+)%$/u.exec(property.markdownDescription)?.[1];
      expect(nls[key ?? ''], code).toMatch(/\S.*Default: `(error|warning|info|hint)`\.$/u);
    }
  });
});
