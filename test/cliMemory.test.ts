// The command line's memory ceiling for analyses: threads are fewer when each run is big, so the
// estimated peak stays under the ceiling stated in --help.
import { describe, expect, it } from 'vitest';
import { MEMORY_CEILING_MB, MEMORY_HELP, workerMb, workersWithin } from '../src/cli/pool';
import { prepare as prepareSensitivity } from '../src/cli/sensitivity';
import { main as sweepMain, prepare as prepareSweep } from '../src/cli/sweep';

describe('the analyses memory ceiling', () => {
  it.each([100, 2_000, 100_000, 500_000, 1_000_000])('keeps %i trials a run under the ceiling with up to 16 threads asked for', (trials) => {
    const n = workersWithin(trials, 16);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(150 + n * workerMb(trials)).toBeLessThanOrEqual(MEMORY_CEILING_MB);
    // and uses all it may: one more would not fit (or 16 were all that was asked)
    if (n < 16) expect(150 + (n + 1) * workerMb(trials)).toBeGreaterThan(MEMORY_CEILING_MB);
  });

  it('caps the threads a sweep and a tornado use, whatever --workers asks', () => {
    const sweep = prepareSweep(['--trials', '1000000', '--x', 'euTroops:0:200000:5', '--y', 'usCredibility:0:1:2', '--workers', '16']);
    expect(!sweep.help && sweep.workers).toBe(6);
    // A tornado swings every lever and assumption (185 runs in engine 3): at most about 270,000 trials a run.
    const sens = prepareSensitivity(['--trials', '270000', '--workers', '16']);
    expect(!sens.help && sens.workers).toBe(workersWithin(270_000, 16));
    expect(workersWithin(270_000, 16)).toBeLessThan(16);
    expect(() => prepareSensitivity(['--trials', '1000000'])).toThrow(/more than the 50,000,000 allowed in one analysis/);
    const small = prepareSweep(['--trials', '2000', '--workers', '3']);
    expect(!small.help && small.workers).toBe(3);
  });

  it('states the ceiling in --help', async () => {
    let out = '';
    await sweepMain(['--help'], (s) => (out += s));
    expect(out).toContain(MEMORY_HELP);
    expect(MEMORY_HELP).toBe('Memory: at most about 1,024 MB; with big runs fewer worker threads are used (6 at 1,000,000 trials a run).');
  });
});
