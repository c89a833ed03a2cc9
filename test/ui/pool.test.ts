import { describe, expect, test } from 'vitest';
import { defaultLevers, simulate, resultBuffers } from '../../src/engine';
import type { WorkerRequest, WorkerResponse } from '../../src/workers/messages';
import { MAX_WORKERS, WorkerPool } from '../../src/workers/pool';
import { isAbort } from '../../src/engine';
import { runRange } from '../../src/workers/runRange';

/** A Worker stand-in running the worker's own range code on the same thread, asynchronously. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  current = -1;
  runs: WorkerRequest[] = [];
  transferred = 0;
  postMessage(msg: WorkerRequest) {
    this.runs.push(msg);
    if (msg.type === 'cancel') {
      if (msg.runId === this.current) this.current = -1;
      return;
    }
    this.current = msg.runId;
    const { runId } = msg;
    void runRange(msg.levers, msg.seed, msg.from, msg.to, {
      chunkSize: msg.chunkSize,
      yieldControl: () => new Promise((r) => setTimeout(r, 0)),
      isCancelled: () => this.current !== runId,
      onProgress: (done, total) => this.reply({ type: 'progress', runId, done, total }),
    }).then(
      (results) => {
        this.transferred += resultBuffers(results).length;
        this.reply({ type: 'result', runId, from: msg.from, to: msg.to, results, ms: 0 });
      },
      (e) => {
        if (!isAbort(e)) this.reply({ type: 'error', runId, message: String(e) });
      },
    );
  }
  reply(data: WorkerResponse) {
    this.onmessage?.({ data } as MessageEvent<WorkerResponse>);
  }
  terminate() {}
}

function pool(size: number) {
  const workers: FakeWorker[] = [];
  const p = new WorkerPool(size, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { p, workers };
}

describe('WorkerPool', () => {
  test('never starts more than four workers', () => {
    expect(pool(16).p.size).toBe(MAX_WORKERS);
    expect(pool(0).p.size).toBe(1);
  });

  test('a big run is split across every worker and merges to the single-threaded result', async () => {
    const { p, workers } = pool(3);
    const levers = { ...defaultLevers(), horizonYears: 2 };
    const progress: number[] = [];
    const out = await p.run(levers, 'pool', 100_000, { onProgress: (d) => progress.push(d) });
    expect(out.workers).toBe(3);
    expect(workers.every((w) => w.runs.some((r) => r.type === 'run'))).toBe(true);
    expect(out.results).toEqual(simulate(levers, { seed: 'pool', trials: 100_000 }).results);
    expect(progress[progress.length - 1]).toBe(100_000);
  });

  test('an interactive run is split too, into ranges of at least 1,000 trials', async () => {
    const { p } = pool(3);
    const out = await p.run(defaultLevers(), 'pool', 5_000);
    expect(out.workers).toBe(3);
    expect(out.results).toEqual(simulate(defaultLevers(), { seed: 'pool', trials: 5_000 }).results);
    const small = await p.run(defaultLevers(), 'pool', 1_999);
    expect(small.workers).toBe(1);
    expect(small.results).toEqual(simulate(defaultLevers(), { seed: 'pool', trials: 1_999 }).results);
  });

  test('aborting a run rejects it and tells its workers; a newer run supersedes an older one', async () => {
    const { p, workers } = pool(2);
    const controller = new AbortController();
    const a = p.run(defaultLevers(), 'a', 200_000, { signal: controller.signal });
    controller.abort();
    await expect(a).rejects.toThrow('cancelled');
    expect(workers[0].runs.some((r) => r.type === 'cancel')).toBe(true);
    const b = p.run(defaultLevers(), 'b', 200_000);
    const c = p.run(defaultLevers(), 'c', 2_000);
    await expect(b).rejects.toThrow('cancelled');
    const out = await c;
    expect(out.results).toEqual(simulate(defaultLevers(), { seed: 'c', trials: 2_000 }).results);
  });
});
