// summarize() on hand-built trial results, and the survival band.
import { describe, expect, it } from 'vitest';
import {
  ENGINE_VERSION,
  assumptionSet,
  FLAG_DELIBERATE,
  FLAG_EUROPE,
  FLAG_GREY_EUROPE,
  FLAG_GREY_SNAPBACK,
  FLAG_SNAPBACK,
  FLAG_US,
  MODE_CODE,
  allocateResults,
  compileModel,
  defaultLevers,
  resumedBy,
  summarize,
  survivalBand,
  warBy,
  wilson,
} from '../../src/engine';
import { checkSummary } from './checks';

describe('summarize', () => {
  // Horizon one year; five trials: one held; a limited war in month 3; a probe in month 5 then a
  // full-scale war in month 8; a full-scale war in month 3; a probe in month 2 and no war.
  const model = compileModel({ ...defaultLevers(), horizonYears: 1, ceasefireStart: '2028-01' });
  const r = allocateResults(5);
  r.month.set([0, 3, 5, 3, 2]);
  r.mode.set([MODE_CODE.none, MODE_CODE.limited, MODE_CODE.greyZone, MODE_CODE.fullScale, MODE_CODE.greyZone]);
  r.warMonth.set([0, 3, 8, 3, 0]);
  r.warMode.set([0, MODE_CODE.limited, MODE_CODE.fullScale, MODE_CODE.fullScale, 0]);
  r.flags.set([
    0,
    FLAG_EUROPE | FLAG_SNAPBACK | FLAG_DELIBERATE,
    FLAG_GREY_EUROPE | FLAG_US | FLAG_DELIBERATE,
    FLAG_US,
    FLAG_GREY_EUROPE | FLAG_GREY_SNAPBACK,
  ]);
  const s = summarize(model, r, 'hand');

  it('counts the share resumed in any mode by the horizon and its Wilson interval', () => {
    expect(s.pResumption).toBe(0.8);
    expect(s.pResumptionCI95).toEqual(wilson(4, 5));
    expect(s.trials).toBe(5);
    expect(s.horizonMonths).toBe(12);
    expect(s.engineVersion).toBe(ENGINE_VERSION);
    expect(s.seed).toBe('hand');
    expect(s.params).toEqual({ ...model.levers, assumptions: assumptionSet() });
  });

  it('builds the survival curve of any resumption month by month', () => {
    expect(s.survival).toEqual([1, 1, 0.8, 0.4, 0.4, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(resumedBy(s, 4)).toBeCloseTo(0.6, 15);
    expect(resumedBy(s, 99)).toBeCloseTo(0.8, 15);
    expect(resumedBy(s, -1)).toBe(0);
  });

  it('builds the war survival curve from the war months, probes or not before them', () => {
    expect(s.pWar).toBe(0.6);
    expect(s.pWarCI95).toEqual(wilson(3, 5));
    expect(s.survivalWar).toEqual([1, 1, 1, 0.6, 0.6, 0.6, 0.6, 0.6, 0.4, 0.4, 0.4, 0.4, 0.4]);
    expect(warBy(s, 3)).toBeCloseTo(0.4, 15);
    expect(warBy(s, 99)).toBeCloseTo(0.6, 15);
    expect(warBy(s, -5)).toBe(0);
  });

  it('puts each median at the first month with half the trials having the event', () => {
    expect(s.medianMonthsToResumption).toBe(3);
    expect(s.medianMonthsToWar).toBe(8);
  });

  it('gives mode shares of the first resumption and of the war, as shares of all trials', () => {
    expect(s.modeShares).toEqual({ greyZone: 0.4, limited: 0.2, fullScale: 0.2 });
    expect(s.warModeShares).toEqual({ limited: 0.2, fullScale: 0.4 });
    expect(s.pGreyZone).toBe(0.4);
  });

  it('gives guarantor shares and the deliberate share among wars, and the responses to first probes', () => {
    expect(s.deliberateShare).toBeCloseTo(2 / 3, 15);
    expect(s.guarantorsTested).toEqual({
      tests: 3,
      europeEngaged: 1 / 3,
      usEngaged: 2 / 3,
      snapback: 1 / 3,
      greyZone: { probes: 2, europeResponded: 1, usResponded: 0, snapback: 0.5 },
    });
  });

  it('keeps the invariants every summary keeps', () => {
    expect(() => checkSummary(s, 5)).not.toThrow();
  });

  it('lists the elections within the horizon with their dates', () => {
    expect(s.elections).toEqual([{ month: 10, date: '2028-11' }]);
  });

  it('gives null medians and null shares when under half resume and none goes to war', () => {
    const q = allocateResults(4);
    q.month.set([0, 2, 0, 0]);
    q.mode.set([0, MODE_CODE.greyZone, 0, 0]);
    const t = summarize(model, q, 'x');
    expect(t.medianMonthsToResumption).toBeNull();
    expect(t.medianMonthsToWar).toBeNull();
    expect(t.pWar).toBe(0);
    expect(t.deliberateShare).toBeNull();
    expect(t.guarantorsTested).toEqual({
      tests: 0,
      europeEngaged: null,
      usEngaged: null,
      snapback: null,
      greyZone: { probes: 1, europeResponded: 0, usResponded: 0, snapback: 0 },
    });
    const none = summarize(model, allocateResults(3), 'x');
    expect(none.guarantorsTested.greyZone).toEqual({ probes: 0, europeResponded: null, usResponded: null, snapback: null });
  });
});

describe('survivalBand', () => {
  it('is the pointwise Wilson interval of each month’s war survival', () => {
    const band = survivalBand({ survivalWar: [1, 0.5, 0.25], trials: 4 });
    expect(band.lo).toEqual([wilson(4, 4)[0], wilson(2, 4)[0], wilson(1, 4)[0]]);
    expect(band.hi).toEqual([1, wilson(2, 4)[1], wilson(1, 4)[1]]);
  });
});
