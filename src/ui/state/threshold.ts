import type { Result } from '../../engine';

/** The results sentence's default threshold: differences under 2 points are called too small to matter. */
export const DEFAULT_THRESHOLD = 0.02;
/** The threshold setting's range, in points (hundredths of a share). */
export const THRESHOLD_POINTS = { min: 0.1, max: 50 } as const;

/** The threshold as a share from points typed by the reader; a value outside THRESHOLD_POINTS is refused with the field and range named. */
export function parseThresholdPoints(points: number): Result<number> {
  if (!Number.isFinite(points) || points < THRESHOLD_POINTS.min || points > THRESHOLD_POINTS.max) {
    return { ok: false, errors: [{ field: 'threshold', message: `${points} is out of range; expected ${THRESHOLD_POINTS.min}–${THRESHOLD_POINTS.max} points` }] };
  }
  return { ok: true, value: points / 100 };
}
