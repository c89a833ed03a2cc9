import { choiceProbabilities } from '../model/decision';
import type { CompiledModel } from '../model/compile';
import { explainMonth } from '../model/compile';
import { MODE_KEYS, MODES, type ModeKey } from '../model/modes';
import { guarantorResponse } from '../model/response';
import { FLAG_EUROPE, FLAG_SNAPBACK, FLAG_US } from '../model/response';
import { STORED_TERMS, allocateResults, mergeChunk } from '../run/trialResults';
import { trialRng } from '../math/rng';
import { runTrials } from '../run/simulate';
import { MAX_TERMS, addMonths } from '../model/time';
import { drawTrial, emptyDraws, reconstitutionYears, reliefPace, trialCredibilities, trialResolve } from '../model/uncertainty';

/**
 * "Why it breaks": one trial replayed through the itemised reference path (explainMonth), and the
 * components of Moscow's calculation over time across a run. Pure: no DOM, no Node.
 */

// Same constant as the kernel's cheap reject (simulate.ts): a month whose best scaled margin is
// below −40 has S < 3e-18, so it resumes only if the month's draw is exactly 0 (probability 2^-32);
// the kernel calls that peace, and so does the replay, to stay draw-for-draw identical.
const NEGLIGIBLE = -40;

/** One mode's part of Moscow's calculation in one month (utility units unless said otherwise). */
export interface ModeStory {
  mode: ModeKey;
  /** resolve × gain × E[success]: what Moscow expects to win. */
  expectedGain: number;
  /** Odds of success (0–1) against Ukraine alone, and in expectation over the guarantors' responses. */
  successAlone: number;
  successExpected: number;
  /** Expected costs (probability × cost) from Europe, the US and the sanctions snapback; war cost. */
  costEurope: number;
  costUs: number;
  costSanctions: number;
  costWar: number;
  /** Moscow's taste for deniable means (grey zone only; 0 otherwise). */
  greyTaste: number;
  /** Expected value of the mode = expectedGain − costs + greyTaste. */
  value: number;
  /** value − a_SQ: the margin over peace. */
  margin: number;
  /** Zagare–Kilgour terms: payoff if nobody responds, if everyone does, and the effective credibility. */
  aDC: number;
  aDD: number;
  credibility: number;
  /** Probability (0–1) Moscow picks this mode this month (logit, or 0/1 without noise). */
  pChoose: number;
}

/** One month of a replayed trial. */
export interface MonthStory {
  /** Month after the ceasefire, 1…horizon. */
  month: number;
  /** Calendar month `YYYY-MM`. */
  date: string;
  /** Administration in office: 0 = at the ceasefire, k = elected at the k-th election. */
  administration: number;
  usCredibility: number;
  /** Share of today's sanctions in force (0–1), Russian capacity (0–1), Ukraine's defence (defence units). */
  sanctions: number;
  capacity: number;
  uaDefence: number;
  /** Probabilities (before a mode's trigger) that Europe fights, the US honours, sanctions snap back. */
  pEurope: number;
  pUs: number;
  pSnapback: number;
  /** a_SQ: the status quo's value to Moscow. */
  peace: number;
  /** The three modes in MODE_KEYS order. */
  modes: ModeStory[];
  /** Index (MODE_KEYS) of the mode with the largest margin (first on ties, as the kernel). */
  best: number;
  /** Probability (0–1) that Moscow resumes this month (any mode). */
  pResume: number;
  /** The month's uniform draw: resumption iff it falls below pResume. */
  draw: number;
  /** Whether Moscow resumed this month (only ever true in the last month of the story). */
  resumed: boolean;
}

export type StoryEvent =
  | { type: 'election'; month: number; date: string; administration: number; credibility: number; previous: number }
  | { type: 'resumption'; month: number; date: string; mode: ModeKey }
  | { type: 'response'; month: number; date: string; europeEngaged: boolean; usEngaged: boolean; snapback: boolean };

