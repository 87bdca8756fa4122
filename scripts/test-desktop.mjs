// Runs the integration suite in desktop VS Code, downloaded by @vscode/test-electron (needs internet).
// The same suite runs in the browser VS Code with scripts/test-integration.mjs.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--tests'], { stdio: 'inherit' });
const workspace = path.join(mkdtempSync(path.join(tmpdir(), 'meeting-notes-desktop-')), 'vault');
cpSync(path.join(root, 'test/integration/fixture-vault'), workspace, { recursive: true });
await runTests({
  version: '1.100.3',
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out/test/integration/index'),
  launchArgs: [workspace, '--disable-extensions', '--skip-welcome'],
});
