import type { Levers } from '../levers';
import { assumptionSet, changedAssumptions, type AssumptionKey, type AssumptionValues } from '../model/assumptions';
import { MODE_CODE } from '../model/modes';
import type { CompiledModel } from '../model/compile';
import {
  FLAG_DELIBERATE,
  FLAG_EUROPE,
  FLAG_GREY_EUROPE,
  FLAG_GREY_SNAPBACK,
  FLAG_GREY_US,
  FLAG_MISJUDGED,
  FLAG_SNAPBACK,
  FLAG_SUCCEEDED,
  FLAG_US,
  FLAG_WRONG_BALANCE,
  FLAG_WRONG_GUARANTORS,
} from '../model/response';
import type { TrialResults } from './trialResults';
import { Z95, wilson } from '../math/stats';
import { addMonths, electionMonths, horizonMonths } from '../model/time';
import { ENGINE_VERSION } from '../version';

/** A run's parameters as a summary records them: its levers, and every assumption's value. */
export type RunParams = Levers & { assumptions: Record<AssumptionKey, number> };

/** The levers of a run's params (its assumptions left out). */
export function paramsLevers(params: RunParams): Levers {
  const { assumptions: _, ...levers } = params;
  return levers as Levers;
}

/** The summary of a run: the command line's `--format json`. Field names are a public contract. */
export interface Summary {
  engineVersion: string;
  seed: string;
  trials: number;
  horizonMonths: number;
  /** Every lever, resolved, and every assumption's value in the run (`assumptions`: defaults included). */
  params: RunParams;
  /** Share of trials in which Moscow resumed hostilities in any mode (a grey-zone probe or war) by the horizon. */
  pResumption: number;
  /** Wilson 95% interval of pResumption. */
  pResumptionCI95: [number, number];
  /** Months until half the trials had resumed in any mode; null if fewer than half did by the horizon. */
  medianMonthsToResumption: number | null;
  /** Share of trials with no resumption of any mode by the end of month t, t = 0…horizonMonths (survival[0] = 1). */
  survival: number[];
  /** Shares of all trials by the mode of their first resumption; they sum to pResumption. */
  modeShares: { greyZone: number; limited: number; fullScale: number };
  /** Share of trials with a limited or full-scale offensive (war) by the horizon, grey-zone probes or not before it. */
  pWar: number;
  /** Wilson 95% interval of pWar. */
  pWarCI95: [number, number];
  /** Share of trials with no war by the end of month t, t = 0…horizonMonths (survivalWar[0] = 1). */
  survivalWar: number[];
  /** Months until half the trials were at war; null if fewer than half by the horizon. */
  medianMonthsToWar: number | null;
  /** Shares of all trials by the mode of their war; they sum to pWar. */
  warModeShares: { limited: number; fullScale: number };
  /** Share of trials with at least one grey-zone campaign by the horizon (before their war, if any). */
  pGreyZone: number;
  /**
   * Among trials with a war: the share in which Moscow would have gone to war that month with
   * decisionNoise 0 in the same state (a deliberate choice, not a tremble). null if no trial went to war.
   */
  deliberateShare: number | null;
  /**
   * Among wars: the share Moscow would not have started with the true balance and the guarantors'
   * true types, at noise 0 (a deliberate choice on wrong beliefs). null if no trial went to war.
   */
  misjudgedShare: number | null;
  /**
   * Among wars: the share Moscow would not have started had it seen the true balance (its beliefs
   * about the guarantors kept), and had it known the guarantors' true types (its view of the balance
   * kept). A war can be misjudged on both counts, or only on both together.
   */
  misjudgedBy: { balance: number | null; guarantors: number | null };
  /** Among wars: the share in which the offensive succeeded against the forces that actually fought. null if none. */
  offensiveSuccessShare: number | null;
  /**
   * Among wars (limited or full-scale offensives): the share in which Europe engaged and in which the
   * US did (null when there was none; `tests` counts them). `greyZone`: among trials with a grey-zone
   * probe, the share of first probes each guarantor answered (null when there was none).
   */
  guarantorsTested: {
    tests: number;
    europeEngaged: number | null;
    usEngaged: number | null;
    snapback: number | null;
    greyZone: { probes: number; europeResponded: number | null; usResponded: number | null; snapback: number | null };
  };
  /** Months after the ceasefire of the US presidential elections within the horizon, and their dates. */
  elections: { month: number; date: string }[];
}

/** Survival curve (share with no event by the end of month t) and median from event counts per month. */
function survivalOf(byMonth: Float64Array, n: number): { survival: number[]; median: number | null } {
  const survival = new Array<number>(byMonth.length);
  let alive = n;
  let median: number | null = null;
  for (let t = 0; t < byMonth.length; t++) {
    alive -= byMonth[t];
    survival[t] = alive / n;
    if (median === null && alive <= n / 2) median = t;
  }
  return { survival, median };
}

/** The part of a compiled model `summarize` reads: the levers, the assumption changes, the horizon and the election months. */
export type SummaryModel = Pick<CompiledModel, 'levers' | 'assumptions' | 'horizon' | 'elections'>;

/**
 * What `summarize` needs of a run's model, without compiling it (compileModel costs tens of ms, so
 * the page summarises from this): summarize(summaryModel(l, a), …) equals summarize(compileModel(l, a), …).
 */
