/**
 * What the report's checks (reportChecks.ts) share: the preset runs and cached counterfactuals
 * (CheckContext), citations of the source articles, the figures in words, and the engine's own
 * numbers each check's "why" quotes.
 */
import { format } from 'd3-format';
import {
  paramsLevers,
  DEFAULT_PARAMS,
  modeShape,
  usCombatPower,
  usEngagementCost,
  article,
  europeEngagementCost,
  europeEngagementProbability,
  type Levers,
  type Summary,
  type UsTier,
} from '../src/engine';
import { leversOf, runLevers, tenYears, warWithin, type PresetRun } from './reportData';

/** The parameters the presets run under (the registry's values). */
export const A = DEFAULT_PARAMS;
export const GREY_TRIGGER = modeShape(A, 'greyZone').trigger;

export const pct = format('.1%');
export const pts = (d: number) => `${format('.1f')(Math.abs(d) * 100)} points`;
export const signedPts = (d: number) => `${d < 0 ? '−' : '+'}${pts(d)}`;
export const num2 = format('.2f');
export const num3 = format('.3f');
export const int = format(',');

export interface CheckResult {
  /** The expectation, as a sentence. */
  expectation: string;
  /** Where it comes from: source articles by number and title (src/engine/io/articles.ts), studies by author and year. */
  source: string;
  /** The model's figures, in words. */
  figures: string;
  agrees: boolean;
  /** When the model disagrees: why, in terms of its mechanisms, for the model owner. */
  why: string;
}

/**
 * A source article by its number and title as src/engine/io/articles.ts has them, with what it is
 * cited for: "article 004 (Editorial board opinion): 2022 Istanbul draft". Throws on an unknown id.
 */
export function art(id: string, claim?: string): string {
  const a = article(id);
  if (!a) throw new Error(`the report cites article "${id}", which is not in src/engine/io/articles.ts`);
  return `article ${a.id} (${a.kind})${claim ? `: ${claim}` : ''}`;
}

/** Access to the preset runs and to extra, cached counterfactual runs. */
export class CheckContext {
  private cache = new Map<string, Summary>();
  private byId: Map<string, PresetRun>;
  constructor(readonly runs: readonly PresetRun[]) {
    this.byId = new Map(runs.map((r) => [r.scenario.id, r]));
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
  preset(id: string): Summary {
    const r = this.byId.get(id);
    if (!r) throw new Error(`the report expects a preset "${id}" in scenarios/`);
    return r.summary;
  }
  /** A preset's levers with some changed (a counterfactual), run with the report's seed. */
  variant(id: string, change: Partial<Levers>): Summary {
    const key = `${id}|${JSON.stringify(change)}`;
    let s = this.cache.get(key);
    if (!s) {
      s = runLevers(leversOf({ ...paramsLevers(this.preset(id).params), ...change }));
      this.cache.set(key, s);
    }
    return s;
  }
}

/** Share at war within 10 years (or the horizon). */
export const w10 = (s: Summary) => warWithin(s, tenYears(s))!.p;
/** "21.6% (20.8%–22.4%)": war within 10 years with its Wilson 95% interval. */
export const ciText = (s: Summary) => {
  const r = warWithin(s, tenYears(s))!;
  return `${pct(r.p)} (${pct(r.ci[0])}–${pct(r.ci[1])})`;
};
/** Constant-hazard ratio of war in two runs over ten years: ln S_war(a) / ln S_war(b). */
export const hazardRatio = (a: Summary, b: Summary) => Math.log(1 - w10(a)) / Math.log(1 - w10(b));
/** Yearly war hazard in year k (1-based): share of those not at war at its start who go to war during it. */
export const yearlyWarHazard = (s: Summary, k: number) => 1 - s.survivalWar[12 * k] / s.survivalWar[12 * (k - 1)];
export const meanHazard = (s: Summary, from: number, to: number) => {
  let sum = 0;
  for (let k = from; k <= to; k++) sum += yearlyWarHazard(s, k);
  return sum / (to - from + 1);
};
/** Share of first resumptions that were grey-zone campaigns. */
export const greyFirst = (s: Summary) => (s.pResumption ? s.modeShares.greyZone / s.pResumption : 0);
export const orDash = (x: number | null) => (x === null ? '—' : pct(x));
export const medianText = (m: number | null) => (m === null ? 'beyond the horizon' : `${m} months (${format('.1f')(m / 12)} years)`);
/** Snapback's largest possible cost to Moscow (nothing in force, escalation and secondary sanctions). */
export const snapbackMax = () => A.snapbackCost * (1 + A.snapbackEscalation + A.secondarySanctionsExtra);

/**
 * What a grey-zone probe is expected to cost Moscow in Europe's response (utility), before any
 * learning: Europe's grey-zone trigger × the chance it fights × the cost of fighting it.
 */
export const probeEuropeCost = (levers: Levers) =>
  GREY_TRIGGER.europe * europeEngagementProbability(A, levers) * europeEngagementCost(A, levers);

/** Why a stronger force (`strong`) does not raise grey-zone campaigns over a weaker one (`weak`), in the engine's terms. */
export const noGreyShiftWhy = (strong: Summary, weak: Summary) =>
  `The grey zone's value does rise as war is deterred, by at most greySubstitution (${num3(A.greySubstitution)}) × resolve × the fall in s* (the full-scale offensive's expected success once rebuilt), but the same force also makes each probe dearer: Europe answers a probe with its grey-zone trigger (${num2(GREY_TRIGGER.europe)}) times the chance it fights, at the cost of fighting it, which adds ${format('.4f')(probeEuropeCost(strong.params) - probeEuropeCost(weak.params))} utility to the probe's expected cost. And most Moscows probe anyway (${pct(weak.pGreyZone)} of trials with the weaker force), since greyZoneCost (${num3(A.greyZoneCost)}) less the taste for the grey zone is small, so few are left for substitution to add.`;

/** A US tier's weight in the engine, in words: the defence it adds and what it costs Moscow, both at full attention. */
export const usTierWeight = (tier: UsTier) =>
  `the ${tier} tier adds ${num2(usCombatPower(A, tier))} defence units and costs Moscow ${num2(usEngagementCost(A, tier))} utility, both at full attention`;

