import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateVault } from '../../scripts/vault-generator.mjs';
import { loadVault } from '../../src/cli/vault';
import { buildVaultIndex, cacheFileFor, saveVaultCache, type Problems } from '../../src/cli/vault-index';
import { CACHE_FORMAT } from '../../src/core/index-cache';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function writeVault(notes = 40): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'meeting-notes-cache-'));
  for (const f of generateVault({ notes, seed: 11, people: 10 })) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.text);
    settle(path.join(dir, f.path), 120_000);
  }
  return dir;
}

/** Dates a file's last change `ago` ms back: a file changed just now is not trusted to a cache. */
function settle(file: string, ago: number): void {
  const then = new Date(Date.now() - ago);
  utimesSync(file, then, then);
}

async function run(vaultDir: string, cacheFile: string | undefined) {
  const problems: Problems & { cwd: string } = { errors: [], notices: [], cwd: vaultDir };
  const vault = await loadVault(vaultDir, vaultDir);
  const built = await buildVaultIndex(vault, { cacheFile, version: 'test', cwd: vaultDir }, problems);
  saveVaultCache(built, 'test', problems);
  const findings = [...built.index.all()].map((n) => [n.uri, n.issues]).sort();
  const tasks = [...built.index.all()].map((n) => [n.uri, n.tasks]).sort();
  return { built, problems, findings, tasks };
}

/** A file's content changed, with a modification time that certainly differs from the cached one. */
function rewrite(file: string, text: string): void {
  writeFileSync(file, text);
  settle(file, 60_000);
}

