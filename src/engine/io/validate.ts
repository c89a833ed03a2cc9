import { didYouMean } from './didYouMean';
import { describeAllowed, formatNumber } from './format';
import { LEVER_KEYS, defaultLevers, leverSpec, type LeverSpec, type Levers } from '../levers';
import { RUN_SETTINGS, type RunSettings } from '../runSettings';
import { fail, ok, type FieldError, type Result } from './fieldErrors';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
// Plain decimal numbers only: no hex, no empty string, no "Infinity" (Number() accepts all three).
const NUMBER_RE = /^[+-]?(\d+(_\d{3})*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// C0 and C1 control characters, and UTF-16 halves without their pair (a lone surrogate becomes
// U+FFFD in a URL or a file, so a seed holding one would not survive a link).
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Terminal controls: C0 (ESC starts an escape sequence, BEL ends a title-setting one), DEL and C1
// (U+009B is an 8-bit CSI), and the bidirectional overrides and isolates that reorder what is shown.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Whether text holds a character that is not printable: a C0 or C1 control, DEL, or half of a
 * UTF-16 pair without the other (the rule seeds follow; titles follow it too).
 */
export function hasUnprintable(text: string): boolean {
  return NOT_PRINTABLE.test(text);
}

/**
 * Text from the input made safe to print to a terminal: every control character (ESC, BEL, CSI,
 * DEL…) and bidirectional override becomes a visible escape (`\u001b`), so a title cannot set the
 * window's title, clear the screen or reorder a line. Line feeds are kept when `keepNewlines` (a
 * table's own lines); a lone UTF-16 half is shown as `\ud800`.
 */
export function escapeControls(text: string, keepNewlines = false): string {
  const esc = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return text
    .replace(TERMINAL_CONTROL, (c) => (keepNewlines && c === '\n' ? c : esc(c)))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, esc);
}

/**
 * A name or value from the input, quoted for a message: clipped to `max` characters, in JSON
 * quotes, controls escaped. The empty text is `""` (not `"\"\""`, which clipName's field form
 * would give inside quotes).
 */
export function quoteName(name: string, max = 80): string {
  return escapeControls(JSON.stringify(name.length > max ? `${name.slice(0, max)}…` : name));
}

