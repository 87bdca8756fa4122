// `npm run bench [-- --notes 10000] [--runs 3] [--seed 1] [--skip-reference]`: how fast and how lean
// the index is on a generated vault, against the plain remark pipeline measured in the same run.
// Every figure comes from a fresh process; the rounds interleave (reference, ours, …) so that a ratio
// compares runs made side by side on this shared, noisy machine. Prints medians, min–max and the
// median of the per-round ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleScript, root } from './bundle-script.mjs';
import { generateVault } from './vault-generator.mjs';

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'skip-reference': { type: 'boolean', default: false },
  },
});
const NOTES = Number(values.notes);
const RUNS = Number(values.runs);
const SEED = Number(values.seed);
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// The CLI bundle as users run it, and the worker bundled the same way.
spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
const work = path.join(tmpdir(), 'meeting-notes-bench');
mkdirSync(work, { recursive: true });
const worker = path.join(work, 'bench-worker.cjs');
await bundleScript('bench-worker.mts', worker);
const rssPreload = path.join(work, 'report-rss.cjs');
writeFileSync(rssPreload, "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");

// The vault: generated once per size and seed, then reused.
const vault = path.join(work, `vault-${NOTES}-seed${SEED}`);
if (!existsSync(path.join(vault, '.complete'))) {
  rmSync(vault, { recursive: true, force: true });
  const started = Date.now();
  let bytes = 0;
  for (const f of generateVault({ notes: NOTES, seed: SEED })) {
    const file = path.join(vault, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  writeFileSync(path.join(vault, '.complete'), `${bytes}\n`);
  console.log(`generated ${vault} (${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const vaultMb = Number(readFileSync(path.join(vault, '.complete'), 'utf8')) / 1e6;
const cacheFile = path.join(work, `cache-${NOTES}-seed${SEED}.json`);

function runWorker(mode, ...args) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [worker, mode, vault, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`worker ${mode} failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), wallMs };
}

function runCli(extra) {
  const rssFile = path.join(work, `rss-${process.pid}.txt`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', rssPreload, path.join(root, 'bin/meeting-notes.js'), 'check', vault, '--format', 'json', ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const wallMs = performance.now() - started;
  if (r.status === 2) throw new Error(`meeting-notes check failed:\n${r.stderr}`);
  return { wallMs, peakRssMb: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024), findings: JSON.parse(r.stdout).length };
}

// Prime the cache once, so every warm run starts from the same unchanged vault.
rmSync(cacheFile, { force: true });
const primed = runCli(['--cache-location', cacheFile]);
console.log(`node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${NOTES} meeting notes + people (${vaultMb.toFixed(1)} MB), ${RUNS} rounds, ${new Date().toISOString().slice(0, 10)}`);
console.log(`(${primed.findings} findings; cache ${(readFileSync(cacheFile).length / 1e6).toFixed(1)} MB)\n`);

const rounds = [];
for (let r = 0; r < RUNS; r++) {
  const round = {};
  if (!values['skip-reference']) round.reference = runWorker('remark');
  round.index = runWorker('index');
  round.cliCold = runCli([]);
  round.cliWarm = runCli(['--cache-location', cacheFile]);
  round.warm = runWorker('warm', cacheFile, version);
  rounds.push(round);
  process.stderr.write(`round ${r + 1}/${RUNS} done\n`);
}

const pick = (f) => rounds.map(f).filter((x) => typeof x === 'number' && Number.isFinite(x));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const rows = [];
const row = (what, f, { unit = fmtMs, rss, ratioTo, target } = {}) => {
  const xs = pick(f);
  if (!xs.length) return;
  const ratios = ratioTo ? pick((rd) => (ratioTo(rd) ?? NaN) / f(rd)) : [];
  rows.push([
    what,
    unit(median(xs)),
    xs.length > 1 ? `${unit(Math.min(...xs))} – ${unit(Math.max(...xs))}` : '',
    rss ? `${median(pick(rss))} MB` : '',
    ratios.length ? `${median(ratios).toFixed(1)}×` : '',
    target ?? '',
  ]);
};
const ref = (rd) => rd.reference?.ms;
const refProcess = (rd) => rd.reference?.wallMs;
row('Reference: remark + yaml, in process (read, parse)', ref, { rss: (rd) => rd.reference?.peakRssMb });
row('Reference: the same, whole process', refProcess);
row('Core index, cold, in process (read, parse, check)', (rd) => rd.index.ms, { rss: (rd) => rd.index.coldPeakRssMb, ratioTo: ref, target: '≥ 10× faster, ≤ 250 MB' });
row('`meeting-notes check`, cold, whole process', (rd) => rd.cliCold.wallMs, { rss: (rd) => rd.cliCold.peakRssMb, ratioTo: refProcess, target: '≥ 10× faster, ≤ 250 MB' });
row('Warm from the cache, in process (list, stat, restore)', (rd) => rd.warm.ms, { rss: (rd) => rd.warm.peakRssMb, target: '≤ 0.3 s' });
row('`meeting-notes check --cache`, warm, whole process', (rd) => rd.cliWarm.wallMs, { rss: (rd) => rd.cliWarm.peakRssMb });
row('One note changed: index', (rd) => rd.index.oneNoteSetMs);
row('One note changed: index + task tree + counts', (rd) => rd.index.oneNoteTreeMs, { target: '≤ 20 ms' });
row(`Person note changed: set + re-check the notes it affects (${rounds[0].index.personRechecked})`, (rd) => rd.index.personMs);
row('Longest single note (one synchronous set)', (rd) => rd.index.longestNoteMs, { target: 'slices ≤ 50 ms' });

const header = ['Measurement', 'Median', 'Min – max', 'Peak RSS', 'Speed-up', 'Target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
const fast = rounds[0].index;
console.log(`\nFast path: ${fast.fastPath} of ${fast.notes} notes (${((100 * fast.fastPath) / fast.notes).toFixed(1)} %); the rest went through remark.`);
console.log(`Warm runs read ${rounds[0].warm.read} notes and took ${rounds[0].warm.fromCache} from the cache.`);
