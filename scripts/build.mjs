// One esbuild script for every bundle: the extension (Node host) and the CLI.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow; its ESM build is fine.
  mainFields: ['module', 'main'],
  // yaml's own ESM build (the one it ships for browsers; no Node built-ins): the same code, and it
  // parses 10,000 frontmatters about a quarter faster in a bundle than its CommonJS build (measured).
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', define: { __VERSION__: JSON.stringify(version) } },
].filter((b) => existsSync(b.entryPoints[0]));

if (withTests) {
  // The integration suite runs inside VS Code's extension host: vscode and mocha come from there and
  // from node_modules, everything else is bundled.
  const { readdirSync } = await import('node:fs');
  const suite = readdirSync('test/integration', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('fixture-vault') && !f.startsWith('run-desktop'))
    .map((f) => `test/integration/${f}`);
  builds.push({ ...common, entryPoints: suite, outdir: 'out/test/integration', outbase: 'test/integration', bundle: true, external: ['vscode', 'mocha'] });
}
if (process.argv.includes('--bench')) {
  builds.push({ ...common, entryPoints: ['test/bench/editor-bench.ts'], outdir: 'out/test/bench', bundle: true, external: ['vscode'] });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
