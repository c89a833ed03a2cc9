import { describe, expect, test } from 'vitest';
import { AbortError, isAbort } from '../../src/engine';
import { AbortableTask } from '../../src/ui/state/abortableTask';

/** A job that waits until released or aborted (then rejects with an AbortError, as the pools do). */
function pending<T>() {
  let release!: (v: T) => void;
  let fail!: (e: unknown) => void;
  let seen: AbortSignal | null = null;
  const job = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      seen = signal;
      release = resolve;
      fail = reject;
      signal.addEventListener('abort', () => reject(new AbortError()));
    });
  return { job, release: (v: T) => release(v), fail: (e: unknown) => fail(e), signal: () => seen };
}

function recorder<T>() {
  const log: string[] = [];
  return { log, on: { done: (v: T) => log.push(`done ${String(v)}`), failed: (m: string) => log.push(`failed ${m}`), settled: () => log.push('settled') } };
}

describe('isAbort()', () => {
  test('is true for our AbortError and the platform one, false for other errors and non-errors', () => {
    expect(isAbort(new AbortError())).toBe(true);
    expect(isAbort(new DOMException('stopped', 'AbortError'))).toBe(true);
    const c = new AbortController();
    c.abort();
    expect(isAbort(c.signal.reason)).toBe(true);
    expect(isAbort(new Error('run cancelled'))).toBe(false);
    expect(isAbort(new RangeError('bad'))).toBe(false);
    expect(isAbort('AbortError')).toBe(false);
    expect(isAbort(null)).toBe(false);
  });
});

describe('AbortableTask', () => {
  test('a finished job reports its result, then settles', async () => {
    const t = new AbortableTask();
    const r = recorder<number>();
    const p = pending<number>();
    const run = t.start(p.job, r.on);
    expect(t.running).toBe(true);
    p.release(7);
    await run;
    expect(r.log).toEqual(['done 7', 'settled']);
    expect(t.running).toBe(false);
  });

  test('a failed job reports its message and its signal is aborted (the rest of its work stops)', async () => {
    const t = new AbortableTask();
    const r = recorder<number>();
    const p = pending<number>();
    const run = t.start(p.job, r.on);
    p.fail(new Error('worker crashed twice'));
    await run;
    expect(r.log).toEqual(['failed worker crashed twice', 'settled']);
    expect(p.signal()?.aborted).toBe(true);
  });

  test('starting another job aborts the one before, which reports nothing and does not settle', async () => {
    const t = new AbortableTask();
    const first = recorder<number>();
    const second = recorder<number>();
    const a = pending<number>();
    const b = pending<number>();
    const runA = t.start(a.job, first.on);
    const runB = t.start(b.job, second.on);
    await runA;
    expect(a.signal()?.aborted).toBe(true);
    expect(first.log).toEqual([]);
    b.release(2);
    await runB;
    expect(second.log).toEqual(['done 2', 'settled']);
  });

  test('cancel aborts the job in flight without reporting it', async () => {
    const t = new AbortableTask();
    const r = recorder<number>();
    const p = pending<number>();
    const run = t.start(p.job, r.on);
    t.cancel();
    await run;
    expect(r.log).toEqual([]);
    expect(t.running).toBe(false);
  });
});
