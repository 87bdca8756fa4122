// `npm run package`: builds the VSIX with vsce (which runs `vscode:prepublish`, the production bundle),
// prints its size and what is in it, and fails when it is over the 1 MB budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT = 1024 * 1024;
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${name}-${version}.vsix`);

/** vsce, from the dev dependencies: the same version on every machine. */
export function vsceBin() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@vscode/vsce/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.vsce);
}

// Everything the extension needs is in the bundle: no node_modules in the package. The README's
// pictures are relative links to files inside the package, so they are not rewritten to a repository.
execFileSync(process.execPath, [vsceBin(), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: 'inherit' });
const size = statSync(out).size;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`${path.relative(root, out)}: ${kb(size)} (budget ${kb(LIMIT)})`);
if (size > LIMIT) {
  console.error(`The VSIX is over its budget by ${kb(size - LIMIT)}: see what \`npx vsce ls --no-dependencies\` lists.`);
  process.exit(1);
}
