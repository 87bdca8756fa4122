// Writes a generated vault of person notes and meeting notes (see vault-generator.mjs).
//   node scripts/generate-vault.mjs --notes 10000 --out /tmp/vault10k [--seed 1] [--people 60] [--force]
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateVault } from './vault-generator.mjs';

const usage = 'usage: node scripts/generate-vault.mjs --notes <n> --out <dir> [--seed 1] [--people 60] [--force]';
let values;
try {
  ({ values } = parseArgs({
    options: {
      notes: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      people: { type: 'string', default: '60' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(`${usage}\nWithout --force, refuses to write into a folder that is not empty (with it, files are overwritten, nothing is deleted).`);
  process.exit(0);
}

/** @param {string} name @param {string | undefined} text */
function count(name, text) {
  if (text === undefined || !/^\d+$/u.test(text)) {
    console.error(`--${name} must be a non-negative integer${text === undefined ? '' : `, not "${text}"`}\n${usage}`);
    process.exit(2);
  }
  return Number(text);
}
const notes = count('notes', values.notes);
const seed = count('seed', values.seed);
const people = count('people', values.people);
if (!values.out) {
  console.error(`--out is required\n${usage}`);
  process.exit(2);
}
const out = path.resolve(values.out);

let existing = [];
try {
  existing = readdirSync(out);
} catch (error) {
  if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
}
if (existing.length && !values.force) {
  console.error(`${out} is not empty; use --force to write into it anyway`);
  process.exit(1);
}

const started = performance.now();
const files = generateVault({ notes, seed, people });
const generated = performance.now();
const made = new Set();
let bytes = 0;
let meetingBytes = 0;
const stats = { oneOnOnes: 0, group: 0, proposals: 0, tasks: 0, crlf: 0, bom: 0 };
for (const file of files) {
  const target = path.join(out, ...file.path.split('/'));
  const dir = path.dirname(target);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const data = Buffer.from(file.text, 'utf8');
  writeFileSync(target, data);
  bytes += data.length;
  if (file.path.startsWith('Meetings/')) {
    meetingBytes += data.length;
    if (/^type: "?people"?\r?$/mu.test(file.text)) stats.oneOnOnes++;
    else stats.group++;
    stats.tasks += (file.text.match(/^ *- \[.\] /gmu) ?? []).length;
    stats.proposals += (file.text.match(/^ *- \[\?\] /gmu) ?? []).length;
    if (file.text.includes('\r\n')) stats.crlf++;
    if (file.text.startsWith('\uFEFF')) stats.bom++;
  }
}
const done = performance.now();
const mb = (/** @type {number} */ n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const meetings = stats.oneOnOnes + stats.group;
console.log(`Wrote ${files.length} files to ${out} (seed ${seed}):`);
console.log(`  ${people} person notes, ${meetings} meeting notes (${stats.oneOnOnes} 1:1s, ${stats.group} group meetings)`);
console.log(`  ${stats.tasks} tasks, ${stats.proposals} of them proposals; ${stats.crlf} notes with CRLF, ${stats.bom} with a BOM`);
console.log(`  ${mb(bytes)} in all, ${meetings ? (meetingBytes / meetings / 1024).toFixed(2) : 0} KB per meeting note on average`);
console.log(`  generated in ${(generated - started).toFixed(0)} ms, written in ${(done - generated).toFixed(0)} ms`);
