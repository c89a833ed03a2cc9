import { describe, expect, it, vi } from 'vitest';
import { main as sweepMain } from '../src/cli/sweep';
import {
  cellLevers,
  defaultLevers,
  parseAxis,
  runSweep,
  simulate,
  summarize,
  sweepCsv,
  type SweepAxis,
  type SweepResult,
} from '../src/engine/index';
import { threads } from './inProcessPool';

// The command's jobs run on this thread (test/inProcessPool.ts), but in the test of one, two and four
// workers, which runs them on real threads (each loads tsx and the engine anew, about a second).
vi.mock('../src/cli/pool', async (real) => (await import('./inProcessPool')).inProcessPool(await real()));

const axis = (text: string, field = '--x'): SweepAxis => {
  const r = parseAxis(text, field);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
};

describe('sweep axes', () => {
  it('spread numbers evenly and round whole-number levers', () => {
    expect(axis('euTroops:0:100000:5').values).toEqual([0, 25000, 50000, 75000, 100000]);
    expect(axis('usCredibility:0:1:3').values).toEqual([0, 0.5, 1]);
    expect(axis('uaArmySize:300000:1100000:4').values).toEqual([300000, 566667, 833333, 1100000]);
  });
  it('take the options of a choice in order, and both values of an on/off lever', () => {
    expect(axis('usTier').values).toEqual(['none', 'intel-logistics', 'air-power', 'rapid-reinforcement']);
    expect(axis('euPosture:tripwire:combat').values).toEqual(['tripwire', 'combat']);
    expect(axis('article5Like').values).toEqual([false, true]);
  });
  const errors: [string, RegExp][] = [
    ['euTroop:0:1:2', /unknown lever "euTroop" \(did you mean "euTroops"\?\)/],
    ['euTroops:0:250000:5', /max 250000 is out of range; expected a whole number from 0–200,000 troops/],
    ['euTroops:100:0:5', /min 100 must be below max 0/],
    ['euTroops:0:1000:41', /steps "41" is not allowed; expected a whole number from 2–40/],
    ['euTroops:0:1000', /is not key:min:max:steps/],
    ['usTier:air-power:none', /is not key:first:last with options in order/],
    ['ceasefireStart', /cannot be swept/],
  ];
  it.each(errors)('refuse %s with a message naming the problem', (text, message) => {
    const r = parseAxis(text, '--x');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].field).toBe('--x');
      expect(r.errors[0].message).toMatch(message);
    }
  });
});

describe('a two-lever sweep', () => {
  const levers = { ...defaultLevers(), horizonYears: 5 };
  const x = axis('euTroops:0:200000:5');
  const y = axis('usCredibility:0:1:3', '--y');
  const result = runSweep(levers, x, y, 's', 400);

  it('agrees cell by cell with separate single runs at the same levers and seed', () => {
    for (const c of result.cells) {
      const { model, results } = simulate(cellLevers(levers, x, y, c.i, c.j), { seed: 's', trials: 400 });
      const s = summarize(model, results, 's');
      expect(c.pResumption).toBe(s.pResumption);
      expect(c.pResumptionCI95).toEqual(s.pResumptionCI95);
      expect(c.modeShares).toEqual(s.modeShares);
      expect(c.pWar).toBe(s.pWar);
      expect(c.pWarCI95).toEqual(s.pWarCI95);
      expect(c.medianMonthsToWar).toBe(s.medianMonthsToWar);
      expect(c.pGreyZone).toBe(s.pGreyZone);
    }
  });

  // War, not any resumption: both levers act on the conventional balance, so they may add grey-zone
  // probes while war falls (see test/engine/invariants.test.ts).
  it('never rises in war along a row as European troops grow (common random numbers)', () => {
    for (let j = 0; j < y.values.length; j++) {
      const row = result.cells.filter((c) => c.j === j).sort((a, b) => a.i - b.i).map((c) => c.pWar);
      for (let i = 1; i < row.length; i++) expect(row[i]).toBeLessThanOrEqual(row[i - 1]);
    }
  });

  it('never rises in war up a column as US credibility grows', () => {
    for (let i = 0; i < x.values.length; i++) {
      const col = result.cells.filter((c) => c.i === i).sort((a, b) => a.j - b.j).map((c) => c.pWar);
      for (let j = 1; j < col.length; j++) expect(col[j]).toBeLessThanOrEqual(col[j - 1]);
    }
  });

  // Worker threads against this thread, and one thread against several: the sweep command's test
  // below (1, 2 and 4 threads, equal to runSweep here). Each thread loads tsx and the engine anew,
  // about a second of CPU, so the threads are started where they prove something.
});

describe('the sweep command', () => {
  const run = async (argv: string[]) => {
    let out = '';
    await sweepMain(argv, (s) => (out += s));
    return out;
  };
  it('prints the grid as CSV with a row per cell', async () => {
    const csv = await run(['--x', 'euTroops:0:100000:3', '--y', 'usTier', '--trials', '200', '--format', 'csv', '--workers', '1']);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'xLever,x,yLever,y,pWar,warCiLo,warCiHi,medianMonthsToWar,pGreyZone,pResumption,ciLo,ciHi,medianMonthsToResumption,greyZone,limited,fullScale,seed,trials,engineVersion',
    );
    expect(lines).toHaveLength(1 + 3 * 4);
  });
  it('prints the same text with one, two or four workers, its cells equal to the engine in this thread', async () => {
    const argv = ['--x', 'usTier', '--y', 'usCredibility:0:1:3', '--set', 'horizonYears=20', '--seed', 'séed-✓', '--trials', '300'];
    threads.on = true;
    try {
      // The JSON holds every field of every cell: the same bytes on 1, 2 and 4 threads.
      const one = await run([...argv, '--format', 'json', '--workers', '1']);
      expect(await run([...argv, '--format', 'json', '--workers', '2'])).toBe(one);
      expect(await run([...argv, '--format', 'json', '--workers', '4'])).toBe(one);
      const { x, y, cells } = JSON.parse(one) as SweepResult;
      expect(cells).toEqual(runSweep({ ...defaultLevers(), horizonYears: 20 }, x, y, 'séed-✓', 300).cells);
      // The CSV from several threads is the page's sweep CSV of those cells.
      expect(await run([...argv, '--format', 'csv', '--workers', '2'])).toBe(sweepCsv(x, y, cells, 'séed-✓', 300) + '\n');
    } finally {
      threads.on = false;
    }
  });
  it('marks the frontier in the table', async () => {
    const table = await run(['--x', 'euTroops:0:200000:3', '--y', 'usCredibility:0:1:2', '--trials', '200', '--threshold', '0.9', '--workers', '1']);
    expect(table).toMatch(/\* marks cells at or below 90%/);
    expect(table).toMatch(/\d+%\*/);
  });
  it('refuses the same lever on both axes', async () => {
    await expect(run(['--x', 'euTroops:0:1000:2', '--y', 'euTroops:0:1000:2'])).rejects.toThrow(/--y: sweeps the same lever as --x \(euTroops\)/);
  });
});
