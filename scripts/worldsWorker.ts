// Worker thread of scripts/worlds.ts: evaluates one world's calibration figures at a time.
import { parentPort } from 'node:worker_threads';
import { evaluateWorldFigures } from './worldsEval';

parentPort!.on('message', (job: { id: number; x: Record<string, number>; trials: number }) => {
  try {
    parentPort!.postMessage({ id: job.id, ok: true, value: evaluateWorldFigures(job.x, job.trials) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: (e as Error).message });
  }
});
