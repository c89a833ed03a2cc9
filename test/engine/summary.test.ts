// summarize() on hand-built trial results, and the survival band.
import { describe, expect, it } from 'vitest';
import {
  ENGINE_VERSION,
  FLAG_EUROPE,
  FLAG_SNAPBACK,
  FLAG_US,
  MODE_CODE,
  allocateResults,
  compileModel,
  defaultLevers,
  resumedBy,
  summarize,
  survivalBand,
  wilson,
} from '../../src/engine';

describe('summarize', () => {
  // Horizon one year; four trials resumed in months 3, 5 and 3, one held.
  const model = compileModel({ ...defaultLevers(), horizonYears: 1, ceasefireStart: '2028-01' });
  const r = allocateResults(4);
  r.month.set([0, 3, 5, 3]);
  r.mode.set([MODE_CODE.none, MODE_CODE.limited, MODE_CODE.greyZone, MODE_CODE.fullScale]);
  r.flags.set([0, FLAG_EUROPE | FLAG_SNAPBACK, FLAG_EUROPE, FLAG_US]);
  const s = summarize(model, r, 'hand');

  it('counts the share resumed by the horizon and its Wilson interval', () => {
    expect(s.pResumption).toBe(0.75);
    expect(s.pResumptionCI95).toEqual(wilson(3, 4));
    expect(s.trials).toBe(4);
    expect(s.horizonMonths).toBe(12);
    expect(s.engineVersion).toBe(ENGINE_VERSION);
    expect(s.seed).toBe('hand');
    expect(s.params).toEqual(model.levers);
  });

  it('builds the survival curve month by month', () => {
    expect(s.survival).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
    expect(resumedBy(s, 4)).toBe(0.5);
    expect(resumedBy(s, 99)).toBe(0.75);
    expect(resumedBy(s, -1)).toBe(0);
  });

  it('puts the median at the first month with half the trials resumed', () => {
    expect(s.medianMonthsToResumption).toBe(3);
  });

  it('gives mode shares of all trials, and guarantor shares among conventional resumptions only', () => {
    expect(s.modeShares).toEqual({ greyZone: 0.25, limited: 0.25, fullScale: 0.25 });
    // The grey-zone trial's European flag does not count: only limited and full-scale test the guarantee.
    expect(s.guarantorsTested).toEqual({ tests: 2, europeEngaged: 0.5, usEngaged: 0.5 });
  });

  it('lists the elections within the horizon with their dates', () => {
    expect(s.elections).toEqual([{ month: 10, date: '2028-11' }]);
  });

  it('gives a null median and null guarantor shares when under half resume and none conventionally', () => {
    const q = allocateResults(4);
    q.month.set([0, 2, 0, 0]);
    q.mode.set([0, MODE_CODE.greyZone, 0, 0]);
    const t = summarize(model, q, 'x');
    expect(t.medianMonthsToResumption).toBeNull();
    expect(t.guarantorsTested).toEqual({ tests: 0, europeEngaged: null, usEngaged: null });
  });
});

describe('survivalBand', () => {
  it('is the pointwise Wilson interval of each month’s survival', () => {
    const band = survivalBand({ survival: [1, 0.5, 0.25], trials: 4 });
    expect(band.lo).toEqual([wilson(4, 4)[0], wilson(2, 4)[0], wilson(1, 4)[0]]);
    expect(band.hi).toEqual([1, wilson(2, 4)[1], wilson(1, 4)[1]]);
  });
});
