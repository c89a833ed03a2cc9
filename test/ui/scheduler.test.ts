import { describe, expect, test } from 'vitest';
import { AbortError } from '../../src/engine';
import { RunScheduler, type SchedulerTimers } from '../../src/ui/state/scheduler';

/** Fake timers: fire by hand with advance(ms). */
function fakeTimers() {
  let now = 0;
  let id = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: SchedulerTimers = {
    setTimeout: (fn, ms) => {
      pending.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      for (const [k, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          pending.delete(k);
          t.fn();
        }
      }
    },
  };
}

/** A fake runner whose runs finish when the test resolves them. */
function fakeRunner() {
  const runs: { input: number; signal: AbortSignal; resolve: (v: string) => void }[] = [];
  return {
    runs,
    run: (input: number, signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new AbortError('aborted')));
        runs.push({ input, signal, resolve });
      }),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('RunScheduler', () => {
  test('a change while idle starts a run at once', () => {
    const t = fakeTimers();
    const r = fakeRunner();
    const s = new RunScheduler<number, string>({ run: r.run, onResult: () => {}, timers: t.timers });
    s.request(1);
    expect(r.runs.map((x) => x.input)).toEqual([1]);
  });

  test('rapid changes merge: the latest inputs win and only one more run starts', async () => {
    const t = fakeTimers();
    const r = fakeRunner();
    const results: string[] = [];
    const s = new RunScheduler<number, string>({ run: r.run, onResult: (o) => results.push(o), timers: t.timers, debounceMs: 100 });
    s.request(1);
    for (let i = 2; i <= 20; i++) {
      s.request(i);
      t.advance(10);
    }
    expect(r.runs.map((x) => x.input)).toEqual([1]);
    t.advance(100);
    expect(r.runs.map((x) => x.input)).toEqual([1, 20]);
    // The newer change cancelled the older run.
    expect(r.runs[0].signal.aborted).toBe(true);
    r.runs[0].resolve('stale');
    r.runs[1].resolve('fresh');
    await flush();
    expect(results).toEqual(['fresh']);
    expect(s.started).toBe(2);
  });

  test('a result from a superseded run is never delivered', async () => {
    const t = fakeTimers();
    const r = fakeRunner();
    const results: string[] = [];
    const s = new RunScheduler<number, string>({ run: (i) => r.run(i, new AbortController().signal), onResult: (o) => results.push(o), timers: t.timers });
    s.request(1);
    s.runNow(2);
    r.runs[0].resolve('one');
    r.runs[1].resolve('two');
    await flush();
    expect(results).toEqual(['two']);
  });

  test('runNow skips the debounce and cancel stops everything', async () => {
    const t = fakeTimers();
    const r = fakeRunner();
    const busy: boolean[] = [];
    const s = new RunScheduler<number, string>({ run: r.run, onResult: () => {}, onBusy: (b) => busy.push(b), timers: t.timers });
    s.runNow(5);
    expect(r.runs.map((x) => x.input)).toEqual([5]);
    s.request(6);
    s.cancel();
    t.advance(1000);
    expect(r.runs.map((x) => x.input)).toEqual([5]);
    expect(r.runs[0].signal.aborted).toBe(true);
    expect(s.busy).toBe(false);
    expect(busy).toEqual([true, false]);
  });

  test('errors of the newest run are reported with their inputs', async () => {
    const t = fakeTimers();
    const errors: [unknown, number][] = [];
    const s = new RunScheduler<number, string>({
      run: async () => {
        throw new Error('boom');
      },
      onResult: () => {},
      onError: (e, i) => errors.push([e, i]),
      timers: t.timers,
    });
    s.request(3);
    await flush();
    expect(errors).toHaveLength(1);
    expect((errors[0][0] as Error).message).toBe('boom');
    expect(errors[0][1]).toBe(3);
  });
});
