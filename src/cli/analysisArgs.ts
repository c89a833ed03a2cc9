import { fail, ok, type Result } from '../engine/index';

/** Number parsers for the commands' own flags (--trial, --alpha, --swing, --workers…); the rest is in args.ts. */

/** A whole number in [min, max] for `flag`, underscores allowed. */
export function parseWhole(flag: string, text: string, min: number, max: number): Result<number> {
  const t = text.trim().replaceAll('_', '');
  if (!/^\d+$/.test(t)) return fail([{ field: flag, message: `${JSON.stringify(text)} is not a whole number; expected ${min}–${max}` }]);
  const n = Number(t);
  if (n < min || n > max) return fail([{ field: flag, message: `${n} is out of range; expected ${min}–${max}` }]);
  return ok(n);
}

/** A number strictly between lo and hi (or up to hi inclusive when `hiInclusive`) for `flag`. */
export function parseShare(flag: string, text: string, lo: number, hi: number, hiInclusive = false): Result<number> {
  const n = text.trim() === '' ? NaN : Number(text);
  const inRange = n > lo && (hiInclusive ? n <= hi : n < hi);
  if (!Number.isFinite(n) || !inRange) {
    return fail([{ field: flag, message: `${JSON.stringify(text)} is not allowed; expected a number greater than ${lo} and ${hiInclusive ? 'at most' : 'less than'} ${hi}` }]);
  }
  return ok(n);
}
