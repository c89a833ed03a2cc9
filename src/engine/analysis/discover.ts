import { classLevels, type CompiledModel } from '../model/compile';
import { boxMembers, prim, type PrimFeature, type PrimOptions, type PrimResult } from './prim';
import { argsort, averageRanks, pearson } from '../math/rankCorrelation';
import { STORED_TERMS, type TrialResults } from '../run/trialResults';
import { addMonths, monthName } from '../model/time';
import { reconstitutionYears, reliefPace } from '../model/uncertainty';

/**
 * "Which conditions lead to war": scenario discovery over a run's per-trial draws. PRIM finds a
 * box of draws where breakdowns concentrate; Spearman's rank correlation ranks the draws by how
 * strongly they go with an early war. Pure: no DOM, no Node.
 */

/** The outcomes PRIM can look for. */
export const DISCOVERY_OUTCOMES = ['resumed', 'conventional'] as const;
export type DiscoveryOutcome = (typeof DISCOVERY_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<DiscoveryOutcome, string> = {
  resumed: 'any resumption (a grey-zone campaign or war)',
  conventional: 'war (a limited or full-scale offensive)',
};

/**
 * The per-trial draws as PRIM features, one value per trial (keys as the trial CSV's columns):
 * resolve, europeDraw, reliefLevel, reconstitutionLevel, then usCredibilityTerm1…k for the
 * administrations elected within the horizon (later ones never govern, so they are left out).
 */
export function trialFeatures(model: CompiledModel, results: TrialResults): PrimFeature[] {
  const n = results.trials;
  const { levers } = model;
  const relief = new Float64Array(n);
  const recon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lv = classLevels(results.cls[i]);
    relief[i] = lv.reliefLevel;
    recon[i] = lv.reconstitutionLevel;
  }
  const features: PrimFeature[] = [
    { key: 'resolve', label: "Moscow's resolve at the ceasefire", values: results.resolve },
    {
      key: 'europeDraw',
      label: 'Europe draw (Europe would fight if below its engagement probability)',
      values: results.uEurope,
    },
    {
      key: 'perceivedStrength',
      label: "Moscow's view of the balance (its perceived strength multiplier; 1 = the truth)",
      values: results.perceivedStrength,
    },
    {
      key: 'reliefLevel',
      label: 'sanctions relief level',
      values: relief,
      format: (x) => `${x} (${(100 * reliefPace(model.params, levers.sanctionsReliefPerYear, x)).toFixed(1)}%/yr)`,
    },
    {
      key: 'reconstitutionLevel',
      label: 'reconstitution level',
      values: recon,
      format: (x) => `${x} (${reconstitutionYears(model.params, levers.ruReconstitutionYears, x).toFixed(1)} yr)`,
    },
  ];
  const terms = Math.min(STORED_TERMS, model.elections.length);
  for (let k = 1; k <= terms; k++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = results.usCredibility[i * STORED_TERMS + k - 1];
    features.push({
      key: `usCredibilityTerm${k}`,
      label: `US credibility (elected ${monthName(addMonths(levers.ceasefireStart, model.elections[k - 1]))})`,
      values: v,
    });
  }
  return features;
}

/**
 * Time to war per trial, in months: the war month (1…horizon), or horizon + 1 for a trial with no
 * war. Those trials are censored at the horizon; giving them all horizon + 1 ties them
 * at the top rank (Spearman's average rank), which says "later than any resumption" without
 * inventing when they would have broken. Rank correlations are therefore about the order of
 * breakdowns within the horizon and whether a trial breaks at all, both at once.
 */
export function timeToWar(model: CompiledModel, results: TrialResults): Float64Array {
  const out = new Float64Array(results.trials);
  for (let i = 0; i < results.trials; i++) out[i] = results.warMonth[i] > 0 ? results.warMonth[i] : model.horizon + 1;
  return out;
}

/** Per trial, 1 if the trial has the outcome. */
export function outcomeIndicator(results: TrialResults, outcome: DiscoveryOutcome): Uint8Array {
  const out = new Uint8Array(results.trials);
  for (let i = 0; i < results.trials; i++) out[i] = outcome === 'resumed' ? (results.month[i] > 0 ? 1 : 0) : results.warMode[i] >= 2 ? 1 : 0;
  return out;
}

export interface RankedDraw {
  key: string;
  label: string;
  /** Spearman's rank correlation (−1…1) with time to resumption; null when the draw is constant. */
  rho: number | null;
  /** Higher values of the draw go with an earlier resumption (rho < 0), a later one, or neither. */
  direction: 'earlier' | 'later' | 'none';
  /**
   * rho × √(n − 1): about standard normal when the draw and the time are independent, so |z| < 2
   * means no association the run can distinguish from chance (null with rho).
   */
  z: number | null;
}