export function summaryModel(levers: Levers, assumptions: AssumptionValues = {}): SummaryModel {
  const horizon = horizonMonths(levers.horizonYears);
  return { levers, assumptions: changedAssumptions(assumptions), horizon, elections: electionMonths(levers.ceasefireStart, horizon) };
}

/** Summarise a run's trial results (a compiled model, or just its summaryModel). */
export function summarize(model: SummaryModel, results: TrialResults, seed: string): Summary {
  const n = results.trials;
  const H = model.horizon;
  const byMonth = new Float64Array(H + 1);
  const warByMonth = new Float64Array(H + 1);
  const modes = [0, 0, 0, 0];
  const warModes = [0, 0, 0, 0];
  let wars = 0;
  let eu = 0;
  let us = 0;
  let snap = 0;
  let deliberate = 0;
  let misjudged = 0;
  let wrongBalance = 0;
  let wrongGuarantors = 0;
  let succeeded = 0;
  let probes = 0;
  let gEu = 0;
  let gUs = 0;
  let gSnap = 0;
  for (let i = 0; i < n; i++) {
    const mode = results.mode[i];
    modes[mode]++;
    if (mode === 0) continue;
    byMonth[results.month[i]]++;
    const f = results.flags[i];
    if (mode === MODE_CODE.greyZone) {
      probes++;
      if (f & FLAG_GREY_EUROPE) gEu++;
      if (f & FLAG_GREY_US) gUs++;
      if (f & FLAG_GREY_SNAPBACK) gSnap++;
    }
    const w = results.warMode[i];
    if (w === 0) continue;
    warModes[w]++;
    wars++;
    warByMonth[results.warMonth[i]]++;
    if (f & FLAG_EUROPE) eu++;
    if (f & FLAG_US) us++;
    if (f & FLAG_SNAPBACK) snap++;
    if (f & FLAG_DELIBERATE) deliberate++;
    if (f & FLAG_MISJUDGED) misjudged++;
    if (f & FLAG_WRONG_BALANCE) wrongBalance++;
    if (f & FLAG_WRONG_GUARANTORS) wrongGuarantors++;
    if (f & FLAG_SUCCEEDED) succeeded++;
  }
  const any = survivalOf(byMonth, n);
  const war = survivalOf(warByMonth, n);
  const resumed = n - modes[0];
  const share = (k: number, of: number) => (of ? k / of : null);
  return {
    engineVersion: ENGINE_VERSION,
    seed,
    trials: n,
    horizonMonths: H,
    params: { ...model.levers, assumptions: assumptionSet(model.assumptions) },
    pResumption: resumed / n,
    pResumptionCI95: wilson(resumed, n),
    medianMonthsToResumption: any.median,
    survival: any.survival,
    modeShares: {
      greyZone: modes[MODE_CODE.greyZone] / n,
      limited: modes[MODE_CODE.limited] / n,
      fullScale: modes[MODE_CODE.fullScale] / n,
    },
    pWar: wars / n,
    pWarCI95: wilson(wars, n),
    survivalWar: war.survival,
    medianMonthsToWar: war.median,
    warModeShares: { limited: warModes[MODE_CODE.limited] / n, fullScale: warModes[MODE_CODE.fullScale] / n },
    pGreyZone: probes / n,
    deliberateShare: share(deliberate, wars),
    misjudgedShare: share(misjudged, wars),
    misjudgedBy: { balance: share(wrongBalance, wars), guarantors: share(wrongGuarantors, wars) },
    offensiveSuccessShare: share(succeeded, wars),
    guarantorsTested: {
      tests: wars,
      europeEngaged: share(eu, wars),
      usEngaged: share(us, wars),
      snapback: share(snap, wars),
      greyZone: { probes, europeResponded: share(gEu, probes), usResponded: share(gUs, probes), snapback: share(gSnap, probes) },
    },
    elections: model.elections.map((month) => ({ month, date: addMonths(model.levers.ceasefireStart, month) })),
  };
}

/**
 * Pointwise Wilson 95% band of the war survival curve (each month's share of trials with no war
 * yet). Pointwise, not simultaneous: each month's band covers that month's value 95% of the time.
 */
export function survivalBand(summary: Pick<Summary, 'survivalWar' | 'trials'>, z = Z95): { lo: number[]; hi: number[] } {
  const lo: number[] = [];
  const hi: number[] = [];
  for (const s of summary.survivalWar) {
    const [l, h] = wilson(Math.round(s * summary.trials), summary.trials, z);
    lo.push(l);
    hi.push(h);
  }
  return { lo, hi };
}

/** Share of trials resumed (any mode) by the end of month `month` (0 before it starts), from a summary. */
export function resumedBy(summary: Pick<Summary, 'survival'>, month: number): number {
  const t = Math.min(summary.survival.length - 1, Math.max(0, month));
  return 1 - summary.survival[t];
}

/** Share of trials at war by the end of month `month` (0 before it starts), from a summary. */
export function warBy(summary: Pick<Summary, 'survivalWar'>, month: number): number {
  const t = Math.min(summary.survivalWar.length - 1, Math.max(0, month));
  return 1 - summary.survivalWar[t];
}
