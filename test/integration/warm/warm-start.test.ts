import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codes, note, waitForCodes } from '../suite/helpers';

const ONE_ON_ONE = '2025-12-19 - Jon Park 1-1 - roadmap and hiring.md';
const EXPECTED = ['empty-person', 'empty-tag-segment', 'placeholder-participant', 'unknown-participant'];

describe('index cache across window starts', () => {
  it(process.env.MEETING_NOTES_WARM_START === 'second' ? 'the second start reads no note: all come from the cache, with the same findings' : 'the first start reads every note and writes the cache', async () => {
    const api = await activate();
    const scan = api.lastScan();
    assert.ok(scan, 'the first scan reports what it did');
    const markdown = await vscode.workspace.findFiles('**/*.md', '**/Archive/**');
    assert.equal(scan.notes, markdown.length);
    if (process.env.MEETING_NOTES_WARM_START === 'second') {
      assert.equal(scan.cacheIgnored, undefined);
      assert.equal(scan.read, 0, `notes read on the second start: ${JSON.stringify(scan)}`);
      assert.equal(scan.fromCache, scan.notes);
    } else {
      assert.equal(scan.fromCache, 0);
      assert.match(scan.cacheIgnored ?? '', /^no cache yet/u);
      assert.equal(scan.read, scan.notes);
      assert.equal(await api.saveCache(), undefined, 'the cache is written');
    }
    // Findings from the cache are the ones the first start computed from the text.
    await waitForCodes(note(ONE_ON_ONE), EXPECTED);
    assert.deepEqual(codes(note(ONE_ON_ONE)).sort(), [...EXPECTED].sort());
    assert.deepEqual(codes(note('2025-12-18 - Platform sync.md')), []);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(note(ONE_ON_ONE)));
    const proposals = text.split('\n').filter((line) => line.startsWith('- [?] ')).length;
    assert.ok(proposals > 0);
    assert.equal(api.index.get(note(ONE_ON_ONE).toString())?.tasks.filter((t) => t.status === 'proposed').length, proposals);
  });
});
