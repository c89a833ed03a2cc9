/** The results sentence's default threshold: differences under 2 points are called too small to matter. */
export const DEFAULT_THRESHOLD = 0.02;
/** The threshold setting's range, in points (hundredths of a share). */
export const THRESHOLD_POINTS = { min: 0.1, max: 50 } as const;
