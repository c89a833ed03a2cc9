import type * as Pool from '../src/cli/pool';
import { isAnswerTo } from '../src/workers/checkMessage';
import type { AnalysisJob, AnalysisRequest, OutputOf } from '../src/workers/messages';
import { answer } from '../src/workers/runJob';

/**
 * The command line's job pool (src/cli/pool.ts) answering on the test's own thread, for test files
 * whose commands run analysis jobs but whose tests are not about the worker threads: each thread
 * loads tsx and the engine anew, about a second of CPU a command, most of such a file's time.
 * Jobs get the worker's answer function (`answer`, src/workers/runJob.ts, what src/cli/jobWorker.ts
 * calls), their requests and answers go through structuredClone as a thread's messages do, and the
 * answers are checked as runJobs checks them. `threads.on` sends a command's jobs to real threads:
 * the tests about threads set it, and compare the threads' bytes with these.
 *
 * Use: `vi.mock('../../src/cli/pool', async (real) => (await import('../inProcessPool')).inProcessPool(await real()))`.
 */
export const threads = { on: false };

export function inProcessPool(real: typeof Pool): typeof Pool {
  async function runJobs<J extends AnalysisJob>(jobs: readonly J[], workers: number, onDone?: (index: number, out: OutputOf<J['type']>) => void): Promise<OutputOf<J['type']>[]> {
    if (threads.on) return real.runJobs(jobs, workers, onDone);
    const results = new Array<OutputOf<J['type']>>(jobs.length);
    for (let job = 0; job < jobs.length; job++) {
      const request: AnalysisRequest = { ...jobs[job], jobId: job };
      const r: unknown = structuredClone(answer(structuredClone(request)).response);
      if (!isAnswerTo(jobs[job].type, r) || r.jobId !== job) throw new Error(`worker job ${job} failed: the worker sent a malformed answer`);
      if (r.type === 'error') throw new Error(`worker job ${job} failed: ${r.message}`);
      results[job] = r as unknown as OutputOf<J['type']>;
      onDone?.(job, results[job]);
      // A thread's answer arrives in a later task: let timers and I/O run between jobs as they would.
      await new Promise((ok) => setImmediate(ok));
    }
    return results;
  }
  return { ...real, runJobs };
}
