// One fuzzing run, in a process of its own: `node fuzz-run.cjs --runs N --seed S [--path P] [--property NAME]`.
// Bundled and started by scripts/fuzz.mjs. Runs the data-safety properties of scripts/fuzz-properties.mts
// on N generated notes from seed S; on a failure prints the seed, fast-check's shrunk (minimal)
// counterexample, the note's text and the command that replays it, and exits with 1.
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { noteCase, PROPERTIES, propertyAll, renderCase, stats, type NoteCase } from './fuzz-properties.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    path: { type: 'string' },
    property: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) throw new Error('usage: --runs N (a positive integer) --seed S (an integer)');
const name = values.property as keyof typeof PROPERTIES | undefined;
if (name !== undefined && !(name in PROPERTIES)) throw new Error(`--property is one of: ${Object.keys(PROPERTIES).join(', ')}`);
const property = name ? PROPERTIES[name] : propertyAll;

console.log(`fuzz: ${runs.toLocaleString('en')} note${runs === 1 ? '' : 's'}, seed ${seed}${values.path ? `, path ${values.path}` : ''}, ${name ?? 'all properties'}`);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
let tried = 0;
let failing = false;
const result = fc.check(
  fc.property(noteCase, (c: NoteCase) => {
    try {
      property(c);
    } catch (error) {
      failing = true;
      throw error;
    }
    if (!failing && ++tried % 10_000 === 0) console.log(`  ${tried.toLocaleString('en')} notes passed (${seconds()} s)`);
  }),
  { seed, numRuns: runs, ...(values.path ? { path: values.path } : {}) },
);

if (result.failed) {
  const example = result.counterexample?.[0] as NoteCase | undefined;
  console.log(`\nFAILED after ${result.numRuns} notes (${seconds()} s). Seed ${result.seed}, path ${result.counterexamplePath}.`);
  console.log(`\n${(result.errorInstance as Error | undefined)?.message ?? String(result.errorInstance)}`);
  if (example) {
    console.log(`\nThe smallest failing note (shrunk ${result.numShrinks} times), as a string:\n${JSON.stringify(renderCase(example))}`);
    console.log(`file name: ${example.fileName}; person notes: ${example.withPeople ? 'yes' : 'none'}`);
    console.log(`as generated: ${JSON.stringify(example)}`);
  }
  console.log(`\nReplay: node scripts/fuzz.mjs --seed ${result.seed} --path ${result.counterexamplePath} --runs 1${name ? ` --property "${name}"` : ''}`);
  process.exitCode = 1;
} else {
  console.log(
    `\nOK: ${result.numRuns.toLocaleString('en')} notes in ${seconds()} s, seed ${seed}. Checked ${stats.findings.toLocaleString('en')} findings, ` +
      `${stats.fixes.toLocaleString('en')} fixes, ${stats.fixAllRounds.toLocaleString('en')} fix-all rounds, ${stats.triageEdits.toLocaleString('en')} triage edits, ` +
      `${stats.parsesCompared.toLocaleString('en')} fast/reference parse comparisons.`,
  );
}
