// With decisionNoise 0, the monthly choice between peace and one mode must reduce to Zagare and
// Kilgour's deterrence threshold: attack iff p < (a_DC − a_SQ) / (a_DC − a_DD).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MODES,
  analyseMode,
  choiceProbabilities,
  decide,
  noiseScale,
  offensiveSuccess,
  peaceValue,
  pickMode,
  zkThreshold,
  type MonthContext,
} from '../../src/engine';

const grid = Array.from({ length: 101 }, (_, i) => i / 100);
const uniforms = [0, 0.25, 0.5, 0.999999];

/** Hand-picked payoffs (a_DC > a_DD) on both sides of the threshold, including thresholds outside [0, 1]. */
const payoffs: { name: string; aDC: number; aDD: number; aSQ: number; threshold: number }[] = [
  { name: 'a middling threshold', aDC: 0.5, aDD: -0.5, aSQ: 0.1, threshold: 0.4 },
  { name: 'a low threshold', aDC: 0.3, aDD: -0.7, aSQ: 0.2, threshold: 0.1 },
  { name: 'a high threshold', aDC: 0.8, aDD: 0, aSQ: 0.08, threshold: 0.9 },
  { name: 'a status quo better than conceding (never attack)', aDC: 0.2, aDD: -0.3, aSQ: 0.25, threshold: -0.1 },
  { name: 'a status quo worse than resisting (always attack)', aDC: 0.2, aDD: -0.3, aSQ: -0.35, threshold: 1.1 },
];

describe('zkThreshold', () => {
  it.each(payoffs)('is (a_DC − a_SQ)/(a_DC − a_DD) for $name', ({ aDC, aDD, aSQ, threshold }) => {
    expect(zkThreshold(aDC, aDD, aSQ)).toBeCloseTo(threshold, 12);
  });

  it('rises when peace gets worse for the challenger (the theory’s warning about a lower a_SQ)', () => {
    const aDC = 0.5;
    const aDD = -0.5;
    expect(zkThreshold(aDC, aDD, 0.05)).toBeGreaterThan(zkThreshold(aDC, aDD, 0.1));
    // The engine's channel: sanctions in force lower a_SQ, so deterrence needs more credibility.
    expect(zkThreshold(aDC, aDD, peaceValue(0.9))).toBeGreaterThan(zkThreshold(aDC, aDD, peaceValue(0.1)));
    // And the early fragility of a new ceasefire: month 1 needs more credibility than month 36.
    expect(zkThreshold(aDC, aDD, peaceValue(0.5, 1))).toBeGreaterThan(zkThreshold(aDC, aDD, peaceValue(0.5, 36)));
  });
});

