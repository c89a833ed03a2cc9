import { LEVERS, formatLeverValue, type Levers } from '../../engine';
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
