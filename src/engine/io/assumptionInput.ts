import { ASSUMPTIONS, ASSUMPTION_KEYS, changedAssumptions, type Assumption, type AssumptionKey, type AssumptionValues } from '../model/assumptions';
import { didYouMean } from './didYouMean';
import { fail, ok, type FieldError, type Result } from './fieldErrors';
import { clipName, parseNumberText, showValue } from './validate';

/**
 * Assumptions as inputs: the same checks as levers (a finite number inside the assumption's
 * plausible range, unknown keys refused with a "did you mean"), for scenario files' `assumptions`
 * block, links (`a.<key>=<value>`), `--assume key=value` and the page's Assumptions panel. Every
 * error names its field: `assumptions.<key>` (or the flag that carried it).
 */

const precise = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 });

/** An assumption's value for messages and labels: up to six significant digits, grouped ("35,000", "0.004"). */
export function formatAssumptionValue(x: number): string {
  return precise.format(x);
}

/** The plausible range in short: "0.15–0.5", "35,000–100,000"; a unit (min = max) is its one value. */
export function assumptionRangeText(spec: Pick<Assumption, 'min' | 'max'>): string {
  return spec.min === spec.max ? formatAssumptionValue(spec.min) : `${formatAssumptionValue(spec.min)}–${formatAssumptionValue(spec.max)}`;
}

/** What an assumption accepts, in words: "a number from 0.15–0.5". */
export function describeAssumptionRange(spec: Pick<Assumption, 'min' | 'max'>): string {
  return spec.min === spec.max ? `exactly ${assumptionRangeText(spec)} (a unit, not a free assumption)` : `a number from ${assumptionRangeText(spec)}`;
}

/** The assumption named `key`, or undefined if there is none. */
export function assumptionSpec(key: string): Assumption | undefined {
  return Object.prototype.hasOwnProperty.call(ASSUMPTIONS, key) ? (ASSUMPTIONS as Record<string, Assumption>)[key] : undefined;
}

/** The error for a key that is not an assumption, with a suggestion when one is close. */
/** Assumptions of earlier engines that no longer exist, and what took their place (for links and files made with them). */
export const RETIRED_ASSUMPTIONS: Readonly<Record<string, string>> = Object.freeze({
  learningPerIncident:
    'was retired in engine 3: Moscow no longer learns a guarantor\'s true resolve from incidents; it updates on noisy signals (signalAccuracy) from a prior of its own',
});

export function unknownAssumptionError(key: string, field = `assumptions.${clipName(key)}`): FieldError {
  if (Object.hasOwn(RETIRED_ASSUMPTIONS, key)) return { field, message: `assumption ${JSON.stringify(key)} ${RETIRED_ASSUMPTIONS[key]}` };
  const guess = didYouMean(key, ASSUMPTION_KEYS);
  return { field, message: `unknown assumption ${JSON.stringify(clipName(key))}${guess ? ` (did you mean "${guess}"?)` : ''}` };
}

/** Check one assumption value that arrived typed (JSON, a worker message): a finite number in its range. */
export function checkAssumptionValue(key: AssumptionKey, value: unknown, field = `assumptions.${key}`, shown = showValue(value)): Result<number> {
  const spec = ASSUMPTIONS[key];
  const no = (why: string) => fail<number>([{ field, message: `${shown} ${why}; expected ${describeAssumptionRange(spec)}` }]);
  if (typeof value !== 'number' || !Number.isFinite(value)) return no('is not a number');
  if (value < spec.min || value > spec.max) return no('is out of range');
  return ok(value === 0 ? 0 : value);
}

/** Parse an assumption's value written as text (a link, `--assume`, the page's field) and check it. */
export function parseAssumptionText(key: AssumptionKey, text: string, field = `assumptions.${key}`): Result<number> {
  const n = parseNumberText(text);
  if (!n.ok) return fail([{ field, message: `${n.shown} ${n.why}; expected ${describeAssumptionRange(ASSUMPTIONS[key])}` }]);
  return checkAssumptionValue(key, n.value, field, n.shown);
}

/**
 * Resolve a typed block of assumption changes (a scenario's `assumptions`): every problem reported,
 * not just the first. The result holds only the changes from the defaults, in registry order.
 */
export function resolveAssumptions(partial: unknown, field = 'assumptions'): Result<AssumptionValues> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    return fail([{ field, message: `is ${showValue(partial)}; expected an object of assumption values (key: number)` }]);
  }
  const out: AssumptionValues = {};
  const errors: FieldError[] = [];
  for (const key of Object.keys(partial)) {
    if (!assumptionSpec(key)) {
      errors.push(unknownAssumptionError(key, `${field}.${clipName(key)}`));
      continue;
    }
    const r = checkAssumptionValue(key as AssumptionKey, (partial as Record<string, unknown>)[key], `${field}.${key}`);
    if (r.ok) out[key as AssumptionKey] = r.value;
    else errors.push(...r.errors);
  }
  return errors.length ? fail(errors) : ok(changedAssumptions(out));
}

/**
 * Parse `key=value` pairs (the command line's repeatable `--assume`): every pair checked, each
 * error naming the flag and the key. A key given twice is an error (which one was meant?).
 */
export function parseAssumePairs(pairs: readonly string[], flag = '--assume'): Result<AssumptionValues> {
  const out: AssumptionValues = {};
  const errors: FieldError[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      errors.push({ field: flag, message: `${JSON.stringify(clipName(pair, 40))} is not key=value; expected an assumption key, "=", and a number (see --list-assumptions)` });
      continue;
    }
    const key = pair.slice(0, eq).trim();
    const field = `${flag} ${clipName(key)}`;
    if (!assumptionSpec(key)) {
      errors.push(unknownAssumptionError(key, field));
      continue;
    }
    if (out[key as AssumptionKey] !== undefined) {
      errors.push({ field, message: 'is given more than once; give each assumption once' });
      continue;
    }
    const r = parseAssumptionText(key as AssumptionKey, pair.slice(eq + 1), field);
    if (r.ok) out[key as AssumptionKey] = r.value;
    else errors.push(...r.errors);
  }
  return errors.length ? fail(errors) : ok(changedAssumptions(out));
}

/** The assumptions as `--list-assumptions` prints them: key, label, value, min, max, source. */
export function assumptionList(): { key: AssumptionKey; label: string; value: number; min: number; max: number; source: string; calibrated: boolean }[] {
  return ASSUMPTION_KEYS.map((key) => {
    const a: Assumption = ASSUMPTIONS[key];
    return { key, label: a.label, value: a.value, min: a.min, max: a.max, source: a.source, calibrated: a.calibrated === true };
  });
}
