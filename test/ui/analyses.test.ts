import { csvParse } from 'd3-dsv';
import { describe, expect, test } from 'vitest';
import {
  AbortError,
  ENGINE_VERSION,
  SENSITIVITY_KEYS,
  MODES,
  MODE_KEYS,
  combineSensitivity,
  compileModel,
  defaultAxes,
  defaultLevers,
  parseAxis,
  planSensitivity,
  replayTrial,
  warIndicator,
  runSweepCell,
  sensitivity,
  simulate,
  type SweepCell,
} from '../../src/engine';
import { SWEEPABLE, SWEEP_CSV_COLUMNS, axisValueText, contourSegments, gridValues, sweepCsv } from '../../src/ui/views/sweepView';
import { axisFor } from '../../src/ui/state/sweepAxis';
import { tornadoDomain, tornadoRows } from '../../src/ui/views/sensitivityView';
import { bandExtent, bandPoints, storyWindow, trialRows } from '../../src/ui/views/whyView';
import type { AnalysisRequest, AnalysisResponse } from '../../src/workers/messages';
import { outputBuffers, runJob } from '../../src/workers/runJob';
import { JOBS_PER_WORKER, TaskPool } from '../../src/workers/taskPool';

/** A Worker stand-in running analysis jobs on this thread, asynchronously (as the real worker does). */
class FakeAnalysisWorker {
  onmessage: ((e: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  jobs = 0;
  postMessage(msg: AnalysisRequest) {
    this.jobs++;
    const { jobId, ...job } = msg;
    setTimeout(() => {
      try {
        const out = runJob(job);
        this.onmessage?.({ data: { ...out, jobId, ms: 0 } } as MessageEvent<AnalysisResponse>);
      } catch (e) {
        this.onmessage?.({ data: { type: 'error', jobId, message: String(e) } } as MessageEvent<AnalysisResponse>);
      }
    }, 0);
  }
  terminate() {}
}

function tasks(size: number) {
  const workers: FakeAnalysisWorker[] = [];
  const pool = new TaskPool(size, () => {
    const w = new FakeAnalysisWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { pool, workers };
}

describe('tornado view model', () => {
  const r = sensitivity(defaultLevers(), { seed: 'vm', trials: 400 });
  test('tornadoRows keeps the engine order and gives changes in percentage points', () => {
    const rows = tornadoRows(r);
    expect(rows.map((x) => x.key)).toEqual(r.swings.map((s) => s.key));
    expect(rows.length).toBe(SENSITIVITY_KEYS.length);
    rows.forEach((row, k) => {
      expect(row.low).toBe(r.swings[k].low.delta * 100);
      expect(row.highCI[1]).toBe(r.swings[k].high.deltaCI95[1] * 100);
      expect(row.span).toBeCloseTo(r.swings[k].span * 100, 12);
    });
  });
  test('tornadoDomain covers every bar and whisker and zero', () => {
    const rows = tornadoRows(r);
    const [lo, hi] = tornadoDomain(rows);
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(0);
    for (const row of rows) {
      expect(lo).toBeLessThanOrEqual(Math.min(row.low, row.lowCI[0], row.high, row.highCI[0]));
      expect(hi).toBeGreaterThanOrEqual(Math.max(row.low, row.lowCI[1], row.high, row.highCI[1]));
    }
  });
});

describe('sweep view model', () => {
  test('axisFor gives the engine parseAxis values for every sweepable lever', () => {
    for (const spec of SWEEPABLE) {
      const text = spec.kind === 'number' ? `${spec.key}:${spec.min}:${spec.max}:7` : spec.key;
      const want = parseAxis(text, 'x');
      expect(want.ok).toBe(true);
      if (want.ok) expect(axisFor(spec.key, 7), spec.key).toEqual(want.value);
    }
    expect(axisFor('euTroops', 11)).toEqual(defaultAxes(11).x);
    expect(axisValueText(axisFor('euTroops', 3), 1)).toBe('100,000 troops');
  });

  test('contourSegments finds the crossing of a linear ramp by interpolation', () => {
    // Values rise along i: 0, 0.1, 0.2, 0.3 in every row; the 0.15 contour is the vertical line i = 1.5.
    const nx = 4;
    const ny = 3;
    const v = Float64Array.from({ length: nx * ny }, (_, k) => (k % nx) * 0.1);
    const segs = contourSegments(v, nx, ny, 0.15);
    expect(segs.length).toBe(2);
    for (const s of segs) for (const p of s) expect(p[0]).toBeCloseTo(1.5, 12);
    expect(contourSegments(v, nx, ny, 0.9)).toEqual([]);
  });

  test('contourSegments skips squares with an unfinished cell and splits saddles into two segments', () => {
    const withGap = Float64Array.from([0, 1, 0, NaN]);
    expect(contourSegments(withGap, 2, 2, 0.5)).toEqual([]);
    const saddle = Float64Array.from([1, 0, 0, 1]); // row-major: (0,0)=1 (1,0)=0 (0,1)=0 (1,1)=1
    expect(contourSegments(saddle, 2, 2, 0.5).length).toBe(2);
  });

  test('sweepCsv has the documented columns and one row per finished cell, equal to runSweepCell', () => {
    const { x, y } = defaultAxes(2);
    const cells: (SweepCell | null)[] = [];
    for (let j = 0; j < 2; j++) for (let i = 0; i < 2; i++) cells.push(runSweepCell(defaultLevers(), x, y, i, j, 's', 200));
    cells[3] = null;
    const rows = csvParse(sweepCsv(x, y, cells, '=s', 200));
    expect(rows.columns).toEqual([...SWEEP_CSV_COLUMNS]);
    expect(rows.length).toBe(3);
    expect(Number(rows[1].pResumption)).toBe(cells[1]!.pResumption);
    expect(rows[1].x).toBe(String(x.values[1]));
    expect(rows[0].seed).toBe("'=s"); // formula-safe
    expect(rows[0].engineVersion).toBe(ENGINE_VERSION);
    expect([...gridValues(cells)].map((v) => Number.isNaN(v))).toEqual([false, false, false, true]);
  });
});

describe('why-it-breaks view model', () => {
  const { model, results } = simulate(defaultLevers(), { seed: 'why', trials: 300 });
  test('trialRows reads the run row by row', () => {
    const rows = trialRows(results, 50);
    expect(rows.length).toBe(50);
    const outcomes = new Set<string>();
    for (const r of rows) {
      const i = r.trial;
      expect(r.war).toBe(results.warMonth[i] > 0);
      expect(r.month ?? 0).toBe(results.warMonth[i]);
      expect(r.resolve).toBe(results.resolve[i]);
      const expected = results.warMode[i] > 0 ? MODES[MODE_KEYS[results.warMode[i] - 1]].label : results.mode[i] > 0 ? 'grey-zone probe only' : 'no war';
      expect(r.outcome).toBe(expected);
      outcomes.add(r.outcome);
    }
    // Under the defaults the first 50 trials hold examples of war and of probes without war.
    expect(outcomes.has('grey-zone probe only')).toBe(true);
    expect([...outcomes].some((o) => o === MODES.limited.label || o === MODES.fullScale.label)).toBe(true);
  });
  test('storyWindow ends at the story’s last month', () => {
    const story = replayTrial(model, 'why', 0);
    const w = storyWindow(story, 5);
    expect(w[w.length - 1]).toBe(story.months[story.months.length - 1]);
    expect(w.length).toBe(Math.min(6, story.months.length));
  });
  test('bandPoints and bandExtent skip empty months', () => {
    const band = { mean: Float64Array.from([NaN, 1, NaN, 3]), p10: Float64Array.from([NaN, 0, NaN, 2]), p90: Float64Array.from([NaN, 2, NaN, 5]) };
    expect(bandPoints(band).map((p) => p.t)).toEqual([1, 3]);
    expect(bandExtent(band)).toEqual([0, 5]);
    const empty = { mean: new Float64Array(3).fill(NaN), p10: new Float64Array(3).fill(NaN), p90: new Float64Array(3).fill(NaN) };
    expect(bandExtent(empty)).toEqual([0, 1]);
  });
});

describe('analysis jobs and the task pool', () => {
  test('a tornado spread over the pool equals the engine run in one thread, whatever the pool size', async () => {
    const lv = defaultLevers();
    const plan = planSensitivity(lv, { seed: 'pool', trials: 300 });
    const want = sensitivity(lv, { seed: 'pool', trials: 300 });
    for (const size of [1, 3]) {
      const { pool, workers } = tasks(size);
      const resumed = await Promise.all(plan.runs.map((r) => pool.run({ type: 'war', levers: r.levers, assumptions: r.assumptions, seed: 'pool', trials: 300 }).then((o) => o.war)));
      expect(combineSensitivity(plan, resumed)).toEqual(want);
      // Every worker took jobs.
      for (const w of workers) expect(w.jobs).toBeGreaterThan(0);
    }
  });

  test('aborted jobs reject; those still queued never run, only those already handed to a worker (JOBS_PER_WORKER)', async () => {
    const { pool, workers } = tasks(1);
    const ctl = new AbortController();
    const job = { type: 'war' as const, levers: defaultLevers(), seed: 'a', trials: 100 };
    const jobs = Array.from({ length: 4 }, () => pool.run(job, ctl.signal));
    ctl.abort();
    for (const j of jobs) await expect(j).rejects.toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 20));
    expect(JOBS_PER_WORKER).toBe(2);
    expect(workers[0].jobs).toBe(JOBS_PER_WORKER);
    expect(pool.pending).toBe(0);
    // The pool still works afterwards.
    const out = await pool.run(job);
    expect(out.war).toEqual(warIndicator(simulate(job.levers, { seed: 'a', trials: 100 }).results));
  });

  test('a worker holds its running job and the next (the next starts without waiting for the page), and the results are those of one thread', async () => {
    const { pool, workers } = tasks(2);
    const levers = defaultLevers();
    const outs = Array.from({ length: 7 }, (_, k) => pool.run({ type: 'war', levers, seed: `p${k}`, trials: 50 }));
    // Handed out at once: one to each worker, then a second to each; three wait in the page's queue.
    expect(workers.map((w) => w.jobs)).toEqual([JOBS_PER_WORKER, JOBS_PER_WORKER]);
    expect(pool.pending).toBe(7);
    const got = await Promise.all(outs);
    got.forEach((o, k) => expect(o.war).toEqual(warIndicator(simulate(levers, { seed: `p${k}`, trials: 50 }).results)));
    expect(workers[0].jobs + workers[1].jobs).toBe(7);
    expect(pool.pending).toBe(0);
  });

  test('a worker that crashes with a job waiting behind the running one: the running job is retried, the waiting one runs once, uncounted', async () => {
    let made = 0;
    const posted: number[] = [];
    const pool = new TaskPool(1, () => {
      const w = new FakeAnalysisWorker();
      const first = made++ === 0;
      const post = w.postMessage.bind(w);
      w.postMessage = (msg: AnalysisRequest) => {
        posted.push(msg.jobId);
        // The first worker dies on its first job, before answering anything.
        if (first) setTimeout(() => w.onerror?.({ message: 'simulated crash', preventDefault() {} } as ErrorEvent), 0);
        else post(msg);
      };
      return w as unknown as Worker;
    });
    const levers = defaultLevers();
    const a = pool.run({ type: 'war', levers, seed: 'c1', trials: 50 });
    const b = pool.run({ type: 'war', levers, seed: 'c2', trials: 50 });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.war).toEqual(warIndicator(simulate(levers, { seed: 'c1', trials: 50 }).results));
    expect(rb.war).toEqual(warIndicator(simulate(levers, { seed: 'c2', trials: 50 }).results));
    // Both were posted to the first worker; after the crash each went to the new worker once, in order.
    expect(posted).toEqual([1, 2, 1, 2]);
    expect(pool.restarts).toBe(1);
  });

  test('a failing job rejects with the worker’s message', async () => {
    const { pool } = tasks(1);
    const { x, y } = defaultAxes(2);
    await expect(pool.run({ type: 'sweepCell', levers: defaultLevers(), x, y, i: 0, j: 0, seed: 'e', trials: -1 })).rejects.toThrow();
  });

  test('runJob replays a trial exactly as replayTrial and transfers only the indicator buffer', () => {
    const out = runJob({ type: 'replay', levers: defaultLevers(), seed: 'r', trial: 3 });
    expect(out.type === 'replay' && out.story.narrative).toBe(replayTrial(compileModel(defaultLevers()), 'r', 3).narrative);
    expect(outputBuffers(out)).toEqual([]);
    const res = runJob({ type: 'war', levers: defaultLevers(), seed: 'r', trials: 10 });
    expect(outputBuffers(res).length).toBe(1);
  });
});

describe('sweep axis ticks', () => {
  test('write counts compactly and other values as the controls do', async () => {
    const { axisTickText } = await import('../../src/ui/views/sweepView');
    const x = { key: 'euTroops' as const, values: [0, 20000, 125000, 1100000] };
    expect(x.values.map((_, i) => axisTickText(x, i))).toEqual(['0', '20k', '125k', '1.1M']);
    const y = { key: 'usTier' as const, values: ['none', 'air-power'] };
    expect(y.values.map((_, i) => axisTickText(y, i))).toEqual(['None', 'Air power']);
  });
});
