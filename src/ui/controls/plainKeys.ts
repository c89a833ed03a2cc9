import { ASSUMPTIONS, LEVERS } from '../../engine';

/** Every lever and assumption key with its label, longest key first (so `limitedGainFixedShare` is not read as `limitedGain`). */
const LABELS: readonly [string, string][] = [
  ...LEVERS.map((l) => [l.key, l.label] as [string, string]),
  ...Object.entries(ASSUMPTIONS).map(([k, a]) => [k, (a as { label: string }).label] as [string, string]),
].sort((a, b) => b[0].length - a[0].length);

const PATTERN = new RegExp(`\\b(${LABELS.map(([k]) => k).join('|')})\\b`, 'g');
const BY_KEY = new Map(LABELS);

/**
 * Text for people: a lever or assumption key written in a label or a source note ("logit scale =
 * decisionNoise × this") becomes the lever's or assumption's label, in quotation marks. The keys
 * themselves are listed once, in the Model view's reference tables, for links and the command line.
 */
export function plainKeys(text: string): string {
  return text.replace(PATTERN, (k) => `“${BY_KEY.get(k)!.replace(/\s*\(.*\)$/, '')}”`);
}
