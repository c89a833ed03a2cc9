// The fast kernel against the slow reference path, and the kernel's month step against the
// analytic survival of a constant hazard.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLASSES,
  COEFS,
  MODE_CODE,
  UPFRONT_DRAWS,
  allocateResults,
  compileModel,
  decide,
  defaultLevers,
  drawTrial,
  emptyDraws,
  explainMonth,
  guarantorResponse,
  trialCredibilities,
  trialResolve,
  MAX_TERMS,
  noiseScale,
  normalQuantile,
  runTrials,
  simulate,
  summarize,
  trialRng,
  wilson,
  type CompiledModel,
} from '../../src/engine';
import { leversArb } from './arbitraries';

/** The margins the fast kernel computes for (class, month, resolve, credibility), in utility units. */
function kernelMargins(model: CompiledModel, cls: number, t: number, r: number, u: number): number[] {
  const o = (cls * (model.horizon + 1) + t) * COEFS;
  const c = model.coef;
  const unscale = model.scale > 0 ? model.scale : 1;
  return [0, 1, 2].map((m) => {
    const k = o + 4 * m;
    return (c[k] + r * c[k + 1] + u * (c[k + 2] + r * c[k + 3])) * unscale;
  });
}

describe('compileModel coefficients', () => {
  it('give the same margins as the reference explainMonth for any levers, class, month, resolve and credibility', () => {
    fc.assert(
      fc.property(
        leversArb(),
        fc.integer({ min: 0, max: CLASSES - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (levers, cls, tFrac, r, u) => {
          const model = compileModel(levers);
          const t = 1 + Math.min(model.horizon - 1, Math.floor(tFrac * model.horizon));
          const fast = kernelMargins(model, cls, t, r, u);
          const ref = explainMonth(model, cls, t, r, u).margins;
          for (let m = 0; m < 3; m++) {
            if (!(Math.abs(fast[m] - ref[m]) <= 1e-9)) {
              throw new Error(`mode ${m}: fast ${fast[m]} vs reference ${ref[m]} (scale ${model.scale})`);
            }
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('treat a vanishingly small but allowed decision noise as no noise instead of overflowing to NaN', () => {
    // Regression: 1/noiseScale(1e-320) was Infinity, so every coefficient was NaN and every trial
    // "resumed" full-scale in month 1.
    expect(noiseScale(1e-320)).toBe(0);
    const levers = { ...defaultLevers(), horizonYears: 3 };
    const tiny = simulate({ ...levers, decisionNoise: 1e-320 }, { seed: '1', trials: 300 });
    const none = simulate({ ...levers, decisionNoise: 0 }, { seed: '1', trials: 300 });
    expect(Array.from(tiny.model.coef).every(Number.isFinite)).toBe(true);
    expect(tiny.results.month).toEqual(none.results.month);
    expect(tiny.results.mode).toEqual(none.results.mode);
  });

  it('give the same margins at the corners of resolve and credibility for the defaults', () => {
    const model = compileModel(defaultLevers());
    for (const cls of [0, 12, 24]) {
      for (const t of [1, 22, 60, model.horizon]) {
        for (const [r, u] of [[0, 0], [1, 0], [0, 1], [1, 1], [0.7, 0.5]]) {
          const fast = kernelMargins(model, cls, t, r, u);
          const ref = explainMonth(model, cls, t, r, u).margins;
          for (let m = 0; m < 3; m++) expect(Math.abs(fast[m] - ref[m])).toBeLessThanOrEqual(1e-9);
        }
      }
    }
  });
});

/** The slow path for one trial: draws, then each month's reference margins and decide(). */
function referenceTrial(model: CompiledModel, seed: string, i: number): { month: number; mode: number; flags: number } {
  const rng = trialRng(seed, i);
  const d = drawTrial(rng, emptyDraws());
  const r = trialResolve(model.levers.ruResolve, d.zResolve);
  const cred = trialCredibilities(model.levers, d.zCredibility, new Float64Array(MAX_TERMS));
  const cls = d.reliefLevel * 5 + d.reconstitutionLevel;
  for (let t = 1; t <= model.horizon; t++) {
    const u = cred[model.term[t]];
    const { margins } = explainMonth(model, cls, t, r, u);
    const m = decide(margins, model.scale, rng(), d.uMode);
    if (m >= 0) return { month: t, mode: m + 1, flags: guarantorResponse(model, m, t, u, d.uEurope, d.uUs, d.uSnapback) };
  }
  return { month: 0, mode: 0, flags: 0 };
}

describe('runTrials', () => {
  it('gives each trial the month, mode and guarantor flags of a slow reference simulation', () => {
    fc.assert(
      fc.property(leversArb({ horizonYears: fc.integer({ min: 1, max: 5 }) }), fc.string({ minLength: 1, maxLength: 8 }), (levers, seed) => {
        const model = compileModel(levers);
        const n = 150;
        const out = allocateResults(n);
        runTrials(model, seed, 0, n, out);
        for (let i = 0; i < n; i++) {
          const ref = referenceTrial(model, seed, i);
          if (out.month[i] !== ref.month || out.mode[i] !== ref.mode || out.flags[i] !== ref.flags) {
            throw new Error(`trial ${i}: kernel ${out.month[i]}/${out.mode[i]}/${out.flags[i]} vs reference ${ref.month}/${ref.mode}/${ref.flags}`);
          }
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

/**
 * A compiled model whose margins are the same constants in every class and month (in noise-scale
 * units when `scale` > 0), so the kernel's month step can be checked against closed forms.
 */
function constantModel(margins: [number, number, number], horizonYears: number, scale: number): CompiledModel {
  const base = compileModel({ ...defaultLevers(), horizonYears, decisionNoise: scale > 0 ? 0.5 : 0 });
  const coef = new Float64Array(base.coef.length);
  for (let o = 0; o < coef.length; o += COEFS) for (let m = 0; m < 3; m++) coef[o + 4 * m] = margins[m];
  return { ...base, coef, scale };
}

/** z of a two-sided band with family-wise 95% coverage over k checked points (Bonferroni). */
const zFamily = (k: number) => normalQuantile(1 - 0.05 / (2 * k));

describe('the kernel month step', () => {
  const n = 20_000;
  const h = 0.03; // monthly probability of resuming
  const S = h / (1 - h); // Σ exp(x) with P(resume) = S / (1 + S)
  const x = Math.log(S / 3); // all three modes share the margin

  it('gives survival (1 − h)^t = exp(−λt) for a constant per-month resumption probability h', () => {
    const model = constantModel([x, x, x], 10, 1);
    const out = allocateResults(n);
    runTrials(model, 'hazard', 0, n, out);
    const s = summarize(model, out, 'hazard');
    const months = [1, 6, 12, 24, 60, 120];
    const z = zFamily(months.length);
    const lambda = -Math.log(1 - h);
    for (const t of months) {
      const expected = Math.exp(-lambda * t);
      expect(Math.abs(expected - Math.pow(1 - h, t))).toBeLessThan(1e-12);
      const [lo, hi] = wilson(Math.round(s.survival[t] * n), n, z);
      expect(expected, `survival at month ${t}: ${s.survival[t]}`).toBeGreaterThanOrEqual(lo);
      expect(expected).toBeLessThanOrEqual(hi);
    }
  });

  it('splits resumptions among modes in proportion to exp(margin)', () => {
    // Weights 1 : 2 : 5 at the same total S as above.
    const w = [1, 2, 5];
    const margins = w.map((wi) => Math.log((S * wi) / 8)) as [number, number, number];
    const model = constantModel(margins, 10, 1);
    const out = allocateResults(n);
    runTrials(model, 'modes', 0, n, out);
    const resumed = out.mode.reduce((acc, m) => acc + (m > 0 ? 1 : 0), 0);
    const z = zFamily(4);
    const [lo, hi] = wilson(resumed, n, z);
    const pAny = 1 - Math.pow(1 - h, 120);
    expect(pAny).toBeGreaterThanOrEqual(lo);
    expect(pAny).toBeLessThanOrEqual(hi);
    for (let m = 0; m < 3; m++) {
      const count = out.mode.reduce((acc, c) => acc + (c === m + 1 ? 1 : 0), 0);
      const [l, u] = wilson(count, resumed, z);
      expect(w[m] / 8, `mode ${m}: ${count} of ${resumed}`).toBeGreaterThanOrEqual(l);
      expect(w[m] / 8).toBeLessThanOrEqual(u);
    }
  });

  it('matches the decide() step driven by the same per-trial streams', () => {
    // decide() consumes one draw per month exactly as the kernel does, after the upfront draws.
    const model = constantModel([x, x, x], 5, 1);
    const trials = 2_000;
    const out = allocateResults(trials);
    runTrials(model, 'decide', 0, trials, out);
    const upfront = UPFRONT_DRAWS; // uMode is the last of them
    expect(upfront).toBe(13);
    for (let i = 0; i < trials; i++) {
      const rng = trialRng('decide', i);
      let uMode = 0;
      for (let k = 0; k < upfront; k++) uMode = rng();
      let month = 0;
      let mode = -1;
      for (let t = 1; t <= model.horizon; t++) {
        const d = decide([x, x, x], 1, rng(), uMode);
        if (d >= 0) {
          month = t;
          mode = d;
          break;
        }
      }
      expect(out.month[i]).toBe(month);
      expect(out.mode[i]).toBe(mode + 1);
    }
  });

  it('without noise, resumes in month 1 with the best mode when a margin is positive, and never otherwise', () => {
    const trials = 200;
    const up = constantModel([0.1, 0.3, 0.2], 2, 0);
    const out = allocateResults(trials);
    runTrials(up, 'x', 0, trials, out);
    expect(out.month.every((m) => m === 1)).toBe(true);
    expect(out.mode.every((m) => m === MODE_CODE.limited)).toBe(true);
    const down = constantModel([-0.1, 0, -1e-12], 2, 0);
    runTrials(down, 'x', 0, trials, out);
    expect(out.month.every((m) => m === 0)).toBe(true);
    expect(out.mode.every((m) => m === MODE_CODE.none)).toBe(true);
  });
});