/** A trial's draws, raw and as the levers turn them into model quantities. */
export interface TrialDraws {
  /** Standard normal behind the resolve, and the resolve itself (0–1). */
  zResolve: number;
  resolve: number;
  /** Uniforms: would Europe fight, would the US honour, would sanctions snap back, which mode. */
  uEurope: number;
  uUs: number;
  uSnapback: number;
  uMode: number;
  /** Levels 0–4 of the two path draws, the trial class (5 × relief + reconstitution), and their values. */
  reliefLevel: number;
  reconstitutionLevel: number;
  cls: number;
  /** Yearly sanctions relief pace (0–0.95) and reconstitution time constant (years). */
  reliefPerYear: number;
  reconstitutionYears: number;
  /** Credibility (0–1) of each administration 0…MAX_TERMS−1 (0 = the one at the ceasefire). */
  credibilities: number[];
}

export interface TrialOutcome {
  resumed: boolean;
  /** Month of resumption 1…horizon, or 0 if the ceasefire held (as TrialResults.month). */
  month: number;
  date: string | null;
  mode: ModeKey | null;
  /** MODE_CODE: 0 held, 1 grey zone, 2 limited, 3 full scale (as TrialResults.mode). */
  modeCode: number;
  /** FLAG_* bits (as TrialResults.flags). */
  flags: number;
  europeEngaged: boolean;
  usEngaged: boolean;
  snapback: boolean;
}

export interface TrialStory {
  seed: string;
  trial: number;
  horizon: number;
  ceasefireStart: string;
  /** Months after the ceasefire of the US elections within the horizon. */
  elections: number[];
  draws: TrialDraws;
  /** Months 1…(resumption month, or horizon if it held). */
  months: MonthStory[];
  events: StoryEvent[];
  outcome: TrialOutcome;
  narrative: string;
}

