import { pairedDifference } from './paired';
import type { TrialResults } from './trialResults';
import { wilson } from '../math/stats';

/**
 * Convergence: how the headline estimate (the probability of war) settles as trials accumulate. Trials are independent and
 * identically distributed, so the running share over the first n trials is an honest estimate at
 * every n, and its Wilson interval shrinks like 1/√n.
 */
export interface ConvergencePoint {
  trials: number;
  pWar: number;
  ci95: [number, number];
}

/** Trial counts at which to report: about `perDecade` points per factor of ten, from 100 to n. */
export function checkpoints(n: number, perDecade = 8): number[] {
  const out = new Set<number>();
  for (let k = 0; ; k++) {
    const x = Math.round(100 * Math.pow(10, k / perDecade));
    if (x >= n) break;
    out.add(x);
  }
  out.add(n);
  return [...out].filter((x) => x >= Math.min(100, n)).sort((a, b) => a - b);
}

/** The running estimate of pWar and its Wilson 95% CI after each checkpoint's number of trials. */
export function convergence(results: TrialResults, points: readonly number[] = checkpoints(results.trials)): ConvergencePoint[] {
  const out: ConvergencePoint[] = [];
  let resumed = 0;
  let i = 0;
  for (const n of points) {
    for (; i < n && i < results.trials; i++) if (results.warMonth[i] > 0) resumed++;
    out.push({ trials: i, pWar: resumed / i, ci95: wilson(resumed, i) });
  }
  return out;
}

/**
 * Whether two runs on the same seed and trial count can be told apart: the paired 95% CI of the
 * difference in pWar (b − a) and whether it excludes zero.
 */
export function compareRuns(a: TrialResults, b: TrialResults): { diff: number; ci95: [number, number]; distinguishable: boolean } {
  const n = Math.min(a.trials, b.trials);
  const ya = new Uint8Array(n);
  const yb = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    ya[i] = a.warMonth[i] > 0 ? 1 : 0;
    yb[i] = b.warMonth[i] > 0 ? 1 : 0;
  }
  const d = pairedDifference(ya, yb);
  return { diff: d.diff, ci95: d.ci, distinguishable: d.ci[0] > 0 || d.ci[1] < 0 };
}
