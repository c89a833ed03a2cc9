import { MODE_KEYS, MODES, type ComponentBand, type ComponentKey, type MonthStory, type TrialResults, type TrialStory } from '../../engine';

/** One row of the trial table: the run's own figures for a trial. */
export interface TrialRow {
  trial: number;
  resumed: boolean;
  /** Month of resumption (1…horizon) or null if it held. */
  month: number | null;
  /** Mode label, or "held". */
  mode: string;
  /** Moscow's resolve (0–1). */
  resolve: number;
}

/** The first `n` trials of a run as table rows. */
export function trialRows(results: TrialResults, n = 50): TrialRow[] {
  const out: TrialRow[] = [];
  for (let i = 0; i < Math.min(n, results.trials); i++) {
    const code = results.mode[i];
    out.push({
      trial: i,
      resumed: results.month[i] > 0,
      month: results.month[i] > 0 ? results.month[i] : null,
      mode: code > 0 ? MODES[MODE_KEYS[code - 1]].label : 'held',
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

/**
 * Moscow's monthly calculation in plain words: each component's name and what it means, shown
 * where the component is (the engine's own labels are formulas, for the command line).
 */
export const PLAIN_COMPONENTS: Record<ComponentKey, { label: string; means: string }> = {
  margin: {
    label: 'How much better war looks than peace',
    means: "The value to Moscow of its best option this month (grey zone, limited or full-scale offensive) minus the value of keeping the peace. Above zero, war looks better.",
  },
  expectedGain: { label: 'What Moscow expects to gain', means: "Its resolve times the option's gain times the chance it succeeds, as Moscow expects it." },
  successExpected: { label: 'Chance of success Moscow expects', means: 'How likely the offensive is to succeed, averaged over whether Europe and the US come to fight.' },
  costEurope: { label: 'Cost Moscow expects from Europe', means: "The harm Moscow expects from the European force's response, times the chance it responds." },
  costUs: { label: 'Cost Moscow expects from the US', means: "The harm Moscow expects from the US backstop, times the chance the US honours it." },
  costSanctions: { label: 'Cost Moscow expects from sanctions snapping back', means: 'The economic cost of sanctions returning if it attacks, times the chance they do.' },
  peace: { label: 'Value of keeping the peace', means: 'What the ceasefire is worth to Moscow this month (sanctions relief and reintegration raise it).' },
  pResume: { label: 'Chance of resuming this month', means: 'How likely Moscow is to resume hostilities in the month, given the margin and its uncertainty.' },
};

/** Terms of the trial table and a trial's story, defined where they appear. */
export const WHY_TERMS = {
  resolve: "Moscow's resolve: how much it will pay for gains in this trial, from 0 (nothing) to 1 (the most).",
  margin: 'How much better the best option looks than peace (above zero: war looks better).',
  pResume: 'The chance of resuming in that month.',
  draw: "The trial's random number for the month: hostilities resume when it falls below the chance of resuming.",
  usCredibility: 'Credibility of the US administration in office: the chance it honours its backstop, 0–1.',
} as const;
