import type { ModeKey } from '../../engine';

/** Colours chosen for at least 3:1 contrast on white (WCAG graphics) and to differ in lightness. */
export const MODE_COLOURS: Record<ModeKey, string> = {
  greyZone: '#767f8c',
  limited: '#b35c00',
  fullScale: '#9b1c1f',
};
export const CURRENT = '#1f4e99';
export const BASELINE = '#333333';
/** A guarantee tested and not honoured: a light red, distinct in lightness from CURRENT. */
export const NOT_HONOURED = '#d0655f';
/** The band across plausible worlds: orange (3:1 on white as an outline), drawn light so the run's own band stays on top. */
export const WORLDS = '#b35c00';

/** Month ticks for an axis in years: every year, or every 2 or 5 years when space is short. */
export function yearTicks(horizonMonths: number, width: number): number[] {
  const years = horizonMonths / 12;
  const maxTicks = Math.max(2, Math.floor(width / 45));
  const stepYears = [1, 2, 5, 10].find((s) => years / s <= maxTicks) ?? 10;
  const out: number[] = [];
  for (let m = 0; m <= horizonMonths; m += stepYears * 12) out.push(m);
  return out;
}

/**
 * Lower end (share 0–1) of a zoomed survival axis: the lowest band value shown, rounded down to
 * a multiple of 5% with at least half a step of room below it.
 */
export function zoomFloor(...lows: readonly number[][]): number {
  let lo = 1;
  for (const arr of lows) for (const v of arr) if (v < lo) lo = v;
  return Math.max(0, Math.floor(lo * 20 - 0.5) / 20);
}

/**
 * Series of the compare view, in order: colours at least 3:1 on white, each with its own dash
 * pattern so that the lines stay apart without colour (and in a black-and-white print).
 */
export const SERIES: readonly { colour: string; dash: string }[] = [
  { colour: '#1f4e99', dash: '' },
  { colour: '#b35c00', dash: '7 3' },
  { colour: '#1b7a4d', dash: '2 3' },
  { colour: '#9b1c8f', dash: '9 3 2 3' },
  { colour: '#4d4d4d', dash: '12 4' },
  { colour: '#8a6d00', dash: '3 2 3 6' },
];
