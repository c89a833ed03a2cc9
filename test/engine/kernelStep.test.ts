// The kernel's month step against closed forms: a compiled model whose margins are constants, so
// the survival of a constant hazard, the choice among modes and the noise are known analytically.
// The kernel against the itemised reference path and compileModel's coefficients are in kernel.test.ts.
import { describe, expect, it } from 'vitest';
import {
  CHOICE,
  COEF,
  FLAG_DELIBERATE,
  MODE_CODE,
  UPFRONT_DRAWS,
  allocateResults,
  chooseMonth,
  compileModel,
  defaultLevers,
  normalQuantile,
  runTrials,
  summarize,
  trialRng,
  wilson,
  type CompiledModel,
} from '../../src/engine';





/**
 * A compiled model whose margins (grey zone, limited, full scale) are the same constants in every
 * class, view of the balance and month (in noise-scale units when noisy), so the kernel's month
 * step can be checked against closed forms. Compiled with greyTasteSpread 0 so no trial has a
 * taste of its own.
 */
function constantModel(margins: [number, number, number], horizonYears: number, noisy: boolean): CompiledModel {
  const base = compileModel({ ...defaultLevers(), horizonYears, decisionNoise: noisy ? 0.5 : 0 }, { greyTasteSpread: 0 });
  const coef = new Float64Array(base.coef.length);
  for (let o = 0; o < coef.length; o += COEF.stride) {
    coef[o + COEF.greyZone] = margins[0];
    coef[o + COEF.limited + 4] = margins[1];
    coef[o + COEF.fullScale + 4] = margins[2];
  }
  return { ...base, coef, greyBase: 0, greySubstitution: 0, scale: noisy ? 1 : 0 };
}

/** z of a two-sided band with family-wise 95% coverage over k checked points (Bonferroni). */
const zFamily = (k: number) => normalQuantile(1 - 0.05 / (2 * k));