describe('the CLI cache', () => {
  it('a second run reads no file and finds exactly what a run without cache finds', async () => {
    const dir = writeVault();
    const cacheFile = path.join(mkdtempSync(path.join(tmpdir(), 'meeting-notes-cachefile-')), 'cache.json');
    const plain = await run(dir, undefined);
    const first = await run(dir, cacheFile);
    expect(first.built.stats).toEqual({ read: plain.built.stats.read, fromCache: 0 });
    const second = await run(dir, cacheFile);
    expect(second.built.stats).toEqual({ read: 0, fromCache: plain.built.stats.read });
    expect(second.findings).toEqual(plain.findings);
    expect(second.tasks).toEqual(plain.tasks);
    expect(second.problems.notices).toEqual([]);
  });

  it('re-reads a changed note, and the notes a changed person note affects, and agrees with a fresh run', async () => {
    const dir = writeVault();
    const cacheFile = path.join(mkdtempSync(path.join(tmpdir(), 'meeting-notes-cachefile-')), 'cache.json');
    await run(dir, cacheFile);
    // A person gains an alias that some notes use as an unknown name, and a meeting note changes.
    const peopleDir = path.join(dir, 'People');
    const personFile = path.join(peopleDir, (await import('node:fs')).readdirSync(peopleDir)[0]!);
    rewrite(personFile, readFileSync(personFile, 'utf8').replace(/^title: "(.*)"$/mu, 'title: "Renamed Person"'));
    const meetings = (await loadVault(dir, dir)).paths.filter((p) => p.includes('Meetings'));
    rewrite(meetings[0]!, readFileSync(meetings[0]!, 'utf8') + '\n- [?] One more idea #proposed\n');
    const warm = await run(dir, cacheFile);
    expect(warm.built.stats.read).toBeGreaterThanOrEqual(2);
    expect(warm.built.stats.read).toBeLessThan(meetings.length);
    const fresh = await run(dir, undefined);
    expect(warm.findings).toEqual(fresh.findings);
    expect(warm.tasks).toEqual(fresh.tasks);
  });

  it('does not trust the stamp of a file changed just before it was read: a same-size change in the same tick is seen', async () => {
    const dir = writeVault(12);
    const cacheFile = path.join(mkdtempSync(path.join(tmpdir(), 'meeting-notes-cachefile-')), 'cache.json');
    const note = (await loadVault(dir, dir)).paths.find((p) => /^- \[[ ?]\] /mu.test(readFileSync(p, 'utf8')))!;
    const text = readFileSync(note, 'utf8');
    writeFileSync(note, text); // changed just now (to the millisecond, which a Date keeps exactly)
    const mtime = new Date(Date.now() - 50);
    utimesSync(note, mtime, mtime);
    const first = await run(dir, cacheFile);
    expect(first.built.stats.read).toBe(first.built.index.size);
    // Changed again within the file system's timestamp precision: same size, same modification time.
    const flipped = text.replace(/^- \[[ ?]\] /mu, '- [x] ');
    expect(flipped).not.toBe(text);
    writeFileSync(note, flipped);
    utimesSync(note, mtime, mtime);
    const second = await run(dir, cacheFile);
    expect(second.built.stats.read).toBe(1);
    const fresh = await run(dir, undefined);
    expect(second.tasks).toEqual(fresh.tasks);
    expect(second.findings).toEqual(fresh.findings);
  });

  it('ignores and rebuilds a truncated, corrupt or foreign cache, saying so', async () => {
    const dir = writeVault(10);
    const cacheFile = path.join(mkdtempSync(path.join(tmpdir(), 'meeting-notes-cachefile-')), 'cache.json');
    const plain = await run(dir, undefined);
    await run(dir, cacheFile);
    const good = readFileSync(cacheFile, 'utf8');
    for (const [bad, reason] of [
      [good.slice(0, good.length / 2), /corrupt or truncated/u],
      [good.slice(0, -1), /corrupt or truncated/u],
      ['garbage\n', /corrupt or truncated/u],
      ['{"tool":"eslint","format":1}', /not a Meeting Notes cache/u],
      [good.replace(`"format":${CACHE_FORMAT}`, '"format":0'), /format 0/u],
      [good.replace('"version":"test"', '"version":"9.9.9"'), /version 9\.9\.9/u],
      [good.replace(/\n\["([^"]+)",\[/u, '\n["$1",[1,2],['), /malformed entry/u],
      [good.replace(/\n\["([^"]+)",\[/u, '\n["$1",'), /malformed entry \(line 2\)/u],
      // Well-formed JSON whose first entry's text key points past the string table.
      [good.replace(/(\n\["[^"]+",\[\d+,[\d.]+,)\d+/u, '$1999999999'), /malformed entry/u],
      // A string number that is not a whole number names no string.
      [good.replace(/(\n\["[^"]+",\[\d+,[\d.]+,)\d+/u, '$10.5'), /malformed entry/u],
      [good.replace(/"strings":\[/u, '"strings":[7,'), /no string table/u],
      [good.replace(/\{"strings":.*\n$/u, ''), /no string table|malformed entry/u],
    ] as const) {
      writeFileSync(cacheFile, bad);
      const r = await run(dir, cacheFile);
      expect(r.problems.notices.map((n) => n.message).join('\n')).toMatch(reason);
      expect(r.built.stats.fromCache).toBe(0);
      expect(r.findings).toEqual(plain.findings);
      expect(JSON.parse(readFileSync(cacheFile, 'utf8').split('\n')[0]!)).toMatchObject({ tool: 'meeting-notes', format: CACHE_FORMAT });
    }
  });

  it('lives under the OS cache folder by default, never in the vault; a folder location gets one file per vault', () => {
    const vault = path.join(tmpdir(), 'some-vault');
    const file = cacheFileFor(vault, undefined, vault);
    expect(file.startsWith(vault)).toBe(false);
    expect(file).toContain(`${path.sep}meeting-notes${path.sep}`);
    const folder = mkdtempSync(path.join(tmpdir(), 'meeting-notes-cachedir-'));
    expect(path.dirname(cacheFileFor(vault, folder, vault))).toBe(folder);
    expect(cacheFileFor(vault, 'x.json', folder)).toBe(path.join(folder, 'x.json'));
  });

  it('meeting-notes check --cache-location gives the same output twice and writes the file', () => {
    const dir = writeVault(15);
    const cacheFile = path.join(mkdtempSync(path.join(tmpdir(), 'meeting-notes-cachefile-')), 'c.json');
    const cli = () => spawnSync(process.execPath, [path.join(root, 'bin/meeting-notes.js'), 'check', dir, '--format', 'json', '--cache-location', cacheFile], { encoding: 'utf8' });
    const a = cli();
    const b = cli();
    expect(a.stdout.length).toBeGreaterThan(10);
    expect(b.stdout).toBe(a.stdout);
    expect(b.status).toBe(a.status);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8').split('\n')[0]!).tool).toBe('meeting-notes');
  });
});
