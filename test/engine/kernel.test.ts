// The fast kernel against the slow, itemised reference path (trialPath + explainMonth +
// chooseMonth) and against the trial replay, and compileModel's coefficients. The kernel's month
// step against the analytic survival of a constant hazard is in kernelStep.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICE,
  CLASSES,
  COEF,
  DEFAULT_PARAMS,
  FLAG_DELIBERATE,
  FLAG_MISJUDGED,
  FLAG_SUCCEEDED,
  FLAG_WRONG_BALANCE,
  FLAG_WRONG_GUARANTORS,
  LEVELS,
  MODE_CODE,
  TRUTH_LEVEL,
  UPFRONT_DRAWS,
  allocateResults,
  chooseMonth,
  compileModel,
  defaultLevers,
  drawTrial,
  emptyDraws,
  explainMonth,
  guarantorResponse,
  noiseScale,
  replayTrial,
  rowOffset,
  runTrials,
  simulate,
  trialClass,
  trialPath,
  trialRng,
  trueWarSuccess,
  type CompiledModel,
} from '../../src/engine';
import { leversArb, leversNearDefaultsArb } from './arbitraries';

/**
 * The margins [grey zone, limited, full scale] the fast kernel computes for (class, view of the
 * balance, month, resolve, what Moscow expects of Europe and of the US, the trial's own grey taste),
 * in utility units.
 */
function kernelMargins(model: CompiledModel, cls: number, level: number, t: number, r: number, bE: number, bU: number, greyOwn: number): number[] {
  const o = rowOffset(model, cls, level, t);
  const c = model.coef;
  const unscale = model.scale > 0 ? model.scale : 1;
  const bEU = bE * bU;
  const conv = (off: number) =>
    r * (c[o + off] + bE * c[o + off + 1] + bU * c[o + off + 2] + bEU * c[o + off + 3]) + c[o + off + 4] + bE * c[o + off + 5] + bU * c[o + off + 6] + bEU * c[o + off + 7];
  const d = COEF.deterred;
  const deterred = c[o + d] + bE * c[o + d + 1] + bU * c[o + d + 2] + bEU * c[o + d + 3];
  const g = COEF.greyZone;
  const grey = r * (model.greyBase - model.greySubstitution * deterred) + c[o + g] + bE * c[o + g + 1] + bU * c[o + g + 2];
  return [grey * unscale + greyOwn, conv(COEF.limited) * unscale, conv(COEF.fullScale) * unscale];
}

