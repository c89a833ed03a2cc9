import { describe, expect, test } from 'vitest';
import { defaultLevers, simulate } from '../../src/engine';
import { runJob } from '../../src/workers/runJob';
import { simPool, taskPool } from './faultyWorkers';

describe('WorkerPool after a worker crashes', () => {
  const levers = { ...defaultLevers(), horizonYears: 3 };

  test('a crashed worker is replaced, its trials run again, and the result equals a clean run', async () => {
    // Worker 1 of the 2 an interactive run uses (of 3) on its first run; the replacement (the third worker made) is healthy.
    const { pool, made } = simPool(3, ['ok', 'crash']);
    const reasons: string[] = [];
    const out = await pool.run(levers, 'crash', 4_000, { onRestart: (r) => reasons.push(r) });
    expect(reasons).toEqual(['Uncaught RangeError: simulated crash']);
    expect(made).toHaveLength(4);
    expect(made[1].terminated).toBe(true);
    expect(pool.restarts).toBe(1);
    expect(out.results).toEqual(simulate(levers, { seed: 'crash', trials: 4_000 }).results);
  });

  test('a range that crashes its worker twice fails the run with the reason, and the pool still works', async () => {
    const { pool } = simPool(1, ['crash', 'crash']);
    await expect(pool.run(levers, 'twice', 2_000)).rejects.toThrow(
      'a simulation worker failed twice on this run (Uncaught RangeError: simulated crash); the run was stopped',
    );
    const out = await pool.run(levers, 'after', 2_000);
    expect(out.results).toEqual(simulate(levers, { seed: 'after', trials: 2_000 }).results);
  });

  test('a worker that goes silent is taken for dead after the stall time and replaced', async () => {
    const { pool, made } = simPool(1, ['silent'], 200);
    const reasons: string[] = [];
    const out = await pool.run(levers, 'silent', 3_000, { onRestart: (r) => reasons.push(r) });
    expect(reasons).toEqual(['the worker sent nothing for 0 s']);
    expect(made[0].terminated).toBe(true);
    expect(out.results).toEqual(simulate(levers, { seed: 'silent', trials: 3_000 }).results);
  });

  test('an idle worker that crashes is replaced without failing anything', async () => {
    const { pool, made } = simPool(1, ['ok']);
    made[0].onerror?.({ message: 'idle crash', preventDefault() {} });
    expect(pool.restarts).toBe(1);
    const out = await pool.run(levers, 'idle', 1_000);
    expect(out.results).toEqual(simulate(levers, { seed: 'idle', trials: 1_000 }).results);
  });
});

describe('TaskPool after a worker crashes', () => {
  const job = { type: 'resumed' as const, levers: defaultLevers(), seed: 'job', trials: 500 };
  const expected = () => runJob(job);

  test('the job of a crashed worker runs again on its replacement', async () => {
    const { pool, reasons } = taskPool(1, ['crash']);
    const out = await pool.run(job);
    expect(reasons).toEqual(['simulated analysis crash']);
    expect(out.resumed).toEqual((expected() as { resumed: Uint8Array }).resumed);
    expect(pool.pending).toBe(0);
  });

  test('a job that crashes two workers fails with the reason; other jobs still finish', async () => {
    const { pool } = taskPool(2, ['crash', 'ok', 'crash']);
    const a = pool.run(job);
    const b = pool.run({ ...job, seed: 'other' });
    await expect(a).rejects.toThrow('an analysis worker failed twice on this job (simulated analysis crash)');
    expect((await b).resumed.length).toBe(500);
  });

  test('a hung job is restarted after the stall time', async () => {
    const { pool, reasons, made } = taskPool(1, ['silent'], 200);
    const out = await pool.run(job);
    expect(reasons).toEqual(['a job ran for more than 0 s']);
    expect(made[0].terminated).toBe(true);
    expect(out.resumed.length).toBe(500);
    pool.terminate();
  });
});