const MODE_PHRASE: Record<ModeKey, string> = {
  greyZone: 'a grey-zone campaign',
  limited: 'a limited offensive',
  fullScale: 'a full-scale offensive',
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 2028" for a `YYYY-MM` date. */
export function monthName(date: string): string {
  return `${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/**
 * The kernel's decision rule on given margins (utility units) and the month's draw `v`, evaluated
 * the same way runTrials does. Returns the chosen mode index, or −1 for peace.
 */
function kernelDecision(margins: readonly number[], scale: number, v: number, uMode: number): number {
  if (scale > 0) {
    const x0 = margins[0] / scale;
    const x1 = margins[1] / scale;
    const x2 = margins[2] / scale;
    const top = x0 > x1 ? (x0 > x2 ? x0 : x2) : x1 > x2 ? x1 : x2;
    if (top < NEGLIGIBLE || 3 * Math.exp(top) * (1 - v) <= v) return -1;
    const e0 = Math.exp(x0 - top);
    const e1 = Math.exp(x1 - top);
    const e2 = Math.exp(x2 - top);
    const sum = e0 + e1 + e2;
    if (sum * (1 - v) <= v * Math.exp(-top)) return -1;
    const w = uMode * sum;
    return w < e0 ? 0 : w < e0 + e1 ? 1 : 2;
  }
  const top = Math.max(margins[0], margins[1], margins[2]);
  if (top <= 0) return -1;
  return margins[0] === top ? 0 : margins[1] === top ? 1 : 2;
}

/**
 * Replay trial `trial` of a run under `seed` exactly as runTrials does (same stream, same draws in
 * the same order, one draw a month, the same decision rule and response), but through the itemised
 * reference path, so every component of Moscow's calculation can be shown. The outcome's month,
 * mode and flags equal runTrials' row for the trial (tested), up to floating-point ties between
 * the kernel's bilinear coefficients and the itemised sums (never seen in the tests).
 */
export function replayTrial(model: CompiledModel, seed: string, trial: number): TrialStory {
  if (!Number.isSafeInteger(trial) || trial < 0) throw new RangeError(`replayTrial: trial must be a whole number ≥ 0 (got ${trial})`);
  const { levers, horizon, term, scale, elections } = model;
  const rng = trialRng(seed, trial);
  const raw = drawTrial(rng, emptyDraws());
  const resolve = trialResolve(levers.ruResolve, raw.zResolve);
  const cred = trialCredibilities(levers, raw.zCredibility, new Float64Array(MAX_TERMS));
  const cls = raw.reliefLevel * 5 + raw.reconstitutionLevel;
  const draws: TrialDraws = {
    zResolve: raw.zResolve,
    resolve,
    uEurope: raw.uEurope,
    uUs: raw.uUs,
    uSnapback: raw.uSnapback,
    uMode: raw.uMode,
    reliefLevel: raw.reliefLevel,
    reconstitutionLevel: raw.reconstitutionLevel,
    cls,
    reliefPerYear: reliefPace(levers.sanctionsReliefPerYear, raw.reliefLevel),
    reconstitutionYears: reconstitutionYears(levers.ruReconstitutionYears, raw.reconstitutionLevel),
    credibilities: Array.from(cred),
  };
  const start = levers.ceasefireStart;
  const months: MonthStory[] = [];
  const events: StoryEvent[] = [];
  let outcome: TrialOutcome = {
    resumed: false,
    month: 0,
    date: null,
    mode: null,
    modeCode: 0,
    flags: 0,
    europeEngaged: false,
    usEngaged: false,
    snapback: false,
  };
  for (let t = 1; t <= horizon; t++) {
    const k = term[t];
    const u = cred[k];
    const date = addMonths(start, t);
    if (k !== term[t - 1]) {
      events.push({ type: 'election', month: t, date, administration: k, credibility: u, previous: cred[term[t - 1]] });
    }
    const x = explainMonth(model, cls, t, resolve, u);
    const v = rng();
    const probs = choiceProbabilities(x.margins, scale);
    const m = kernelDecision(x.margins, scale, v, raw.uMode);
    let best = 0;
    for (let i = 1; i < 3; i++) if (x.margins[i] > x.margins[best]) best = i;
    months.push({
      month: t,
      date,
      administration: k,
      usCredibility: u,
      sanctions: model.sanctions[cls][t],
      capacity: x.ctx.capacity,
      uaDefence: x.ctx.uaDefence,
      pEurope: x.ctx.pEurope,
      pUs: x.ctx.pUs,
      pSnapback: x.ctx.pSnapback,
      peace: x.ctx.peace,
      modes: x.modes.map((a, i) => {
        const key = MODE_KEYS[i];
        return {
          mode: key,
          expectedGain: resolve * MODES[key].gain * a.successExpected,
          successAlone: a.successAlone,
          successExpected: a.successExpected,
          costEurope: a.costEurope,
          costUs: a.costUs,
          costSanctions: a.costSanctions,
          costWar: a.costWar,
          greyTaste: key === 'greyZone' ? x.ctx.greyTaste : 0,
          value: a.value,
          margin: x.margins[i],
          aDC: a.aDC,
          aDD: a.aDD,
          credibility: a.credibility,
          pChoose: probs.modes[i],
        };
      }),
      best,
      pResume: 1 - probs.peace,
      draw: v,
      resumed: m >= 0,
    });
    if (m >= 0) {
      const flags = guarantorResponse(model, m, t, u, raw.uEurope, raw.uUs, raw.uSnapback);
      const mode = MODE_KEYS[m];
      outcome = {
        resumed: true,
        month: t,
        date,
        mode,
        modeCode: m + 1,
        flags,
        europeEngaged: (flags & FLAG_EUROPE) !== 0,
        usEngaged: (flags & FLAG_US) !== 0,
        snapback: (flags & FLAG_SNAPBACK) !== 0,
      };
      events.push({ type: 'resumption', month: t, date, mode });
      events.push({
        type: 'response',
        month: t,
        date,
        europeEngaged: outcome.europeEngaged,
        usEngaged: outcome.usEngaged,
        snapback: outcome.snapback,
      });
      break;
    }
  }
  const story: TrialStory = { seed, trial, horizon, ceasefireStart: start, elections: [...elections], draws, months, events, outcome, narrative: '' };
  story.narrative = narrate(story, model);
  return story;
}

const f2 = (x: number) => x.toFixed(2);

/** The one-paragraph plain-language account of a replayed trial. */
export function narrate(story: TrialStory, model: CompiledModel): string {
  const { draws, outcome, events } = story;
  const parts: string[] = [];
  parts.push(
    `Trial ${story.trial}: Moscow's resolve drew ${f2(draws.resolve)} (mean ${f2(model.levers.ruResolve)}); ` +
      `sanctions erode ${(100 * draws.reliefPerYear).toFixed(1)}% a year and Russia rebuilds with a ${draws.reconstitutionYears.toFixed(1)}-year time constant`,
  );
  for (const e of events) {
    if (e.type !== 'election') continue;
    parts.push(
      `the administration elected in ${monthName(e.date)} drew credibility ${f2(e.credibility)} (was ${f2(e.previous)})`,
    );
  }
  if (!outcome.resumed) {
    let peak = story.months[0];
    let top = story.months[0];
    for (const mo of story.months) {
      if (mo.pResume > peak.pResume) peak = mo;
      if (mo.modes[mo.best].margin > top.modes[top.best].margin) top = mo;
    }
    const margin = top.modes[top.best].margin;
    parts.push(
      model.scale > 0
        ? `the ceasefire held for all ${story.horizon} months: the monthly chance of resumption peaked at ` +
            `${(100 * peak.pResume).toFixed(2)}% in month ${peak.month} (${peak.date}) and no month's draw fell below it`
        : `the ceasefire held for all ${story.horizon} months: without decision noise Moscow resumes only when a mode beats peace, ` +
            `and the best margin over peace peaked at ${margin.toFixed(3)} in month ${top.month} (${top.date})`,
    );
    return parts.join('; ') + '.';
  }
  const mo = story.months[story.months.length - 1];
  const chosen = mo.modes[outcome.modeCode - 1];
  const best = mo.modes[mo.best];
  let why = `its margin over peace was ${chosen.margin.toFixed(3)}`;
  if (mo.best !== outcome.modeCode - 1) why += ` (the best mode, ${MODE_PHRASE[best.mode]}, had ${best.margin.toFixed(3)})`;
  if (chosen.margin < 0) why += `: peace was still worth more, so the noise in Moscow's choice tipped it`;
  parts.push(
    `Moscow resumed with ${MODE_PHRASE[outcome.mode!]} in month ${outcome.month} (${outcome.date}), ` +
      `when the month's chance of resumption was ${(100 * mo.pResume).toFixed(2)}% and ${why}`,
  );
  parts.push(outcome.europeEngaged ? 'Europe engaged' : 'Europe did not engage');
  parts.push(outcome.usEngaged ? 'the US engaged' : 'the US did not engage');
  parts.push(outcome.snapback ? 'sanctions snapped back' : 'sanctions did not snap back');
  return parts.join('; ') + '.';
}