describe('the kernel month step', () => {
  const n = 20_000;
  const h = 0.03; // monthly probability of war
  const W = h / (1 - h); // e^xL + e^xF with P(war) = W / (1 + W)
  const x = Math.log(W / 2); // both war modes share the margin
  const off = -1e3; // a grey zone never chosen

  it('gives war survival (1 − h)^t = exp(−λt) for a constant per-month war probability h', () => {
    const model = constantModel([off, x, x], 10, true);
    const out = allocateResults(n);
    runTrials(model, 'hazard', 0, n, out);
    const s = summarize(model, out, 'hazard');
    const months = [1, 6, 12, 24, 60, 120];
    const z = zFamily(months.length);
    const lambda = -Math.log(1 - h);
    for (const t of months) {
      const expected = Math.exp(-lambda * t);
      expect(Math.abs(expected - Math.pow(1 - h, t))).toBeLessThan(1e-12);
      const [lo, hi] = wilson(Math.round(s.survivalWar[t] * n), n, z);
      expect(expected, `survival at month ${t}: ${s.survivalWar[t]}`).toBeGreaterThanOrEqual(lo);
      expect(expected).toBeLessThanOrEqual(hi);
      // With no probes, every resumption is a war.
      expect(s.survival[t]).toBe(s.survivalWar[t]);
    }
  });

  it('splits wars between limited and full scale in proportion to exp(margin)', () => {
    const w = [1, 3];
    const margins = [off, ...w.map((wi) => Math.log((W * wi) / 4))] as [number, number, number];
    const model = constantModel(margins, 10, true);
    const out = allocateResults(n);
    runTrials(model, 'modes', 0, n, out);
    const wars = out.warMode.reduce((acc, m) => acc + (m > 0 ? 1 : 0), 0);
    const z = zFamily(3);
    const [lo, hi] = wilson(wars, n, z);
    const pWar = 1 - Math.pow(1 - h, 120);
    expect(pWar).toBeGreaterThanOrEqual(lo);
    expect(pWar).toBeLessThanOrEqual(hi);
    for (const [k, code] of [[0, MODE_CODE.limited], [1, MODE_CODE.fullScale]] as const) {
      const count = out.warMode.reduce((acc, c) => acc + (c === code ? 1 : 0), 0);
      const [l, u] = wilson(count, wars, z);
      expect(w[k] / 4, `mode ${code}: ${count} of ${wars}`).toBeGreaterThanOrEqual(l);
      expect(w[k] / 4).toBeLessThanOrEqual(u);
    }
  });

  it('lets a grey-zone probe happen before the war without changing when the war comes', () => {
    const g = 0.05; // monthly probe probability among months without war
    const xG = Math.log(g / (1 - g));
    const withProbes = constantModel([xG, x, x], 10, true);
    const without = constantModel([off, x, x], 10, true);
    const a = allocateResults(n);
    const b = allocateResults(n);
    runTrials(withProbes, 'probe', 0, n, a);
    runTrials(without, 'probe', 0, n, b);
    // The draw is laid out [war | probe | peace]: the probe takes nothing from war.
    expect(a.warMonth).toEqual(b.warMonth);
    expect(a.warMode).toEqual(b.warMode);
    // First resumption each month with probability 1 − (1 − h)(1 − g) until the first one.
    const s = summarize(withProbes, a, 'probe');
    const q = (1 - h) * (1 - g);
    const z = zFamily(3);
    for (const t of [6, 24, 60]) {
      const [lo, hi] = wilson(Math.round(s.survival[t] * n), n, z);
      expect(Math.pow(q, t), `month ${t}`).toBeGreaterThanOrEqual(lo);
      expect(Math.pow(q, t)).toBeLessThanOrEqual(hi);
    }
    expect(s.pGreyZone).toBeGreaterThan(0);
    expect(s.pWar).toBe(summarize(without, b, 'probe').pWar);
  });

  it('matches chooseMonth driven by the same per-trial streams', () => {
    const xG = Math.log(0.02 / 0.98);
    const model = constantModel([xG, x, x], 5, true);
    const trials = 2_000;
    const out = allocateResults(trials);
    runTrials(model, 'decide', 0, trials, out);
    for (let i = 0; i < trials; i++) {
      const rng = trialRng('decide', i);
      for (let k = 0; k < UPFRONT_DRAWS; k++) rng();
      const row = { month: 0, mode: 0, warMonth: 0, warMode: 0 };
      for (let t = 1; t <= model.horizon; t++) {
        const c = chooseMonth(row.month === 0 ? xG : -Infinity, x, x, rng(), true);
        if (c === CHOICE.peace) continue;
        if (row.month === 0) Object.assign(row, { month: t, mode: c });
        if (c === CHOICE.greyZone) continue;
        Object.assign(row, { warMonth: t, warMode: c });
        break;
      }
      expect({ month: out.month[i], mode: out.mode[i], warMonth: out.warMonth[i], warMode: out.warMode[i] }).toEqual(row);
    }
  });

  it('without noise, goes to war in month 1 with the better mode when a war margin is positive, and never otherwise', () => {
    const trials = 200;
    const up = constantModel([0.5, 0.3, 0.2], 2, false);
    const out = allocateResults(trials);
    runTrials(up, 'x', 0, trials, out);
    expect(out.month.every((m) => m === 1)).toBe(true);
    expect(out.mode.every((m) => m === MODE_CODE.limited)).toBe(true);
    expect(out.warMonth.every((m) => m === 1)).toBe(true);
    expect(out.flags.every((f) => (f & FLAG_DELIBERATE) !== 0)).toBe(true);
    const probe = constantModel([0.1, 0, -1e-12], 2, false);
    runTrials(probe, 'x', 0, trials, out);
    expect(out.month.every((m) => m === 1)).toBe(true);
    expect(out.mode.every((m) => m === MODE_CODE.greyZone)).toBe(true);
    expect(out.warMonth.every((m) => m === 0)).toBe(true);
    const down = constantModel([-0.1, 0, -1e-12], 2, false);
    runTrials(down, 'x', 0, trials, out);
    expect(out.month.every((m) => m === 0)).toBe(true);
    expect(out.mode.every((m) => m === MODE_CODE.none)).toBe(true);
  });
});
