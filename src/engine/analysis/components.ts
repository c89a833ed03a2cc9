import { trialRng } from '../math/rng';
import { quantileSorted } from '../math/stats';
import { choiceProbabilities } from '../model/decision';
import { explainMonth, trialClass, type CompiledModel } from '../model/compile';
import { trialPath } from '../model/trialPath';
import { drawTrial, emptyDraws } from '../model/uncertainty';
import { runTrials } from '../run/kernel';
import { allocateResults } from '../run/trialResults';

/**
 * The components of Moscow's calculation over time across a run, for trials that went to war (up
 * to and including their war month) and trials that did not: "Why it breaks" draws them.
 * Each is for the month's better war option (limited or full scale) unless said otherwise.
 */
export const COMPONENT_KEYS = [
  'margin',
  'expectedGain',
  'successExpected',
  'costEurope',
  'costUs',
  'costSanctions',
  'bEurope',
  'bUs',
  'resolve',
  'capacity',
  'uaDefence',
  'pWar',
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

/** Plain labels, with units. */
export const COMPONENT_LABELS: Record<ComponentKey, string> = {
  margin: 'how much more war is worth to Moscow than peace (utility; above 0: war pays)',
  expectedGain: 'what Moscow expects to win (resolve × gain × chance of success)',
  successExpected: 'chance the offensive succeeds, allowing for the guarantors',
  costEurope: 'expected cost of Europe fighting back (utility)',
  costUs: 'expected cost of the US fighting back (utility)',
  costSanctions: 'expected cost of sanctions snapping back (utility)',
  bEurope: 'what Moscow expects: chance Europe fights (0–1)',
  bUs: 'what Moscow expects: chance the US honours its backstop (0–1)',
  resolve: "Moscow's resolve (0–1)",
  capacity: "Russia's rebuilt offensive capacity (0–1)",
  uaDefence: "Ukraine's own defence (1 = a reference army at full readiness)",
  pWar: 'chance of war this month (0–1)',
};

/** Mean and 10th/90th percentiles per month; index t = 0…horizon (index 0 and empty months are NaN). */
export interface ComponentBand {
  mean: Float64Array;
  p10: Float64Array;
  p90: Float64Array;
}

export interface ComponentGroup {
  /** Trials contributing at each month 0…horizon. */
  n: Uint32Array;
  bands: Record<ComponentKey, ComponentBand>;
}

export interface ComponentsOverTime {
  horizon: number;
  /** Month indices of the US elections (for marking the charts). */
  elections: number[];
  /** Trial indices used (evenly spaced over the run when it has more than maxTrials). */
  sample: Uint32Array;
  /** Trials that went to war, over months 1…(their war month, inclusive). */
  war: ComponentGroup;
  /** Trials with no war by the horizon, over every month. */
  held: ComponentGroup;
}

/** Evenly spaced trial indices: all of 0…trials−1 if trials ≤ max, else floor(k × trials / max). */
export function evenSample(trials: number, max: number): Uint32Array {
  const m = Math.min(trials, Math.max(1, Math.floor(max)));
  const out = new Uint32Array(m);
  for (let k = 0; k < m; k++) out[k] = Math.floor((k * trials) / m);
  return out;
}

/**
 * The components over time for a deterministic sample of at most `maxTrials` of the run's trials,
 * each month through the itemised explainMonth with the trial's own path (trialPath): resolve,
 * beliefs and administration. Outcomes come from the kernel on the sampled trials.
 */
export function componentsOverTime(model: CompiledModel, seed: string, trials: number, options: { maxTrials?: number } = {}): ComponentsOverTime {
  const { horizon, scale } = model;
  const H1 = horizon + 1;
  const noisy = scale > 0;
  const inv = noisy ? 1 / scale : 1;
  const sample = evenSample(trials, options.maxTrials ?? 1000);
  const one = allocateResults(1);
  const values = [0, 1].map(() => COMPONENT_KEYS.map(() => Array.from({ length: H1 }, () => [] as number[])));
  const counts = [new Uint32Array(H1), new Uint32Array(H1)];
  const draws = emptyDraws();
  for (const i of sample) {
    runTrials(model, seed, i, i + 1, one);
    const warMonth = one.warMonth[0];
    const g = warMonth > 0 ? 0 : 1;
    drawTrial(trialRng(seed, i), draws);
    const path = trialPath(model, draws);
    const cls = trialClass(draws.reliefLevel, draws.reconstitutionLevel);
    const last = warMonth > 0 ? warMonth : horizon;
    for (let t = 1; t <= last; t++) {
      const x = explainMonth(model, cls, t, path.resolve[t], path.bEurope[t], path.bUs[t], path.greyTaste, path.perceivedStrength[t]);
      const best = x.margins[1] >= x.margins[2] ? 1 : 2;
      const a = x.modes[best];
      const row: Record<ComponentKey, number> = {
        margin: x.margins[best],
        expectedGain: a.expectedGain,
        successExpected: a.successExpected,
        costEurope: a.costEurope,
        costUs: a.costUs,
        costSanctions: a.costSanctions,
        bEurope: path.bEurope[t],
        bUs: path.bUs[t],
        resolve: path.resolve[t],
        capacity: x.ctx.capacity,
        uaDefence: x.ctx.uaDefence,
        pWar: choiceProbabilities(-Infinity, x.margins[1] * inv, x.margins[2] * inv, noisy).war,
      };
      COMPONENT_KEYS.forEach((k, ci) => values[g][ci][t].push(row[k]));
      counts[g][t]++;
    }
  }
  const toGroup = (g: number): ComponentGroup => {
    const bands = {} as Record<ComponentKey, ComponentBand>;
    COMPONENT_KEYS.forEach((key, ci) => {
      const band = { mean: new Float64Array(H1).fill(NaN), p10: new Float64Array(H1).fill(NaN), p90: new Float64Array(H1).fill(NaN) };
      for (let t = 1; t <= horizon; t++) {
        const v = Float64Array.from(values[g][ci][t]).sort();
        if (v.length === 0) continue;
        let s = 0;
        for (const x of v) s += x;
        band.mean[t] = s / v.length;
        band.p10[t] = quantileSorted(v, 0.1);
        band.p90[t] = quantileSorted(v, 0.9);
      }
      bands[key] = band;
    });
    return { n: counts[g], bands };
  };
  return { horizon, elections: [...model.elections], sample, war: toGroup(0), held: toGroup(1) };
}
