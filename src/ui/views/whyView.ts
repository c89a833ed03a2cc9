import { MODE_KEYS, MODES, type ComponentBand, type MonthStory, type TrialResults, type TrialStory } from '../../engine';

/** One row of the trial table: the run's own figures for a trial. */
export interface TrialRow {
  trial: number;
  war: boolean;
  /** Month of the war (1…horizon) or null if there was none. */
  month: number | null;
  /** The war's mode, "grey-zone probe only" or "no war". */
  outcome: string;
  /** Moscow's resolve at the ceasefire (0–1). */
  resolve: number;
}

/** The first `n` trials of a run as table rows. */
export function trialRows(results: TrialResults, n = 50): TrialRow[] {
  const out: TrialRow[] = [];
  for (let i = 0; i < Math.min(n, results.trials); i++) {
    const war = results.warMode[i];
    out.push({
      trial: i,
      war: war > 0,
      month: war > 0 ? results.warMonth[i] : null,
      outcome: war > 0 ? MODES[MODE_KEYS[war - 1]].label : results.mode[i] > 0 ? 'grey-zone probe only' : 'no war',
      resolve: results.resolve[i],
    });
  }
  return out;
}

/** The months of a story to show: up to `before` months before the last month, and the last. */
export function storyWindow(story: TrialStory, before = 5): MonthStory[] {
  const n = story.months.length;
  return story.months.slice(Math.max(0, n - before - 1), n);
}

/** Points (month, value) of a band with finite values, for drawing; months 1…horizon. */
export function bandPoints(band: ComponentBand): { t: number; mean: number; lo: number; hi: number }[] {
  const out: { t: number; mean: number; lo: number; hi: number }[] = [];
  for (let t = 1; t < band.mean.length; t++) {
    if (Number.isFinite(band.mean[t])) out.push({ t, mean: band.mean[t], lo: band.p10[t], hi: band.p90[t] });
  }
  return out;
}

/** The y extent over both groups' bands (10th to 90th percentiles), padded, always finite. */
export function bandExtent(...bands: ComponentBand[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bands) {
    for (let t = 1; t < b.mean.length; t++) {
      if (Number.isFinite(b.p10[t])) lo = Math.min(lo, b.p10[t], b.mean[t]);
      if (Number.isFinite(b.p90[t])) hi = Math.max(hi, b.p90[t], b.mean[t]);
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}
