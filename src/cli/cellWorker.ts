// Worker thread for batch commands: runs one job at a time and posts its result back.
import { parentPort } from 'node:worker_threads';
import { runSweepCell, runInWorld, simulate, warIndicator, worldCalibrationFigures } from '../engine/index';
import type { CellJob, CellReply } from './pool';

parentPort!.on('message', (job: CellJob) => {
  let reply: CellReply;
  try {
    switch (job.kind) {
      case 'sweep-cell':
        reply = { id: job.id, ok: true, value: runSweepCell(job.levers, job.x, job.y, job.i, job.j, job.seed, job.trials, job.assumptions) };
        break;
      case 'war':
        reply = { id: job.id, ok: true, value: warIndicator(simulate(job.levers, { seed: job.seed, trials: job.trials, assumptions: job.assumptions }).results) };
        break;
      case 'world-cell':
        reply = { id: job.id, ok: true, value: runInWorld(job.levers, job.world, job.seed, job.trials) };
        break;
      case 'world-figures':
        reply = { id: job.id, ok: true, value: worldCalibrationFigures(job.world, job.trials) };
        break;
      default:
        reply = { id: (job as CellJob).id, ok: false, error: `unknown job ${JSON.stringify(job satisfies never)}` };
    }
  } catch (e) {
    reply = { id: job.id, ok: false, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
