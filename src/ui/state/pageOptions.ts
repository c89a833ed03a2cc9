import { checkAnalysisSize, checkRunMemory, clipName, formatErrors, type FieldError } from '../../engine';
import { isListedKey } from '../../engine/io/urlState';
import { VIEWS, type View } from './views';
import { BASE_ASSUMPTION_PREFIX, PAGE_LINK_KEYS, queryPairs } from './linkState';
import { WORLD_TRIALS } from '../../engine';

/**
 * The page's own keys in its address, beside the run's (levers, seed, trials: see the engine's
 * `urlState.ts`, which skips these): `view=` the open tab, and `workers=N`, the number of workers
 * for runs and analyses (so tests can compare one worker with several). Decoded here; the address
 * is read once, for all its parts, by address.ts. The keys that keep what the page shows (preset,
 * baseline, compare list, threshold) are linkState.ts's.
 */
export const PAGE_KEYS = ['view', 'workers', 'worlds', 'worldTrials', ...PAGE_LINK_KEYS, BASE_ASSUMPTION_PREFIX] as const;

/** Whether `key` is one of the page's own keys (not run state): PAGE_KEYS, `base.a.` a prefix. */
export function isPageKey(key: string): boolean {
  return isListedKey(key, PAGE_KEYS);
}


export interface PageOptions {
  /** The tab to open; null when the address names none or names one that does not exist. */
  view: View | null;
  /** Workers for runs and analyses (a whole number ≥ 1); null: the machine's default. */
  workers: number | null;
}

/** The page options in a query string (with or without "?"); a bad value counts as absent. */
export function parsePageOptions(search: string | URLSearchParams): PageOptions {
  const q = queryPairs(search);
  const view = q.get('view');
  const w = Number(q.get('workers') ?? NaN);
  return {
    view: view !== null && (VIEWS as readonly string[]).includes(view) ? (view as View) : null,
    workers: Number.isInteger(w) && w >= 1 ? w : null,
  };
}

/** The options as query text to append to a run's query: "" or "&view=…&workers=…". */
export function pageQuery(options: PageOptions): string {
  let out = '';
  if (options.view !== null) out += `&view=${options.view}`;
  if (options.workers !== null) out += `&workers=${options.workers}`;
  return out;
}

/** How many plausible worlds, and trials in each, the page runs a package across (headline band, robustness view). */
export interface WorldsOptions {
  /** Worlds used: the first this many of the worlds file (all if it has fewer). */
  worlds: number;
  /** Trials per world. */
  trials: number;
}

/** The page's defaults: 100 worlds × WORLD_TRIALS (1,000) trials (enough to read p10 and p90; about 1 s on 2 workers). */
export const DEFAULT_WORLDS_OPTIONS: WorldsOptions = { worlds: 100, trials: WORLD_TRIALS };

/** The allowed ranges of `worlds=` and `worldTrials=`. */
export const WORLDS_RANGE = { min: 0, max: 1_000 } as const;
export const WORLD_TRIALS_RANGE = { min: 100, max: 100_000 } as const;

/**
 * `worlds=N` (0–1,000) and `worldTrials=N` (100–100,000) in the address: page-only options, so a
 * test can run a few worlds with few trials; `worlds=0` turns the headline's band off (the chart
 * snapshots, which must not depend on the worlds file). Plain decimal digits only (no hex, no
 * exponent, not empty); a bad value keeps the default and is reported, naming the key and the range.
 * `available` is the number of worlds in the worlds file: asking for more uses them all, and says so.
 */
export function decodeWorldsOptions(search: string | URLSearchParams, available = Infinity): { options: WorldsOptions; errors: FieldError[] } {
  const q = queryPairs(search);
  const errors: FieldError[] = [];
  const whole = (key: string, range: { min: number; max: number }, dflt: number) => {
    const text = q.get(key);
    if (text === null) return dflt;
    const v = /^[0-9]{1,7}$/.test(text) ? Number(text) : NaN;
    if (v >= range.min && v <= range.max) return v;
    const what = text === '' ? 'is empty' : `${JSON.stringify(clipName(text))} is not allowed`;
    errors.push({ field: key, message: `${what}; expected a whole number from ${range.min.toLocaleString('en-GB')} to ${range.max.toLocaleString('en-GB')} (the default, ${dflt.toLocaleString('en-GB')}, is used)` });
    return dflt;
  };
  const worlds = whole('worlds', WORLDS_RANGE, DEFAULT_WORLDS_OPTIONS.worlds);
  const trials = whole('worldTrials', WORLD_TRIALS_RANGE, DEFAULT_WORLDS_OPTIONS.trials);
  if (worlds > available) errors.push({ field: 'worlds', message: `${worlds} is more than the ${available} plausible worlds there are; all ${available} are used` });
  return { options: { worlds: Math.min(worlds, available), trials }, errors };
}

/** The worlds options alone (bad values at their defaults): see decodeWorldsOptions. */
export function parseWorldsOptions(search: string): WorldsOptions {
  return decodeWorldsOptions(search).options;
}

/** The worlds options as query pairs, only where they differ from the defaults (so a rewritten address keeps them). */
export function worldsQuery(o: WorldsOptions): [string, string][] {
  const out: [string, string][] = [];
  if (o.worlds !== DEFAULT_WORLDS_OPTIONS.worlds) out.push(['worlds', String(o.worlds)]);
  if (o.trials !== DEFAULT_WORLDS_OPTIONS.trials) out.push(['worldTrials', String(o.trials)]);
  return out;
}

/**
 * The command line's limits on work across worlds, for the page: `runs` simulations (packages ×
 * worlds) of `trials` trials each must stay within MAX_ANALYSIS_TRIALS, and one world's run must
 * fit the memory the browser can spare. Returns null when it may start, else why not (in words).
 */
export function worldsSizeProblem(runs: number, trials: number, budgetBytes: number): string | null {
  const size = checkAnalysisSize(runs, trials, 'runs', 'trials per world');
  if (!size.ok) return formatErrors(size.errors, '; ');
  const memory = checkRunMemory(trials, budgetBytes);
  return memory.ok ? null : formatErrors(memory.errors.map((e) => ({ ...e, field: 'trials per world' })), '; ');
}
