// The kernel's ways of drawing (TrialStreams: start/next, fill, fillPair) against seedrandom's Alea
// draw for draw, drawTrial's layout (DRAW) against its fields, and the no-war shortcut (noWar.ts)
// against chooseMonth.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHOICE, TRIAL_ARRAYS, allocateResults, chooseMonth, compileModel, defaultLevers, normalQuantile, resultsView, runTrials, trialRng } from '../../src/engine';
import { trialStreams } from '../../src/engine/math/rng';
import { DRAW, MAX_INCIDENTS, MAX_YEARS, UPFRONT_DRAWS, decodeDraws, drawTrial, emptyDraws } from '../../src/engine/model/uncertainty';
import { MAX_TERMS } from '../../src/engine/model/time';
import { NO_RESUMPTION_BELOW, surelyNoWar, surelyPeace } from '../../src/engine/run/noWar';

describe('TrialStreams', () => {
  const pairs: [number, number][] = [[0, 1], [8, 9], [9, 10], [99, 100], [12_345, 12_346], [999_999, 1_000_000], [123_456_789, 5], [2 ** 40, 2 ** 40 + 1]];
  it('start/next, fill and fillPair give trialRng(seed, trial) draw for draw', () => {
    const n = 300;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const c = new Float64Array(n);
    for (const seed of ['1', '0', 'x#y', 'ünïcode', '']) {
      const s = trialStreams(seed);
      for (const [i, j] of pairs) {
        s.fillPair(i, a, j, b, n);
        const after = s.next();
        const ri = trialRng(seed, i);
        const rj = trialRng(seed, j);
        for (let q = 0; q < n; q++) {
          expect(a[q]).toBe(ri());
          expect(b[q]).toBe(rj());
        }
        expect(after).toBe(rj());
        s.start(i);
        s.fill(c, n);
        expect(Array.from(c)).toEqual(Array.from(a));
        s.start(j);
        const rj2 = trialRng(seed, j);
        for (let q = 0; q < 20; q++) expect(s.next()).toBe(rj2());
      }
    }
  });

  it('fillQuad gives trialRng(seed, trial) draw for draw, across powers of ten too', () => {
    const n = 250;
    const bufs = [0, 1, 2, 3].map(() => new Float64Array(n));
    for (const seed of ['1', 'x#y', '']) {
      const s = trialStreams(seed);
      for (const first of [0, 4, 7, 8, 9, 96, 97, 98, 99, 100, 12_344, 999_997, 2 ** 40]) {
        s.fillQuad(first, bufs[0], bufs[1], bufs[2], bufs[3], n);
        const after = s.next();
        for (let q = 0; q < 4; q++) {
          const r = trialRng(seed, first + q);
          for (let i = 0; i < n; i++) expect(bufs[q][i]).toBe(r());
          if (q === 3) expect(after).toBe(r());
        }
      }
    }
  });

  it('runTrials gives the same rows whatever the range’s length and start (four trials at a time, the rest in pairs and singly)', () => {
    const model = compileModel({ ...defaultLevers(), horizonYears: 4 });
    const whole = allocateResults(40);
    runTrials(model, 's', 0, 40, whole);
    for (const [from, to] of [[0, 1], [0, 2], [0, 3], [0, 5], [1, 8], [3, 10], [7, 40], [9, 23]]) {
      const part = allocateResults(to - from);
      runTrials(model, 's', from, to, part);
      const expected = resultsView(whole, from, to);
      for (const { key } of TRIAL_ARRAYS) expect(Array.from(part[key])).toEqual(Array.from(expected[key]));
    }
  });

  it('refuses a trial that is not a whole number ≥ 0', () => {
    const s = trialStreams('1');
    expect(() => s.start(-1)).toThrow(RangeError);
    expect(() => s.fillPair(1.5, new Float64Array(1), 2, new Float64Array(1), 1)).toThrow(RangeError);
  });
});