/**
 * The draws ranked by |Spearman's rho| with time to resumption (see timeToWar for the
 * censoring). Global and order-independent: each draw's correlation is computed on its own.
 * Constant draws (rho null) come last; ties keep feature order. `orders`, if given, are
 * `argsort(values)` of each feature (shared with PRIM).
 */
export function rankDraws(features: readonly PrimFeature[], time: ArrayLike<number>, orders?: readonly Uint32Array[]): RankedDraw[] {
  const timeRanks = averageRanks(time);
  const ranked = features.map((f, k) => {
    const r = pearson(averageRanks(f.values, orders?.[k]), timeRanks);
    const rho = Number.isFinite(r) ? r : null;
    const z = rho === null ? null : rho * Math.sqrt(Math.max(0, time.length - 1));
    return { key: f.key, label: f.label, rho, direction: rho === null || rho === 0 ? 'none' : rho < 0 ? 'earlier' : 'later', z } as RankedDraw;
  });
  return ranked
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Math.abs(b.r.rho ?? -1) - Math.abs(a.r.rho ?? -1) || a.i - b.i)
    .map((x) => x.r);
}

export interface DiscoveryBox {
  outcome: DiscoveryOutcome;
  label: string;
  /** 1 for the first box; k > 1 for the box found among the trials outside boxes 1…k−1 (covering). */
  rank: number;
  /** Trials PRIM looked at: all of them for box 1, those outside the earlier boxes after. */
  trialsConsidered: number;
  /** PRIM on those trials (its coverage, density and support are relative to them). */
  prim: PrimResult;
  /** Share of all the run's trials with the outcome that fall inside this box and no earlier one. */
  coverageOfAll: number;
}

export interface Discovery {
  trials: number;
  horizon: number;
  /** Feature keys and labels, in order. */
  features: { key: string; label: string }[];
  /** PRIM boxes: per requested outcome (default: resumed, then conventional), boxes 1…boxesPerOutcome. */
  boxes: DiscoveryBox[];
  /** The draws ranked by |Spearman's rho| with time to resumption. */
  ranking: RankedDraw[];
}

export interface DiscoverOptions extends PrimOptions {
  outcomes?: readonly DiscoveryOutcome[];
  /**
   * Boxes per outcome (default 1). Box k > 1 is found by PRIM on the trials outside boxes 1…k−1
   * (the covering approach of scenario discovery); no further box is sought once a box holds every
   * remaining trial or no case is left.
   */
  boxesPerOutcome?: number;
}

/**
 * Scenario discovery on a finished run: PRIM boxes for each outcome (default: any resumption and
 * conventional resumption) and the rank-correlation ranking of the draws. Deterministic.
 */
export function discover(model: CompiledModel, results: TrialResults, options: DiscoverOptions = {}): Discovery {
  const features = trialFeatures(model, results);
  const { outcomes = DISCOVERY_OUTCOMES, boxesPerOutcome = 1, ...primOptions } = options;
  // Sort each draw once for every first PRIM run and the ranking.
  const orders = features.map((f) => argsort(f.values));
  const boxes: DiscoveryBox[] = [];
  for (const outcome of outcomes) {
    const y = outcomeIndicator(results, outcome);
    let total = 0;
    for (let i = 0; i < y.length; i++) total += y[i];
    // Indices of the trials not yet inside an earlier box.
    let rest: Uint32Array | null = null;
    for (let rank = 1; rank <= boxesPerOutcome; rank++) {
      const sub = rest;
      const fs = sub ? features.map((f) => ({ ...f, values: Float64Array.from(sub, (i) => f.values[i]) })) : features;
      const ys = sub ? Uint8Array.from(sub, (i) => y[i]) : y;
      const result = prim(fs, ys, primOptions, sub ? undefined : orders);
      boxes.push({
        outcome,
        label: OUTCOME_LABELS[outcome],
        rank,
        trialsConsidered: ys.length,
        prim: result,
        coverageOfAll: total ? result.box.positives / total : 0,
      });
      if (result.box.count === ys.length || result.box.positives === result.positives) break;
      const inside = boxMembers(fs, result.box.limits);
      const keep: number[] = [];
      for (let j = 0; j < ys.length; j++) if (!inside[j]) keep.push(sub ? sub[j] : j);
      rest = Uint32Array.from(keep);
      if (!rest.length) break;
    }
  }
  return {
    trials: results.trials,
    horizon: model.horizon,
    features: features.map((f) => ({ key: f.key, label: f.label })),
    boxes,
    ranking: rankDraws(features, timeToWar(model, results), orders),
  };
}
