// `npm run bench`: how fast the core parses and checks notes, and the CLI checks a folder. Prints
// medians of several runs measured in one process, so compare the numbers with each other rather than
// across machines (these machines are shared and noisy).
//   node scripts/bench.mjs [--notes 10000] [--runs 5]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const NOTES = arg('--notes', 10000);
const RUNS = arg('--runs', 5);

const work = mkdtempSync(path.join(tmpdir(), 'meeting-notes-bench-'));
const bundle = path.join(work, 'core.cjs');
// Bundled exactly as the extension and CLI bundle it.
await build({ entryPoints: [path.join(root, 'src/core/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, mainFields: ['module', 'main'], logLevel: 'error' });
const core = createRequire(import.meta.url)(bundle);

const seed = readFileSync(path.join(root, 'test/fixtures/seed-shaped-note.md'), 'utf8');
const people = ['Marcus Ellery', 'Dana Whitlock', 'Priya Okafor', 'Tom Lindqvist', 'Sonia Brandt'];
function note(i) {
  const day = String((i % 28) + 1).padStart(2, '0');
  return seed.replace(/2025-12-19/gu, `2025-11-${day}`).replace('Kestrel', `Kestrel ${i}`);
}
function personNote(name) {
  return `---\ntype: person\ntitle: "${name}"\naliases: []\nrole: "Engineer"\n---\n# ${name}\n`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const rows = [];
const report = (what, ms, extra = '') => {
  rows.push([what, ms]);
  console.log(`${what.padEnd(58)} ${ms.toFixed(2).padStart(10)} ms ${extra}`);
};

console.log(`node ${process.version}, ${NOTES} notes of ${seed.length} chars (the seed note), median of ${RUNS} runs\n`);

// 1. One note: parse, then check.
const texts = Array.from({ length: NOTES }, (_, i) => note(i));
{
  const parse = [];
  for (let r = 0; r < RUNS; r++) parse.push(time(() => { for (let i = 0; i < 500; i++) core.parseNote(`file:///v/${i}.md`, texts[i]); }) / 500);
  report('parseNote, one seed-sized note', median(parse));
}

// 2. Whole index: every note set, then every note's issues.
let index;
{
  const builds = [];
  const checks = [];
  for (let r = 0; r < RUNS; r++) {
    index = new core.NoteIndex(core.resolveConfig({}).config);
    builds.push(time(() => index.batch(() => {
      people.forEach((p) => index.set(`file:///v/People/${encodeURIComponent(p)}.md`, personNote(p)));
      texts.forEach((t, i) => index.set(`file:///v/n${i}.md`, t));
    })));
    checks.push(time(() => { for (const n of index.all()) index.issues(n.uri); }));
  }
  report(`NoteIndex: index ${NOTES} notes`, median(builds));
  report(`NoteIndex: issues of all ${NOTES} notes`, median(checks));
}

// 3. One keystroke in one note: re-parse and re-check just that note.
{
  const edits = [];
  for (let r = 0; r < RUNS * 20; r++) {
    const uri = `file:///v/n${r}.md`;
    edits.push(time(() => { index.set(uri, texts[r] + `\nedit ${r}`); index.issues(uri); }));
  }
  report('one edited note: set + issues (index of all notes)', median(edits));
}

// 4. Task tree groups over the whole vault (what a tree refresh computes).
{
  const groups = [];
  for (let r = 0; r < RUNS; r++) groups.push(time(() => core.groupTasks(index.all(), index.registry, 'note')));
  report(`groupTasks by note over ${NOTES} notes`, median(groups));
}

// 5. The CLI on a folder of 1,000 notes, a whole process each run.
{
  const dir = path.join(work, 'vault');
  mkdirSync(path.join(dir, 'People'), { recursive: true });
  for (let i = 0; i < 1000; i++) writeFileSync(path.join(dir, `2025-11-${String((i % 28) + 1).padStart(2, '0')} - note ${i}.md`), texts[i]);
  people.forEach((p) => writeFileSync(path.join(dir, 'People', `${p}.md`), personNote(p)));
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const t = Date.now();
    const res = spawnSync(process.execPath, [path.join(root, 'bin/meeting-notes.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push(Date.now() - t);
    if (res.status !== 0 && res.status !== 1) throw new Error(res.stderr);
  }
  report('CLI: meeting-notes check, 1,000 notes (whole process)', median(runs));
}

rmSync(work, { recursive: true, force: true });
