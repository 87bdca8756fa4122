// One esbuild script for every bundle: the extension (Node host), the extension for the web worker
// host (VS Code for the Web, code-server's web worker) and the CLI.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

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

/**
 * The web worker extension host has no Node and no DOM: no built-ins, and `require` knows only `vscode`. The bundle
 * must not need either (checked after the build). `MEETING_NOTES_WEB_BUNDLE` makes src/vscode/files.ts read
 * through `workspace.fs` only; the Node bundle keeps its direct disk reads.
 */
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  // A worker has no DOM: packages with a `worker` export must not give us their `browser` one
  // (decode-named-character-reference's decodes entities with document.createElement).
  conditions: ['worker'],
  external: ['vscode'],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], define: { MEETING_NOTES_WEB_BUNDLE: 'false' } },
  { ...web, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', define: { MEETING_NOTES_WEB_BUNDLE: 'true' }, metafile: true },
  { ...common, entryPoints: ['src/vscode/scan-worker.ts'], outfile: 'dist/scan-worker.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', define: { __VERSION__: JSON.stringify(version) } },
].filter((b) => existsSync(b.entryPoints[0]));

if (withTests) {
  // The integration suite runs inside VS Code's extension host: vscode and mocha come from there and
  // from node_modules, everything else is bundled.
  const suite = readdirSync('test/integration', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('fixture-vault') && !f.startsWith('run-desktop') && !f.startsWith('web'))
    .map((f) => `test/integration/${f}`);
  builds.push({ ...common, entryPoints: suite, outdir: 'out/test/integration', outbase: 'test/integration', bundle: true, external: ['vscode', 'mocha'] });
  // The same suite for the web worker host (scripts/test-integration.mjs --mode web): one bundle with
  // mocha's browser build and an `assert` of our own in place of node:assert; the suite files are
  // found here, as test/integration/index.ts finds them on Node.
  const webSuite = readdirSync('test/integration/suite').filter((f) => f.endsWith('.test.ts')).sort();
  const webAssert = './test/integration/web/assert.ts';
  builds.push({
    ...web,
    entryPoints: ['test/integration/web/index.ts'],
    outfile: 'out/test/web/index.js',
    alias: { ...web.alias, 'node:assert/strict': webAssert, 'node:assert': webAssert },
    define: { MEETING_NOTES_WEB_SUITE: JSON.stringify(webSuite) },
    metafile: true,
  });
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
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  builds.forEach((options, i) => {
    if (options.platform === 'browser') checkWebBundle(options.outfile, results[i].metafile);
  });
}

/**
 * A web bundle may import `vscode` and nothing else. (esbuild lets a dynamic `import('node:…')` whose
 * failure is handled through as an external import: only files.ts's and scan-worker-host.ts's, which
 * the web bundle never runs, may stay, and minifying drops them.)
 */
function checkWebBundle(outfile, metafile) {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.js'))?.[1];
  const allowed = (i) => i.path === 'vscode' || (!production && ['node:fs', 'node:worker_threads'].includes(i.path) && i.kind === 'dynamic-import');
  const bad = (output?.imports ?? []).filter((i) => i.external && !allowed(i));
  // What esbuild emits for a built-in it leaves external, should one slip past the metafile.
  const requires = [...readFileSync(outfile, 'utf8').matchAll(/\brequire\("(node:[^"]+)"\)/gu)].map((m) => m[1]);
  if (bad.length || requires.length) {
    console.error(`${outfile}: the web worker host cannot load ${[...new Set([...bad.map((i) => i.path), ...requires])].join(', ')}`);
    process.exit(1);
  }
}
