import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Levers, SweepAxis, SweepCell } from '../engine/index';

/** Jobs the command line spreads over worker threads. Each is deterministic on its own. */
export type CellJob =
  | { id: number; kind: 'sweep-cell'; levers: Levers; x: SweepAxis; y: SweepAxis; i: number; j: number; seed: string; trials: number }
  | { id: number; kind: 'resumed'; levers: Levers; seed: string; trials: number };

export type CellReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

type JobInput = CellJob extends infer J ? (J extends CellJob ? Omit<J, 'id'> : never) : never;

/** Default number of worker threads: the machine's cores, at most 8. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

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
