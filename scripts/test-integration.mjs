// Runs the integration suite (test/integration) inside a real VS Code: code-server's workbench in
// Debian's Chromium, driven by playwright-core, as ../shared/VSCODE-IN-BROWSER.md describes. The suite
// runs three times: in Restricted Mode (an untrusted folder, as users first meet it), in a trusted
// window, and in a window with no folder open (suites that need the fixture vault skip themselves).
// A fourth run, `warm`, starts one window twice on the same vault and user data: the second start
// must come from the index cache the first one wrote.
//
//   node scripts/test-integration.mjs [--mode restricted|trusted|no-folder|warm] [--keep]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { ensureCodeServer, freePort, launchChromium, root, startCodeServer } from './browser-vscode.mjs';

const args = process.argv.slice(2);
const onlyMode = args.includes('--mode') ? args[args.indexOf('--mode') + 1] : undefined;
const keep = args.includes('--keep');
const RUN_TIMEOUT_MS = Number(process.env.MEETING_NOTES_TEST_TIMEOUT_MS ?? 8 * 60 * 1000);

function log(message) {
  process.stdout.write(`[integration] ${message}\n`);
}

async function runOnce(codeServer, mode, { work, tests = 'out/test/integration/index', env = {}, port } = {}) {
  const trusted = mode !== 'restricted';
  const ownWork = !work;
  work ??= mkdtempSync(path.join(tmpdir(), `meeting-notes-it-${mode}-`));
  const workspace = mode === 'no-folder' ? undefined : path.join(work, 'vault');
  if (workspace && ownWork) cpSync(path.join(root, 'test/integration/fixture-vault'), workspace, { recursive: true });
  const server = await startCodeServer({
    codeServer,
    work,
    workspace,
    // With trust enabled, the untrusted folder opens in Restricted Mode (the prompt is refused).
    settings: { 'security.workspace.trust.enabled': !trusted, 'workbench.enableExperiments': false },
    env: { MEETING_NOTES_EXPECT_TRUSTED: trusted ? '1' : '0', ...env },
    port,
  });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      // The extension host forwards console calls with their arguments: format them as Node would.
      const text = Array.isArray(logArgs) ? format(...logArgs) : String(logArgs);
      // The workbench's own complaints about the unreachable marketplace are noise here.
      if (/open-vsx\.org|marketplace|ENOTFOUND|^\s+at .*workbench\.js/u.test(text)) return;
      process.stdout.write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    log(`${mode}: ${workspace ?? 'no folder'}`);
    await page.goto(server.url({ testsPath: path.join(root, tests) }));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      const shot = path.join(root, `test-results-${mode}-timeout.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`the suite did not finish within ${RUN_TIMEOUT_MS} ms (screenshot: ${shot})`);
    }
    return code;
  } catch (e) {
    log(`code-server output:\n${server.output.text.slice(-4000)}`);
    throw e;
  } finally {
    await browser?.close().catch(() => undefined);
    server.stop();
    if (!keep && ownWork) rmSync(work, { recursive: true, force: true });
  }
}

const codeServer = ensureCodeServer();
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--tests'], { stdio: 'inherit', cwd: root });
/** Two starts of one window on one vault and user data folder: the second must use the cache. */
async function runWarm(codeServer) {
  const work = mkdtempSync(path.join(tmpdir(), 'meeting-notes-it-warm-'));
  // Timestamps kept: a file changed moments before a scan is (rightly) not trusted to the cache.
  cpSync(path.join(root, 'test/integration/fixture-vault'), path.join(work, 'vault'), { recursive: true, preserveTimestamps: true });
  // The same port for both starts: the workbench derives the workspace's storage from its address.
  const port = await freePort();
  try {
    for (const start of ['first', 'second']) {
      const code = await runOnce(codeServer, 'warm', { work, tests: 'out/test/integration/warm/index', env: { MEETING_NOTES_WARM_START: start }, port });
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

let failed = false;
for (const mode of onlyMode ? [onlyMode] : ['restricted', 'trusted', 'no-folder', 'warm']) {
  const started = Date.now();
  const code = mode === 'warm' ? await runWarm(codeServer) : await runOnce(codeServer, mode);
  log(`${mode}: exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
