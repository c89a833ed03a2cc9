import { describe, expect, test } from 'vitest';
import { allocateResults, defaultLevers, mergeChunk, simulate, summarize, type TrialResults } from '../../src/engine';
import { runRange, splitRange } from '../../src/workers/runRange';

const immediate = () => Promise.resolve();

async function pooled(levers = defaultLevers(), seed = 'chunks', trials = 3_001, workers = 3, chunkSize = 250): Promise<TrialResults> {
  const all = allocateResults(trials);
  // As the page does: one range per worker, each run in chunks, merged with mergeChunk.
  const parts = await Promise.all(
    splitRange(trials, workers).map(async ([from, to]) => ({ from, r: await runRange(levers, seed, from, to, { chunkSize, yieldControl: immediate, isCancelled: () => false }) })),
  );
  for (const p of parts) mergeChunk(all, p.r, p.from);
  return all;
}

describe('splitting a run across workers', () => {
  test('splitRange covers [0, trials) with contiguous, non-empty, nearly equal ranges', () => {
    for (const [n, k] of [[10_000, 4], [101, 4], [3, 4], [1, 1], [1_000_000, 3]] as const) {
      const r = splitRange(n, k);
      expect(r[0][0]).toBe(0);
      expect(r[r.length - 1][1]).toBe(n);
      for (let i = 1; i < r.length; i++) expect(r[i][0]).toBe(r[i - 1][1]);
      const sizes = r.map(([a, b]) => b - a);
      expect(Math.min(...sizes)).toBeGreaterThan(0);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(r.length).toBe(Math.min(n, k));
    }
  });

  test.each([
    [1, 3_001],
    [2, 10_000],
    [3, 1_000],
    [4, 7],
  ])('%i workers in chunks give the same trial rows and summary as one synchronous run', async (workers, chunk) => {
    const levers = { ...defaultLevers(), euTroops: 60_000, decisionNoise: 0.5 };
    const one = simulate(levers, { seed: 'chunks', trials: 3_001 });
    const many = await pooled(levers, 'chunks', 3_001, workers, chunk);
    expect(many).toEqual(one.results);
    expect(summarize(one.model, many, 'chunks')).toEqual(summarize(one.model, one.results, 'chunks'));
  });

  test('runRange stops at the next chunk once the run is cancelled', async () => {
    let chunks = 0;
    await expect(
      runRange(defaultLevers(), '1', 0, 5_000, {
        chunkSize: 500,
        yieldControl: immediate,
        isCancelled: () => ++chunks >= 2,
      }),
    ).rejects.toThrow('cancelled');
    expect(chunks).toBe(2);
  });
});
