/**
 * The results sentence under the headline: what the run says, in plain words. A pure function of
 * numbers and labels (no run or summary types), so the page can feed it whichever headline metric
 * the model reports.
 *
 * It keeps two questions apart: is the difference from the baseline *detectable* with these trials
 * (its 95% interval excludes zero), and is it *large enough to matter* (its whole interval at least
 * `threshold`, a setting of the reader's, default 2 points)? Both are decided by judgeDifference
 * (state/verdict.ts), the one verdict every view uses.
 */
import { pct } from '../format';
import { judgeDifference, type VerdictKind } from '../state/verdict';

/** One lever (or run setting) that differs from the baseline, already in words. */
export interface LeverChange {
  /** "European troops in Ukraine". */
  label: string;
  /** The baseline's value ("25,000 troops"). */
  from: string;
  /** The current value ("100,000 troops"). */
  to: string;
}

/** Another scenario's difference from the same baseline, to say which is bigger. */
export interface Comparator {
  name: string;
  /** Its share minus the baseline's (−1…1). */
  diff: number;
}

export interface SentenceInput {
  /** What the share measures, as a noun phrase: "the chance of renewed war". */
  metricLabel: string;
  /** The horizon in years (1–20). */
  horizonYears: number;
  /** The current run: its share (0–1) and the scenario's name, or null for levers set by hand. */
  current: { share: number; name: string | null };
  /** The pinned baseline's share (0–1) and name; null when nothing is pinned. */
  baseline: { share: number; name: string } | null;
  /** How the current inputs differ from the baseline's (empty: the same). */
  changes: readonly LeverChange[];
  /** 95% interval of current − baseline (shares); null without a baseline. */
  diffCI: readonly [number, number] | null;
  /** The smallest difference that matters, as a share (0.02 = 2 points). */
  threshold: number;
  /** The reader changed the threshold from its default (only then do the words say "you said"). */
  thresholdUserSet?: boolean;
  /** Other scenarios measured against the same baseline (at most the first two are named). */
  comparators?: readonly Comparator[];
}

export type Verdict = 'no-baseline' | 'same' | VerdictKind;

export interface ResultSentence {
  text: string;
  verdict: Verdict;
}

/** Changes named in the sentence itself; more are summarised as "the N changes listed below". */
const NAMED_CHANGES = 2;

/** A share as a percentage with one decimal, as everywhere on the page (format.ts pct: never "0.0%" for a share above 0). */
export function percent(share: number): string {
  return pct(share);
}

/** A signed difference in points ("+3.1 points", "−0.4 points"). */
export function points(diff: number): string {
  const v = Math.abs(diff * 100).toFixed(1);
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  return `${sign}${v} ${v === '1.0' ? 'point' : 'points'}`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The changes as a subject: "European troops at 100,000 troops instead of 25,000 troops" or "the 5 changes listed below". */
function changeSubject(changes: readonly LeverChange[]): string {
  if (changes.length > NAMED_CHANGES) return `the ${changes.length} changes listed below`;
  return list(changes.map((c) => `${c.label} at ${c.to} instead of ${c.from}`));
}

/** A verb agreeing with the subject: one change takes the singular. */
const verbFor = (changes: readonly LeverChange[], singular: string, plural: string) => (changes.length === 1 ? singular : plural);

/** What other scenarios do from the same baseline, each in its own words: "From the same baseline, Steel porcupine cuts it by 8.0 points." */
function comparisonClause(comparators: readonly Comparator[]): string {
  const named = comparators.slice(0, 2).map((c) => {
    if (c.diff === 0) return `${c.name} leaves it where it is`;
    return `${c.name} ${c.diff < 0 ? 'cuts' : 'raises'} it by ${points(Math.abs(c.diff)).slice(1)}`;
  });
  return named.length ? ` From the same baseline, ${list(named)}.` : '';
}

function validate(input: SentenceInput): void {
  const share = (name: string, x: number) => {
    if (!(x >= 0 && x <= 1)) throw new RangeError(`${name}: ${x} is not a share; expected 0–1`);
  };
  share('current.share', input.current.share);
  if (input.baseline) share('baseline.share', input.baseline.share);
  if (!(input.threshold > 0 && input.threshold <= 1)) throw new RangeError(`threshold: ${input.threshold} is not a share; expected above 0 and at most 1 (0.02 = 2 points)`);
  if (!(input.horizonYears > 0)) throw new RangeError(`horizonYears: ${input.horizonYears} must be above 0`);
  if (input.baseline && !input.diffCI) throw new RangeError('diffCI: is missing; a comparison with a baseline needs the interval of the difference');
}

/** The sentence for a run and (if pinned) its baseline. Throws a RangeError naming a bad field. */
export function resultSentence(input: SentenceInput): ResultSentence {
  validate(input);
  const { metricLabel, current, baseline, changes, threshold } = input;
  const within = `within ${input.horizonYears} ${input.horizonYears === 1 ? 'year' : 'years'}`;
  const who = current.name ? `With “${current.name}”` : 'With the current levers';
  if (!baseline) {
    return {
      verdict: 'no-baseline',
      text: `${who}, ${metricLabel} ${within} is ${percent(current.share)}. Pin it as a baseline, change a lever, and this sentence says what the change does.`,
    };
  }
  const against = `Against the baseline (${baseline.name})`;
  if (changes.length === 0) {
    return {
      verdict: 'same',
      text: `The current inputs are the baseline's (${baseline.name}): ${metricLabel} ${within} is ${percent(current.share)} in both. Change a lever or a model assumption to compare.`,
    };
  }
  const diff = current.share - baseline.share;
  const [lo, hi] = input.diffCI!;
  const subject = changeSubject(changes);
  const interval = `${points(diff)}; 95% interval ${points(lo).replace(/ points?$/, '')} to ${points(hi)}`;
  const v = judgeDifference(diff, [lo, hi], { share: threshold, userSet: input.thresholdUserSet ?? false });
  const from = percent(baseline.share);
  const to = percent(current.share);
  if (!v.detectable) {
    return {
      verdict: v.kind,
      text: `${against}, ${subject} ${verbFor(changes, 'puts', 'put')} ${metricLabel} ${within} at ${to}, against ${from} (${interval}). ${v.clause}`,
    };
  }
  const verb = diff < 0 ? verbFor(changes, 'cuts', 'cut') : verbFor(changes, 'raises', 'raise');
  const moves = `${against}, ${subject} ${verb} ${metricLabel} ${within} from ${from} to ${to} (${interval})`;
  return { verdict: v.kind, text: `${moves}${v.clause}${v.kind === 'matters' ? comparisonClause(input.comparators ?? []) : ''}` };
}
