import { compileModel, componentsOverTime, discover, replayTrial, runInWorld, runSweepCell, simulate, warIndicator, worldCalibrationFigures } from '../engine';
import type { AnalysisJob, AnalysisOutput, AnalysisRequest, AnalysisResponse } from './messages';

/**
 * Discovery re-simulates the run in the worker (cheaper than shipping its arrays); above this many
 * trials it uses the first DISCOVER_MAX_TRIALS (trials have their own streams, so that is exactly
 * the run with fewer trials).
 */
export const DISCOVER_MAX_TRIALS = 50_000;

/**
 * Run one analysis job. Pure (no DOM, no Node): the page's analysis worker, the command line's
 * worker threads and the tests all call it, so a job gives the same output whoever runs it.
 */
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
    case 'worldFigures':
      return { type: 'worldFigures', figures: worldCalibrationFigures(job.world, job.trials) };
    default:
      return job satisfies never;
  }
}

/** Buffers of a job's output that can be transferred rather than copied. */
export function outputBuffers(out: AnalysisOutput): ArrayBuffer[] {
  switch (out.type) {
    case 'war':
      return [out.war.buffer as ArrayBuffer];
    case 'sweepCell':
    case 'world':
    case 'worldFigures':
    case 'replay':
    case 'discover':
    case 'components':
      return [];
    default:
      return out satisfies never;
  }
}

/**
 * A worker's answer to one request: the job's output tagged with the request's id and the time it
 * took (ms), or the error the job threw, as a message (a worker catches everything and reports it).
 * Both worker entries (workers/analysis.worker.ts, cli/jobWorker.ts) post exactly this.
 */
export function answer(request: AnalysisRequest): { response: AnalysisResponse; transfer: ArrayBuffer[] } {
  const { jobId, ...job } = request;
  const t0 = performance.now();
  try {
    const out = runJob(job);
    return { response: { ...out, jobId, ms: performance.now() - t0 }, transfer: outputBuffers(out) };
  } catch (e) {
    return { response: { type: 'error', jobId, message: e instanceof Error ? e.message : String(e) }, transfer: [] };
  }
}
