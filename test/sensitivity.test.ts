import { describe, expect, it } from 'vitest';
import { main as sensitivityMain, sensitivityCsv } from '../src/cli/sensitivity';
import {
  LEVERS,
  SENSITIVITY_KEYS,
  WORLD_KEYS,
  defaultLevers,
  warIndicator,
  wilson,
  sensitivity,
  simulate,
  swingValues,
  leverSpec,
} from '../src/engine/index';

describe('swing values', () => {
  it('go to the ends of the range by default', () => {
    expect(swingValues(leverSpec('euTroops')!, 30000, null)).toEqual([0, 200000]);
    expect(swingValues(leverSpec('usTier')!, 'intel-logistics', null)).toEqual(['none', 'rapid-reinforcement']);
    expect(swingValues(leverSpec('article5Like')!, false, null)).toEqual([false, true]);
  });
  it('move by a share of the range, clipped, when a swing is given', () => {
    expect(swingValues(leverSpec('euTroops')!, 30000, 0.1)).toEqual([10000, 50000]);
    expect(swingValues(leverSpec('usCredibility')!, 0.95, 0.1)).toEqual([0.85, 1]);
    expect(swingValues(leverSpec('usTier')!, 'none', 0.1)).toEqual(['none', 'intel-logistics']);
  });
});

describe('the tornado', () => {
  const levers = { ...defaultLevers(), horizonYears: 5 };
  const keys = ['euTroops', 'usTier', 'russianVeto', 'sanctionsLevel'] as const;
  const r = sensitivity(levers, { seed: 't', trials: 500, keys });

  it('agrees with separate single runs at the same levers and seed (on war: a limited or full-scale offensive)', () => {
    const p = (lv: typeof levers) => {
      const y = warIndicator(simulate(lv, { seed: 't', trials: 500 }).results);
      return y.reduce((s, v) => s + v, 0) / 500;
    };
    expect(r.base.pWar).toBe(p(levers));
    expect(r.base.pWarCI95).toEqual(wilson(Math.round(r.base.pWar * 500), 500));
    for (const s of r.swings) {
      expect(s.low.pWar).toBe(p({ ...levers, [s.key]: s.low.value }));
      expect(s.high.pWar).toBe(p({ ...levers, [s.key]: s.high.value }));
      expect(s.high.delta).toBeCloseTo(s.high.pWar - r.base.pWar, 12);
      expect(s.low.delta).toBeCloseTo(s.low.pWar - r.base.pWar, 12);
      expect(s.span).toBeCloseTo(Math.abs(s.high.pWar - s.low.pWar), 12);
    }
  });

  it('is sorted by the span of each bar, largest first', () => {
    for (let k = 1; k < r.swings.length; k++) expect(r.swings[k].span).toBeLessThanOrEqual(r.swings[k - 1].span);
  });

  it('moves war for every directional lever the way the registry says', () => {
    for (const s of r.swings) {
      const dir = LEVERS.find((l) => l.key === s.key)!.direction;
      if (dir === 'deters') expect(s.high.pWar).toBeLessThanOrEqual(s.low.pWar);
      if (dir === 'provokes') expect(s.high.pWar).toBeGreaterThanOrEqual(s.low.pWar);
    }
  });

  it('gives a paired CI that contains the change and is no wider than the unpaired one', () => {
    for (const s of r.swings) {
      for (const e of [s.low, s.high]) {
        expect(e.deltaCI95[0]).toBeLessThanOrEqual(e.delta);
        expect(e.deltaCI95[1]).toBeGreaterThanOrEqual(e.delta);
        const unpaired = 1.96 * Math.sqrt((2 * 0.25) / 500);
        expect((e.deltaCI95[1] - e.deltaCI95[0]) / 2).toBeLessThanOrEqual(unpaired);
      }
    }
  });
});

describe('the sensitivity command', () => {
  it('prints JSON with every swung lever, the same text with one, two or four workers', async () => {
    const run = async (workers: string, format = 'json') => {
      let out = '';
      await sensitivityMain(['--trials', '200', '--set', 'horizonYears=1', '--seed', 'séed-✓', '--format', format, '--workers', workers], (s) => (out += s));
      return out;
    };
    // The JSON holds every swing: the same bytes on 1, 2 and 4 threads (each thread loads tsx and the
    // engine anew, about a second of CPU, so the CSV is checked once, from several threads, against
    // the CSV writer on the one-thread result).
    const one = await run('1');
    expect(await run('2')).toBe(one);
    expect(await run('4')).toBe(one);
    expect(await run('2', 'csv')).toBe(sensitivityCsv(JSON.parse(one), { levers: { ...defaultLevers(), horizonYears: 1 }, assumptions: {} }));
    expect(JSON.parse(one).swings).toHaveLength(SENSITIVITY_KEYS.length);
    expect(SENSITIVITY_KEYS.length).toBe(LEVERS.filter((l) => l.group !== 'run').length + WORLD_KEYS.length);
  });
  it('refuses a swing outside (0, 1]', async () => {
    await expect(sensitivityMain(['--swing', '2'], () => {})).rejects.toThrow(/--swing: "2" is not allowed; expected a number greater than 0 and at most 1/);
  });
});
