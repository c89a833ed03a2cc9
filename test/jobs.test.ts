// One job schema (workers/messages.ts) and one pure runner (workers/runJob.ts) serve the page's
// analysis workers and the command line's worker threads: the same job gives the same output
// whoever runs it, and both sides check the answer with the same validator.
import { describe, expect, test } from 'vitest';
import { defaultLevers, parseAxis, type SweepAxis } from '../src/engine';
import { WORLDS_FILE } from '../src/engine/model/worlds';
import { runJobs } from '../src/cli/pool';
import { isAnalysisResponse, isAnswerTo } from '../src/workers/checkMessage';
import type { AnalysisJob, AnalysisRequest, AnalysisResponse } from '../src/workers/messages';
import { answer, runJob } from '../src/workers/runJob';
import { TaskPool } from '../src/workers/taskPool';
import { READY } from '../src/workers/workerSlots';

const levers = { ...defaultLevers(), horizonYears: 2 };
const axis = (text: string): SweepAxis => {
  const r = parseAxis(text, 'axis');
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
};
const x = axis('euTroops:0:100000:2');
const y = axis('usCredibility:0:1:2');
const world = WORLDS_FILE.worlds[0];
const JOBS: AnalysisJob[] = [
  { type: 'war', levers, seed: 'jobs', trials: 300 },
  { type: 'sweepCell', levers, x, y, i: 1, j: 0, seed: 'jobs', trials: 300 },
  { type: 'world', levers, world, seed: 'jobs', trials: 300 },
  { type: 'worldFigures', world, trials: 100 },
];
/** A job's output without the envelope (its id and time). */
const payload = (out: object) => Object.fromEntries(Object.entries(out).filter(([k]) => k !== 'jobId' && k !== 'ms'));

describe('the command line runs the page\'s jobs', () => {
  test('every job the command line sends gives, on worker threads, exactly what runJob gives in this thread', async () => {
    const direct = JOBS.map((j) => runJob(j));
    for (const d of direct) expect(isAnalysisResponse({ ...d, jobId: 0, ms: 0 }), d.type).toBe(true);
    // Two threads: both take jobs, and the outputs come back in job order (a thread loads tsx and
    // the engine anew, about a second of CPU; one thread proves nothing two do not).
    const outs = await runJobs(JOBS, 2);
    expect(outs.map(payload)).toEqual(direct);
  });

  test('a job that throws rejects the batch with its index and its message', async () => {
    const bad: AnalysisJob[] = [JOBS[0], { type: 'replay', levers, seed: 'jobs', trial: -1 }];
    await expect(runJobs(bad, 1)).rejects.toThrow(/^worker job 1 failed: replayTrial: trial must be a whole number ≥ 0 \(got -1\)$/);
  });
});

describe('answer', () => {
  test('tags the output with the request\'s id and time, and transfers the tornado\'s array', () => {
    const { response, transfer } = answer({ ...JOBS[0], jobId: 7 });
    expect(response).toMatchObject({ type: 'war', jobId: 7 });
    expect(transfer).toHaveLength(1);
    expect(isAnswerTo('war', response)).toBe(true);
  });

  test('reports a job that throws as an error message, never as an output', () => {
    const { response, transfer } = answer({ type: 'replay', levers, seed: 'jobs', trial: 1.5, jobId: 2 });
    expect(response).toEqual({ type: 'error', jobId: 2, message: 'replayTrial: trial must be a whole number ≥ 0 (got 1.5)' });
    expect(transfer).toEqual([]);
  });
});

describe('isAnswerTo', () => {
  const war = { ...runJob(JOBS[0]), jobId: 1, ms: 0 };
  test('accepts the job\'s own output and an error, and rejects another job\'s output', () => {
    expect(isAnswerTo('war', war)).toBe(true);
    expect(isAnswerTo('sweepCell', { type: 'error', jobId: 1, message: 'x' })).toBe(true);
    expect(isAnswerTo('sweepCell', war)).toBe(false);
  });
  test('rejects a calibration answer whose figures and errors differ in length', () => {
    expect(isAnswerTo('worldFigures', { type: 'worldFigures', jobId: 1, ms: 0, figures: { values: [0.1, 0.2], se: [0.01] } })).toBe(false);
    expect(isAnswerTo('worldFigures', { type: 'worldFigures', jobId: 1, ms: 0, figures: { values: [0.1], se: [0.01] } })).toBe(true);
  });
});

/** A page worker that answers every job with a tornado run's output: well formed, but not the job's. */
class MistaggedWorker {
  onmessage: ((e: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((e: Partial<ErrorEvent>) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor(readonly honest: boolean) {
    setTimeout(() => this.onmessage?.({ data: { type: READY } } as unknown as MessageEvent<AnalysisResponse>), 0);
  }
  postMessage(msg: AnalysisRequest) {
    const data = this.honest ? answer(msg).response : { ...runJob(JOBS[0]), jobId: msg.jobId, ms: 0 };
    setTimeout(() => this.onmessage?.({ data } as MessageEvent<AnalysisResponse>), 0);
  }
  terminate() {}
}

describe('the page\'s analysis pool', () => {
  test('treats an answer of another job\'s type as malformed: the worker is replaced and the job run again', async () => {
    let made = 0;
    const reasons: string[] = [];
    const pool = new TaskPool(1, () => new MistaggedWorker(made++ > 0) as unknown as Worker, { onRestart: (r) => reasons.push(r) });
    const out = await pool.run(JOBS[1] as Extract<AnalysisJob, { type: 'sweepCell' }>);
    expect(payload(out)).toEqual(runJob(JOBS[1]));
    expect(reasons).toEqual(['the analysis worker sent a malformed message']);
    pool.terminate();
  });
});
