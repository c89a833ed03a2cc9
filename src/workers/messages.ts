import type { AssumptionValues, ComponentsOverTime, Discovery, Levers, SweepAxis, SweepCell, TrialResults, TrialStory, World, WorldCell } from '../engine';

/** Page → worker. A new `run` supersedes any run the worker is doing. */
export type WorkerRequest =
  | {
      type: 'run';
      runId: number;
      levers: Levers;
      /** Assumption changes from the defaults (validated on the page). */
      assumptions: AssumptionValues;
      seed: string;
      /** Trials [from, to) of the whole run; the result's slot 0 is trial `from`. */
      from: number;
      to: number;
      /** Trials between progress reports and cancellation checks. */
      chunkSize: number;
    }
  | { type: 'cancel'; runId: number };

/** Worker → page. Results carry typed arrays whose buffers are transferred, not copied. */
export type WorkerResponse =
  | { type: 'progress'; runId: number; done: number; total: number }
  | { type: 'result'; runId: number; from: number; to: number; results: TrialResults; ms: number }
  | { type: 'error'; runId: number; message: string };

/**
 * One independent analysis job (a tornado run, a sweep cell, the components over time, a trial's
 * story, discovery, a package in one plausible world, a world's calibration figures). The one job
 * schema: the page posts it to its analysis workers (TaskPool) and the command line to its worker
 * threads (cli/pool.ts), and both run it with the same pure runJob. Jobs are short (one simulation
 * each), so a cancelled job is simply dropped from the queue, and a result arriving for a job
 * nobody waits for is ignored.
 */
export type AnalysisJob =
  /** One tornado run: per trial, 1 if it went to war (a limited or full-scale offensive) by the horizon. */
  | { type: 'war'; levers: Levers; assumptions?: AssumptionValues; seed: string; trials: number }
  | { type: 'sweepCell'; levers: Levers; assumptions?: AssumptionValues; x: SweepAxis; y: SweepAxis; i: number; j: number; seed: string; trials: number }
  | { type: 'components'; levers: Levers; assumptions?: AssumptionValues; seed: string; trials: number; maxTrials: number }
  | { type: 'replay'; levers: Levers; assumptions?: AssumptionValues; seed: string; trial: number }
  | { type: 'discover'; levers: Levers; assumptions?: AssumptionValues; seed: string; trials: number }
  /** The levers in one plausible world (its assumptions and decisionNoise replace the run's). */
  | { type: 'world'; levers: Levers; world: World; seed: string; trials: number }
  /** One sampled world's calibration figures, at seed "calibration" (history matching: npm run worlds). */
  | { type: 'worldFigures'; world: Pick<World, 'assumptions' | 'decisionNoise'>; trials: number };

/** A job as posted to a worker, numbered by its sender so the answer can be matched to it. */
export type AnalysisRequest = AnalysisJob & { jobId: number };

/** Worker → sender: the job's output, tagged like the job, or an error. */
export type AnalysisOutput =
  | { type: 'war'; war: Uint8Array }
  | { type: 'sweepCell'; cell: SweepCell }
  | { type: 'components'; data: ComponentsOverTime }
  | { type: 'replay'; story: TrialStory }
  | { type: 'discover'; discovery: Discovery }
  | { type: 'world'; cell: WorldCell }
  /** Each calibration case's figure and its standard error, in CALIBRATION_CASES order. */
  | { type: 'worldFigures'; figures: { values: number[]; se: number[] } };

export type AnalysisResponse = (AnalysisOutput & { jobId: number; ms: number }) | { type: 'error'; jobId: number; message: string };

/** The job of type T. */
export type JobOf<T extends AnalysisJob['type']> = Extract<AnalysisJob, { type: T }>;

/** The output type of a job of type T. */
export type OutputOf<T extends AnalysisJob['type']> = Extract<AnalysisOutput, { type: T }>;