describe('the noise-free choice between peace and one mode', () => {
  it.each(payoffs)('attacks exactly when p < the threshold, for $name', ({ aDC, aDD, aSQ }) => {
    const thr = zkThreshold(aDC, aDD, aSQ);
    for (const p of grid) {
      if (Math.abs(p - thr) < 1e-9) continue; // at the threshold itself peace wins the tie
      const margin = p * aDD + (1 - p) * aDC - aSQ;
      const attack = p < thr;
      const probs = choiceProbabilities([margin], 0);
      expect(probs.peace, `p = ${p}`).toBe(attack ? 0 : 1);
      expect(probs.modes).toEqual([attack ? 1 : 0]);
      for (const u of uniforms) expect(decide([margin], 0, u, u), `p = ${p}, u = ${u}`).toBe(attack ? 0 : -1);
    }
  });

  it('attacks exactly when p < the threshold for any payoffs with a_DC > a_DD', () => {
    const payoff = fc.double({ min: -2, max: 2, noNaN: true });
    fc.assert(
      fc.property(payoff, fc.double({ min: 1e-3, max: 2, noNaN: true }), payoff, fc.double({ min: 0, max: 1, noNaN: true }), (aDC, gap, aSQ, p) => {
        const aDD = aDC - gap;
        const thr = zkThreshold(aDC, aDD, aSQ);
        fc.pre(Math.abs(p - thr) > 1e-9);
        const margin = p * aDD + (1 - p) * aDC - aSQ;
        expect(choiceProbabilities([margin], 0).peace).toBe(p < thr ? 0 : 1);
        expect(decide([margin], 0, 0.5, 0.5)).toBe(p < thr ? 0 : -1);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('keeps the peace when the margin is exactly zero (indifference)', () => {
    expect(choiceProbabilities([0], 0).peace).toBe(1);
    expect(decide([0, 0, 0], 0, 0, 0)).toBe(-1);
  });

  it('picks the best mode when several have positive margins, the first on a tie', () => {
    expect(decide([0.1, 0.3, 0.2], 0, 0, 0.99)).toBe(1);
    expect(decide([0.3, 0.3, 0.2], 0, 0.5, 0.99)).toBe(0);
  });
});

describe('analyseMode with a single guarantor able to respond', () => {
  // Only Europe can respond (pUs = 0, pSnapback = 0): its probability of fighting is p.
  const resolve = 0.9;
  const ctx = (p: number, aSQ: number): MonthContext => ({
    capacity: 0.8,
    uaDefence: 0.6,
    euDenial: 0.3,
    usPower: 0.5,
    pEurope: p,
    pUs: 0,
    pSnapback: 0,
    costEurope: 0.3,
    costUs: 0.4,
    costSnapback: 0.2,
    deepStrikeCost: 0,
    peace: aSQ,
    greyTaste: 0,
  });
  const mode = MODES.fullScale;
  // By hand: success against Ukraine alone 0.8²/(0.8² + 0.6²) = 0.64; with Europe 0.8²/(0.8² + 0.9²).
  const sAlone = 0.64;
  const sEurope = 0.64 / (0.64 + 0.81);
  const aDC = resolve * mode.gain * sAlone - mode.warCost;
  const aDD = resolve * mode.gain * sEurope - mode.warCost - 0.3;

  it('reads a_DC and a_DD off the payoffs computed by hand', () => {
    expect(offensiveSuccess(0.8, 0.6)).toBeCloseTo(sAlone, 14);
    const a = analyseMode(mode, resolve, ctx(0.5, 0));
    expect(a.aDC).toBeCloseTo(aDC, 12);
    expect(a.aDD).toBeCloseTo(aDD, 12);
    expect(a.successAlone).toBeCloseTo(sAlone, 12);
  });

  it('values the mode at p·a_DD + (1 − p)·a_DC, with credibility p', () => {
    for (const p of [0.01, 0.2, 0.5, 0.77, 1]) {
      const a = analyseMode(mode, resolve, ctx(p, 0));
      expect(a.value).toBeCloseTo(p * aDD + (1 - p) * aDC, 12);
      expect(a.credibility).toBeCloseTo(p * mode.trigger.europe, 12);
    }
  });

  it("scales the credibility by the mode's trigger (a limited offensive may avoid the Europeans)", () => {
    const a = analyseMode(MODES.limited, resolve, ctx(0.5, 0));
    expect(a.credibility).toBeCloseTo(0.5 * MODES.limited.trigger.europe, 12);
    expect(a.value).toBeCloseTo(a.credibility * a.aDD + (1 - a.credibility) * a.aDC, 12);
  });

  it.each([0.2, 0.5, 0.8])('chooses peace exactly when p exceeds zkThreshold (threshold %s)', (k) => {
    // a_SQ placed so that the threshold is k.
    const aSQ = aDC - k * (aDC - aDD);
    for (const p of grid.slice(1)) {
      const a = analyseMode(mode, resolve, ctx(p, aSQ));
      const thr = zkThreshold(a.aDC, a.aDD, aSQ);
      expect(thr).toBeCloseTo(k, 12);
      if (Math.abs(p - thr) < 1e-9) continue;
      const probs = choiceProbabilities([a.value - aSQ], noiseScale(0));
      expect(probs.peace, `p = ${p}, threshold ${thr}`).toBe(p > thr ? 1 : 0);
      expect(decide([a.value - aSQ], noiseScale(0), 0.5, 0.5)).toBe(p > thr ? -1 : 0);
    }
  });

  it('needs more credibility to deter when peace is made worse (lower a_SQ)', () => {
    const p = 0.45;
    const better = aDC - 0.4 * (aDC - aDD); // threshold 0.4 < p: deterred
    const worse = aDC - 0.5 * (aDC - aDD); // threshold 0.5 > p: attacks
    const a1 = analyseMode(mode, resolve, ctx(p, better));
    const a2 = analyseMode(mode, resolve, ctx(p, worse));
    expect(choiceProbabilities([a1.value - better], 0).peace).toBe(1);
    expect(choiceProbabilities([a2.value - worse], 0).peace).toBe(0);
  });
});

describe('choiceProbabilities with noise', () => {
  it('is a logit over peace (margin 0) and the modes', () => {
    const s = 0.1;
    const x = [0.05, -0.02, 0.1];
    const w = x.map((v) => Math.exp(v / s));
    const total = 1 + w.reduce((a, b) => a + b, 0);
    const p = choiceProbabilities(x, s);
    expect(p.peace).toBeCloseTo(1 / total, 14);
    p.modes.forEach((m, i) => expect(m).toBeCloseTo(w[i] / total, 14));
  });
  it('does not overflow for margins far above the noise scale', () => {
    const p = choiceProbabilities([1000, 0, -5], 0.001);
    expect(p.peace).toBe(0);
    expect(p.modes[0]).toBe(1);
  });
  it('approaches the threshold rule as the noise vanishes', () => {
    expect(choiceProbabilities([-0.01], noiseScale(0.001)).peace).toBeGreaterThan(1 - 1e-6);
    expect(choiceProbabilities([0.01], noiseScale(0.001)).peace).toBeLessThan(1e-6);
  });
});

describe('pickMode', () => {
  it('draws each mode in proportion to its weight', () => {
    expect(pickMode([1, 2, 5], 0)).toBe(0);
    expect(pickMode([1, 2, 5], 0.124)).toBe(0);
    expect(pickMode([1, 2, 5], 0.126)).toBe(1);
    expect(pickMode([1, 2, 5], 0.374)).toBe(1);
    expect(pickMode([1, 2, 5], 0.376)).toBe(2);
    expect(pickMode([1, 2, 5], 0.999999)).toBe(2);
  });
});
