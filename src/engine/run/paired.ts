import { Z95 } from '../math/stats';
import type { TrialResults } from './trialResults';

/**
 * Difference of two proportions measured on the same trials (common random numbers): the mean of
 * the per-trial differences with a normal 95% interval from their sample variance. Pairing removes
 * the shared noise, so the interval is far tighter than for two independent samples.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, z = Z95): { diff: number; ci: [number, number] } {
  const n = a.length;
  if (n !== b.length) throw new RangeError(`paired samples differ in length: ${n} and ${b.length}`);
  if (n === 0) return { diff: 0, ci: [-1, 1] };
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const d = b[i] - a[i];
    sum += d;
    sumSq += d * d;
  }
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
  const half = z * Math.sqrt(variance / n);
  return { diff: mean, ci: [mean - half, mean + half] };
}

/** Difference b − a of two independent proportions with a normal (Wald) 95% interval. */
export function independentDifference(pa: number, na: number, pb: number, nb: number, z = Z95): { diff: number; ci: [number, number] } {
  const diff = pb - pa;
  const half = z * Math.sqrt((pa * (1 - pa)) / na + (pb * (1 - pb)) / nb);
  return { diff, ci: [diff - half, diff + half] };
}

/** 1 for each trial at war (a limited or full-scale offensive) by `month` (default: by the horizon), else 0. */
export function warIndicator(results: TrialResults, month = Infinity): Uint8Array {
  const out = new Uint8Array(results.trials);
  for (let i = 0; i < results.trials; i++) out[i] = results.warMonth[i] > 0 && results.warMonth[i] <= month ? 1 : 0;
  return out;
}
