import type { ScanJob, ScanMessage, ScanResult } from './scan-job';

/** `true` in the web bundle, `false` in the Node one (esbuild `define`, scripts/build.mjs); undeclared elsewhere. */
declare const MEETING_NOTES_WEB_BUNDLE: boolean | undefined;

type WorkerThreads = typeof import('node:worker_threads');

/** `node:worker_threads` on a Node extension host; nothing in the web bundle (its minified build drops the import). */
function workerThreads(): Promise<WorkerThreads | undefined> {
  if (typeof MEETING_NOTES_WEB_BUNDLE === 'boolean' && MEETING_NOTES_WEB_BUNDLE) return Promise.resolve(undefined);
  const onNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  return onNode ? import('node:worker_threads').catch(() => undefined) : Promise.resolve(undefined);
}

/** A scan job running on a worker thread. */
export interface RunningScan {
  /** What the worker indexed; rejects when it failed, exited or was stopped. */
  result: Promise<ScanResult>;
  stop(): void;
}

/**
 * Starts `script` (dist/scan-worker.js) on a worker thread with the job; undefined where there are no
 * worker threads (the web worker host), and the caller indexes on its own thread.
 */
export async function startScanWorker(script: string, job: ScanJob, progress: (done: number) => void): Promise<RunningScan | undefined> {
  const threads = await workerThreads();
  if (!threads) return undefined;
  let worker: InstanceType<WorkerThreads['Worker']>;
  try {
    worker = new threads.Worker(script, { workerData: job });
  } catch {
    return undefined;
  }
  const result = new Promise<ScanResult>((resolve, reject) => {
    worker.on('message', (message: ScanMessage) => {
      if ('progress' in message) progress(message.progress);
      else if ('done' in message) resolve(message.done);
      else reject(new Error(message.failed));
    });
    worker.on('error', reject);
    // After a result this changes nothing: a promise settles once.
    worker.on('exit', (code) => reject(new Error(`the scan worker stopped (exit code ${code})`)));
  });
  // The thread has done its work once it has answered: its heap goes with it.
  const end = () => void worker.terminate().catch(() => undefined);
  result.then(end, end);
  return { result, stop: end };
}
