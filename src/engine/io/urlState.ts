import { LEVERS, defaultLevers, leverSpec, type Levers } from '../levers';
import { RUN_SETTINGS, type RunInput } from '../runSettings';
import type { FieldError } from './fieldErrors';
import { ENGINE_VERSION } from '../version';
import { checkSeed, clipName, parseLeverText, parseTrialsText, unknownLeverError } from './validate';
import { assumptionSpec, parseAssumptionText, unknownAssumptionError } from './assumptionInput';
import { changedAssumptions, type AssumptionKey, type AssumptionValues } from '../model/assumptions';

/**
 * The run's state in a URL query string, so that a link reproduces a run exactly:
 * `v=1&engine=…&seed=…&trials=…&<lever key>=<value>…&a.<assumption key>=<value>…`. Only levers and
 * assumptions that differ from the defaults are written; missing keys take their defaults. Pure: no DOM (callers pass `location.search`).
 * A page may add keys of its own (its view, say): it names them to `decodeUrlState`, which skips them.
 */

/** The URL format version written by `encodeUrlState`. Bump it if a key's meaning ever changes. */
export const URL_FORMAT_VERSION = 1;

export interface DecodedUrlState {
  state: RunInput;
  /** Problems with the query, one per bad field; each bad field fell back to its default. */
  errors: FieldError[];
  /** The engine version the link was written with (`engine=`), or null if it has none. */
  engine: string | null;
}

/**
 * The query string (without "?") for a state: format version, engine version, seed, trials,
 * non-default levers. The engine version lets a page warn that an old link's figures may differ.
 */
export function encodeUrlState(state: RunInput, base: Levers = defaultLevers()): string {
  const q = new URLSearchParams();
  q.set('v', String(URL_FORMAT_VERSION));
  q.set('engine', ENGINE_VERSION);
  q.set('seed', state.seed);
  q.set('trials', String(state.trials));
  for (const l of LEVERS) {
    const v = state.levers[l.key];
    if (v !== base[l.key]) q.set(l.key, String(v));
  }
  for (const [k, v] of Object.entries(changedAssumptions(state.assumptions ?? {}))) q.set(`${ASSUMPTION_PREFIX}${k}`, String(v));
  return q.toString();
}

/** The prefix of an assumption's key in a link: `a.euWarCost=0.3`. */
export const ASSUMPTION_PREFIX = 'a.';

/** Keys of the query that the engine reads besides the levers. */
const RUN_KEYS = new Set(['v', 'seed', 'trials', 'engine']);

/** Whether `key` is one of `keys`, or starts with one of them that ends in "." (a prefix). */
export function isListedKey(key: string, keys: readonly string[]): boolean {
  return keys.some((k) => k === key || (k.endsWith('.') && key.startsWith(k)));
}

/**
 * Decode a query string (with or without "?"). Never throws: every bad field is reported (named,
 * with its value and what is allowed) and takes its default, the good fields are kept.
 * An empty query gives the defaults with no errors. `pageKeys` are keys the caller reads itself
 * (e.g. the page's `view`): skipped, not reported as unknown levers. An entry ending in "." is a
 * prefix: `base.a.` skips every `base.a.<key>`.
 */
export function decodeUrlState(search: string, pageKeys: readonly string[] = []): DecodedUrlState {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const errors: FieldError[] = [];
  const levers = defaultLevers() as unknown as Record<string, unknown>;
  let trials: number = RUN_SETTINGS.trials.default;
  let seed: string = RUN_SETTINGS.seed.default;
  const assumptions: AssumptionValues = {};
  const keys = [...q.keys()];
  if (keys.length > 0) {
    const v = q.get('v');
    // A link without `v` (say, typed by hand) is read as the current format, without complaint.
    if (v !== null && v !== String(URL_FORMAT_VERSION)) {
      errors.push({ field: 'v', message: `${JSON.stringify(clipName(v))} is not a known link format; expected ${URL_FORMAT_VERSION} (read as version ${URL_FORMAT_VERSION})` });
    }
  }
  const seen = new Set<string>();
  for (const [key, text] of q.entries()) {
    if (seen.has(key)) {
      errors.push({ field: clipName(key), message: 'appears more than once; the first value is used' });
      continue;
    }
    seen.add(key);
    if (key === 'trials') {
      const r = parseTrialsText(text);
      if (r.ok) trials = r.value;
      else errors.push(...r.errors);
      continue;
    }
    if (key === 'seed') {
      const r = checkSeed(text);
      if (r.ok) seed = r.value;
      else errors.push(...r.errors);
      continue;
    }
    if (RUN_KEYS.has(key) || isListedKey(key, pageKeys)) continue;
    if (key.startsWith(ASSUMPTION_PREFIX)) {
      const name = key.slice(ASSUMPTION_PREFIX.length);
      if (!assumptionSpec(name)) {
        errors.push(unknownAssumptionError(name, clipName(key)));
        continue;
      }
      const r = parseAssumptionText(name as AssumptionKey, text, clipName(key));
      if (r.ok) assumptions[name as AssumptionKey] = r.value;
      else errors.push(...r.errors);
      continue;
    }
    const spec = leverSpec(key);
    if (!spec) {
      errors.push(unknownLeverError(key));
      continue;
    }
    const r = parseLeverText(spec, text);
    if (r.ok) levers[key] = r.value;
    else errors.push(...r.errors);
  }
  const engine = q.get('engine');
  const changed = changedAssumptions(assumptions);
  const state: RunInput = { levers: levers as unknown as Levers, trials, seed };
  if (Object.keys(changed).length) state.assumptions = changed;
  return { state, errors, engine: engine === null ? null : clipName(engine) };
}
