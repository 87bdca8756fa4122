import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, codes, note, ours, skipInWebHost, waitForCodes } from './helpers';

const ONE_ON_ONE = '2025-12-19 - Jon Park 1-1 - roadmap and hiring.md';

describe('diagnostics', () => {
  before(async function () {
    if (!vscode.workspace.workspaceFolders) this.skip();
    await activate();
  });

  it('runs in the window mode this run was started for (Restricted Mode or trusted)', function () {
    // The web run is always a trusted window, and test/integration/web/web-host.test.ts checks that.
    skipInWebHost(this, 'reads the expected window mode from process.env, which the web worker host does not have');
    const expected = process.env.MEETING_NOTES_EXPECT_TRUSTED;
    if (expected === undefined) return; // desktop runner: whatever the contributor's VS Code does
    assert.equal(vscode.workspace.isTrusted, expected === '1');
  });

  it('reports the seed-shaped 1:1 note\'s defects with codes, ranges and README links', async () => {
    const uri = note(ONE_ON_ONE);
    const diagnostics = await waitForCodes(uri, ['empty-person', 'empty-tag-segment', 'placeholder-participant', 'unknown-participant']);
    const byCode = new Map(diagnostics.map((d) => [codeOf(d), d]));
    assert.deepEqual(byCode.get('empty-person')!.range, new vscode.Range(4, 8, 4, 10));
    assert.equal(byCode.get('empty-person')!.message, "'person' is empty, but the title names Jon Park.");
    assert.equal(byCode.get('empty-person')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(byCode.get('empty-tag-segment')!.range, new vscode.Range(9, 4, 9, 13));
    // "participants: [" is 15 columns; "Nora Quist", "Jon Park", come first.
    assert.deepEqual(byCode.get('placeholder-participant')!.range, new vscode.Range(5, 41, 5, 68));
    assert.match(byCode.get('placeholder-participant')!.message, /probably Kiran Shah/);
    assert.equal(byCode.get('unknown-participant')!.message, "Unknown person 'Zed Quill': no person note or alias matches.");
    for (const d of diagnostics) {
      assert.equal(d.source, 'meeting-notes');
      const target = (d.code as { target: vscode.Uri }).target;
      assert.ok(target.path.endsWith('/README.md'), target.toString());
      assert.match(target.fragment, /^L\d+$/, `README anchor for ${codeOf(d)}`);
    }
  });

  it('reports nothing on clean notes, person notes, or excluded folders', async () => {
    assert.deepEqual(codes(note('2025-12-18 - Platform sync.md')), []);
    assert.deepEqual(codes(note('2025-12-17 - Vendor call.md')), []);
    assert.deepEqual(codes(note('People/Jon Park.md')), []);
    assert.deepEqual(ours(note('Archive/old.md')), []);
  });
});
