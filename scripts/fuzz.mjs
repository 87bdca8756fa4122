// `npm run fuzz [-- --runs 100000] [--seed S] [--path P] [--property NAME]`: the data-safety properties
// (scripts/fuzz-properties.mts) on many seeded generated notes, through parse, check, every fix,
// fix-all and triage. Prints the seed; on a failure, the shrunk note and the command that replays it.
// The TypeScript sources are bundled with esbuild into a temporary folder (scripts/bundle-script.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundleScript, root } from './bundle-script.mjs';

const work = path.join(tmpdir(), 'meeting-notes-fuzz');
mkdirSync(work, { recursive: true });
const runner = path.join(work, 'fuzz-run.cjs');
await bundleScript('fuzz-run.mts', runner);
const run = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
