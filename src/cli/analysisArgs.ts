import { clipName, quoteName, fail, ok, type Result } from '../engine/index';

/** Number parsers for the commands' own flags (--trial, --alpha, --swing, --workers…); the rest is in args.ts. */

/** Whole digits, optionally grouped in threes with underscores ("10_000"). */
export const WHOLE_RE = /^\d+$|^\d{1,3}(_\d{3})+$/;
/** A plain decimal number: no hex, binary or octal (which Number() would read), no "Infinity". */
const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A whole number in [min, max] for `flag`, underscores allowed between groups of three. */
export function parseWhole(flag: string, text: string, min: number, max: number): Result<number> {
  const trimmed = text.trim();
  if (!WHOLE_RE.test(trimmed)) return fail([{ field: flag, message: `${quoteName(text)} is not a whole number; expected ${min}–${max}` }]);
  const n = Number(trimmed.replaceAll('_', ''));
  if (n < min || n > max) return fail([{ field: flag, message: `${clipName(trimmed)} is out of range; expected ${min}–${max}` }]);
  return ok(n);
}

/** A number strictly between lo and hi (or up to hi inclusive when `hiInclusive`) for `flag`. */
export function parseShare(flag: string, text: string, lo: number, hi: number, hiInclusive = false): Result<number> {
  const n = DECIMAL_RE.test(text.trim()) ? Number(text) : NaN;
  const inRange = n > lo && (hiInclusive ? n <= hi : n < hi);
  if (!Number.isFinite(n) || !inRange) {
    return fail([{ field: flag, message: `${quoteName(text)} is not allowed; expected a number greater than ${lo} and ${hiInclusive ? 'at most' : 'less than'} ${hi}` }]);
  }
  return ok(n);
}
