import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inSkippedFolder } from '../../../src/core';
import { noteFileSystem } from '../../../src/vscode/files';
import { listWorkspaceFiles } from '../../../src/vscode/workspace-files';
import { activate, folder, inWebHost, note, skipInWebHost, waitFor, writeNote } from './helpers';

/** Uris without those in the skipped folders (the scan leaves those out), sorted. */
function vaultFiles(uris: vscode.Uri[]): string[] {
  const root = folder().path.replace(/\/$/u, '');
  return uris.filter((u) => !inSkippedFolder(u.path.slice(root.length + 1))).map((u) => u.toString()).sort();
}

/** What the workbench lists: what the scan's own listing must give. */
async function workbenchListing(): Promise<string[]> {
  return vaultFiles(await vscode.workspace.findFiles('**/*'));
}

async function ourListing() {
  const { uris, lister } = await listWorkspaceFiles(noteFileSystem());
  return { listed: vaultFiles(uris), lister };
}

describe("the scan's listing of the workspace", () => {
  const made: vscode.Uri[] = [];

  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });

  after(async () => {
    if (!vscode.workspace.workspaceFolders) return;
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    for (const uri of made.reverse()) await Promise.resolve(vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false })).catch(() => undefined);
  });

  it('lists what findFiles lists, walking the disk on a Node host', async () => {
    const { listed, lister } = await ourListing();
    assert.equal(lister, inWebHost ? 'findFiles' : 'disk');
    assert.ok(listed.length > 5);
    assert.deepEqual(listed, await workbenchListing());
  });

  it('with files.exclude, dot folders, odd names and links to folders, still what findFiles lists', async () => {
    made.push(
      await writeNote('Drafts/2026-01-05 - Draft.md', '# Draft\n'),
      await writeNote('Odd #1 & co/2026-01-06 - Odd.md', '# Odd\n'),
      await writeNote('.hidden/2026-01-07 - Hidden.md', '# Hidden\n'),
      await writeNote('Notes/2026-01-08 - Scratch.tmp.md', '# Scratch\n'),
    );
    made.push(note('Drafts'), note('Odd #1 & co'), note('.hidden'), note('Notes'));
    if (!inWebHost) {
      // A link to a folder is followed; a link back to a folder above is followed once.
      // In a try block: the web bundle of this suite cannot resolve node:fs, and never gets here.
      let fs: typeof import('node:fs');
      try {
        fs = await import('node:fs');
      } catch (e) {
        assert.fail(`node:fs on a Node host: ${String(e)}`);
      }
      fs.symlinkSync(note('People').fsPath, note('Linked people').fsPath, 'dir');
      fs.symlinkSync(folder().fsPath, note('Notes/Up').fsPath, 'dir');
      fs.symlinkSync(note('nowhere').fsPath, note('Broken link.md').fsPath);
      made.push(note('Linked people'), note('Notes/Up'), note('Broken link.md'));
    }
    const api = await activate();
    const draft = note('Drafts/2026-01-05 - Draft.md').toString();
    const odd = note('Odd #1 & co/2026-01-06 - Odd.md').toString();
    await waitFor(() => [api.index.has(draft), api.index.has(odd)], ([d, o]) => d && o, 'the new notes indexed');
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/Drafts': true, '**/*.tmp.md': true, '**/Archive': false }, vscode.ConfigurationTarget.Workspace);
    const { listed } = await ourListing();
    assert.ok(listed.some((u) => u.includes('/Odd%20%231%20%26%20co/')), 'a folder named with # and &');
    assert.ok(!listed.some((u) => u.includes('/Drafts/') || u.endsWith('.tmp.md')), 'files.exclude is honoured');
    if (!inWebHost) assert.ok(listed.some((u) => u.includes('/Linked%20people/')), 'a link to a folder is followed');
    assert.deepEqual(listed, await workbenchListing());
    // The scan that the files.exclude change started leaves the excluded note out, and takes the rest.
    await waitFor(() => [api.index.has(draft), api.index.has(odd)], ([d, o]) => !d && o, 'the rescan after files.exclude changed');
    // A note that appears in an excluded folder later stays out too; one elsewhere comes in.
    const later = await writeNote('Drafts/2026-01-10 - Later.md', '# Later\n');
    const kept = await writeNote('Odd #1 & co/2026-01-10 - Kept.md', '# Kept\n');
    made.push(later, kept);
    await waitFor(() => api.index.has(kept.toString()), (has) => has, 'a new note outside the excluded folder');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(api.index.has(later.toString()), false, 'a new note in a files.exclude folder');
  });

  it('walks a folder that is also a root of its own once, as part of that root', async function () {
    skipInWebHost(this, 'the web worker host has no disk to walk');
    const nested = note('People');
    const walked = await noteFileSystem().walk!([folder(), nested], () => false);
    assert.ok(walked);
    const listed = walked.map((u) => u.toString());
    assert.equal(new Set(listed).size, listed.length, 'no file twice');
    const people = (await vscode.workspace.fs.readDirectory(nested)).filter(([, type]) => type === vscode.FileType.File).map(([name]) => vscode.Uri.joinPath(nested, name).toString());
    assert.ok(people.length > 0);
    for (const uri of people) assert.ok(listed.includes(uri), uri);
  });

  it('reads files.exclude as VS Code does: a trailing slash dropped, an empty glob ignored', async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', { '': true, '**/Drafts/': true }, vscode.ConfigurationTarget.Workspace);
    const { listed, lister } = await ourListing();
    assert.equal(lister, inWebHost ? 'findFiles' : 'disk');
    assert.ok(!listed.some((u) => u.includes('/Drafts/')));
    assert.deepEqual(listed, await workbenchListing());
  });

  for (const [what, exclude] of [
    ['a `when` clause', { '**/*.js': { when: '$(basename).ts' } }],
    ['a glob with parentheses, which picomatch reads as a group', { '**/Odd (old)': true }],
    ['a glob with brackets', { '**/[!O]dd*': true }],
  ] as const) {
    it(`leaves to findFiles a files.exclude it cannot judge: ${what}`, async () => {
      made.push(await writeNote('Odd (old)/2026-01-09 - Old.md', '# Old\n'), note('Odd (old)'));
      await vscode.workspace.getConfiguration('files').update('exclude', exclude, vscode.ConfigurationTarget.Workspace);
      const { listed, lister } = await ourListing();
      assert.equal(lister, 'findFiles');
      assert.deepEqual(listed, await workbenchListing());
    });
  }

  it('leaves the listing to findFiles when links are not to be followed (search.followSymlinks off)', async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('search').update('followSymlinks', false, vscode.ConfigurationTarget.Workspace);
    try {
      const { listed, lister } = await ourListing();
      assert.equal(lister, 'findFiles');
      assert.deepEqual(listed, await workbenchListing());
    } finally {
      await vscode.workspace.getConfiguration('search').update('followSymlinks', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
