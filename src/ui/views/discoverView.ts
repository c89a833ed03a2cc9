import { DEFAULT_PARAMS, reconstitutionYears, reliefPace, type Levers, type ModelParams, type PrimLimit } from '../../engine';

/**
 * Scenario discovery in plain words: each condition of a PRIM box as a sentence, and the draws'
 * names and meanings, defined where they appear (the engine's own labels are for the command line).
 */

/** A number for people: two decimals, never "−0.00". */
export function num(x: number, digits = 2): string {
  const v = Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x;
  return v.toFixed(digits).replace('-', '−');
}

/** What each per-trial draw is, by feature key (a usCredibilityTerm key matches the last entry). */
export function drawMeaning(key: string): { name: string; means: string } {
  switch (key) {
    case 'resolve':
      return { name: "Moscow's resolve", means: 'how much Moscow will pay for gains in the trial, 0 (nothing) to 1 (the most)' };
    case 'europeDraw':
      return { name: "Europe's reluctance to fight", means: "the trial's draw behind whether Europe engages: Europe fights only when it falls below its chance of engaging, so high values are a Europe that stays out" };
    case 'perceivedStrength':
      return { name: "Moscow's view of the balance", means: 'how much stronger Moscow believes its offensive to be than it is, in the war’s year (1 = it sees the truth; above 1, optimistic)' };
    case 'reliefLevel':
      return { name: 'Pace of sanctions relief', means: 'how fast sanctions are lifted in the trial, level 0 (slowest) to 4 (fastest) around the lever' };
    case 'reconstitutionLevel':
      return { name: 'Time Russia needs to rebuild', means: 'how long Russia takes to rebuild its forces in the trial, level 0 (fastest) to 4 (slowest) around the lever' };
    default:
      return { name: 'US credibility after an election', means: 'credibility of a US administration elected after the ceasefire: the chance it honours the backstop, 0–1' };
  }
}

/** One condition of a box as a phrase, to go inside a sentence ("Moscow's resolve is at least 0.83"). */
export function plainLimit(limit: PrimLimit, levers: Levers, params: ModelParams = DEFAULT_PARAMS): string {
  const { key, lo, hi } = limit;
  const level = (x: number) => Math.round(x);
  if (key === 'reliefLevel') {
    const pace = (x: number) => `${num(100 * reliefPace(params, levers.sanctionsReliefPerYear, level(x)), 0)}% a year`;
    if (lo !== null && hi !== null) return `sanctions are lifted at ${pace(lo)} to ${pace(hi)}`;
    return lo !== null ? `sanctions are lifted at ${pace(lo)} or faster` : `sanctions are lifted at ${pace(hi!)} or slower`;
  }
  if (key === 'reconstitutionLevel') {
    const yrs = (x: number) => `${num(reconstitutionYears(params, levers.ruReconstitutionYears, level(x)), 1)} years`;
    if (lo !== null && hi !== null) return `Russia rebuilds in ${yrs(lo)} to ${yrs(hi)}`;
    return lo !== null ? `Russia needs ${yrs(lo)} or more to rebuild` : `Russia rebuilds within ${yrs(hi!)}`;
  }
  const name = key.startsWith('usCredibilityTerm') ? limit.label.replace(/^US credibility/, 'the US credibility') : drawMeaning(key).name;
  const subject = name;
  if (lo !== null && hi !== null) return `${subject} is between ${num(lo)} and ${num(hi)}`;
  return lo !== null ? `${subject} is at least ${num(lo)}` : `${subject} is at most ${num(hi!)}`;
}

/** A box's conditions as one sentence, capitalised ("in all trials" when it has none). */
export function plainConditions(limits: readonly PrimLimit[], levers: Levers): string {
  if (!limits.length) return 'in all trials';
  const text = limits.map((l) => plainLimit(l, levers)).join('; and ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
