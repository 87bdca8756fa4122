import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What vsce would put in the VSIX, as `vsce ls` lists it (it reads .vscodeignore as packaging does). */
function packagedFiles(): string[] {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@vscode/vsce/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  const vsce = path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.vsce!);
  const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.replace(/\\/gu, '/'));
}

describe('the VSIX', () => {
  const files = packagedFiles();

  it('holds the bundle, the manifest and what they point at', () => {
    for (const needed of ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'dist/scan-worker.js', 'dist/web/extension.js', 'media/icon.png']) {
      expect(files, needed).toContain(needed);
    }
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { grammars?: { path: string }[] } };
    for (const g of manifest.contributes.grammars ?? []) expect(files).toContain(g.path.replace(/^\.\//u, ''));
    // Every picture the README shows is in the package (the details page shows it from there).
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const [, src] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/gu)) expect(files, src).toContain(src);
  });

  it('leaves out sources, tests, samples, source maps and tooling', () => {
    const leaked = files.filter((f) =>
      /^(src|test|out|scripts|sample-vault|node_modules|bin|\.ci|\.vscode|\.github)\//u.test(f) ||
      /\.(ts|map|mts|vsix)$/u.test(f) ||
      /^(tsconfig\.json|eslint\.config\.mjs|vitest\.config\.mts|package-lock\.json|\.vscodeignore|\.gitignore)$/u.test(f) ||
      f === 'dist/cli.js',
    );
    expect(leaked).toEqual([]);
  });
});
