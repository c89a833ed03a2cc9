import type { Levers } from '../levers';
import { MODE_CODE } from '../model/modes';
import type { CompiledModel } from '../model/compile';
import { FLAG_EUROPE, FLAG_US } from '../model/response';
import type { TrialResults } from './trialResults';
import { Z95, wilson } from '../math/stats';
import { addMonths } from '../model/time';
import { ENGINE_VERSION } from '../version';

/** The summary of a run: the command line's `--format json`. Field names are a public contract. */
export interface Summary {
  engineVersion: string;
  seed: string;
  trials: number;
  horizonMonths: number;
  /** Every lever, resolved. */
  params: Levers;
  /** Share of trials in which Moscow resumed hostilities (any mode) by the horizon. */
  pResumption: number;
  /** Wilson 95% interval of pResumption. */
  pResumptionCI95: [number, number];
  /** Months until half the trials had resumed; null if fewer than half resume by the horizon. */
  medianMonthsToResumption: number | null;
  /** Share of trials still at peace at the end of month t, for t = 0…horizonMonths (survival[0] = 1). */
  survival: number[];
  /** Shares of all trials ending in each mode; they sum to pResumption. */
  modeShares: { greyZone: number; limited: number; fullScale: number };
  /**
   * Among conventional resumptions (limited or full scale): share in which Europe engaged and in
   * which the US did. null when no trial resumed conventionally. `tests` counts those resumptions.
   */
  guarantorsTested: { tests: number; europeEngaged: number | null; usEngaged: number | null };
  /** Months after the ceasefire of the US presidential elections within the horizon, and their dates. */
  elections: { month: number; date: string }[];
}

/** Summarise a run's trial results. */
export function summarize(model: CompiledModel, results: TrialResults, seed: string): Summary {
  const n = results.trials;
  const H = model.horizon;
  const byMonth = new Float64Array(H + 1);
  const modes = [0, 0, 0, 0];
  let tests = 0;
  let eu = 0;
  let us = 0;
  for (let i = 0; i < n; i++) {
    const mode = results.mode[i];
    modes[mode]++;
    if (mode === 0) continue;
    byMonth[results.month[i]]++;
    if (mode === MODE_CODE.limited || mode === MODE_CODE.fullScale) {
      tests++;
      if (results.flags[i] & FLAG_EUROPE) eu++;
      if (results.flags[i] & FLAG_US) us++;
    }
  }
  const survival = new Array<number>(H + 1);
  let alive = n;
  let median: number | null = null;
  for (let t = 0; t <= H; t++) {
    alive -= byMonth[t];
    survival[t] = alive / n;
    if (median === null && alive <= n / 2) median = t;
  }
  const resumed = n - modes[0];
  return {
    engineVersion: ENGINE_VERSION,
    seed,
    trials: n,
    horizonMonths: H,
    params: model.levers,
    pResumption: resumed / n,
    pResumptionCI95: wilson(resumed, n),
    medianMonthsToResumption: median,
    survival,
    modeShares: {
      greyZone: modes[MODE_CODE.greyZone] / n,
      limited: modes[MODE_CODE.limited] / n,
      fullScale: modes[MODE_CODE.fullScale] / n,
    },
    guarantorsTested: {
      tests,
      europeEngaged: tests ? eu / tests : null,
      usEngaged: tests ? us / tests : null,
    },
    elections: model.elections.map((month) => ({ month, date: addMonths(model.levers.ceasefireStart, month) })),
  };
}

/**
 * Pointwise Wilson 95% band of the survival curve (each month's share of trials still at peace).
 * Pointwise, not simultaneous: each month's band covers that month's value 95% of the time.
 */
export function survivalBand(summary: Pick<Summary, 'survival' | 'trials'>, z = Z95): { lo: number[]; hi: number[] } {
  const lo: number[] = [];
  const hi: number[] = [];
  for (const s of summary.survival) {
    const [l, h] = wilson(Math.round(s * summary.trials), summary.trials, z);
    lo.push(l);
    hi.push(h);
  }
  return { lo, hi };
}

/** Share of trials resumed by the end of month `month` (0 before it starts), from a summary. */
export function resumedBy(summary: Pick<Summary, 'survival'>, month: number): number {
  const t = Math.min(summary.survival.length - 1, Math.max(0, month));
  return 1 - summary.survival[t];
}
