import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isAnswerTo } from '../workers/checkMessage';
import type { AnalysisJob, AnalysisRequest, OutputOf } from '../workers/messages';

/** Default number of worker threads: the machine's cores, at most 8. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * The memory ceiling of an analysis (sweep, tornado) on the command line, in MB: the estimated peak
 * of the process (MAIN_MB) and its worker threads (workerMb each) stays under it, by running fewer
 * threads when each run is big. Measured here (/usr/bin/time -v, 1,000,000 trials a run): about
 * 100 MB for the process and 125 MB a thread, which workerMb rounds up.
 */
export const MEMORY_CEILING_MB = 1_024;
const MAIN_MB = 150;

/** Estimated peak of one worker thread running runs of `trials` trials, MB: its isolate, and the trial arrays twice over (the run's and the last one's, not yet collected). */
export function workerMb(trials: number): number {
  return 50 + Math.ceil((trials * 80) / 1e6);
}

/** At most `wanted` threads, and no more than fit under MEMORY_CEILING_MB for runs of `trials` trials (at least one). */
export function workersWithin(trials: number, wanted: number): number {
  return Math.max(1, Math.min(wanted, Math.floor((MEMORY_CEILING_MB - MAIN_MB) / workerMb(trials))));
}

/** The ceiling as --help states it. */
export const MEMORY_HELP = `Memory: at most about ${MEMORY_CEILING_MB.toLocaleString('en-GB')} MB; with big runs fewer worker threads are used (6 at 1,000,000 trials a run).`;

/**
 * A fixed pool of worker threads running analysis jobs (the page's job schema and runner:
 * src/workers/messages.ts, runJob.ts); outputs come back in job order whatever the number of
 * workers, so output never depends on it. A job that throws, or an answer that is malformed or not
 * the job's, rejects with the job's index.
 */
export async function runJobs<J extends AnalysisJob>(jobs: readonly J[], workers: number, onDone?: (index: number, out: OutputOf<J['type']>) => void): Promise<OutputOf<J['type']>[]> {
  const n = Math.max(1, Math.min(workers, jobs.length));
  const boot = new URL('./tsWorkerBoot.mjs', import.meta.url);
  const entry = new URL('./jobWorker.ts', import.meta.url).href;
  const results = new Array<OutputOf<J['type']>>(jobs.length);
  let next = 0;
  const threads: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(boot, { workerData: { entry } });
          threads.push(w);
          let running = -1;
          const feed = () => {
            if (next >= jobs.length) return resolve();
            running = next++;
            const request: AnalysisRequest = { ...jobs[running], jobId: running };
            w.postMessage(request);
          };
          w.on('message', (r: unknown) => {
            const job = running;
            if (!isAnswerTo(jobs[job].type, r) || r.jobId !== job) return reject(new Error(`worker job ${job} failed: the worker sent a malformed answer`));
            if (r.type === 'error') return reject(new Error(`worker job ${job} failed: ${r.message}`));
            const out = r as unknown as OutputOf<J['type']>; // isAnswerTo checked it is this job's type
            results[job] = out;
            onDone?.(job, out);
            feed();
          });
          w.on('error', reject);
          w.on('online', feed);
        }),
      ),
    );
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
  return results;
}
