import { CALIBRATION_CASES, type CalibrationCase } from './calibration';

/**
 * How the calibration is judged and shown: whether a figure lies in its anchor's band, how far it
 * misses (the search's loss), and both in words for docs/calibration.md and the Model view.
 */

/**
 * The calibration search's loss: ten times the squared misses of every band (bandMiss), so that any
 * miss outweighs the rest, plus a small pull toward each two-sided band's middle so the fit does not
 * sit on an edge.
 */
export function calibrationLoss(values: readonly number[], cases: readonly CalibrationCase[] = CALIBRATION_CASES): number {
  let loss = 0;
  cases.forEach((c, i) => {
    const miss = bandMiss(c, values[i]);
    loss += 10 * miss * miss;
    const [lo, hi] = c.band;
    if (hi < 100) {
      const d = (values[i] - (lo + hi) / 2) / (hi - lo);
      loss += 0.02 * d * d;
    }
  });
  return loss;
}

/** Whether a value lies in a case's band. */
export function inBand(c: Pick<CalibrationCase, 'band'>, v: number): boolean {
  return v >= c.band[0] && v <= c.band[1];
}

/**
 * How far a value misses its band (0 inside it), in units of the band's tolerance: its width, but
 * at most a fifth of the size of its ends (at least 0.02), so a wide or open-ended band ("at least
 * 1.5", "+2 to +100 points") is not missed more cheaply than a narrow one.
 */
export function bandMiss(c: Pick<CalibrationCase, 'band'>, v: number): number {
  const [lo, hi] = c.band;
  const tolerance = bandTolerance(c);
  return v < lo ? (lo - v) / tolerance : v > hi ? (v - hi) / tolerance : 0;
}

/** The tolerance bandMiss measures misses in (also history matching's tolerance, analysis/historyMatch.ts). */
export function bandTolerance(c: Pick<CalibrationCase, 'band'>): number {
  const [lo, hi] = c.band;
  const scale = hi >= 100 ? Math.abs(lo) : Math.max(Math.abs(lo), Math.abs(hi));
  return Math.min(hi >= 100 ? Infinity : hi - lo, Math.max(0.02, 0.2 * scale));
}

/** A case's band in words: "48–120 months", "0–12%", "+2 to +100 points", "0.25–0.9", "at least 1.5". */
export function formatBand(c: Pick<CalibrationCase, 'metric' | 'band'>): string {
  const [lo, hi] = c.band;
  switch (c.metric.kind) {
    case 'medianWar':
      return `${lo}–${hi} months`;
    case 'warBy':
    case 'greyZone':
    case 'limitedShareOfWars':
      return `${Math.round(100 * lo)}–${Math.round(100 * hi)}%`;
    case 'greyZoneRise':
      return `+${Math.round(100 * lo)} to +${Math.round(100 * hi)} points`;
    default:
      return hi >= 100 ? `at least ${lo}` : `${lo}–${hi}`;
  }
}

/** A case's figure in the same words as its band; a censored median reads "fewer than half by month N". */
export function formatCalibrationValue(c: Pick<CalibrationCase, 'metric' | 'levers'>, v: number): string {
  switch (c.metric.kind) {
    case 'medianWar': {
      const h = 12 * (c.levers.horizonYears ?? 10);
      return v > h ? `fewer than half by month ${h}` : `${v} months`;
    }
    case 'warBy':
    case 'greyZone':
    case 'limitedShareOfWars':
      return `${(100 * v).toFixed(1)}%`;
    case 'greyZoneRise':
      return `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} points`;
    default:
      return v.toFixed(2);
  }
}
