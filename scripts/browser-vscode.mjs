// Shared by the integration runner and the screenshot script: code-server (VS Code's server and web
// workbench) on a free local port, opened in Debian's Chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Installs (once, cached outside the clone) and returns the path of the code-server binary. */
export function ensureCodeServer() {
  const out = execFileSync('bash', [path.join(root, 'scripts/install-browser-vscode.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}

export function freePort() {
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
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts code-server on `workspace` (or on no folder at all) with its own home, user data (with `settings`) and extensions
 * folders under `work`. Returns its port, its output so far, a URL builder and `stop()`.
 */
export async function startCodeServer({ codeServer, work, workspace, settings, env = {}, port: wantedPort }) {
  const home = path.join(work, 'home');
  const userData = path.join(work, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none', ...settings }, null, 2));
  // A fixed port keeps the same workspace identity (and so the same extension storage) across starts.
  const port = wantedPort ?? (await freePort());
  const server = spawn(
    codeServer,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', path.join(work, 'extensions'), ...(workspace ? [workspace] : [])],
    { env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const output = { text: '' };
  server.stdout.on('data', (d) => (output.text += d));
  server.stderr.on('data', (d) => (output.text += d));
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000);
  } catch (e) {
    stop();
    throw new Error(`${e.message}\n${output.text.slice(-4000)}`);
  }
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  /**
   * The workbench URL for the workspace, with the extension under development (this clone, or the folder
   * `extensionPath`: a staged copy) and its tests, if given. Tests run in the extension host of the
   * extension whose folder holds them.
   */
  const url = ({ testsPath, extensionPath = root } = {}) => {
    const payload = [['extensionDevelopmentPath', remote(extensionPath)], ['skipWelcome', 'true']];
    if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
    // No workspace: an empty window (ew=true), as when a user opens a single file.
    const where = workspace ? `folder=${encodeURIComponent(workspace)}` : 'ew=true';
    return `http://127.0.0.1:${port}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  };
  return { port, output, url, stop };
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
