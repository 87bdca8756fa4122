// `npm run fuzz [-- --runs 100000] [--seed S] [--path P] [--property NAME]`: the data-safety properties
// (scripts/fuzz-properties.mts) on many seeded generated notes, through parse, check, every fix,
// fix-all and triage. Prints the seed; on a failure, the shrunk note and the command that replays it.
// The TypeScript sources are bundled with esbuild into a temporary folder, as scripts/bench.mjs does.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(tmpdir(), 'meeting-notes-fuzz');
mkdirSync(work, { recursive: true });
const runner = path.join(work, 'fuzz-run.cjs');
await build({
  entryPoints: [path.join(root, 'scripts/fuzz-run.mts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: runner,
  mainFields: ['module', 'main'],
  alias: { yaml: path.join(root, 'node_modules/yaml/browser/index.js') },
  logLevel: 'error',
});
const run = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
