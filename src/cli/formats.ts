import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { RULES } from '../core/rules';
import { TASKS_PLUGIN_RULE } from '../core/tasks-plugin';

/** One finding as the CLI reports it: 1-based lines and columns, the file as shown to the user. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

/**
 * Where each rule is documented: its section in the README shipped beside the CLI (the README's
 * headings are the rule codes). `docs` may name another copy of the README, such as a web page.
 */
export function ruleHelpUri(code: string, docs: string): string {
  return `${docs}#${code}`;
}

/** The README beside the installed CLI (dist/cli.js → ../README.md), as a file: URI. */
export function bundledReadmeUri(cliDir: string): string {
  return pathToFileURL(path.join(cliDir, '..', 'README.md')).href;
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A file name (or a message naming one) as part of one line of text output: control characters (a
 * newline in a name would start a line of its own, an escape sequence would drive the terminal)
 * written as escapes, `\n`, `\x1b`. JSON, SARIF and GitHub annotations escape in their own way.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/gu, (c) => CONTROL_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A path as a SARIF artifact URI: relative to the working folder, forward slashes, percent-encoded. */
function artifactUri(file: string): string {
  return file.split(/[\\/]/u).map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules that exist (so that a clean run
 * still lists them), and each finding with a region. Files are relative to the working folder,
 * which `originalUriBaseIds` names, so that code scanning maps them onto the checkout.
 */
export function toSarif(findings: readonly Finding[], options: { version: string; docs: string; cwd: string }): Log {
  const rules: ReportingDescriptor[] = [...RULES, TASKS_PLUGIN_RULE].map((rule) => ({
    id: rule.code,
    // A readable name apart from the opaque id, as SARIF asks: yaml-syntax → YamlSyntax.
    name: rule.code.replace(/(?:^|-)([a-z])/gu, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    helpUri: ruleHelpUri(rule.code, options.docs),
    defaultConfiguration: { level: rule.defaultSeverity === 'hint' ? 'none' : SARIF_LEVEL[rule.defaultSeverity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: ruleIndex.get(f.code),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file), uriBaseId: 'SRCROOT' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  }));
  const root = pathToFileURL(options.cwd).href;
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'meeting-notes', version: options.version, informationUri: options.docs, rules } },
        originalUriBaseIds: { SRCROOT: { uri: root.endsWith('/') ? root : `${root}/` } },
        results,
      },
    ],
  };
}

/** A workflow command's data: `%`, CR and LF escaped, as the runner unescapes them. */
function escapeData(s: string): string {
  return s.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** A workflow command's property value: its data escapes, and `:` and `,`, which end a property. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: one annotation per finding, on its file and lines. */
export function toGithubAnnotations(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const props = [`file=${escapeProperty(f.file.split(path.sep).join('/'))}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(f.code)}`];
      return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

/**
 * Writes `JSON.stringify(items, null, 2)` and a line break, the same text, a part at a time: a run
 * with hundreds of thousands of findings never builds one string of them all.
 */
export async function writeJsonArray(items: readonly unknown[], out: (s: string) => void, drained?: () => Promise<void>, chunk = 1000): Promise<void> {
  if (!items.length) {
    out('[]\n');
    return;
  }
  for (let i = 0; i < items.length; i += chunk) {
    // A part is its items as an array of their own, without its brackets: inside them the items are
    // indented and separated exactly as in the whole array (one native call per part, not per item).
    const part = JSON.stringify(items.slice(i, i + chunk), null, 2).slice(2, -2);
    out(`${i === 0 ? '[\n' : ',\n'}${part}`);
    await drained?.();
  }
  out('\n]\n');
}
