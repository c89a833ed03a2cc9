import { MODE_KEYS, MODES, type ComponentBand, type ComponentKey, type MonthStory, type TrialResults, type TrialStory } from '../../engine';

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

/**
 * What each part of Moscow's monthly calculation means, shown under the chooser (the engine's
 * COMPONENT_LABELS name them; these say what they are, in plain words).
 */
export const COMPONENT_MEANINGS: Record<ComponentKey, string> = {
  margin: 'The value to Moscow of its better war option this month minus the value of keeping the ceasefire. Above zero, war pays and Moscow chooses it.',
  expectedGain: "Moscow's resolve times what the offensive would win times its chance of success, as Moscow expects it.",
  successExpected: 'How likely the offensive is to succeed, averaged over whether Europe and the US come to fight.',
  costEurope: "The harm Moscow expects from the European force fighting back, times the chance it does.",
  costUs: 'The harm Moscow expects from the US backstop, times the chance the US honours it.',
  costSanctions: 'The economic cost of sanctions returning if it attacks, times the chance they do.',
  bEurope: 'What Moscow believes about Europe: the chance it fights if its troops are hit. It learns from how Europe answers grey-zone probes.',
  bUs: 'What Moscow believes about the US: the chance it honours its backstop.',
  resolve: 'How much Moscow will pay for gains, from 0 (nothing) to 1 (the most).',
  capacity: "How far Russia has rebuilt its offensive forces since the ceasefire, from 0 to 1.",
  uaDefence: "Ukraine's own defence: 1 is a reference army of 800,000 at full readiness.",
  pWar: 'How likely Moscow is to go to war in the month: near 1 when war pays, small otherwise (the tremble).',
};

/** Terms of a trial's story, defined where they appear. */
export const WHY_TERMS = {
  resolve: "Resolve: how much Moscow will pay for gains in this trial, from 0 (nothing) to 1 (the most).",
  margin: 'How much more war is worth to Moscow than peace that month; above zero, war pays.',
  pWar: 'The chance of going to war in that month.',
  draw: "The trial's random number for the month: war comes when it falls below the chance of war.",
  expects: 'What Moscow believes the chance is that Europe, and the US, would fight.',
} as const;
