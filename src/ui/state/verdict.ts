import { DEFAULT_THRESHOLD } from './threshold';

/**
 * THE verdict on a difference between two runs, decided in one place from its 95% interval: the
 * results sentence, the headline's bold line, the report, the compare table and both CSV files call
 * `judgeDifference` and use its words.
 *
 * - detectable: the interval excludes zero (these trials tell the two runs apart);
 * - matters: the whole interval is at least the threshold in size (true), the whole interval is
 *   under it (false), or the interval straddles it (null: more trials would tell).
 */
export type VerdictKind = 'not-detectable' | 'too-small' | 'may-matter' | 'matters';

export interface DifferenceVerdict {
  kind: VerdictKind;
  /** The 95% interval excludes zero. */
  detectable: boolean;
  /** true: the whole interval is at least the threshold in size; false: all of it is under; null: it straddles the threshold. */
  matters: boolean | null;
  /** For a table cell: "large enough to matter", "detectable, under 2 points", … */
  short: string;
  /** The bold line under the headline, a whole sentence: "Detectable with these trials, and large enough to matter: …". */
  line: string;
  /** What follows the figures in the results sentence, a whole sentence (or a clause starting with ":"). */
  clause: string;
}

export interface Threshold {
  /** The smallest difference that matters, as a share (0.02 = 2 points), 0–1. */
  share: number;
  /** The reader changed it from the default (then, and only then, the words say "you said"). */
  userSet: boolean;
}

/** Whether a difference's 95% interval [lo, hi] excludes zero: these trials tell the two runs apart. */
export function isDetectable(ci: readonly [number, number]): boolean {
  return ci[0] > 0 || ci[1] < 0;
}

/** The threshold as the page holds it: set by the reader when it is not the default. */
export function thresholdOf(share: number): Threshold {
  return { share, userSet: share !== DEFAULT_THRESHOLD };
}

/** "2 points", "0.5 points", "1 point". */
export function pointsText(share: number): string {
  const v = +(share * 100).toFixed(2);
  return `${v} ${v === 1 ? 'point' : 'points'}`;
}

/** "2 points, the default smallest difference that matters" or "3 points, the smallest difference you said matters". */
export function thresholdWords(t: Threshold): string {
  return `${pointsText(t.share)}, ${t.userSet ? 'the smallest difference you said matters' : 'the default smallest difference that matters'}`;
}

/** A signed difference in points without the unit ("+3.1", "−0.4"). */
function signed(d: number): string {
  const v = Math.abs(d * 100).toFixed(1);
  return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${v}`;
}

/**
 * Judge a difference b − a (shares, −1…1) by its 95% interval `ci` (lo ≤ hi) against a threshold.
 * Throws a RangeError naming the field when an input is out of range.
 */
export function judgeDifference(diff: number, ci: readonly [number, number], t: Threshold): DifferenceVerdict {
  const [lo, hi] = ci;
  if (!(diff >= -1 && diff <= 1)) throw new RangeError(`diff: ${diff} is not a difference of shares; expected −1 to 1`);
  if (!(lo >= -1 && hi <= 1 && lo <= hi)) throw new RangeError(`ci: [${lo}, ${hi}] is not an interval of shares; expected −1 ≤ low ≤ high ≤ 1`);
  if (!(t.share > 0 && t.share <= 1)) throw new RangeError(`threshold: ${t.share} is not a share; expected above 0 and at most 1 (0.02 = 2 points)`);
  const pts = pointsText(t.share);
  const who = thresholdWords(t);
  const interval = `${signed(lo)} to ${signed(hi)} points`;
  const detectable = isDetectable(ci);
  const far = Math.max(Math.abs(lo), Math.abs(hi));
  if (!detectable) {
    const small = far < t.share;
    return {
      kind: 'not-detectable',
      detectable,
      matters: small ? false : null,
      short: small ? `not detectable, and under ${pts} either way` : 'not detectable with these trials',
      line: small
        ? `Not detectable with these trials, and under ${pts} whichever way it goes (its interval runs ${interval}).`
        : 'Not detectable with these trials: run more to tell these apart.',
      clause: small
        ? `With these trials that difference cannot be told apart from chance, and its whole interval is under ${who}: whichever way it goes, it is too small to matter.`
        : 'With these trials that difference cannot be told apart from chance: run more trials before reading anything into it.',
    };
  }
  const near = Math.min(Math.abs(lo), Math.abs(hi));
  if (near >= t.share) {
    return {
      kind: 'matters',
      detectable,
      matters: true,
      short: 'large enough to matter',
      line: `Detectable with these trials, and large enough to matter: its whole interval is beyond ${pts}.`,
      clause: `: large enough to matter, since its whole interval is beyond ${who}.`,
    };
  }
  if (far < t.share) {
    return {
      kind: 'too-small',
      detectable,
      matters: false,
      short: `detectable, under ${pts}`,
      line: `Detectable with these trials, but too small to matter: its whole interval is under ${pts}.`,
      clause: `. These trials detect the difference, but its whole interval is under ${who}.`,
    };
  }
  return {
    kind: 'may-matter',
    detectable,
    matters: null,
    short: `detectable; may or may not reach ${pts}`,
    line: `Detectable with these trials, but its interval (${interval}) straddles ${pts}: run more trials to tell whether it matters.`,
    clause: `. These trials detect the difference, but its interval straddles ${who}: run more trials to tell whether it matters.`,
  };
}