describe('DRAW', () => {
  it('lays out drawTrial’s uniforms as drawTrial consumes them', () => {
    for (let trial = 0; trial < 50; trial++) {
      const raw = drawTrial(trialRng('7', trial), emptyDraws());
      const rng = trialRng('7', trial);
      const u = Float64Array.from({ length: UPFRONT_DRAWS }, () => rng());
      expect(decodeDraws(u, emptyDraws())).toEqual(raw);
      expect(raw.uEurope).toBe(u[DRAW.uEurope]);
      expect(raw.zResolve).toBe(normalQuantile(u[DRAW.zResolve]));
      for (let k = 0; k < MAX_TERMS; k++) expect(raw.zPerceiveUs[k]).toBe(normalQuantile(u[DRAW.zPerceiveUs + k]));
      for (let k = 0; k < MAX_INCIDENTS; k++) expect(raw.uSignalUs[k]).toBe(u[DRAW.incidents + 3 * k + 2]);
      for (let k = 0; k < MAX_YEARS - 1; k++) expect(raw.uBalanceDrift[k]).toBe(u[DRAW.years + 2 * k + 1]);
    }
  });
});

describe('surelyNoWar', () => {
  it('never says peace where chooseMonth (noisy, after the first probe) goes to war', () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 20, noNaN: true }), fc.double({ min: -60, max: 20, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (xL, xF, v) => {
        if (surelyNoWar(xL, xF, v)) expect(chooseMonth(-Infinity, xL, xF, v, true)).toBe(CHOICE.peace);
      }),
      { numRuns: 20_000 },
    );
  });

  it('with a NaN margin too, says no war only where chooseMonth does', () => {
    const m = fc.oneof(fc.double({ min: -60, max: 20, noNaN: true }), fc.constant(NaN));
    fc.assert(
      fc.property(m, m, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (xL, xF, v) => {
        if (surelyNoWar(xL, xF, v)) expect(chooseMonth(-Infinity, xL, xF, v, true)).toBe(CHOICE.peace);
      }),
      { numRuns: 5_000 },
    );
  });

  it('holds at the edge of every bin, where the bound is tightest', () => {
    for (let i = 1; i < 1024; i++) {
      const v = i / 1024;
      const edge = Math.log(v / (1 - v)) - Math.log(2);
      for (const d of [-1e-9, -1e-3, -0.05, -0.06, -0.1]) {
        const x = edge + d;
        if (surelyNoWar(x, x, v)) expect(chooseMonth(-Infinity, x, x, v, true)).toBe(CHOICE.peace);
      }
    }
  });
});

describe('surelyPeace (before the first probe: the grey zone counts too)', () => {
  const margin = fc.double({ min: -60, max: 20, noNaN: true });
  const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  it('never says peace where chooseMonth (noisy) says war or a grey-zone campaign', () => {
    fc.assert(
      fc.property(margin, margin, margin, draw, (xG, xL, xF, v) => {
        if (surelyPeace(xG, xL, xF, v)) expect(chooseMonth(xG, xL, xF, v, true)).toBe(CHOICE.peace);
      }),
      { numRuns: 20_000 },
    );
  });

  it('holds at the edge of every bin, with all three margins equal (where the bound is tightest)', () => {
    for (let i = 1; i < 1024; i++) {
      const v = i / 1024;
      const o = v / (1 - v);
      const edge = Math.log((Math.sqrt(9 + 8 * o) - 3) / 4);
      for (const d of [-1e-9, -1e-3, -0.05, -0.057, -0.06, -0.1]) {
        const x = edge + d;
        if (surelyPeace(x, x, x, v)) expect(chooseMonth(x, x, x, v, true)).toBe(CHOICE.peace);
      }
      // The bound is not idle: just under it, the shortcut takes the month.
      expect(surelyPeace(edge - 0.06, edge - 0.06, edge - 0.06, v)).toBe(true);
    }
    expect(NO_RESUMPTION_BELOW[0]).toBe(-Infinity);
  });

  it('with a NaN margin too, says peace only where chooseMonth does', () => {
    const maybeNaN = fc.oneof(margin, fc.constant(NaN));
    fc.assert(
      fc.property(maybeNaN, maybeNaN, maybeNaN, draw, (xG, xL, xF, v) => {
        if (surelyPeace(xG, xL, xF, v)) expect(chooseMonth(xG, xL, xF, v, true)).toBe(CHOICE.peace);
      }),
      { numRuns: 5_000 },
    );
  });
});
