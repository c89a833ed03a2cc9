import { VIEWS, type View } from './views';
import { PAGE_LINK_KEYS } from './linkState';
import { WORLD_TRIALS } from '../../engine';

/**
 * The page's own keys in its address, beside the run's (levers, seed, trials: see the engine's
 * `urlState.ts`, which skips these): `view=` the open tab, and `workers=N`, the number of workers
 * for runs and analyses (so tests can compare one worker with several). Parsed here, once. The keys
 * that keep what the page shows (preset, baseline, compare list, threshold) are linkState.ts's.
 */
export const PAGE_KEYS = ['view', 'workers', 'worlds', 'worldTrials', ...PAGE_LINK_KEYS] as const;

export interface PageOptions {
  /** The tab to open; null when the address names none or names one that does not exist. */
  view: View | null;
  /** Workers for runs and analyses (a whole number ≥ 1); null: the machine's default. */
  workers: number | null;
}

/** The page options in a query string (with or without "?"); a bad value counts as absent. */
export function parsePageOptions(search: string): PageOptions {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
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

/**
 * `worlds=N` (0–1,000) and `worldTrials=N` (100–100,000) in the address: page-only options, so a
 * test can run a few worlds with few trials; `worlds=0` turns the headline's band off (the chart
 * snapshots, which must not depend on the worlds file). A bad or missing value keeps the default.
 */
export function parseWorldsOptions(search: string): WorldsOptions {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const whole = (key: string, min: number, max: number, dflt: number) => {
    const v = Number(q.get(key) ?? NaN);
    return Number.isInteger(v) && v >= min && v <= max ? v : dflt;
  };
  return { worlds: whole('worlds', 0, 1_000, DEFAULT_WORLDS_OPTIONS.worlds), trials: whole('worldTrials', 100, 100_000, DEFAULT_WORLDS_OPTIONS.trials) };
}
