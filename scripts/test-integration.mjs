// Runs the integration suite (test/integration) inside a real VS Code: code-server's workbench in
// Debian's Chromium, driven by playwright-core, as ../shared/VSCODE-IN-BROWSER.md describes. The suite
// runs twice: in Restricted Mode (an untrusted folder, as users first meet it) and in a trusted window.
//
//   node scripts/test-integration.mjs [--mode restricted|trusted] [--keep]
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const onlyMode = args.includes('--mode') ? args[args.indexOf('--mode') + 1] : undefined;
const keep = args.includes('--keep');
const RUN_TIMEOUT_MS = Number(process.env.MEETING_NOTES_TEST_TIMEOUT_MS ?? 8 * 60 * 1000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function log(message) {
  process.stdout.write(`[integration] ${message}\n`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

function ensureCodeServer() {
  const out = execFileSync('bash', [path.join(root, 'scripts/install-browser-vscode.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}

async function runOnce(codeServer, mode) {
  const trusted = mode === 'trusted';
  const work = mkdtempSync(path.join(tmpdir(), `meeting-notes-it-${mode}-`));
  const workspace = path.join(work, 'vault');
  const home = path.join(work, 'home');
  const userData = path.join(work, 'user-data');
  const extensionsDir = path.join(work, 'extensions');
  cpSync(path.join(root, 'test/integration/fixture-vault'), workspace, { recursive: true });
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(home, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': !trusted,
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.enableExperiments': false,
        'update.mode': 'none',
      },
      null,
      2,
    ),
  );

  const port = await freePort();
  const server = spawn(
    codeServer,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--user-data-dir', userData, '--extensions-dir', extensionsDir, workspace],
    {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), MEETING_NOTES_EXPECT_TRUSTED: trusted ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));

  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
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
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(root, 'out/test/integration/index'))],
      ['skipWelcome', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`${mode}: ${workspace}`);
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      await page.screenshot({ path: path.join(root, `test-results-${mode}-timeout.png`) }).catch(() => undefined);
      throw new Error(`the suite did not finish within ${RUN_TIMEOUT_MS} ms (screenshot: test-results-${mode}-timeout.png)`);
    }
    return code;
  } catch (e) {
    log(`code-server output:\n${serverLog.slice(-4000)}`);
    throw e;
  } finally {
    await browser?.close().catch(() => undefined);
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

const codeServer = ensureCodeServer();
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--tests'], { stdio: 'inherit', cwd: root });
let failed = false;
for (const mode of onlyMode ? [onlyMode] : ['restricted', 'trusted']) {
  const started = Date.now();
  const code = await runOnce(codeServer, mode);
  log(`${mode}: exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
