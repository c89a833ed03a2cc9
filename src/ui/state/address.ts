import { type FieldError, type RunInput } from '../../engine';
import { decodeUrlState, encodeUrlState } from '../../engine/io/urlState';
import { PLAUSIBLE_WORLDS } from './worldsFile';
import { decodePageLink, encodePageLink, EMPTY_LINK, queryPairs, type PageLink } from './linkState';
import { PAGE_KEYS, decodeWorldsOptions, isPageKey, pageQuery, parsePageOptions, worldsQuery, type PageOptions, type WorldsOptions } from './pageOptions';
import type { Named } from './scenarioName';
import type { View } from './views';

/**
 * The page's address, read and written in one place. Reading parses the query once into all the
 * page reads from it: the run (levers, assumptions, seed, trials: the engine's codec, urlState.ts,
 * which the command line shares), the page options (view, workers), the plausible worlds' options
 * and what a link keeps beyond the run (linkState.ts). Writing makes the query from the same parts
 * and replaces the address only when the query changed.
 */
export interface Address {
  /** The run the address names (its defaults where it names none or a bad value). */
  run: RunInput;
  /** Whether the address carries run state (a shared link) rather than only page keys. */
  hasRun: boolean;
  /** The engine version the link was written with (`engine=`), or null. */
  engine: string | null;
  options: PageOptions;
  worlds: WorldsOptions;
  link: PageLink;
  /** Problems with the run's keys (each named with its field and what it accepts). */
  runErrors: FieldError[];
  /** Problems with the page's own keys: the worlds options, then the link's keys. */
  pageErrors: FieldError[];
}

/** Each problem once (a key repeated three times is one problem, not two). */
export function uniqueErrors(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.field}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Does the query carry run state (a shared link: levers, seed, trials, format version…)? The page's
 * own keys (view, workers, the link's keys) are not run state: a query of only these does not
 * override the store.
 */
export function hasRunState(search: string | URLSearchParams): boolean {
  for (const k of queryPairs(search).keys()) if (!isPageKey(k)) return true;
  return false;
}

/**
 * Read everything the page takes from its address, once. Never throws: every bad field is reported
 * (named, with what it accepts) and takes its default; a repeated key uses its first value and is
 * reported once. `presets` are the bundled presets a link may name; `availableWorlds` the worlds in
 * the worlds file.
 */
export function readAddress(search: string, presets: readonly Named[] = [], availableWorlds: number = PLAUSIBLE_WORLDS): Address {
  // The run's keys by the engine's codec (the command line's); the page's own from the same pairs.
  const { state, errors, engine } = decodeUrlState(search, PAGE_KEYS);
  const q = queryPairs(search);
  const worlds = decodeWorldsOptions(q, availableWorlds);
  const link = decodePageLink(q, presets);
  return {
    run: state,
    hasRun: hasRunState(q),
    engine,
    options: parsePageOptions(q),
    worlds: worlds.options,
    link: link.link,
    runErrors: uniqueErrors(errors),
    pageErrors: uniqueErrors([...worlds.errors, ...link.errors]),
  };
}

/**
 * An address with the run (and view) kept in this browser instead, its page keys and their problems
 * as they were (see Persistence.restore). Only an address without run state is given a kept run, so
 * its only run-key problems are page keys given twice: still reported.
 */
export function withRun(address: Address, run: RunInput, view: View | null): Address {
  return { ...address, run, engine: null, options: { ...address.options, view } };
}

/** What the page writes to its address. */
export interface AddressParts {
  run: RunInput;
  /** The open view ('explore' is the default and not written). */
  view: View;
  /** What the page shows beyond the run (see linkState.ts); none by default. */
  link?: PageLink;
  /** The worlds options (written only where they differ from the defaults). */
  worlds?: WorldsOptions;
}

/** The query of the run alone (v, engine, seed, trials, changed levers and assumptions). */
export function runQuery(run: RunInput): string {
  return encodeUrlState(run);
}

/** The query string (without "?") for what the page shows: the run, the view, the link's keys, the worlds options. */
export function serializeAddress(parts: AddressParts): string {
  const page = encodePageLink(parts.link ?? EMPTY_LINK).concat(parts.worlds ? worldsQuery(parts.worlds) : []);
  const extra = page.length ? `&${new URLSearchParams(page).toString()}` : '';
  return runQuery(parts.run) + pageQuery({ view: parts.view === 'explore' ? null : parts.view, workers: null }) + extra;
}

/** The page's location and history, as writeAddress needs them (the browser's by default). */
export interface AddressBar {
  location: Pick<Location, 'pathname' | 'search' | 'hash'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

/** Put `query` in the address bar (history.replaceState) if it differs from the query there; true if it was written. */
export function writeAddress(query: string, bar: AddressBar = { location: globalThis.location, history: globalThis.history }): boolean {
  const { location: loc, history: hist } = bar;
  if (`?${query}` === loc.search || (query === '' && loc.search === '')) return false;
  hist.replaceState(hist.state, '', `${loc.pathname}?${query}${loc.hash}`);
  return true;
}
