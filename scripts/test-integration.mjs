// Runs the integration suite (test/integration) inside a real VS Code: code-server's workbench in
// Debian's Chromium, driven by playwright-core, as ../shared/VSCODE-IN-BROWSER.md describes. The suite
// runs three times: in Restricted Mode (an untrusted folder, as users first meet it), in a trusted
// window, and in a window with no folder open (suites that need the fixture vault skip themselves).
// A fourth run, `warm`, starts one window twice on the same vault and user data: the second start
// must come from the index cache the first one wrote. A fifth, `web`, runs the extension's browser
// bundle in the web worker extension host (VS Code for the Web) on the vault in a trusted window:
// code-server puts an extension there only when its manifest has `browser` and no `main`, so it runs a
// staged copy of the extension without `main`, with the web build of the suite (test/integration/web).
//
//   node scripts/test-integration.mjs [--mode restricted|trusted|no-folder|warm|web] [--keep]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

async function runOnce(codeServer, mode, { work, tests = 'out/test/integration/index', env = {}, port, extensionPath } = {}) {
  const trusted = mode !== 'restricted';
  const ownWork = !work;
  work ??= mkdtempSync(path.join(tmpdir(), `meeting-notes-it-${mode}-`));
  const workspace = mode.endsWith('no-folder') ? undefined : path.join(work, 'vault');
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
    await page.goto(server.url({ testsPath: path.resolve(root, tests), extensionPath }));
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

/**
 * The extension as VS Code for the Web gets it: what the package ships (.vscodeignore), with the web
 * bundle and a manifest without `main`, plus the web build of the suite inside it (tests run in the
 * host of the extension whose folder holds them).
 */
function stageWebExtension(work) {
  const dir = path.join(work, 'extension');
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (!manifest.browser) throw new Error('package.json has no "browser" entry');
  delete manifest.main;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const item of ['package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'syntaxes', 'media', 'dist/web']) {
    cpSync(path.join(root, item), path.join(dir, item), { recursive: true });
  }
  cpSync(path.join(root, 'out/test/web'), path.join(dir, 'out/test/web'), { recursive: true });
  return dir;
}

/** The web worker host in a trusted window on the vault, then in a window with no folder (a loose note). */
async function runWeb(codeServer) {
  const work = mkdtempSync(path.join(tmpdir(), 'meeting-notes-it-web-'));
  cpSync(path.join(root, 'test/integration/fixture-vault'), path.join(work, 'vault'), { recursive: true });
  try {
    const extensionPath = stageWebExtension(work);
    const tests = path.join(extensionPath, 'out/test/web/index');
    const onVault = await runOnce(codeServer, 'web', { work, extensionPath, tests });
    const empty = path.join(work, 'no-folder');
    mkdirSync(empty);
    const noFolder = await runOnce(codeServer, 'web-no-folder', { work: empty, extensionPath, tests });
    return onVault || noFolder;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

let failed = false;
for (const mode of onlyMode ? [onlyMode] : ['restricted', 'trusted', 'no-folder', 'warm', 'web']) {
  const started = Date.now();
  const code = mode === 'warm' ? await runWarm(codeServer) : mode === 'web' ? await runWeb(codeServer) : await runOnce(codeServer, mode);
  log(`${mode}: exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
