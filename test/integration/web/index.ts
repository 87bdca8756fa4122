// Test entry for the web worker extension host (VS Code for the Web; code-server runs the extension
// there when its manifest has `browser` and no `main`: scripts/test-integration.mjs --mode web). The
// same `run()` contract as test/integration/index.ts, but with mocha's browser build, since the worker
// has no Node: no fs to find the suite files with (scripts/build.mjs lists them at build time), no
// node:assert (test/integration/web/assert.ts stands in for it, with the same strict semantics).
import 'mocha/mocha.js';
import { webHostSkips } from '../suite/helpers';

/** The suite's files (test/integration/suite/*.test.ts), in order: defined by scripts/build.mjs. */
declare const MEETING_NOTES_WEB_SUITE: string[];

export async function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000 });
  // Loaded after setup: the files call describe() as they load. This host's own checks come first,
  // before the suite edits the vault.
  if (!MEETING_NOTES_WEB_SUITE.length) throw new Error('no suite files were bundled (scripts/build.mjs --tests)');
  await import('./web-host.test');
  for (const file of MEETING_NOTES_WEB_SUITE) await import(`../suite/${file}`);
  return new Promise((resolve, reject) => {
    const pending: Mocha.Test[] = [];
    const runner = mocha.run((failures) => {
      report(pending);
      if (failures) reject(new Error(`${failures} integration test(s) failed in the web worker host`));
      else resolve();
    });
    runner.on('pending', (test) => pending.push(test));
  });
}

/** Says which tests did not run in this host, and why. */
function report(pending: Mocha.Test[]): void {
  const lines = [`[web] tests skipped in the web worker host: ${webHostSkips.length}`];
  for (const skip of webHostSkips) lines.push(`[web]   - ${skip.test}: ${skip.reason}`);
  const bySuite = new Map<string, number>();
  for (const test of pending) {
    if (webHostSkips.some((s) => s.test === test.fullTitle() || s.test === `${test.parent?.fullTitle()} (the whole suite)`)) continue;
    const suite = test.titlePath()[0] ?? '?';
    bySuite.set(suite, (bySuite.get(suite) ?? 0) + 1);
  }
  // Suites that need a folder skip themselves in the window without one, and the reverse (as in the Node runs).
  const others = [...bySuite].map(([suite, n]) => `${suite} (${n})`);
  if (others.length) lines.push(`[web] pending for their suite's own reasons, as in the Node runs: ${others.join(', ')}`);
  console.log(lines.join('\n'));
}
