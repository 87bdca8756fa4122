// Runs inside the extension host for `npm run bench:editor`: waits for the extension's first scan of
// the generated vault and writes what it took to the file named by MEETING_NOTES_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MeetingNotesApi } from '../../src/extension';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<MeetingNotesApi>('meeting-notes.meeting-notes');
  if (!ext) throw new Error('the extension is not installed');
  const api = await ext.activate();
  await api.ready;
  const readyAt = Date.now();
  // The status bar follows the index after a short delay.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const scan = api.lastScan();
  const result = {
    activationToReadyMs: readyAt - api.activatedAt,
    scan,
    notes: api.index.size,
    proposals: api.index.taskCounts().proposed,
    statusBar: api.statusBar.text,
    rssAtActivationMb: Math.round(api.rssAtActivation / 2 ** 20),
    rssAfterMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cacheSaved: await api.saveCache(),
  };
  writeFileSync(process.env.MEETING_NOTES_BENCH_OUT!, JSON.stringify(result));
}
