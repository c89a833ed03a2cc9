// History matching's view of the plausible worlds: the ranges sampled, the calibrated point, the
// anchors, a sample point as a world, and a world's calibration figures.
import { ASSUMPTIONS, type AssumptionKey } from '../src/engine/model/assumptions';
import { WORLD_DECISION_NOISE, WORLD_KEYS, type World } from '../src/engine/model/world';
import { CALIBRATION_CASES, worldCalibrationFigures } from '../src/engine/analysis/calibration';
import type { Figures, MatchAnchor, Point, Ranges } from '../src/engine/analysis/historyMatch';

/** The plausible ranges a world is drawn from: every WORLD_KEYS assumption's, and decisionNoise's. */
export function worldRanges(): Ranges {
  const r: Record<string, [number, number]> = {};
  for (const k of WORLD_KEYS) r[k] = [ASSUMPTIONS[k].min, ASSUMPTIONS[k].max];
  r.decisionNoise = [WORLD_DECISION_NOISE.min, WORLD_DECISION_NOISE.max];
  return r;
}

/** The calibrated point: every assumption's default and the decisionNoise lever's default. */
export function worldCenter(): Point {
  const c: Point = {};
  for (const k of WORLD_KEYS) c[k] = ASSUMPTIONS[k].value;
  c.decisionNoise = WORLD_DECISION_NOISE.value;
  return c;
}

/** The anchors as history matching sees them: band and model discrepancy (calibrationCases.ts). */
export const WORLD_ANCHORS: MatchAnchor[] = CALIBRATION_CASES.map((c) => ({ band: c.band, discrepancy: c.discrepancy }));

/** A sample point as a world: every assumption (the defaults for those it does not vary) and decisionNoise. */
export function pointToWorld(x: Point, id = 0): World {
  const assumptions = {} as Record<AssumptionKey, number>;
  for (const k of Object.keys(ASSUMPTIONS) as AssumptionKey[]) assumptions[k] = x[k] ?? ASSUMPTIONS[k].value;
  return { id, decisionNoise: x.decisionNoise, assumptions };
}

/** The calibration figures of a world (the engine's worldCalibrationFigures, as history matching's Figures). */
export const evaluateWorld: (w: Pick<World, 'assumptions' | 'decisionNoise'>, trials: number) => Figures = worldCalibrationFigures;

/** Round to 4 significant digits, clipped to the range. */
export function round4(x: number, [lo, hi]: readonly [number, number]): number {
  return Math.min(hi, Math.max(lo, Number(x.toPrecision(4))));
}