/** Uniform on [0, 1] without fast-check's bias toward the ends (the kernel is exact at the belief corners). */
const unit = fc.integer({ min: 0, max: 10_000 }).map((k) => k / 10_000);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('compileModel coefficients', () => {
  it('give the same margins as the reference explainMonth for any levers, class, view of the balance (the truth row too), month, resolve and beliefs', () => {
    fc.assert(
      fc.property(
        leversArb(),
        fc.integer({ min: 0, max: CLASSES - 1 }),
        unit,
        unit,
        unit,
        unit,
        unit.map((u) => 0.4 * u - 0.2),
        (levers, cls, tFrac, r, bE, bU, taste) => {
          const model = compileModel(levers);
          const t = 1 + Math.min(model.horizon - 1, Math.floor(tFrac * model.horizon));
          for (let level = 0; level < LEVELS; level++) {
            const fast = kernelMargins(model, cls, level, t, r, bE, bU, taste);
            const ref = explainMonth(model, cls, t, r, bE, bU, taste, model.strengthLevels[level]).margins;
            for (let m = 0; m < 3; m++) {
              if (!close(fast[m], ref[m])) throw new Error(`level ${level} mode ${m}: fast ${fast[m]} vs reference ${ref[m]} (scale ${model.scale})`);
            }
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('under changed assumptions too (the table reads the run’s own parameter record)', () => {
    const assumptions = fc.record({
      balanceOptimism: fc.double({ min: 0, max: 0.6, noNaN: true }),
      balanceMisperceptionSpread: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
      limitedAttackShare: fc.double({ min: 0.3, max: 0.7, noNaN: true }),
      limitedTriggerEurope: fc.double({ min: 0.4, max: 1, noNaN: true }),
      greyTriggerSnapback: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
      usPowerIntel: fc.double({ min: 0.1, max: 0.25, noNaN: true }),
      postureDenialTripwire: fc.double({ min: 0.2, max: 0.7, noNaN: true }),
    });
    fc.assert(
      fc.property(leversArb(), assumptions, fc.integer({ min: 0, max: CLASSES - 1 }), unit, unit, unit, unit, (levers, a, cls, tFrac, r, bE, bU) => {
        const model = compileModel(levers, a);
        const t = 1 + Math.min(model.horizon - 1, Math.floor(tFrac * model.horizon));
        for (let level = 0; level < LEVELS; level++) {
          const fast = kernelMargins(model, cls, level, t, r, bE, bU, 0);
          const ref = explainMonth(model, cls, t, r, bE, bU, 0, model.strengthLevels[level]).margins;
          for (let m = 0; m < 3; m++) if (!close(fast[m], ref[m])) throw new Error(`level ${level} mode ${m}: fast ${fast[m]} vs reference ${ref[m]}`);
        }
      }),
      { seed: 44, numRuns: 60 },
    );
  });

  it('keep the truth as the last view of the balance (perceived strength 1), and Moscow’s five views as the levels before it', () => {
    const model = compileModel(defaultLevers());
    expect(model.strengthLevels.length).toBe(LEVELS);
    expect(TRUTH_LEVEL).toBe(LEVELS - 1);
    expect(model.strengthLevels[TRUTH_LEVEL]).toBe(1);
    for (let k = 1; k < TRUTH_LEVEL; k++) expect(model.strengthLevels[k]).toBeGreaterThan(model.strengthLevels[k - 1]);
    expect(model.coef.length).toBe(CLASSES * LEVELS * (model.horizon + 1) * COEF.stride);
  });

  it('treat a vanishingly small but allowed decision noise as no noise instead of overflowing to NaN', () => {
    // Regression: 1/noiseScale(1e-320) was Infinity, so every coefficient was NaN and every trial
    // "resumed" full-scale in month 1.
    expect(noiseScale(DEFAULT_PARAMS, 1e-320)).toBe(0);
    const levers = { ...defaultLevers(), horizonYears: 3 };
    const tiny = simulate({ ...levers, decisionNoise: 1e-320 }, { seed: '1', trials: 300 });
    const none = simulate({ ...levers, decisionNoise: 0 }, { seed: '1', trials: 300 });
    expect(Array.from(tiny.model.coef).every(Number.isFinite)).toBe(true);
    expect(tiny.results.month).toEqual(none.results.month);
    expect(tiny.results.mode).toEqual(none.results.mode);
    expect(tiny.results.warMonth).toEqual(none.results.warMonth);
  });

  it('give the same margins at the corners of resolve and beliefs for the defaults', () => {
    const model = compileModel(defaultLevers());
    for (const cls of [0, 12, 24]) {
      for (const t of [1, 22, 60, model.horizon]) {
        for (const [r, bE, bU] of [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [0.7, 0.5, 0.3]]) {
          for (let level = 0; level < LEVELS; level++) {
            const fast = kernelMargins(model, cls, level, t, r, bE, bU, 0.01);
            const ref = explainMonth(model, cls, t, r, bE, bU, 0.01, model.strengthLevels[level]).margins;
            for (let m = 0; m < 3; m++) expect(close(fast[m], ref[m]), `cls ${cls} level ${level} t ${t} mode ${m}: ${fast[m]} vs ${ref[m]}`).toBe(true);
          }
        }
      }
    }
  });
});

interface Row {
  month: number;
  mode: number;
  warMonth: number;
  warMode: number;
  flags: number;
}

/** Whether Moscow would go to war at noise 0 from itemised margins. */
const wantsWar = (m: number[]) => m[1] > 0 || m[2] > 0;

/**
 * The slow path for one trial: its draws, its month-by-month state and beliefs (trialPath), each
 * month's itemised margins on Moscow's beliefs (explainMonth with its perceived strength) and the
 * one decision rule (chooseMonth), one draw a month; the war's course from the truth, each part
 * recomputed through explainMonth (the truth: perceived strength 1 and the guarantors' true types).
 */
function referenceTrial(model: CompiledModel, seed: string, i: number): Row {
  const rng = trialRng(seed, i);
  const d = drawTrial(rng, emptyDraws());
  const path = trialPath(model, d);
  const p = model.params;
  const cls = trialClass(d.reliefLevel, d.reconstitutionLevel);
  const noisy = model.scale > 0;
  const inv = noisy ? 1 / model.scale : 1;
  const row: Row = { month: 0, mode: 0, warMonth: 0, warMode: 0, flags: 0 };
  for (let t = 1; t <= model.horizon; t++) {
    const r = path.resolve[t];
    const seen = path.perceivedStrength[t];
    const { margins } = explainMonth(model, cls, t, r, path.bEurope[t], path.bUs[t], path.greyTaste, seen);
    const [xG, xL, xF] = margins.map((m) => m * inv);
    const c = chooseMonth(row.month === 0 ? xG : -Infinity, xL, xF, rng(), noisy);
    if (c === CHOICE.peace) continue;
    if (row.month === 0) {
      row.month = t;
      row.mode = c;
    }
    const key = c === CHOICE.greyZone ? 'greyZone' : c === CHOICE.limited ? 'limited' : 'fullScale';
    const uUs = d.uUs[model.term[t]];
    const response = guarantorResponse(p, key, model.pEurope, path.usHonour[t], model.pSnapback, d.uEurope, uUs, d.uSnapback);
    row.flags |= response;
    if (key === 'greyZone') continue;
    row.warMonth = t;
    row.warMode = c;
    if (wantsWar(margins)) row.flags |= FLAG_DELIBERATE;
    const tE = path.europeFights ? 1 : 0;
    const tU = path.usFights[t];
    const s = trueWarSuccess(p, key, model.capacity[cls][t], model.uaDefence[t], model.euDenial, model.usPower * model.attention[t], (response & 1) !== 0, (response & 2) !== 0);
    if (d.uOutcome < s) row.flags |= FLAG_SUCCEEDED;
    if (!wantsWar(explainMonth(model, cls, t, r, tE, tU, path.greyTaste, 1).margins)) row.flags |= FLAG_MISJUDGED;
    if (!wantsWar(explainMonth(model, cls, t, r, path.bEurope[t], path.bUs[t], path.greyTaste, 1).margins)) row.flags |= FLAG_WRONG_BALANCE;
    if (!wantsWar(explainMonth(model, cls, t, r, tE, tU, path.greyTaste, seen).margins)) row.flags |= FLAG_WRONG_GUARANTORS;
    break;
  }
  return row;
}

const kernelRow = (out: ReturnType<typeof allocateResults>, i: number): Row => ({
  month: out.month[i],
  mode: out.mode[i],
  warMonth: out.warMonth[i],
  warMode: out.warMode[i],
  flags: out.flags[i],
});
const fmt = (r: Row) => `${r.month}/${r.mode} war ${r.warMonth}/${r.warMode} flags ${r.flags}`;

/** Levers near the defaults with short horizons, noise anywhere from none to a lot. */
const runLevers = leversNearDefaultsArb({
  horizonYears: fc.integer({ min: 1, max: 8 }),
  decisionNoise: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
});

describe('runTrials', () => {
  it('gives each trial the months, modes and flags of the itemised reference simulation', () => {
    fc.assert(
      fc.property(runLevers, fc.string({ minLength: 1, maxLength: 8 }), (levers, seed) => {
        const model = compileModel(levers);
        const n = 60;
        const out = allocateResults(n);
        runTrials(model, seed, 0, n, out);
        for (let i = 0; i < n; i++) {
          const ref = referenceTrial(model, seed, i);
          const k = kernelRow(out, i);
          if (fmt(k) !== fmt(ref)) throw new Error(`trial ${i}: kernel ${fmt(k)} vs reference ${fmt(ref)}`);
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('gives each trial the months, modes and flags of replayTrial', () => {
    fc.assert(
      fc.property(runLevers, fc.string({ minLength: 1, maxLength: 8 }), (levers, seed) => {
        const model = compileModel(levers);
        const n = 30;
        const out = allocateResults(n);
        runTrials(model, seed, 0, n, out);
        for (let i = 0; i < n; i++) {
          const o = replayTrial(model, seed, i).outcome;
          const rep: Row = { month: o.month, mode: o.modeCode, warMonth: o.warMonth, warMode: o.warModeCode, flags: o.flags };
          const k = kernelRow(out, i);
          if (fmt(k) !== fmt(rep)) throw new Error(`trial ${i}: kernel ${fmt(k)} vs replay ${fmt(rep)}`);
        }
      }),
      { seed: 43, numRuns: 25 },
    );
  });

  it('keeps the first resumption no later than the war, and a war only with a limited or full-scale mode', () => {
    const { results: r } = simulate({ ...defaultLevers(), horizonYears: 10 }, { seed: 'order', trials: 3000 });
    let wars = 0;
    for (let i = 0; i < r.trials; i++) {
      if (r.warMonth[i] > 0) {
        wars++;
        expect([MODE_CODE.limited, MODE_CODE.fullScale]).toContain(r.warMode[i]);
        expect(r.month[i]).toBeGreaterThan(0);
        expect(r.month[i]).toBeLessThanOrEqual(r.warMonth[i]);
        // A war that is the first resumption has the same mode.
        if (r.month[i] === r.warMonth[i]) expect(r.mode[i]).toBe(r.warMode[i]);
        else expect(r.mode[i]).toBe(MODE_CODE.greyZone);
      } else {
        expect(r.warMode[i]).toBe(0);
        expect([MODE_CODE.none, MODE_CODE.greyZone]).toContain(r.mode[i]);
        expect(r.flags[i] & FLAG_DELIBERATE).toBe(0);
      }
    }
    expect(wars).toBeGreaterThan(0);
  });

  it('consumes the upfront draws, then one draw a month', () => {
    let calls = 0;
    const base = trialRng('count', 0);
    drawTrial(() => (calls++, base()), emptyDraws());
    expect(calls).toBe(UPFRONT_DRAWS);
    // The month draws come right after (the month-step test below skips UPFRONT_DRAWS and replays them).
  });
});
