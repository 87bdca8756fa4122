// `npm run bench:editor [-- --notes 10000] [--seed 1]`: the extension in a real VS Code (code-server's
// workbench in Chromium, as the integration suite runs it) on the generated vault. One window is
// started twice on the same user data: cold (nothing cached) and warm (the cache the first start
// wrote). Prints the time from activation to a finished first scan, what the scan read, its longest
// synchronous slice, and the extension host's memory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer, freePort, launchChromium, root, startCodeServer } from './browser-vscode.mjs';
import { generateVault } from './vault-generator.mjs';

const { values } = parseArgs({ options: { notes: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } });
const NOTES = Number(values.notes);
const SEED = Number(values.seed);

const work = path.join(tmpdir(), 'meeting-notes-bench');
const vault = path.join(work, `vault-${NOTES}-seed${SEED}`);
if (!existsSync(path.join(vault, '.complete'))) {
  rmSync(vault, { recursive: true, force: true });
  let bytes = 0;
  for (const f of generateVault({ notes: NOTES, seed: SEED })) {
    const file = path.join(vault, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  writeFileSync(path.join(vault, '.complete'), `${bytes}\n`);
}

const codeServer = ensureCodeServer();
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--bench'], { stdio: 'inherit', cwd: root });
const session = mkdtempSync(path.join(tmpdir(), 'meeting-notes-bench-editor-'));
const port = await freePort();

async function start(label) {
  const out = path.join(session, `${label}.json`);
  const server = await startCodeServer({ codeServer, work: session, workspace: vault, settings: { 'security.workspace.trust.enabled': false }, env: { MEETING_NOTES_BENCH_OUT: out }, port });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', () => undefined);
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    const started = Date.now();
    await page.goto(server.url({ testsPath: path.join(root, 'out/test/bench/editor-bench') }));
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 10 * 60 * 1000)))]);
    clearTimeout(timer); // else the process outlives its results by ten minutes
    if (code !== 0) throw new Error(`the ${label} start ended with ${code}\n${server.output.text.slice(-3000)}`);
    return { ...JSON.parse(readFileSync(out, 'utf8')), pageLoadToExitMs: Date.now() - started };
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
  }
}

const cold = await start('cold');
const warm = await start('warm');
rmSync(session, { recursive: true, force: true });

const rows = [
  ['Notes indexed', cold.notes, warm.notes],
  ['Activation to counts final', `${(cold.activationToReadyMs / 1000).toFixed(2)} s`, `${(warm.activationToReadyMs / 1000).toFixed(2)} s`],
  ["Notes read (on a worker thread) / from the cache", `${cold.scan.read} (${cold.scan.inWorker ?? 0}) / ${cold.scan.fromCache}`, `${warm.scan.read} (${warm.scan.inWorker ?? 0}) / ${warm.scan.fromCache}`],
  ['Of which: listing files (by) / reading files / indexing', `${cold.scan.listMs} (${cold.scan.lister}) / ${cold.scan.readMs} / ${cold.scan.indexMs} ms`, `${warm.scan.listMs} (${warm.scan.lister}) / ${warm.scan.readMs} / ${warm.scan.indexMs} ms`],
  ['Scan, start to end', `${cold.scan.ms} ms`, `${warm.scan.ms} ms`],
  ['Longest synchronous slice of the scan', `${cold.scan.longestSliceMs} ms (${cold.scan.longestSliceWhat})`, `${warm.scan.longestSliceMs} ms (${warm.scan.longestSliceWhat})`],
  ['Extension host RSS at activation → after the scan', `${cold.rssAtActivationMb} → ${cold.rssAfterMb} MB`, `${warm.rssAtActivationMb} → ${warm.rssAfterMb} MB`],
  ['Extension host peak RSS', `${cold.peakRssMb} MB`, `${warm.peakRssMb} MB`],
  ['Status bar', cold.statusBar, warm.statusBar],
];
console.log(`VS Code (code-server) in Chromium, ${NOTES} notes, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| Measurement | Cold | Warm |\n|---|---|---|');
for (const [what, a, b] of rows) console.log(`| ${what} | ${a} | ${b} |`);
