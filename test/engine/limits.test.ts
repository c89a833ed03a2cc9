import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { allocateResults, resultBuffers, BYTES_PER_TRIAL, MAX_ANALYSIS_TRIALS, RUN_COPIES, RUN_SETTINGS, checkAnalysisSize, checkRunMemory, defaultLevers, memoryBudget, planSensitivity, runMemoryBytes } from '../../src/engine';
import { main as sweepMain } from '../../src/cli/sweep';

describe('memory limit of a run', () => {
  test('a run is sized at BYTES_PER_TRIAL × RUN_COPIES a trial', () => {
    // Model 2 added the war month (2 bytes) and mode (1); engine 3 makes the flags 16-bit (+1) and
    // adds what Moscow believed at the war of Europe and of the US and its perceived strength (3 × 4).
    // The brief allows at most 64 bytes a trial.
    expect(BYTES_PER_TRIAL).toBe(53);
    expect(BYTES_PER_TRIAL).toBeLessThanOrEqual(64);
    expect(runMemoryBytes(1_000_000)).toBe(53 * RUN_COPIES * 1_000_000);
    // The figure is the real size of the result arrays.
    expect(resultBuffers(allocateResults(1000)).reduce((a, b) => a + b.byteLength, 0)).toBe(1000 * BYTES_PER_TRIAL);
  });

  test('a run that does not fit is refused, naming trials, the need, the budget and what fits', () => {
    // A low-end phone: navigator.deviceMemory = 0.25 GB, so a quarter is 62.5 MB.
    const budget = memoryBudget({ deviceMemoryGb: 0.25 });
    expect(budget).toBe(62_500_000);
    const r = checkRunMemory(1_000_000, budget);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        {
          field: 'trials',
          message: '1,000,000 trials need about 212 MB of memory, more than the 63 MB this browser can spare; expected at most 294,000 trials here',
        },
      ]);
    expect(checkRunMemory(294_000, budget).ok).toBe(true);
    expect(checkRunMemory(295_000, budget).ok).toBe(false);
  });

  test('a device too small for even the minimum says so', () => {
    const r = checkRunMemory(RUN_SETTINGS.trials.min, 1_000);
    expect(!r.ok && r.errors[0].message).toContain('this device cannot hold even 100 trials');
  });

  test('the budget is the smaller quarter of heap limit and device memory; 1 GB when unknown; junk is ignored', () => {
    expect(memoryBudget({})).toBe(1e9);
    expect(memoryBudget({ jsHeapSizeLimit: 4_294_705_152, deviceMemoryGb: 8 })).toBeCloseTo(4_294_705_152 / 4);
    expect(memoryBudget({ jsHeapSizeLimit: 4e9, deviceMemoryGb: 2 })).toBe(5e8);
    expect(memoryBudget({ jsHeapSizeLimit: NaN, deviceMemoryGb: -1 })).toBe(1e9);
  });

  test('property: a run is accepted exactly when its arrays fit the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1_000_000 }), fc.double({ min: 0, max: 1e10, noNaN: true }), (trials, budget) => {
        const r = checkRunMemory(trials, budget);
        expect(r.ok).toBe(runMemoryBytes(trials) <= budget);
        if (!r.ok) expect(r.errors[0].field).toBe('trials');
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('size limit of an analysis', () => {
  test('over MAX_ANALYSIS_TRIALS is refused with the product and what would fit', () => {
    expect(checkAnalysisSize(1_600, 31_250, 'cells').ok).toBe(true);
    const r = checkAnalysisSize(1_600, 31_251, 'cells', '--trials');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].field).toBe('--trials');
      expect(r.errors[0].message).toBe(
        `1,600 cells × 31,251 trials = 50,001,600 trials, more than the 50,000,000 allowed in one analysis; expected at most 31,250 trials per cell, or fewer cells`,
      );
    }
    expect(MAX_ANALYSIS_TRIALS).toBe(50_000_000);
  });

  test('the sweep command refuses an oversized analysis before running anything', async () => {
    const out: string[] = [];
    await expect(sweepMain(['--x', 'euTroops:0:200000:40', '--y', 'usCredibility:0:1:40', '--trials', '100000'], (s) => out.push(s))).rejects.toThrow(
      '--trials: 1,600 cells × 100,000 trials = 160,000,000 trials',
    );
    expect(out).toEqual([]);
  });

  test('a tornado of every lever and assumption (engine 3: about 75 assumptions) fits the limit up to about 270,000 trials a run, and is refused past it', () => {
    const plan = planSensitivity(defaultLevers(), { seed: '1', trials: RUN_SETTINGS.trials.max, swing: null });
    const most = Math.floor(MAX_ANALYSIS_TRIALS / plan.runs.length);
    expect(most).toBeGreaterThan(250_000);
    expect(checkAnalysisSize(plan.runs.length, most, 'runs', '--trials').ok).toBe(true);
    expect(checkAnalysisSize(plan.runs.length, most + 1, 'runs', '--trials').ok).toBe(false);
  });
});
