// `npm run screenshots`: opens the sample vault in the browser VS Code (code-server + Chromium) with the
// extension loaded, drives it with the keyboard like a user, and saves JPEGs (PNG for the status bar) to media/screenshots/.
// JPEG at quality 60 keeps four full-window pictures near 150 KB each, so the VSIX stays under 1 MB.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, launchChromium, root, sleep, startCodeServer } from './browser-vscode.mjs';

const outDir = path.join(root, 'media', 'screenshots');
/** A full-window picture: JPEG, small enough to ship in the VSIX. */
const picture = (name) => ({ path: path.join(outDir, `${name}.jpg`), type: 'jpeg', quality: 60 });
const codeServer = ensureCodeServer();
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

const work = mkdtempSync(path.join(tmpdir(), 'meeting-notes-shots-'));
const vault = path.join(work, 'sample-vault');
cpSync(path.join(root, 'sample-vault'), vault, { recursive: true });
const server = await startCodeServer({
  codeServer,
  work,
  workspace: vault,
  settings: {
    'security.workspace.trust.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.fontSize': 14,
    'editor.minimap.enabled': false,
    'workbench.tips.enabled': false,
    'chat.commandCenter.enabled': false,
    'window.commandCenter': false,
  },
});

let browser;
try {
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(server.url());
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('#workbench\\.parts\\.statusbar', { timeout: 60000 });
  await sleep(6000);
  mkdirSync(outDir, { recursive: true });

  const command = async (text) => {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.type(text, { delay: 10 });
    await sleep(600);
    await page.keyboard.press('Enter');
    await sleep(800);
  };
  const openFile = async (name) => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.type(name, { delay: 10 });
    await sleep(1000);
    await page.keyboard.press('Enter');
    await sleep(1500);
  };
  const goTo = async (line, column) => {
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await sleep(500);
  };
  const dismiss = async () => {
    await page.keyboard.press('Escape');
    await sleep(300);
  };

  // The tree, grouped by note, with the status bar and a note open.
  await openFile('Marcus Oyelaran 1-1');
  // Give the task list the sidebar: fold the file tree section.
  await page.locator('.pane-header[aria-label*="sample-vault" i]').first().click().catch(() => undefined);
  await command('Meeting Notes: Show Proposals');
  await sleep(1000);
  // Scroll the list to its top (the first proposal would sit under the sticky group header) and widen
  // the sidebar so the task texts can be read.
  await page.keyboard.press('Home');
  const sidebar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
  if (sidebar) {
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width - 1, y);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + 560, y, { steps: 8 });
    await page.mouse.up();
  }
  await sleep(500);
  const tree = await page.locator('.pane-body .monaco-list').last().boundingBox();
  if (tree) {
    await page.mouse.move(tree.x + 40, tree.y + 40);
    await page.mouse.wheel(0, -5000);
  }
  await sleep(800);
  await page.screenshot(picture('task-tree'));
  await page.locator('#workbench\\.parts\\.statusbar').screenshot({ path: path.join(outDir, 'status-bar.png') });

  // Hover on a participant.
  await page.locator('.monaco-editor .view-lines').first().click();
  await sleep(300);
  await goTo(6, 45);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page.waitForSelector('.monaco-hover', { state: 'visible', timeout: 10000 }).catch(() => undefined);
  await sleep(1200);
  await page.screenshot(picture('hover'));
  await dismiss();

  // The quick-fix menu on a proposal.
  await goTo(29, 8);
  await page.keyboard.press('Control+.');
  await page.waitForSelector('.action-widget', { state: 'visible', timeout: 10000 }).catch(() => undefined);
  await sleep(1000);
  await page.screenshot(picture('quick-fix'));
  await dismiss();

  // Problems panel.
  await command('View: Focus Problems');
  await sleep(1500);
  await page.screenshot(picture('problems'));
  console.log(`screenshots saved to ${path.relative(root, outDir)}/`);
} finally {
  await browser?.close().catch(() => undefined);
  server.stop();
  rmSync(work, { recursive: true, force: true });
}
