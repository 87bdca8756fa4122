// Entry point of the scan worker (bundled as dist/scan-worker.js): a first scan of a large vault is
// read and parsed on this thread, so the extension host stays free, and the garbage of ten thousand
// parses dies with this thread's heap instead of staying in the host's.
import { parentPort, workerData } from 'node:worker_threads';
import { runScanJob, type ScanJob, type ScanMessage } from './scan-job';

const post = (message: ScanMessage) => parentPort!.postMessage(message);
try {
  post({ done: runScanJob(workerData as ScanJob, (progress) => post({ progress })) });
} catch (e) {
  post({ failed: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
