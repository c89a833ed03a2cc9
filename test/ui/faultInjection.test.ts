// Fault injection for the page's pools: workers that fail to load, crash mid-range, hang, or answer
// with a malformed message. For each, the page either completes correctly or says it failed; it
// never shows partial results as complete.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { defaultLevers, runSweepCell, simulate, type SweepCell } from '../../src/engine';
import { AnalysisState } from '../../src/ui/state/analysisState.svelte';
import { axisFor } from '../../src/ui/state/sweepAxis';
import { JobWorker, simPool, type Behaviour } from './faultyWorkers';

/*
 * The pools' watchdogs read performance.now(): here it is a fake clock that stands still unless a
 * test moves it, so a healthy worker slowed by a loaded machine is never taken for a silent one (a
 * 300 ms stall time on the real clock failed "noload replaced" under load). A silent worker is found
 * by moving the clock past the stall time once the state says the silent worker holds the work,
 * and nothing healthy is mid-job. Timers stay real: the stand-in workers and the watchdogs run as
 * they do in the page.
 */
const STALL_MS = 300;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Resolves once `ok()` holds (polled on the real clock). */
async function until(ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Whether a promise has settled (either way), read synchronously. */
function watch(p: Promise<unknown>): () => boolean {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
}

/**
 * Workers that always go silent: each time the newest worker holds the work, move the clock past the
 * stall time, until the run has settled (failed, after the retries).
 */
async function silenceEachWorker(made: readonly { posted: number }[], settled: () => boolean): Promise<void> {
  while (!settled()) {
    // The pool may make its first worker a task after the run starts (the sweep posts its jobs after its first drawing).
    await until(() => settled() || (made.length > 0 && made[made.length - 1].posted > 0), 'the newest worker holds the work');
    if (settled()) return;
    const count = made.length;
    vi.advanceTimersByTime(STALL_MS + 1);
    await until(() => settled() || made.length > count, 'the silent worker is replaced or the run has failed');
  }
}

const FAULTS: [Behaviour, RegExp][] = [
  ['noload', /^the (analysis )?worker could not load; if the page is offline, reconnect and retry$/],
  ['crash', /simulated (analysis )?crash/],
  ['midcrash', /crashed mid-range|simulated analysis crash/],
  ['silent', /^(the worker sent nothing for 0 s|a job ran for more than 0 s)$/],
  ['malformed', /^the (analysis )?worker sent a malformed message$/],
];

const levers = { ...defaultLevers(), horizonYears: 3 };

describe('the simulation pool under injected faults', () => {
  test.each(FAULTS)('one worker that fails (%s) is replaced and the run completes, equal to a clean run', async (fault, reason) => {
    // Three workers, each with a third of the run; the first one made fails, its replacement works.
    const { pool, made } = simPool(3, [fault], STALL_MS);
    const reasons: string[] = [];
    let done = 0;
    const run = pool.run(levers, 'fault', 6_000, { onRestart: (r) => reasons.push(r), onProgress: (d) => (done = d) });
    if (fault === 'silent') {
      // The healthy workers have done their thirds; the silent one holds the last: now it has been silent too long.
      await until(() => made[0].posted > 0 && done >= 4_000, 'the healthy thirds are done');
      vi.advanceTimersByTime(STALL_MS + 1);
    }
    const out = await run;
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(reason);
    expect(out.results).toEqual(simulate(levers, { seed: 'fault', trials: 6_000 }).results);
    pool.terminate();
  });

  test.each(FAULTS)('workers that always fail (%s) fail the run with the reason; nothing is resolved as complete', async (fault, reason) => {
    const { pool, made } = simPool(1, [fault, fault, fault], STALL_MS);
    const run = pool.run(levers, 'fault', 2_000);
    if (fault === 'silent') await silenceEachWorker(made, watch(run));
    const err: Error = await run.then(
      () => {
        throw new Error('resolved');
      },
      (e) => e,
    );
    expect(err.message).toMatch(/^a simulation worker failed twice on this run \((.*)\); the run was stopped$/);
    expect(err.message.match(/\((.*)\); the run/)![1]).toMatch(reason);
    pool.terminate();
  });
});

describe('an idle worker that cannot load', () => {
  test('does not break the run using the other workers, and is not respawned in a loop while idle', async () => {
    // A 2,000-trial run uses two of three workers (ranges of at least 1,000 trials); the third (idle) never loads.
    const { pool, made } = simPool(3, ['ok', 'ok', 'noload'], STALL_MS);
    const out = await pool.run(levers, 'idle', 2_000);
    expect(out.workers).toBe(2);
    expect(out.results).toEqual(simulate(levers, { seed: 'idle', trials: 2_000 }).results);
    await new Promise((r) => setTimeout(r, 50));
    expect(made).toHaveLength(3);
    expect(pool.restarts).toBe(1);
    pool.terminate();
  });
});

describe('the analyses under injected faults', () => {
  const raf = globalThis.requestAnimationFrame;
  const caf = globalThis.cancelAnimationFrame;
  beforeAll(() => {
    globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number) as typeof requestAnimationFrame;
    globalThis.cancelAnimationFrame = ((id: number) => clearTimeout(id)) as typeof cancelAnimationFrame;
  });
  afterAll(() => {
    globalThis.requestAnimationFrame = raf;
    globalThis.cancelAnimationFrame = caf;
  });

  /** An AnalysisState (one worker) whose workers behave as `plan` says, in the order they are made; then 'ok'. */
  function analysisWith(plan: Behaviour[]): { a: AnalysisState; made: JobWorker[] } {
    const made: JobWorker[] = [];
    const a = new AnalysisState({
      factory: () => {
        const w = new JobWorker(plan[made.length] ?? 'ok');
        made.push(w);
        return w as unknown as Worker;
      },
      stallMs: STALL_MS,
      workers: 1,
    });
    a.sweepStepsX = 3;
    a.sweepStepsY = 3;
    a.sweepTrials = 300;
    return { a, made };
  }

  const expectedCells = (): SweepCell[] => {
    const x = axisFor('euTroops', 3);
    const y = axisFor('usCredibility', 3);
    return y.values.flatMap((_, j) => x.values.map((_, i) => runSweepCell(levers, x, y, i, j, '1', 300)));
  };

  test.each(FAULTS)('a 3×3 sweep whose first worker fails (%s) completes with every cell right, and only then says so', async (fault) => {
    const { a, made } = analysisWith([fault]);
    const run = a.runSweep(levers, '1');
    if (fault === 'silent') {
      // One worker: the silent one holds the first job and nothing else runs, so its job is now overdue.
      await until(() => made.length > 0 && made[0].posted > 0, 'the silent worker holds a job');
      vi.advanceTimersByTime(STALL_MS + 1);
    }
    // While the job runs again the notice must not claim completeness.
    await new Promise((r) => setTimeout(r, 5));
    if (a.workerNotice) expect(a.workerNotice).not.toMatch(/complete/);
    await run;
    expect(a.sweepError).toBeNull();
    expect(a.sweepCells).toEqual(expectedCells());
    expect(a.workerNotice).toMatch(/^An analysis worker stopped \(.+\)\. It was restarted and its job was run again, and the sweep finished, so its results are complete\.$/);
  });

  test.each(FAULTS)('a 3×3 sweep whose workers always fail (%s) says it failed, shows no cell as complete, and never claims the results are complete', async (fault, reason) => {
    const { a, made } = analysisWith(Array(40).fill(fault));
    const run = a.runSweep(levers, '1');
    if (fault === 'silent') await silenceEachWorker(made, watch(run));
    await run;
    expect(a.sweepError).toMatch(/^an analysis worker failed twice on this job \(.+\)$/);
    expect(a.sweepError!.match(/\((.*)\)$/)![1]).toMatch(reason);
    expect(a.sweepCells.some((c) => c === null)).toBe(true);
    expect(a.workerNotice ?? '').not.toMatch(/complete/);
    expect(a.sweepProgress).toBeNull();
  });

  test('a tornado whose workers cannot load says it failed and has no result; Retry after the workers load again completes it', async () => {
    const { a } = analysisWith(Array(4).fill('noload'));
    a.sensTrials = 200;
    await a.runSensitivity(levers, '1');
    expect(a.sens).toBeNull();
    expect(a.sensError).toMatch(/could not load/);
    expect(a.workerNotice ?? '').not.toMatch(/complete/);
    // "Retry": the workers made from now on load (the plan is used up).
    await a.runSensitivity(levers, '1');
    expect(a.sensError).toBeNull();
    expect(a.sens?.result.swings.length).toBeGreaterThan(0);
  });
});
