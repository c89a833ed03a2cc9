import { Z95 } from '../../engine';

export interface Difference {
  /** Current minus baseline (share, −1…1). */
  diff: number;
  /** 95% interval of the difference. */
  ci95: [number, number];
}

/**
 * Difference of two proportions p1 (current, n1 trials) − p0 (baseline, n0 trials) with a normal
 * approximation 95% interval, treating the runs as independent samples. Runs that share a seed
 * use common random numbers and are positively correlated, so this interval is conservative
 * (wider than the true one).
 */
export function proportionDifference(p1: number, n1: number, p0: number, n0: number, z = Z95): Difference {
  const diff = p1 - p0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  return { diff, ci95: [Math.max(-1, diff - z * se), Math.min(1, diff + z * se)] };
}
