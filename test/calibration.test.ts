import { describe, expect, it } from 'vitest';
import {
  ASSUMPTIONS,
  CALIBRATED_KEYS,
  CALIBRATION_CASES,
  bandMiss,
  calibrationLoss,
  evaluateCalibration,
  formatBand,
  inBand,
} from '../src/engine/index';
import { CALIBRATED } from '../src/engine/model/calibrated';
import { committedCalibration } from './fixtures/calibration';

// Every anchor at the committed calibration, at the docs' 20,000 trials (computed once per test run,
// shared with test/docs.test.ts).
const values = await committedCalibration();

describe('calibration against the anchors of MODEL.md', () => {
  it.each(CALIBRATION_CASES.map((c, i) => [c.label, c, i] as const))('%s lies in its band', (_, c, i) => {
    expect(values[i], `${c.id}: ${values[i]} against ${formatBand(c)}`).toBeGreaterThanOrEqual(c.band[0]);
    expect(values[i]).toBeLessThanOrEqual(c.band[1]);
  });

  it('names a lever mapping and a source for every case, and bands that can be missed', () => {
    for (const c of CALIBRATION_CASES) {
      expect(c.mapping.length, c.id).toBeGreaterThan(5);
      expect(c.anchor.length, c.id).toBeGreaterThan(20);
      expect(c.band[0]).toBeLessThan(c.band[1]);
      expect(inBand(c, c.band[0] - 1e-6)).toBe(false);
    }
    expect(new Set(CALIBRATION_CASES.map((c) => c.id)).size).toBe(CALIBRATION_CASES.length);
  });

  it('gives every anchor a model discrepancy, argued, small enough that some possible figure is ruled out at cutoff 3', () => {
    // The figure's possible range: shares 0–1, a difference of shares −1 to 1, a median 0 to past
    // the horizon, ratios from 0 up. An anchor rules something out if its band, widened by 3δ, does
    // not cover that whole range.
    for (const c of CALIBRATION_CASES) {
      expect(c.discrepancy, c.id).toBeGreaterThan(0);
      expect(c.discrepancyWhy.length, c.id).toBeGreaterThan(30);
      const [lo, hi] = c.band;
      const reach = 3 * c.discrepancy;
      const k = c.metric.kind;
      const floor = k === 'greyZoneRise' ? -1 : 0;
      const ceiling = k === 'warBy' || k === 'greyZone' || k === 'limitedShareOfWars' || k === 'greyZoneRise' ? 1 : Infinity;
      expect(lo - reach > floor || hi + reach < ceiling, `${c.id} can never rule a world out`).toBe(true);
    }
  });

  it('has no anchor that restates the headline (war within 10 years at the default levers)', () => {
    for (const c of CALIBRATION_CASES) {
      const defaults = Object.keys(c.levers).length === 0 && !c.against && !c.effects;
      expect(defaults && c.metric.kind === 'warBy' && c.metric.months === 120, c.id).toBe(false);
    }
  });

  it('uses exactly the calibrated assumptions of calibrated.ts, each inside its plausible range', () => {
    expect(Object.keys(CALIBRATED).sort()).toEqual([...CALIBRATED_KEYS].sort());
    for (const k of CALIBRATED_KEYS) {
      const a = ASSUMPTIONS[k];
      expect(a.value, k).toBe(CALIBRATED[k as keyof typeof CALIBRATED]);
      expect(a.value).toBeGreaterThanOrEqual(a.min);
      expect(a.value).toBeLessThanOrEqual(a.max);
    }
  });
});

describe('the calibration loss', () => {
  const c = { band: [0.2, 0.4] as [number, number] };
  it('is zero inside a band and grows with the distance outside it, in units of its tolerance', () => {
    // Tolerance: the width (0.2), but at most a fifth of the larger end (0.08), at least 0.02.
    expect(bandMiss(c, 0.3)).toBe(0);
    expect(bandMiss(c, 0.5)).toBeCloseTo(0.1 / 0.08, 12);
    expect(bandMiss(c, 0)).toBeCloseTo(0.2 / 0.08, 12);
    // An open-ended band ("at least 1.5") measures misses in fifths of its lower end.
    expect(bandMiss({ band: [1.5, 1000] }, 1.2)).toBeCloseTo(1, 12);
    // A share band up to 1 has a tolerance of a fifth (0.2); one close to zero keeps at least 0.02.
    expect(bandMiss({ band: [0.02, 1] }, 0)).toBeCloseTo(0.1, 12);
    expect(bandMiss({ band: [0, 0.05] }, 0.07)).toBeCloseTo(1, 12);
  });
  it('is smaller at the committed calibration than after moving any calibrated assumption to an end of its range', () => {
    const at = calibrationLoss(evaluateCalibration(2000));
    for (const k of ['peaceBaseValue', 'fullScaleWarCost', 'euDenialWeight'] as const) {
      const a = ASSUMPTIONS[k];
      for (const end of [a.min, a.max].filter((x) => x !== a.value)) expect(calibrationLoss(evaluateCalibration(2000, { [k]: end })), `${k} = ${end}`).toBeGreaterThan(at);
    }
  });
});
