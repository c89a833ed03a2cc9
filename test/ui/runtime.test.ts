// Issue 21: one owner of the page's workers (state/runtime.ts), sized to the device, and the main
// run first: a change of the inputs aborts the band across worlds made for the old ones, and the
// band starts again after the new main run.
import { describe, expect, test } from 'vitest';
import { defaultLevers, simulate, type RunInput } from '../../src/engine';
import type { AnalysisRequest, AnalysisResponse } from '../../src/workers/messages';
import { runJob } from '../../src/workers/runJob';
import { READY } from '../../src/workers/workerSlots';
import { readAddress } from '../../src/ui/state/address';
import { AnalysisState } from '../../src/ui/state/analysisState.svelte';
import { AppState } from '../../src/ui/state/appState.svelte';
import { INPUTS_SETTLE_MS, Runtime, deviceWorkers } from '../../src/ui/state/runtime';
import { WorldsState } from '../../src/ui/state/worldsState.svelte';
import { SimWorker } from './faultyWorkers';

/** An analysis worker stand-in that answers only when released (so a test sees what waits, and in what order). */
class GatedJobWorker {
  onmessage: ((e: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((e: Partial<ErrorEvent>) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  held: AnalysisRequest[] = [];
  constructor(readonly log: string[]) {
    setTimeout(() => this.onmessage?.({ data: { type: READY } } as unknown as MessageEvent<AnalysisResponse>), 0);
  }
  postMessage(msg: AnalysisRequest) {
    this.log.push(`job ${msg.type}`);
    this.held.push(msg);
  }
  /** Answer every job held so far. */
  release() {
    for (const msg of this.held.splice(0)) {
      const { jobId, ...job } = msg;
      if (!this.terminated) this.onmessage?.({ data: { ...runJob(job), jobId, ms: 0 } } as MessageEvent<AnalysisResponse>);
    }
  }
  terminate() {
    this.terminated = true;
  }
}

/** A Runtime whose workers are stand-ins, with what was made and what happened in order. */
function stubRuntime(opts: { hardwareConcurrency?: number; workers?: number; settleMs?: number } = {}) {
  const log: string[] = [];
  const sims: SimWorker[] = [];
  const jobs: GatedJobWorker[] = [];
  const runtime = new Runtime({
    ...opts,
    simWorker: () => {
      const w = new SimWorker('ok');
      sims.push(w);
      return w as unknown as Worker;
    },
    analysisWorker: () => {
      const w = new GatedJobWorker(log);
      jobs.push(w);
      return w as unknown as Worker;
    },
  });
  return { runtime, log, sims, jobs, releaseJobs: () => jobs.forEach((j) => j.release()) };
}

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const d = defaultLevers();
const input = (trials: number, seed = 'rt', levers = d): RunInput => ({ levers, seed, trials });

describe('Runtime sizing', () => {
  test.each([
    [undefined, 2],
    [0, 2],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [16, 4],
    [64, 4],
  ])('hardwareConcurrency %s → %i workers a pool', (hw, want) => {
    expect(deviceWorkers(hw)).toBe(want);
    expect(new Runtime({ hardwareConcurrency: hw }).size).toBe(want);
  });

  test('workers= overrides the device (still capped at 4, at least 1)', () => {
    expect(new Runtime({ hardwareConcurrency: 16, workers: 1 }).size).toBe(1);
    expect(new Runtime({ hardwareConcurrency: 2, workers: 3 }).size).toBe(3);
    expect(new Runtime({ hardwareConcurrency: 2, workers: 16 }).size).toBe(4);
  });
});

describe('Runtime: one owner of every pool', () => {
  test('pools are made on first use, once each, and never more workers than three pools of its size', async () => {
    const { runtime, sims, jobs } = stubRuntime({ hardwareConcurrency: 16, workers: 2 });
    expect(runtime.pools).toEqual({ main: null, aside: null, tasks: null });
    expect(runtime.main()).toBe(runtime.main());
    expect(runtime.tasks()).toBe(runtime.tasks());
    await runtime.runMain(input(2_000));
    await runtime.runMain(input(2_000, 'again'));
    await Promise.all([runtime.runAside(input(2_000)), runtime.runAside(input(2_000, 'two'))]);
    expect(runtime.pools.aside).not.toBeNull();
    expect(sims.length).toBeLessThanOrEqual(2 * runtime.size);
    expect(jobs.length).toBeLessThanOrEqual(runtime.size);
  });

  test('runs beside the main one are queued, not superseded, and give the engine\'s results', async () => {
    const { runtime } = stubRuntime({ workers: 2 });
    const [a, b] = await Promise.all([runtime.runAside(input(3_000, 'a')), runtime.runAside(input(3_000, 'b'))]);
    expect(Array.from(a.results.mode)).toEqual(Array.from(simulate(d, { seed: 'a', trials: 3_000 }).results.mode));
    expect(Array.from(b.results.mode)).toEqual(Array.from(simulate(d, { seed: 'b', trials: 3_000 }).results.mode));
  });

  test('a run aside this device cannot hold is refused before it starts', async () => {
    const { runtime } = stubRuntime();
    await expect(runtime.runAside(input(1_000), { fit: () => ({ ok: false, errors: [{ field: 'trials', message: 'too many here' }] }) })).rejects.toThrow('too many here');
    expect(runtime.pools.aside).toBeNull();
  });

  test('terminate ends every worker of every pool, and nothing starts after it', async () => {
    const { runtime, sims, jobs } = stubRuntime({ workers: 2 });
    await runtime.runMain(input(2_000));
    await runtime.runAside(input(2_000));
    runtime.tasks().run({ type: 'war', levers: d, assumptions: {}, seed: 's', trials: 100 }).catch(() => undefined);
    await until(() => jobs.length > 0);
    const { signal } = runtime.dependent(() => true);
    runtime.terminate();
    expect(sims.every((w) => w.terminated)).toBe(true);
    expect(jobs.every((w) => w.terminated)).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(() => runtime.main()).toThrow(/stopped/);
  });
});

describe('Runtime: the Model view\'s calibration worker', () => {
  /** A calibration worker stand-in: answers `figures`, or fails to load. */
  function calibrationWorker(made: { n: number; terminated: number }, answer: number[] | null) {
    return () => {
      made.n++;
      const w = {
        onmessage: null as ((e: MessageEvent) => void) | null,
        onerror: null as ((e: Partial<ErrorEvent>) => void) | null,
        terminate: () => void made.terminated++,
      };
      setTimeout(() => (answer ? w.onmessage?.({ data: { type: 'result', figures: answer } } as MessageEvent) : w.onerror?.({ message: '' })), 0);
      return w as unknown as Worker;
    };
  }

  test('made once, its figures shared by every later call, the worker ended when it has answered', async () => {
    const made = { n: 0, terminated: 0 };
    const runtime = new Runtime({ calibrationWorker: calibrationWorker(made, [0.1, 0.2]) });
    const [a, b] = await Promise.all([runtime.calibration(), runtime.calibration()]);
    expect(a).toEqual([0.1, 0.2]);
    expect(b).toBe(a);
    expect(await runtime.calibration()).toBe(a);
    expect(made).toEqual({ n: 1, terminated: 1 });
  });

  test('a failure is reported and not kept: the next call tries again', async () => {
    const made = { n: 0, terminated: 0 };
    const runtime = new Runtime({ calibrationWorker: calibrationWorker(made, null) });
    await expect(runtime.calibration()).rejects.toThrow('the calibration worker failed to start');
    await expect(runtime.calibration()).rejects.toThrow();
    expect(made.n).toBe(2);
  });
});

describe('Runtime: the main run first', () => {
  test('a change of the inputs aborts the background work made for the old ones, and only that', () => {
    const { runtime } = stubRuntime();
    const forOld = runtime.dependent((now) => now.seed === 'old');
    const forAny = runtime.dependent(() => true);
    runtime.inputsChanged(input(1_000, 'old'));
    expect(forOld.signal.aborted).toBe(false);
    runtime.inputsChanged(input(1_000, 'new'));
    expect(forOld.signal.aborted).toBe(true);
    expect(forAny.signal.aborted).toBe(false);
    forAny.release();
    runtime.cancelDependents();
    expect(forAny.signal.aborted).toBe(false); // released: no longer the runtime's to abort
  });

  test('the band across worlds starts only after the main run, a lever change aborts it, and it starts again after the new main run', async () => {
    const { runtime, log, releaseJobs } = stubRuntime({ workers: 2 });
    const app = new AppState([], runtime);
    const analysis = new AnalysisState({ runtime: () => runtime });
    const worlds = new WorldsState(analysis, runtime);
    worlds.options = { worlds: 2, trials: 200 };
    // Log the main runs as they land, beside the analysis jobs.
    runtime.afterMain((i) => log.push(`main ${i.levers.euTroops}`));
    worlds.follow();
    app.init(readAddress('?v=1&trials=2000&seed=band'));
    expect(log).toEqual([]); // nothing of the band before the main run is in
    await until(() => app.run !== null && log.some((l) => l.startsWith('job')));
    expect(log[0]).toBe(`main ${d.euTroops}`);
    expect(log.slice(1).every((l) => l === 'job world')).toBe(true);
    expect(worlds.progress).not.toBeNull();

    // A lever change while the band's jobs wait: the band is dropped at once, before the new run is in.
    const before = app.run!.id;
    app.setLever('euTroops', 90_000);
    expect(worlds.progress).toBeNull();
    releaseJobs(); // the old jobs answer: their results are ignored
    await until(() => app.run!.id !== before && log.filter((l) => l.startsWith('main')).length === 2);
    await until(() => worlds.progress !== null);
    expect(worlds.band).toBeNull();
    // The band for the new levers completes once its jobs answer.
    await until(() => {
      releaseJobs();
      return worlds.band !== null;
    });
    expect(worlds.isFor({ ...d, euTroops: 90_000 }, 'band')).toBe(true);
    expect(worlds.band!.cells).toHaveLength(2);
    runtime.terminate();
  });

  test("the analyses made for the run shown (why it breaks, discovery) are dropped when the inputs change; the user's own (the tornado) are not", async () => {
    const { runtime, log, releaseJobs } = stubRuntime({ workers: 1 });
    const analysis = new AnalysisState({ runtime: () => runtime });
    analysis.sensTrials = 100;
    const run = input(500, 'why');
    const discovery = analysis.loadDiscovery(run);
    const components = analysis.loadComponents(run);
    await until(() => log.length > 0);
    expect(analysis.discoveryBusy && analysis.componentsBusy).toBe(true);
    const tornado = analysis.runSensitivity(d, 'why');
    runtime.inputsChanged(run); // the same inputs: nothing is dropped
    expect(analysis.discoveryBusy).toBe(true);
    runtime.inputsChanged(input(500, 'other'));
    await Promise.all([discovery, components]);
    expect(analysis.discoveryBusy || analysis.componentsBusy).toBe(false);
    expect(analysis.discovery).toBeNull();
    expect(analysis.discoveryError).toBeNull(); // dropped, not failed
    expect(analysis.sensProgress).not.toBeNull();
    await until(() => {
      releaseJobs();
      return analysis.sens !== null;
    });
    await tornado;
    expect(analysis.discovery).toBeNull(); // its answer, when it came, was ignored
    runtime.terminate();
  });

  test('work after a main run waits until the inputs have rested, counted from the last change; a first run starts it at once', async () => {
    const settleMs = 120;
    const runtime = new Runtime({ workers: 1, settleMs });
    const calls: { euTroops: number; finishedAt: number; at: number }[] = [];
    runtime.afterMain((i, finishedAt) => calls.push({ euTroops: i.levers.euTroops, finishedAt, at: performance.now() }));
    // No change of the inputs yet (a first load): at once, inside mainFinished.
    runtime.mainFinished(input(1_000));
    expect(calls).toHaveLength(1);
    expect(calls[0].at - calls[0].finishedAt).toBeLessThan(5);

    // A change, then its run finishes 10 ms later: the call waits out the rest of the settle time.
    const changedAt = performance.now();
    runtime.inputsChanged(input(1_000, 'rt', { ...d, euTroops: 11_000 }));
    await new Promise((r) => setTimeout(r, 10));
    runtime.mainFinished(input(1_000, 'rt', { ...d, euTroops: 11_000 }));
    expect(calls).toHaveLength(1);
    await until(() => calls.length === 2);
    expect(calls[1].euTroops).toBe(11_000);
    expect(calls[1].at - changedAt).toBeGreaterThanOrEqual(settleMs - 2); // timers may fire a hair early in ms rounding
    expect(calls[1].at - calls[1].finishedAt).toBeGreaterThan(settleMs - 20);

    // A change while a call waits drops it: only the newer run's call comes, once the inputs rest.
    runtime.inputsChanged(input(1_000, 'rt', { ...d, euTroops: 12_000 }));
    runtime.mainFinished(input(1_000, 'rt', { ...d, euTroops: 12_000 }));
    await new Promise((r) => setTimeout(r, settleMs / 2));
    runtime.inputsChanged(input(1_000, 'rt', { ...d, euTroops: 13_000 }));
    runtime.mainFinished(input(1_000, 'rt', { ...d, euTroops: 13_000 }));
    await new Promise((r) => setTimeout(r, settleMs * 2));
    expect(calls.map((c) => c.euTroops)).toEqual([d.euTroops, 11_000, 13_000]);

    // A run finishing after the inputs have rested starts it at once; terminate drops a waiting call.
    runtime.mainFinished(input(1_000, 'rt', { ...d, euTroops: 13_000 }));
    expect(calls).toHaveLength(4);
    runtime.inputsChanged(input(1_000, 'rt', { ...d, euTroops: 14_000 }));
    runtime.mainFinished(input(1_000, 'rt', { ...d, euTroops: 14_000 }));
    runtime.terminate();
    await new Promise((r) => setTimeout(r, settleMs * 2));
    expect(calls).toHaveLength(4);
    expect(INPUTS_SETTLE_MS).toBeGreaterThan(250); // longer than a slider step's run and frame, so a drag's runs keep both cores
  });
});
