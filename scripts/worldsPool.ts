// A pool of worker threads evaluating worlds (scripts/worldsWorker.ts under tsx); results come back
// in the points' order, so they do not depend on the number of threads.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BatchEvaluator, Figures, Point } from '../src/engine/analysis/historyMatch';

export function worldsPool(workers = availableParallelism(), onDone?: (done: number, total: number) => void): { evaluate: BatchEvaluator; close: () => Promise<void> } {
  const boot = new URL('../src/cli/tsWorkerBoot.mjs', import.meta.url);
  const entry = new URL('./worldsWorker.ts', import.meta.url).href;
  const threads = Array.from({ length: Math.max(1, workers) }, () => new Worker(boot, { workerData: { entry } }));
  const evaluate: BatchEvaluator = (xs: Point[], trials: number) =>
    new Promise((resolve, reject) => {
      const out = new Array<Figures>(xs.length);
      let next = 0;
      let done = 0;
      if (!xs.length) return resolve([]);
      const cleanups: (() => void)[] = [];
      const finish = (e?: Error) => {
        cleanups.forEach((c) => c());
        if (e) reject(e);
        else resolve(out);
      };
      for (const w of threads) {
        const feed = () => {
          if (next < xs.length) {
            const id = next++;
            w.postMessage({ id, x: xs[id], trials });
          }
        };
        const onMessage = (r: { id: number; ok: boolean; value?: Figures; error?: string }) => {
          if (!r.ok) return finish(new Error(`world ${r.id}: ${r.error}`));
          out[r.id] = r.value!;
          done++;
          onDone?.(done, xs.length);
          if (done === xs.length) finish();
          else feed();
        };
        const onError = (e: Error) => finish(e);
        w.on('message', onMessage);
        w.on('error', onError);
        cleanups.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
        });
        feed();
      }
    });
  return { evaluate, close: async () => void (await Promise.all(threads.map((t) => t.terminate()))) };
}
