import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateVault } from '../../scripts/vault-generator.mjs';
import { DEFAULT_CONFIG, NoteIndex, parseCache, type MeetingNotesConfig } from '../../src/core';
import { runScanJob, type ScanJob } from '../../src/vscode/scan-job';

const config = structuredClone(DEFAULT_CONFIG) as MeetingNotesConfig;

/** A generated vault on the disk, its files dated `ago` ms back. */
function vaultOnDisk(ago = 120_000): { dir: string; files: { path: string; text: string }[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-scan-job-'));
  const files = [...generateVault({ notes: 60, seed: 5, people: 8 })];
  const then = new Date(Date.now() - ago);
  for (const f of files) {
    const file = path.join(dir, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.text);
    utimesSync(file, then, then);
  }
  return { dir, files };
}

function jobFor(dir: string, notePaths: string[], allPaths: string[]): ScanJob {
  const uri = (p: string) => pathToFileURL(path.join(dir, p)).href;
  return { version: 'test', config, roots: [pathToFileURL(dir).href], files: allPaths.map(uri), notes: notePaths.map((p) => [uri(p), path.join(dir, p)]) };
}

/** The records of an index fed the same texts one by one, as the host thread does, as data. */
function indexedHere(job: ScanJob, texts: Map<string, string>) {
  const index = new NoteIndex(config);
  index.setVaultFiles(job.roots, job.files);
  // Person notes first, as the host orders them; then recheck whatever a late person note outdated.
  for (const [uri] of job.notes) index.set(uri, texts.get(uri)!);
  for (const uri of index.staleUris()) index.set(uri, texts.get(uri)!);
  return new Map([...index.all()].map((r) => [r.uri, JSON.parse(JSON.stringify(r)) as unknown]));
}

function decoded(cache: string, settings = config) {
  const read = parseCache(cache, 'test', settings);
  if ('ignored' in read) throw new Error(read.ignored);
  return read;
}

describe('the scan job a worker thread runs', () => {
  it('gives the records an index fed note by note has, with every note settled', () => {
    const { dir, files } = vaultOnDisk();
    const notes = files.filter((f) => f.path.endsWith('.md'));
    // Person notes last: the notes naming them are checked again once the registry has them.
    const ordered = [...notes.filter((f) => !f.path.startsWith('People/')), ...notes.filter((f) => f.path.startsWith('People/'))];
    const job = jobFor(dir, ordered.map((f) => f.path), files.map((f) => f.path));
    const progress: number[] = [];
    const result = runScanJob(job, (n) => progress.push(n));
    const { entries, checkedAgainst } = decoded(result.cache);
    const texts = new Map(notes.map((f) => [pathToFileURL(path.join(dir, f.path)).href, f.text]));
    const expected = indexedHere({ ...job, notes: [...job.notes].reverse() }, texts);
    expect(entries.size).toBe(notes.length);
    for (const [uri, entry] of entries) expect(JSON.parse(JSON.stringify(entry.record)), uri).toEqual(expected.get(uri));
    expect(checkedAgainst.map((p) => p.name).sort()).toEqual([...entries.values()].flatMap((e) => (e.record.person ? [e.record.person.name] : [])).sort());
    expect(result.unsettled).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(progress.length).toBe(0); // fewer notes than one progress report
  });

  it('names the notes it could not read, and those too fresh to trust their stamps', () => {
    const { dir, files } = vaultOnDisk();
    writeFileSync(path.join(dir, 'big.md'), `# Big\n\n${'x'.repeat(2000)}\n`);
    writeFileSync(path.join(dir, 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    writeFileSync(path.join(dir, 'fresh.md'), '# Fresh\n\n- [?] Send the notes #proposed\n');
    const notePaths = [...files.filter((f) => f.path.endsWith('.md')).map((f) => f.path), 'big.md', 'latin1.md', 'fresh.md', 'gone.md'];
    const job = { ...jobFor(dir, notePaths, notePaths), config: { ...config, maxFileSize: 1500 } };
    const result = runScanJob(job);
    const uri = (p: string) => pathToFileURL(path.join(dir, p)).href;
    const skipped = new Map(result.skipped);
    expect(skipped.get(uri('big.md'))).toMatch(/bytes is over meetingNotes\.maxFileSize \(1500\)$/u);
    expect(skipped.get(uri('latin1.md'))).toMatch(/not valid UTF-8$/u);
    expect(skipped.get(uri('gone.md'))).toMatch(/^cannot read .*ENOENT/u);
    const { entries } = decoded(result.cache, job.config);
    for (const p of ['big.md', 'latin1.md', 'gone.md']) expect(entries.has(uri(p))).toBe(false);
    expect(result.unsettled).toEqual([uri('fresh.md')]);
    expect(entries.get(uri('fresh.md'))?.record.tasks.map((t) => t.status)).toEqual(['proposed']);
  });
});
