import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AssumptionValues, Levers, SweepAxis, SweepCell } from '../engine/index';
import type { World } from '../engine/model/world';

/** Jobs the command line spreads over worker threads. Each is deterministic on its own. */
export type CellJob =
  | { id: number; kind: 'sweep-cell'; levers: Levers; assumptions?: AssumptionValues; x: SweepAxis; y: SweepAxis; i: number; j: number; seed: string; trials: number }
  | { id: number; kind: 'war'; levers: Levers; assumptions?: AssumptionValues; seed: string; trials: number }
  // One package in one plausible world (npm run robustness, simulate --worlds): replies a WorldCell.
  | { id: number; kind: 'world-cell'; levers: Levers; world: World; seed: string; trials: number }
  // One sampled world's calibration figures (npm run calibrate's history matching): replies { values, se }.
  | { id: number; kind: 'world-figures'; world: Pick<World, 'assumptions' | 'decisionNoise'>; trials: number };

export type CellReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

type JobInput = CellJob extends infer J ? (J extends CellJob ? Omit<J, 'id'> : never) : never;

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
 * A fixed pool of worker threads running CellJobs; results come back in job order whatever the
 * number of workers, so output never depends on it.
 */
export async function runJobs<T>(jobs: JobInput[], workers: number, onDone?: (index: number, value: T) => void): Promise<T[]> {
  const n = Math.max(1, Math.min(workers, jobs.length));
  const boot = new URL('./tsWorkerBoot.mjs', import.meta.url);
  const entry = new URL('./cellWorker.ts', import.meta.url).href;
  const results = new Array<T>(jobs.length);
  let next = 0;
  const threads: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(boot, { workerData: { entry } });
          threads.push(w);
          const feed = () => {
            if (next >= jobs.length) return resolve();
            const id = next++;
            w.postMessage({ ...jobs[id], id });
          };
          w.on('message', (r: CellReply) => {
            if (!r.ok) return reject(new Error(`worker job ${r.id} failed: ${r.error}`));
            results[r.id] = r.value as T;
            onDone?.(r.id, r.value as T);
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
