import { ASSUMPTIONS, ASSUMPTION_KEYS, LEVERS, formatLeverValue, sameAssumptions, type AssumptionKey, type AssumptionValues, type Levers, type RunInput } from '../../engine';
import type { LeverChange } from './resultSentence';

/** First words that are names and keep their capital inside a sentence. */
const PROPER = /^(European|US|Ukraine's|Russian|Article)\b/;

/** A lever's label for use inside a sentence ("posture of the European force", "US backstop"). */
export function inSentence(label: string): string {
  return PROPER.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** How `current` differs from `baseline`, lever by lever in registry order, in words. */
export function leverChanges(baseline: Levers, current: Levers): LeverChange[] {
  return LEVERS.filter((l) => baseline[l.key] !== current[l.key]).map((l) => ({
    label: inSentence(l.label),
    from: inSentence(formatLeverValue(l, baseline[l.key])),
    to: inSentence(formatLeverValue(l, current[l.key])),
  }));
}

/** Run settings that differ, in the same words (a different seed or trial count changes the figures too). */
export function runChanges(baseline: { seed: string; trials: number }, current: { seed: string; trials: number }): LeverChange[] {
  const out: LeverChange[] = [];
  if (baseline.seed !== current.seed) out.push({ label: 'the seed', from: `“${baseline.seed}”`, to: `“${current.seed}”` });
  if (baseline.trials !== current.trials) out.push({ label: 'the trials', from: baseline.trials.toLocaleString('en-GB'), to: current.trials.toLocaleString('en-GB') });
  return out;
}

/** An assumption's label shortened for a sentence: up to its first comma, colon or bracket ("value to Moscow of keeping the ceasefire"). */
export function assumptionShortLabel(key: AssumptionKey): string {
  const label = ASSUMPTIONS[key].label;
  const cut = label.search(/,|:| \(/);
  return inSentence(cut > 0 ? label.slice(0, cut) : label);
}

/**
 * How `current`'s model assumptions differ from `baseline`'s (changes from the calibrated defaults;
 * missing keys are at their defaults), in registry order and in the same words as lever changes,
 * so that a comparison names every difference, levers and assumptions alike.
 */
export function assumptionChanges(baseline: AssumptionValues = {}, current: AssumptionValues = {}): LeverChange[] {
  return ASSUMPTION_KEYS.filter((k) => !sameAssumptions({ [k]: baseline[k] }, { [k]: current[k] })).map((k) => ({
    label: `the model assumption “${assumptionShortLabel(k)}”`,
    from: String(baseline[k] ?? ASSUMPTIONS[k].value),
    to: String(current[k] ?? ASSUMPTIONS[k].value),
  }));
}

/** Everything that differs between two runs' inputs: levers, then model assumptions, then seed and trials. */
export function inputChanges(baseline: RunInput, current: RunInput): LeverChange[] {
  return [...leverChanges(baseline.levers, current.levers), ...assumptionChanges(baseline.assumptions, current.assumptions), ...runChanges(baseline, current)];
}
