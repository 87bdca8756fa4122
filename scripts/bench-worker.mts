// One measurement of `npm run bench`, in a fresh process: `node bench-worker.cjs <mode> <vault> [args]`.
// Prints one JSON line. Bundled by scripts/bench.mjs with esbuild, as the CLI and the extension are.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { parseDocument } from 'yaml';
import { NoteIndex } from '../src/core/note-index';
import { groupTasks } from '../src/core/task-groups';
import { scanBlocksFast } from '../src/core/markdown-blocks';
import { LineIndex, stripBom } from '../src/core/text';
import { loadVault } from '../src/cli/vault';
import { buildVaultIndex } from '../src/cli/vault-index';

const [mode, vaultDir, ...rest] = process.argv.slice(2);
if (!mode || !vaultDir) throw new Error('usage: bench-worker <mode> <vault> [args]');

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Person notes first, as the CLI and the extension index them. */
function filesPeopleFirst(): string[] {
  const all = markdownFiles(vaultDir!);
  const people = path.join(vaultDir!, 'People') + path.sep;
  return [...all.filter((f) => f.startsWith(people)), ...all.filter((f) => !f.startsWith(people))];
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const print = (result: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssMb() })}\n`);

if (mode === 'remark') {
  // The plain pipeline: unified + remark-parse + remark-frontmatter, then yaml on the frontmatter.
  const files = filesPeopleFirst();
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
  const started = now();
  for (const file of files) {
    const tree = processor.parse(readFileSync(file, 'utf8')) as Root;
    const first = tree.children[0];
    if (first?.type === 'yaml') parseDocument(first.value);
  }
  print({ ms: now() - started, notes: files.length });
} else if (mode === 'index') {
  // The core index, cold: read each note and set it (parse + check), people first.
  const files = filesPeopleFirst();
  const index = new NoteIndex();
  let longestNoteMs = 0;
  let fastPath = 0;
  const started = now();
  index.batch(() => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const t = now();
      index.set(pathToFileURL(file).href, text);
      longestNoteMs = Math.max(longestNoteMs, now() - t);
    }
  });
  const ms = now() - started;
  // The peak up to here is the cold index's; what follows (the tree over every note, re-reads) is measured apart.
  const coldPeakRssMb = peakRssMb();
  for (const file of files) {
    const body = stripBom(readFileSync(file, 'utf8')).text;
    if (scanBlocksFast(body, new LineIndex(body))) fastPath++;
  }

  // One note edited: the index, the tree (grouped by note) and the counts, as the editor updates them.
  const meetings = files.filter((f) => f.includes(`${path.sep}Meetings${path.sep}`));
  const setOnly: number[] = [];
  const setTreeCounts: number[] = [];
  for (let i = 0; i < 21; i++) {
    const file = meetings[(i * 7919) % meetings.length]!;
    const text = `${readFileSync(file, 'utf8')}\n- [?] Follow up on item ${i} #proposed\n`;
    const t = now();
    index.set(pathToFileURL(file).href, text);
    const t2 = now();
    groupTasks(index.newestFirst(), index.registry, 'note', {}, true);
    index.taskCounts();
    setOnly.push(t2 - t);
    setTreeCounts.push(now() - t);
  }

  // A person note edited (the person renamed): it is set, and the notes whose people answers change
  // (every note naming that person) are read and checked again.
  const personFile = files.find((f) => f.includes(`${path.sep}People${path.sep}`))!;
  const personText = readFileSync(personFile, 'utf8').replace(/^title: "(.*)"$/mu, 'title: "$1 Renamed"');
  const t = now();
  index.set(pathToFileURL(personFile).href, personText);
  const stale = index.staleUris();
  index.batch(() => {
    for (const uri of stale) index.set(uri, readFileSync(new URL(uri), 'utf8'));
  });
  const personMs = now() - t;
  print({
    ms,
    notes: files.length,
    coldPeakRssMb,
    fastPath,
    longestNoteMs,
    oneNoteSetMs: median(setOnly),
    oneNoteTreeMs: median(setTreeCounts),
    personMs,
    personRechecked: stale.length,
  });
} else if (mode === 'warm') {
  // Warm start, in process: list the vault, stat every file, and restore the index from the cache.
  const [cacheFile, version] = rest;
  const started = now();
  void loadVault(vaultDir, vaultDir).then(async (vault) => {
    const built = await buildVaultIndex(vault, { cacheFile, version: version ?? 'dev', cwd: vaultDir }, { errors: [], notices: [] });
    print({ ms: now() - started, read: built.stats.read, fromCache: built.stats.fromCache, notes: built.index.size });
  });
} else {
  throw new Error(`unknown mode ${mode}`);
}
