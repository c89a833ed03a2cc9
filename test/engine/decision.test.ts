// With decisionNoise 0, the monthly choice between peace and one mode must reduce to Zagare and
// Kilgour's deterrence threshold: attack iff p < (a_DC − a_SQ) / (a_DC − a_DD). And the one decision
// rule (chooseMonth) must lay its draw out so that the chance of war depends on the conventional
// margins alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICE,
  DEFAULT_PARAMS,
  analyseGreyZone,
  analyseMode,
  choiceProbabilities,
  chooseMonth,
  compileModel,
  defaultLevers,
  explainMonth,
  modeGain,
  modeShape,
  modeWarCost,
  noiseScale,
  offensiveSuccess,
  peaceValue,
  zkThreshold,
  type MonthContext,
} from '../../src/engine';

/** The default parameter record (every mechanism takes one as its first argument). */
const P = DEFAULT_PARAMS;
const grid = Array.from({ length: 101 }, (_, i) => i / 100);
const uniforms = [0, 0.25, 0.5, 0.999999];
const NONE = -Infinity;

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
  });

  it('takes the status quo from peaceValue(P), a constant of the model (no hand-set early fragility)', () => {
    expect(peaceValue(P)).toBe(P.peaceBaseValue);
  });
});

describe('the noise-free choice between peace and one mode', () => {
  it.each(payoffs)('attacks exactly when p < the threshold, for $name', ({ aDC, aDD, aSQ }) => {
    const thr = zkThreshold(aDC, aDD, aSQ);
    for (const p of grid) {
      if (Math.abs(p - thr) < 1e-9) continue; // at the threshold itself peace wins the tie
      const margin = p * aDD + (1 - p) * aDC - aSQ;
      const attack = p < thr;
      const probs = choiceProbabilities(NONE, NONE, margin, false);
      expect(probs.war, `p = ${p}`).toBe(attack ? 1 : 0);
      expect(probs.fullScale).toBe(attack ? 1 : 0);
      expect(probs.any).toBe(attack ? 1 : 0);
      for (const u of uniforms) expect(chooseMonth(NONE, NONE, margin, u, false), `p = ${p}, u = ${u}`).toBe(attack ? CHOICE.fullScale : CHOICE.peace);
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
        expect(choiceProbabilities(NONE, NONE, margin, false).war).toBe(p < thr ? 1 : 0);
        expect(chooseMonth(NONE, NONE, margin, 0.5, false)).toBe(p < thr ? CHOICE.fullScale : CHOICE.peace);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('keeps the peace when every margin is exactly zero (indifference)', () => {
    expect(choiceProbabilities(0, 0, 0, false).any).toBe(0);
    expect(chooseMonth(0, 0, 0, 0, false)).toBe(CHOICE.peace);
  });

  it('goes to war with the better conventional mode, limited on a tie, whatever the grey zone is worth', () => {
    expect(chooseMonth(0.5, 0.1, 0.3, 0.99, false)).toBe(CHOICE.fullScale);
    expect(chooseMonth(0.5, 0.3, 0.2, 0.99, false)).toBe(CHOICE.limited);
    expect(chooseMonth(0.5, 0.3, 0.3, 0.5, false)).toBe(CHOICE.limited);
    expect(chooseMonth(-1, -0.2, 0.01, 0, false)).toBe(CHOICE.fullScale);
  });

  it('probes in the grey zone only when no war is worth more than peace and the probe is', () => {
    expect(chooseMonth(0.01, -0.1, -0.2, 0.5, false)).toBe(CHOICE.greyZone);
    expect(chooseMonth(0, -0.1, -0.2, 0.5, false)).toBe(CHOICE.peace);
    expect(chooseMonth(-0.01, -0.1, -0.2, 0.5, false)).toBe(CHOICE.peace);
  });
});

describe('analyseMode with a single guarantor able to respond', () => {
  // Only Europe can respond (bUs = 0, pSnapback = 0): Moscow expects it to fight with probability p.
  const resolve = 0.9;
  const ctx = (p: number, aSQ: number): MonthContext => ({
    capacity: 0.8,
    perceivedStrength: 1,
    uaDefence: 0.6,
    euDenial: 0.3,
    usPower: 0.5,
    bEurope: p,
    bUs: 0,
    pSnapback: 0,
    costEurope: 0.3,
    costUs: 0.4,
    costSnapback: 0.2,
    deepStrikeCost: 0,
    peace: aSQ,
    greyTaste: 0,
  });
  const mode = 'fullScale' as const;
  const shape = modeShape(P, 'fullScale');
  // By hand: success against Ukraine alone 0.8²/(0.8² + 0.6²) = 0.64; with Europe 0.8²/(0.8² + 0.9²).
  const sAlone = 0.64;
  const sEurope = 0.64 / (0.64 + 0.81);
  const gain = modeGain(P, 'fullScale', resolve);
  const aDC = gain * sAlone - modeWarCost(P, 'fullScale');
  const aDD = gain * sEurope - modeWarCost(P, 'fullScale') - 0.3;

  it('reads a_DC and a_DD off the payoffs computed by hand', () => {
    expect(gain).toBe(resolve);
    expect(offensiveSuccess(0.8, 0.6)).toBeCloseTo(sAlone, 14);
    const a = analyseMode(P, mode, resolve, ctx(0.5, 0));
    expect(a.aDC).toBeCloseTo(aDC, 12);
    expect(a.aDD).toBeCloseTo(aDD, 12);
    expect(a.successAlone).toBeCloseTo(sAlone, 12);
    expect(a.costWar).toBe(P.fullScaleWarCost);
  });

  it('judges success with Moscow’s perceived strength (its misperception multiplies its attack), never the defence', () => {
    const seen = analyseMode(P, mode, resolve, { ...ctx(0.5, 0), perceivedStrength: 1.25 });
    expect(seen.successAlone).toBeCloseTo(offensiveSuccess(0.8 * 1.25, 0.6), 12);
    expect(seen.aDD).toBeCloseTo(gain * offensiveSuccess(0.8 * 1.25, 0.9) - modeWarCost(P, 'fullScale') - 0.3, 12);
    // An optimistic Moscow values war more; a pessimistic one less.
    const truth = analyseMode(P, mode, resolve, ctx(0.5, 0));
    expect(seen.value).toBeGreaterThan(truth.value);
    expect(analyseMode(P, mode, resolve, { ...ctx(0.5, 0), perceivedStrength: 0.8 }).value).toBeLessThan(truth.value);
  });

  it('values the mode at p·a_DD + (1 − p)·a_DC, with credibility p', () => {
    for (const p of [0.01, 0.2, 0.5, 0.77, 1]) {
      const a = analyseMode(P, mode, resolve, ctx(p, 0));
      expect(a.value).toBeCloseTo(p * aDD + (1 - p) * aDC, 12);
      expect(a.credibility).toBeCloseTo(p * shape.trigger.europe, 12);
    }
  });

  it("scales the credibility by the mode's trigger (a limited offensive may avoid the Europeans)", () => {
    const a = analyseMode(P, 'limited', resolve, ctx(0.5, 0));
    expect(a.credibility).toBeCloseTo(0.5 * modeShape(P, 'limited').trigger.europe, 12);
    expect(a.value).toBeCloseTo(a.credibility * a.aDD + (1 - a.credibility) * a.aDC, 12);
  });

  it.each([0.2, 0.5, 0.8])('chooses peace exactly when p exceeds zkThreshold (threshold %s)', (k) => {
    // a_SQ placed so that the threshold is k.
    const aSQ = aDC - k * (aDC - aDD);
    for (const p of grid.slice(1)) {
      const a = analyseMode(P, mode, resolve, ctx(p, aSQ));
      const thr = zkThreshold(a.aDC, a.aDD, aSQ);
      expect(thr).toBeCloseTo(k, 12);
      if (Math.abs(p - thr) < 1e-9) continue;
      const noisy = noiseScale(P, 0) > 0;
      expect(noisy).toBe(false);
      const margin = a.value - aSQ;
      expect(choiceProbabilities(NONE, NONE, margin, noisy).war, `p = ${p}, threshold ${thr}`).toBe(p > thr ? 0 : 1);
      expect(chooseMonth(NONE, NONE, margin, 0.5, noisy)).toBe(p > thr ? CHOICE.peace : CHOICE.fullScale);
      // Zagare–Kilgour: attack iff the effective credibility is below the threshold.
      expect(a.credibility < thr).toBe(p < thr);
    }
  });

  it('needs more credibility to deter when peace is made worse (lower a_SQ)', () => {
    const p = 0.45;
    const better = aDC - 0.4 * (aDC - aDD); // threshold 0.4 < p: deterred
    const worse = aDC - 0.5 * (aDC - aDD); // threshold 0.5 > p: attacks
    const a1 = analyseMode(P, mode, resolve, ctx(p, better));
    const a2 = analyseMode(P, mode, resolve, ctx(p, worse));
    expect(chooseMonth(NONE, NONE, a1.value - better, 0.5, false)).toBe(CHOICE.peace);
    expect(chooseMonth(NONE, NONE, a2.value - worse, 0.5, false)).toBe(CHOICE.fullScale);
  });
});

describe('analyseGreyZone', () => {
  const ctx: MonthContext = {
    capacity: 0.8, perceivedStrength: 1, uaDefence: 0.6, euDenial: 0.3, usPower: 0.5, bEurope: 0.4, bUs: 0.3, pSnapback: 0.5,
    costEurope: 0.3, costUs: 0.4, costSnapback: 0.2, deepStrikeCost: 0, peace: 0.3, greyTaste: 0.01,
  };
  it('values the probe at resolve × (value + substitution × (1 − deterred)) minus its costs, with the peace kept', () => {
    const r = 0.7;
    const deterred = 0.25;
    const g = analyseGreyZone(P, r, ctx, deterred);
    const t = modeShape(P, 'greyZone').trigger;
    const gain = r * (P.greyZoneValue + P.greySubstitution * (1 - deterred));
    const expected = gain - (P.greyZoneCost - ctx.greyTaste) - 0.4 * t.europe * 0.3 - 0.3 * t.us * 0.4 - 0.5 * t.snapback * 0.2;
    expect(g.expectedGain).toBeCloseTo(gain, 14);
    expect(g.value).toBeCloseTo(expected, 14);
  });
  it('is worth more the better war is deterred (deterrence pushes Moscow toward the grey zone)', () => {
    expect(analyseGreyZone(P, 0.7, ctx, 0.1).value).toBeLessThan(analyseGreyZone(P, 0.7, ctx, 0.05).value);
  });
});

describe('chooseMonth with noise (the tremble)', () => {
  it('gives the logit probabilities: war W/(1 + W), then a probe e^xG/(1 + e^xG) of the rest', () => {
    const xG = 0.5;
    const xL = -1;
    const xF = 0.2;
    const W = Math.exp(xL) + Math.exp(xF);
    const p = choiceProbabilities(xG, xL, xF, true);
    expect(p.war).toBeCloseTo(W / (1 + W), 14);
    expect(p.limited).toBeCloseTo(Math.exp(xL) / (1 + W), 14);
    expect(p.fullScale).toBeCloseTo(Math.exp(xF) / (1 + W), 14);
    expect(p.greyZone).toBeCloseTo((1 / (1 + W)) * (Math.exp(xG) / (1 + Math.exp(xG))), 14);
    expect(p.any).toBeCloseTo(p.war + p.greyZone, 14);
  });

  it('lays its draw out [limited | full scale | grey zone | peace] to match the probabilities', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (xG, xL, xF, v) => {
        const p = choiceProbabilities(xG, xL, xF, true);
        const c = chooseMonth(xG, xL, xF, v, true);
        const near = (a: number) => Math.abs(v - a) < 1e-9;
        fc.pre(![p.limited, p.war, p.any].some(near));
        const expected = v < p.limited ? CHOICE.limited : v < p.war ? CHOICE.fullScale : v < p.any ? CHOICE.greyZone : CHOICE.peace;
        expect(c).toBe(expected);
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('goes to war on a draw whatever the grey-zone margin: war depends on the conventional margins alone', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (xG1, xG2, xL, xF, v) => {
        const a = chooseMonth(xG1, xL, xF, v, true);
        const b = chooseMonth(xG2, xL, xF, v, true);
        expect(a >= CHOICE.limited).toBe(b >= CHOICE.limited);
        if (a >= CHOICE.limited) expect(a).toBe(b);
        expect(chooseMonth(-Infinity, xL, xF, v, true) >= CHOICE.limited).toBe(a >= CHOICE.limited);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('never goes to war on a draw with lower conventional margins if it kept the peace with higher ones', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (xL, xF, dL, dF, v) => {
        const warHigh = chooseMonth(0, xL, xF, v, true) >= CHOICE.limited;
        const warLow = chooseMonth(0, xL - dL, xF - dF, v, true) >= CHOICE.limited;
        if (warLow) expect(warHigh).toBe(true);
      }),
      { seed: 13, numRuns: 3000 },
    );
  });

  it('does not overflow for margins far above the noise scale', () => {
    const p = choiceProbabilities(-5, 1000, 0, true);
    expect(p.war).toBe(1);
    expect(p.limited).toBe(1);
    expect(p.greyZone).toBe(0);
    expect(chooseMonth(-5, 1000, 0, 0.999999, true)).toBe(CHOICE.limited);
    expect(choiceProbabilities(1000, -1000, -1000, true).greyZone).toBe(1);
  });

  it('treats margins below the negligible cut as never chosen', () => {
    const p = choiceProbabilities(-100, -100, -100, true);
    expect(p.any).toBe(0);
    for (const v of [1e-300, 0.5, 0.999999]) expect(chooseMonth(-100, -100, -100, v, true)).toBe(CHOICE.peace);
  });

  it('approaches the threshold rule as the noise vanishes', () => {
    const s = noiseScale(P, 0.001);
    expect(s).toBeGreaterThan(0);
    expect(choiceProbabilities(-Infinity, -Infinity, -0.01 / s, true).war).toBeLessThan(1e-6);
    expect(choiceProbabilities(-Infinity, -Infinity, 0.01 / s, true).war).toBeGreaterThan(1 - 1e-6);
  });

  it('treats a negligible decisionNoise as no noise', () => {
    expect(noiseScale(P, 0)).toBe(0);
    expect(noiseScale(P, 1e-320)).toBe(0);
    expect(noiseScale(P, 1)).toBe(P.noiseScale);
  });
});

describe('Zagare–Kilgour in the compiled model (noise 0, the full-scale mode, Europe the only guarantor)', () => {
  it('wants a full-scale offensive exactly when the credibility Moscow expects is below zkThreshold(a_DC, a_DD, a_SQ)', () => {
    const levers = { ...defaultLevers(), decisionNoise: 0, usTier: 'none' as const, snapbackCredibility: 0, article5Like: true, euTroops: 60_000 };
    const model = compileModel(levers);
    expect(model.scale).toBe(0);
    let attacks = 0;
    let deterred = 0;
    for (const cls of [0, 7, 12, 24]) {
      for (const t of [1, 12, 36, 80, model.horizon]) {
        for (const r of [0.3, 0.6, 0.8, 1]) {
          for (const bE of [0, 0.1, 0.3, 0.6, 1]) {
            const x = explainMonth(model, cls, t, r, bE, 0);
            const full = x.modes[2];
            if (full.aDC <= full.aDD) continue;
            const thr = zkThreshold(full.aDC, full.aDD, x.ctx.peace);
            if (Math.abs(full.credibility - thr) < 1e-9) continue;
            const attack = full.credibility < thr;
            expect(x.margins[2] > 0, `cls ${cls} t ${t} r ${r} bE ${bE}`).toBe(attack);
            expect(full.credibility).toBeCloseTo(bE * modeShape(P, 'fullScale').trigger.europe, 12);
            // With the limited option ruled out, chooseMonth goes to war exactly then.
            expect(chooseMonth(-Infinity, -Infinity, x.margins[2], 0.5, false) === CHOICE.fullScale).toBe(attack);
            if (attack) attacks++;
            else deterred++;
          }
        }
      }
    }
    expect(attacks).toBeGreaterThan(0);
    expect(deterred).toBeGreaterThan(0);
  });
});
