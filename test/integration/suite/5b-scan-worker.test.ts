import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NoteIndex, type IndexedNote } from '../../../src/core';
import { WorkspaceIndex } from '../../../src/vscode/workspace-index';
import { activate, EXTENSION_ID, skipInWebHost } from './helpers';

/** A record as data: the cache keeps no `undefined` fields, which mean the same as absent ones. */
const data = (record: IndexedNote | undefined): unknown => (record === undefined ? undefined : JSON.parse(JSON.stringify(record)));

/** A scan of the open folder into an index of its own, as the extension's first scan does (no cache). */
async function scanWith(config: NoteIndex['config'], worker: string | undefined, log: vscode.LogOutputChannel) {
  const index = new NoteIndex(config);
  const workspace = new WorkspaceIndex(index, log, config, undefined, { worker, workerMinNotes: 1 });
  try {
    await workspace.ready;
    return { records: new Map([...index.all()].map((r) => [r.uri, r])), scan: workspace.lastScan! };
  } finally {
    workspace.dispose();
  }
}

describe('first scan on a worker thread', () => {
  let config: NoteIndex['config'];
  let script: string;
  let log: vscode.LogOutputChannel;

  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    skipInWebHost(this, 'the web worker host has no worker threads: its scan reads on its own thread');
    config = (await activate()).index.config;
    script = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist', 'scan-worker.js').fsPath;
    log = vscode.window.createOutputChannel('Meeting Notes scan worker test', { log: true });
  });

  after(() => log?.dispose());

  it('indexes every note as a scan on the host thread does: the same records and findings', async () => {
    const here = await scanWith(config, undefined, log);
    const there = await scanWith(config, script, log);
    assert.equal(here.scan.inWorker, 0);
    assert.ok(there.scan.inWorker > 0, `the worker read no note: ${JSON.stringify(there.scan)}`);
    // Open editors are indexed from their text, on the host thread.
    assert.ok(there.scan.inWorker <= there.scan.read);
    assert.deepEqual([...there.records.keys()].sort(), [...here.records.keys()].sort());
    const withIssues = (r: IndexedNote) => r.issues?.length ?? 0;
    assert.ok([...there.records.values()].some(withIssues), 'the vault has findings to compare');
    for (const [uri, record] of here.records) assert.deepEqual(data(there.records.get(uri)), data(record), uri);
  });

  it('reads on the host thread when the worker cannot start, with the same result', async () => {
    const here = await scanWith(config, undefined, log);
    const broken = await scanWith(config, `${script}.missing.js`, log);
    assert.equal(broken.scan.inWorker, 0);
    assert.equal(broken.scan.read, here.scan.read);
    assert.deepEqual([...broken.records.keys()].sort(), [...here.records.keys()].sort());
    for (const [uri, record] of here.records) assert.deepEqual(data(broken.records.get(uri)), data(record), uri);
  });
});
