import type { Levers, TrialResults } from '../engine';

/** Page → worker. A new `run` supersedes any run the worker is doing. */
export type WorkerRequest =
  | {
      type: 'run';
      runId: number;
      levers: Levers;
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