/** The components shown over time, each for the month's best mode (largest margin) unless said. */
export const COMPONENT_KEYS = [
  'margin',
  'expectedGain',
  'successExpected',
  'costEurope',
  'costUs',
  'costSanctions',
  'peace',
  'pResume',
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

export const COMPONENT_LABELS: Record<ComponentKey, string> = {
  margin: 'margin of the best mode over peace',
  expectedGain: 'expected gain (resolve × gain × E[success])',
  successExpected: 'odds of success, expected over the guarantors',
  costEurope: 'expected cost from Europe',
  costUs: 'expected cost from the US',
  costSanctions: 'expected cost from the sanctions snapback',
  peace: 'value of peace (a_SQ)',
  pResume: 'probability of resuming this month',
};

/** Mean and 10th/90th percentiles per month; index t = 0…horizon (index 0 and empty months are NaN). */
export interface ComponentBand {
  mean: Float64Array;
  p10: Float64Array;
  p90: Float64Array;
}

export interface ComponentGroup {
  /** Trials contributing at each month 0…horizon (resumed: those still at peace or resuming that month). */
  n: Uint32Array;
  bands: Record<ComponentKey, ComponentBand>;
}

export interface ComponentsOverTime {
  horizon: number;
  /** Month indices of the US elections (for marking the charts). */
  elections: number[];
  /** Trial indices used (evenly spaced over the run when it has more than maxTrials). */
  sample: Uint32Array;
  /** Trials that resumed, over months 1…(their resumption month, inclusive). */
  resumed: ComponentGroup;
  /** Trials that held to the horizon, over every month. */
  held: ComponentGroup;
}

/** Evenly spaced trial indices: all of 0…trials−1 if trials ≤ max, else floor(k × trials / max). */
export function evenSample(trials: number, max: number): Uint32Array {
  const m = Math.min(trials, Math.max(1, Math.floor(max)));
  const out = new Uint32Array(m);
  for (let k = 0; k < m; k++) out[k] = Math.floor((k * trials) / m);
  return out;
}

/** Linear-interpolated quantile (type 7) of the first `n` values of a sorted array. */
function quantileSorted(sorted: Float64Array, n: number, p: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The components of Moscow's calculation over time across a run of `trials` trials under `seed`
 * (a deterministic sample of at most `maxTrials`, evenly spaced): for each month, the mean and
 * 10th/90th percentiles of each COMPONENT_KEYS quantity for the month's best mode, separately for
 * trials that resumed (months up to and including their resumption) and trials that held.
 *
 * Fast path: within a class and month every component is linear in the administration's
 * credibility u (the US honour probability is) and the expected gain is linear in the resolve, so
 * the itemised explainMonth is called twice per (class, month) (u = 0 and 1, resolve 1) and each
 * trial-month is a few multiply-adds. Outcomes come from runTrials on the sampled trials.
 */
export function componentsOverTime(
  model: CompiledModel,
  seed: string,
  trials: number,
  options: { maxTrials?: number } = {},
): ComponentsOverTime {
  const { horizon, term, scale } = model;
  const H1 = horizon + 1;
  const sample = evenSample(trials, options.maxTrials ?? 2000);
  // Per (class, month, mode): intercept and slope in u of successExpected, costUs; constants.
  const classes = model.sanctions.length;
  const tab = new Float64Array(classes * H1 * 3 * 7);
  const peaceTab = new Float64Array(classes * H1);
  for (let c = 0; c < classes; c++) {
    for (let t = 1; t <= horizon; t++) {
      const a0 = explainMonth(model, c, t, 1, 0);
      const a1 = explainMonth(model, c, t, 1, 1);
      peaceTab[c * H1 + t] = a0.ctx.peace;
      for (let m = 0; m < 3; m++) {
        const o = ((c * H1 + t) * 3 + m) * 7;
        const gain = MODES[MODE_KEYS[m]].gain;
        tab[o] = gain * a0.modes[m].successExpected;
        tab[o + 1] = gain * (a1.modes[m].successExpected - a0.modes[m].successExpected);
        tab[o + 2] = a0.modes[m].costEurope;
        tab[o + 3] = a0.modes[m].costUs;
        tab[o + 4] = a1.modes[m].costUs - a0.modes[m].costUs;
        tab[o + 5] = a0.modes[m].costSanctions;
        // Everything in the value that is not the gain: −war cost + taste (constant in r and u).
        tab[o + 6] = a0.modes[m].value - tab[o] + a0.modes[m].costEurope + a0.modes[m].costUs + a0.modes[m].costSanctions;
      }
    }
  }
  // Pass 1: the sampled trials' outcomes and draws (runTrials, one trial at a time), and how many
  // trial-months each group has at each month, so pass 2 can pack values month by month.
  const rows = allocateResults(sample.length);
  const one = allocateResults(1);
  for (let j = 0; j < sample.length; j++) {
    runTrials(model, seed, sample[j], sample[j] + 1, one);
    mergeChunk(rows, one, j);
  }
  const counts = [new Uint32Array(H1), new Uint32Array(H1)];
  for (let j = 0; j < sample.length; j++) {
    const month = rows.month[j];
    const n = counts[month > 0 ? 0 : 1];
    for (let t = 1; t <= (month > 0 ? month : horizon); t++) n[t]++;
  }
  const nComp = COMPONENT_KEYS.length;
  const groups = counts.map((n) => {
    const offset = new Uint32Array(H1 + 1);
    for (let t = 0; t < H1; t++) offset[t + 1] = offset[t] + n[t];
    return { n, offset, fill: offset.slice(0, H1), vals: Array.from({ length: nComp }, () => new Float64Array(offset[H1])) };
  });
  const cred = new Float64Array(MAX_TERMS);
  const margins = [0, 0, 0];
  for (let j = 0; j < sample.length; j++) {
    const r = rows.resolve[j];
    const c = rows.cls[j];
    cred[0] = model.levers.usCredibility;
    for (let k = 1; k < MAX_TERMS; k++) cred[k] = rows.usCredibility[j * STORED_TERMS + k - 1];
    const month = rows.month[j];
    const g = groups[month > 0 ? 0 : 1];
    const last = month > 0 ? month : horizon;
    for (let t = 1; t <= last; t++) {
      const u = cred[term[t]];
      const peace = peaceTab[c * H1 + t];
      let best = 0;
      let bestMargin = -Infinity;
      for (let m = 0; m < 3; m++) {
        const o = ((c * H1 + t) * 3 + m) * 7;
        const eg = r * (tab[o] + u * tab[o + 1]);
        const value = eg + tab[o + 6] - tab[o + 2] - (tab[o + 3] + u * tab[o + 4]) - tab[o + 5];
        margins[m] = value - peace;
        if (margins[m] > bestMargin) {
          bestMargin = margins[m];
          best = m;
        }
      }
      const o = ((c * H1 + t) * 3 + best) * 7;
      const gain = MODES[MODE_KEYS[best]].gain;
      let pResume: number;
      if (scale > 0) {
        const top = Math.max(0, bestMargin / scale);
        let s = 0;
        for (let m = 0; m < 3; m++) s += Math.exp(margins[m] / scale - top);
        pResume = s / (s + Math.exp(-top));
      } else pResume = bestMargin > 0 ? 1 : 0;
      const at = g.fill[t]++;
      const v = g.vals;
      v[0][at] = bestMargin;
      v[1][at] = r * (tab[o] + u * tab[o + 1]);
      v[2][at] = gain > 0 ? (tab[o] + u * tab[o + 1]) / gain : 0;
      v[3][at] = tab[o + 2];
      v[4][at] = tab[o + 3] + u * tab[o + 4];
      v[5][at] = tab[o + 5];
      v[6][at] = peace;
      v[7][at] = pResume;
    }
  }
  const toGroup = (g: (typeof groups)[number]): ComponentGroup => {
    const bands = {} as Record<ComponentKey, ComponentBand>;
    COMPONENT_KEYS.forEach((key, ci) => {
      const band = { mean: new Float64Array(H1).fill(NaN), p10: new Float64Array(H1).fill(NaN), p90: new Float64Array(H1).fill(NaN) };
      for (let t = 1; t <= horizon; t++) {
        const n = g.n[t];
        if (n === 0) continue;
        const v = g.vals[ci].subarray(g.offset[t], g.offset[t + 1]).sort();
        let s = 0;
        for (let j = 0; j < n; j++) s += v[j];
        band.mean[t] = s / n;
        band.p10[t] = quantileSorted(v, n, 0.1);
        band.p90[t] = quantileSorted(v, n, 0.9);
      }
      bands[key] = band;
    });
    return { n: g.n, bands };
  };
  return { horizon, elections: [...model.elections], sample, resumed: toGroup(groups[0]), held: toGroup(groups[1]) };
}