/**
 * A refused value as it was given, so the message shows what is wrong: a number exactly (String:
 * the shortest text that reads back as the same double, "1.0000000000000002", "-5e-324", "-0"),
 * never rounded ("1" would not say why 1.0000000000000002 is out of 0–1).
 */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** A refused value as it was given (exported for the assumptions' checks, which word refusals alike). */
export const showValue = show;

/**
 * Read a plain decimal typed as text ("30000", "30_000", "0.4", "1e5"): the number and the text as
 * a refusal should show it, or why it is refused: hex, "Infinity" and empty text are not numbers,
 * and a decimal that overflows ("1e999") is out of range. Levers and assumptions read text alike.
 */
export function parseNumberText(text: string): { ok: true; value: number; shown: string } | { ok: false; shown: string; why: 'is not a number' | 'is out of range' } {
  const t = text.trim();
  const shown = showTyped(text);
  if (!NUMBER_RE.test(t)) return { ok: false, shown, why: 'is not a number' };
  const n = Number(t.replaceAll('_', ''));
  return Number.isFinite(n) ? { ok: true, value: n, shown } : { ok: false, shown, why: 'is out of range' };
}

/** Text typed by a user, shown as typed (trimmed, clipped): a number unquoted, other text quoted. */
function showTyped(text: string): string {
  const t = text.trim();
  const clipped = t.length > 40 ? t.slice(0, 40) + '…' : t;
  return NUMBER_RE.test(t) ? clipped : JSON.stringify(clipped);
}

function wrong(spec: LeverSpec, value: unknown, why = 'is not allowed', shown = show(value)): FieldError {
  return { field: spec.key, message: `${shown} ${why}; expected ${describeAllowed(spec)}` };
}

/**
 * Check one lever value that arrived typed (scenario JSON, worker messages). Numbers must be finite
 * numbers in range, booleans booleans, choices one of the options, months `YYYY-MM` in range.
 */
export function checkLeverValue(spec: LeverSpec, value: unknown): Result<unknown> {
  return checkLever(spec, value);
}

/** checkLeverValue, naming a refused value as `shown` (the text typed) when given. */
function checkLever(spec: LeverSpec, value: unknown, shown?: string): Result<unknown> {
  const no = (why: string) => fail([wrong(spec, value, why, shown)]);
  switch (spec.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return no('is not a number');
      if (value < spec.min || value > spec.max) return no('is out of range');
      if (spec.integer && !Number.isInteger(value)) return no('is not a whole number');
      // -0 is 0: it would otherwise print as "-0" and differ from the default 0 under Object.is.
      return ok(value === 0 ? 0 : value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : no('is not a boolean');
    case 'choice':
      return typeof value === 'string' && spec.options.some((o) => o.value === value) ? ok(value) : no('is not an option');
    case 'month': {
      if (typeof value !== 'string' || !MONTH_RE.test(value)) return no('is not a month');
      if (value < spec.min || value > spec.max) return no('is out of range');
      return ok(value);
    }
    default:
      return spec satisfies never;
  }
}

/**
 * Parse a lever value written as text (command line `--set`, URL query) and check it.
 * Booleans accept true/false, on/off, yes/no, 1/0; numbers plain decimals (`30000`, `30_000`, `0.4`, `1e5`).
 */
export function parseLeverText(spec: LeverSpec, text: string): Result<unknown> {
  const t = text.trim();
  switch (spec.kind) {
    case 'number': {
      const n = parseNumberText(text);
      // "1e999" is a decimal that overflows to Infinity: name the text, not Infinity.
      if (!n.ok) return fail([n.why === 'is not a number' ? wrong(spec, text, n.why) : wrong(spec, text, n.why, n.shown)]);
      // Named as typed: "1.0000000000000002", not the "1" it would round to.
      return checkLever(spec, n.value, n.shown);
    }
    case 'boolean': {
      const v = t.toLowerCase();
      if (['true', 'on', 'yes', '1'].includes(v)) return ok(true);
      if (['false', 'off', 'no', '0'].includes(v)) return ok(false);
      return fail([wrong(spec, text, 'is not a boolean')]);
    }
    case 'choice':
    case 'month':
      return checkLeverValue(spec, t);
    default:
      return spec satisfies never;
  }
}

/** The error for a key that is not a lever, with a suggestion when one is close. */
export function unknownLeverError(key: string, field = clipName(key)): FieldError {
  const guess = didYouMean(key, LEVER_KEYS);
  return {
    field,
    message: `unknown lever ${quoteName(key)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
  };
}

/**
 * A name from the input as a field name: shortened (a 100,000-character key would drown the rest),
 * and `""` for the empty name.
 */
export function clipName(name: string, max = 80): string {
  if (name === '') return '""';
  return name.length > max ? `${name.slice(0, max)}…` : name;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Resolve a partial set of typed levers over `base` (the defaults unless given). Every problem is
 * reported, not just the first; unknown keys are errors with a "did you mean".
 */
export function resolveLevers(partial: unknown, base: Levers = defaultLevers()): Result<Levers> {
  if (!isPlainObject(partial)) {
    return fail([{ field: 'levers', message: `expected an object of lever values, got ${show(partial)}` }]);
  }
  const out: Record<string, unknown> = { ...base };
  const errors: FieldError[] = [];
  for (const key of Object.keys(partial)) {
    const spec = leverSpec(key);
    if (!spec) {
      errors.push(unknownLeverError(key));
      continue;
    }
    const r = checkLeverValue(spec, partial[key]);
    if (r.ok) out[key] = r.value;
    else errors.push(...r.errors);
  }
  return errors.length ? fail(errors) : ok(out as unknown as Levers);
}

/** Check a trial count (whole number, 100–1,000,000); a refusal names `shown` (the text typed) if given. */
export function checkTrials(value: unknown, shown = show(value)): Result<number> {
  const { min, max } = RUN_SETTINGS.trials;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return fail([
      { field: 'trials', message: `${shown} is not allowed; expected a whole number from ${formatNumber(min)}–${formatNumber(max)}` },
    ]);
  }
  return ok(value);
}

/**
 * Parse a trial count typed as text (the page's field, the URL): ASCII digits, optionally grouped in
 * threes with commas or underscores ("10,000", "10_000"), surrounding spaces ignored; then checkTrials.
 */
export function parseTrialsText(text: string): Result<number> {
  const t = text.trim();
  if (!/^\d+$|^\d{1,3}([,_]\d{3})+$/.test(t)) return checkTrials(text);
  // Named as typed ("1,000,001"), not as the number read from it.
  return checkTrials(Number(t.replace(/[,_]/g, '')), t.length > 40 ? t.slice(0, 40) + '…' : t);
}

/** Check a seed: any non-empty string of at most 64 printable characters. */
export function checkSeed(value: unknown): Result<string> {
  const { maxLength } = RUN_SETTINGS.seed;
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || NOT_PRINTABLE.test(value)) {
    return fail([
      { field: 'seed', message: `${show(value)} is not allowed; expected 1–${maxLength} printable characters` },
    ]);
  }
  return ok(value);
}

/** Check run settings given as a partial object (missing ones take their defaults). */
export function resolveRunSettings(partial: { trials?: unknown; seed?: unknown }): Result<RunSettings> {
  const errors: FieldError[] = [];
  const t = partial.trials === undefined ? ok<number>(RUN_SETTINGS.trials.default) : checkTrials(partial.trials);
  const s = partial.seed === undefined ? ok<string>(RUN_SETTINGS.seed.default) : checkSeed(partial.seed);
  if (!t.ok) errors.push(...t.errors);
  if (!s.ok) errors.push(...s.errors);
  return t.ok && s.ok ? ok({ trials: t.value, seed: s.value }) : fail(errors);
}
