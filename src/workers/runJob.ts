import { compileModel, componentsOverTime, discover, replayTrial, runInWorld, runSweepCell, simulate, warIndicator } from '../engine';
import type { AnalysisJob, AnalysisOutput } from './messages';

/**
 * Discovery re-simulates the run in the worker (cheaper than shipping its arrays); above this many
 * trials it uses the first DISCOVER_MAX_TRIALS (trials have their own streams, so that is exactly
 * the run with fewer trials).
 */
export const DISCOVER_MAX_TRIALS = 50_000;

/** Run one analysis job (pure; the worker and the tests call it). */
export function runJob(job: AnalysisJob): AnalysisOutput {
  switch (job.type) {
    case 'war':
      return { type: 'war', war: warIndicator(simulate(job.levers, { seed: job.seed, trials: job.trials, assumptions: job.assumptions }).results) };
    case 'sweepCell':
      return { type: 'sweepCell', cell: runSweepCell(job.levers, job.x, job.y, job.i, job.j, job.seed, job.trials, job.assumptions) };
    case 'components':
      return { type: 'components', data: componentsOverTime(compileModel(job.levers, job.assumptions), job.seed, job.trials, { maxTrials: job.maxTrials }) };
    case 'replay':
      return { type: 'replay', story: replayTrial(compileModel(job.levers, job.assumptions), job.seed, job.trial) };
    case 'discover': {
      const { model, results } = simulate(job.levers, { seed: job.seed, trials: Math.min(job.trials, DISCOVER_MAX_TRIALS), assumptions: job.assumptions });
      return { type: 'discover', discovery: discover(model, results) };
    }
    case 'world':
      return { type: 'world', cell: runInWorld(job.levers, job.world, job.seed, job.trials) };
    default:
      return job satisfies never;
  }
}

/** Buffers of a job's output that can be transferred rather than copied. */
export function outputBuffers(out: AnalysisOutput): Transferable[] {
  switch (out.type) {
    case 'war':
      return [out.war.buffer as ArrayBuffer];
    case 'sweepCell':
    case 'world':
    case 'replay':
    case 'discover':
    case 'components':
      return [];
    default:
      return out satisfies never;
  }
}
