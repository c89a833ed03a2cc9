import {
  ASSUMPTION_KEYS,
  LEVERS,
  assumptionSet,
  assumptionSpec,
  changedAssumptions,
  checkSeed,
  clipName,
  defaultLevers,
  leverSpec,
  parseAssumptionText,
  parseLeverText,
  parseTrialsText,
  unknownAssumptionError,
  unknownLeverError,
  type AssumptionKey,
  type AssumptionValues,
  type FieldError,
  type Levers,
} from '../../engine';
import type { Named } from './scenarioName';
import { THRESHOLD_POINTS } from './threshold';

/**
 * What a link keeps beyond the run's inputs, so that it opens on what its author saw: the loaded
 * preset and whether it was modified, the pinned baseline, the compare list and its reference, and
 * the results sentence's threshold. Page-only keys (the engine's link keeps levers, seed and trials):
 *
 * - `preset=<id>` the loaded preset; `modified=1` when the levers differ from it (shown in the link
 *   for people; the page works it out from the levers again).
 * - `base=<scenario>` the pinned baseline, with `baseSeed=` / `baseTrials=` when they differ from the run's,
 *   and `base.a.<assumption>=<value>` for each model assumption whose value in the baseline differs
 *   from the run's (the calibrated default written out when the run changed it and the baseline did
 *   not): the baseline is a whole run (levers, assumptions, seed, trials), so a link reproduces it.
 * - `cmp=<scenario>|<scenario>|…` the compare list (at most six, each once); `ref=<n>` its reference
 *   (1-based, counted in the link's own list, so a bad or repeated entry before it does not shift it).
 * - `matter=<points>` the smallest difference that matters, when not the default 2.
 *
 * A `<scenario>` is a preset's id, `current` (the page's levers, compare list only), or `~` followed
 * by the levers that differ from the defaults as `key:value` pairs joined by `,` (`~` alone: all
 * defaults). Saved scenarios live in one browser, so a link carries their levers, not their id.
 */

/** One scenario as a link names it. */
export type LinkScenario = { kind: 'preset'; id: string } | { kind: 'current' } | { kind: 'levers'; levers: Levers };

export interface PageLink {
  preset: string | null;
  modified: boolean;
  /**
   * The pinned baseline. `seed`/`trials` null: the run's. `assumptions`: the values of the model
   * assumptions where the baseline differs from the run (the rest are the run's); see baselineAssumptions.
   */
  baseline: { scenario: LinkScenario; seed: string | null; trials: number | null; assumptions: AssumptionValues } | null;
  compare: LinkScenario[];
  /** Index into `compare` of the reference; null for the first. */
  reference: number | null;
  /** The threshold as a share (0.02 = 2 points); null for the default. */
  threshold: number | null;
}

export const EMPTY_LINK: PageLink = { preset: null, modified: false, baseline: null, compare: [], reference: null, threshold: null };

/** A query's pairs: a query string (with or without "?") parsed, or pairs parsed already (address.ts parses once). */
export function queryPairs(search: string | URLSearchParams): URLSearchParams {
  return typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
}

/** The query keys this module reads and writes. */
export const PAGE_LINK_KEYS = ['preset', 'modified', 'base', 'baseSeed', 'baseTrials', 'cmp', 'ref', 'matter'] as const;

/** The prefix of the baseline's assumptions in a link: `base.a.euWarCost=0.5`. */
export const BASE_ASSUMPTION_PREFIX = 'base.a.';

/** Whether `key` is one of this module's query keys (the fixed ones or a baseline assumption). */
export function isPageLinkKey(key: string): boolean {
  return (PAGE_LINK_KEYS as readonly string[]).includes(key) || key.startsWith(BASE_ASSUMPTION_PREFIX);
}

/** The baseline's model assumptions (changes from the defaults): the run's, with the link's own values over them. */
export function baselineAssumptions(overrides: AssumptionValues, run: AssumptionValues = {}): AssumptionValues {
  return changedAssumptions({ ...run, ...overrides });
}

/** The baseline's assumption values that differ from the run's (the default written out where only the run changed it). */
export function assumptionOverrides(baseline: AssumptionValues = {}, run: AssumptionValues = {}): AssumptionValues {
  const b = assumptionSet(baseline);
  const r = assumptionSet(run);
  const out: AssumptionValues = {};
  for (const k of ASSUMPTION_KEYS) if (b[k] !== r[k]) out[k] = b[k];
  return out;
}

const MAX_COMPARE_IN_LINK = 6;

/** A scenario as link text. */
export function scenarioToken(s: LinkScenario): string {
  if (s.kind === 'preset') return s.id;
  if (s.kind === 'current') return 'current';
  const d = defaultLevers();
  return `~${LEVERS.filter((l) => s.levers[l.key] !== d[l.key])
    .map((l) => `${l.key}:${String(s.levers[l.key])}`)
    .join(',')}`;
}

/** Read one scenario token; `field` names it in errors ("base", "cmp 2"). */
export function parseScenarioToken(text: string, field: string, presets: readonly Named[], allowCurrent: boolean): { value: LinkScenario | null; errors: FieldError[] } {
  if (text === 'current') {
    return allowCurrent ? { value: { kind: 'current' }, errors: [] } : { value: null, errors: [{ field, message: '"current" names the page\'s own levers and cannot be the baseline; expected a preset id or ~levers' }] };
  }
  if (!text.startsWith('~')) {
    if (presets.some((p) => p.id === text)) return { value: { kind: 'preset', id: text }, errors: [] };
    const ids = presets.map((p) => p.id).join(', ');
    return { value: null, errors: [{ field, message: `${JSON.stringify(clipName(text))} is not a preset; expected one of ${ids}, current, or ~key:value,… levers` }] };
  }
  const levers = defaultLevers() as unknown as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const pair of text.slice(1).split(',').filter(Boolean)) {
    const colon = pair.indexOf(':');
    const key = colon < 0 ? pair : pair.slice(0, colon);
    const spec = leverSpec(key);
    if (!spec) {
      const e = unknownLeverError(key);
      errors.push({ field: `${field}: ${e.field}`, message: e.message });
      continue;
    }
    if (colon < 0) {
      errors.push({ field: `${field}: ${key}`, message: 'has no value; expected key:value' });
      continue;
    }
    const r = parseLeverText(spec, pair.slice(colon + 1));
    if (r.ok) levers[key] = r.value;
    else errors.push(...r.errors.map((e) => ({ field: `${field}: ${e.field}`, message: e.message })));
  }
  // A scenario with a bad lever is dropped whole: half of it would be a different scenario.
  return errors.length ? { value: null, errors } : { value: { kind: 'levers', levers: levers as unknown as Levers }, errors };
}

/** The page-only part of a query (pairs in a fixed order; only what differs from an empty link). */
export function encodePageLink(link: PageLink): [string, string][] {
  const out: [string, string][] = [];
  if (link.preset) {
    out.push(['preset', link.preset]);
    if (link.modified) out.push(['modified', '1']);
  }
  if (link.baseline) {
    out.push(['base', scenarioToken(link.baseline.scenario)]);
    if (link.baseline.seed !== null) out.push(['baseSeed', link.baseline.seed]);
    if (link.baseline.trials !== null) out.push(['baseTrials', String(link.baseline.trials)]);
    for (const k of ASSUMPTION_KEYS) {
      const v = link.baseline.assumptions[k];
      if (v !== undefined) out.push([`${BASE_ASSUMPTION_PREFIX}${k}`, String(v)]);
    }
  }
  if (link.compare.length) {
    out.push(['cmp', link.compare.slice(0, MAX_COMPARE_IN_LINK).map(scenarioToken).join('|')]);
    if (link.reference !== null && link.reference > 0) out.push(['ref', String(link.reference + 1)]);
  }
  if (link.threshold !== null) out.push(['matter', String(+(link.threshold * 100).toFixed(2))]);
  return out;
}

/**
 * Read the page-only keys of a query. Never throws: a bad field is reported (named, with what is
 * allowed) and left out; the rest is kept.
 */
export function decodePageLink(search: string | URLSearchParams, presets: readonly Named[]): { link: PageLink; errors: FieldError[] } {
  const q = queryPairs(search);
  const errors: FieldError[] = [];
  const link: PageLink = { ...EMPTY_LINK, compare: [] };
  const preset = q.get('preset');
  if (preset !== null) {
    if (presets.some((p) => p.id === preset)) link.preset = preset;
    else errors.push({ field: 'preset', message: `${JSON.stringify(clipName(preset))} is not a preset; expected one of ${presets.map((p) => p.id).join(', ')}` });
  }
  const modified = q.get('modified');
  if (modified !== null) {
    if (modified === '1' || modified === '0') link.modified = modified === '1' && link.preset !== null;
    else errors.push({ field: 'modified', message: `${JSON.stringify(clipName(modified))} is not allowed; expected 1 or 0` });
  }
  const base = q.get('base');
  if (base !== null) {
    const r = parseScenarioToken(base, 'base', presets, false);
    errors.push(...r.errors);
    if (r.value) {
      let seed: string | null = null;
      let trials: number | null = null;
      const bs = q.get('baseSeed');
      if (bs !== null) {
        const s = checkSeed(bs);
        if (s.ok) seed = s.value;
        else errors.push(...s.errors.map((e) => ({ ...e, field: 'baseSeed' })));
      }
      const bt = q.get('baseTrials');
      if (bt !== null) {
        const t = parseTrialsText(bt);
        if (t.ok) trials = t.value;
        else errors.push(...t.errors.map((e) => ({ ...e, field: 'baseTrials' })));
      }
      link.baseline = { scenario: r.value, seed, trials, assumptions: decodeBaseAssumptions(q, errors) };
    }
  } else {
    for (const key of new Set(q.keys())) {
      if (key.startsWith(BASE_ASSUMPTION_PREFIX)) errors.push({ field: clipName(key), message: 'belongs to a pinned baseline, but the link has no base=; ignored' });
    }
  }
  const cmp = q.get('cmp');
  /** For each token of the link's list (1-based in `ref=`): where it went in `link.compare`, or null if left out. */
  const keptAt: (number | null)[] = [];
  if (cmp !== null) {
    const tokens = cmp.split('|').filter(Boolean);
    if (tokens.length > MAX_COMPARE_IN_LINK) errors.push({ field: 'cmp', message: `names ${tokens.length} scenarios; at most ${MAX_COMPARE_IN_LINK} are compared, so the first ${MAX_COMPARE_IN_LINK} are kept` });
    const seen = new Map<string, number>();
    tokens.slice(0, MAX_COMPARE_IN_LINK).forEach((t, i) => {
      const r = parseScenarioToken(t, `cmp ${i + 1}`, presets, true);
      errors.push(...r.errors);
      if (!r.value) {
        keptAt.push(null);
        return;
      }
      // The same scenario twice is one scenario: reported and dropped (the list is keyed by scenario).
      const same = seen.get(scenarioToken(r.value));
      if (same !== undefined) {
        errors.push({ field: `cmp ${i + 1}`, message: `repeats cmp ${same + 1}; each scenario is compared once, so the repeat is dropped` });
        keptAt.push(keptAt[same]);
        return;
      }
      seen.set(scenarioToken(r.value), i);
      keptAt.push(link.compare.length);
      link.compare.push(r.value);
    });
  }
  const ref = q.get('ref');
  if (ref !== null) {
    const n = /^[0-9]{1,2}$/.test(ref) ? Number(ref) : NaN;
    const count = cmp === null ? 0 : Math.min(MAX_COMPARE_IN_LINK, cmp.split('|').filter(Boolean).length);
    const at = Number.isInteger(n) && n >= 1 && n <= count ? keptAt[n - 1] : undefined;
    if (at !== undefined && at !== null) link.reference = at;
    else if (at === null) errors.push({ field: 'ref', message: `${JSON.stringify(clipName(ref))} names cmp ${n}, which was left out (see its problem); the first scenario is the reference` });
    else errors.push({ field: 'ref', message: `${JSON.stringify(clipName(ref))} is not a scenario of the compare list; expected 1–${Math.max(1, count)}` });
  }
  const matter = q.get('matter');
  if (matter !== null) {
    const v = Number(matter);
    if (matter.trim() !== '' && Number.isFinite(v) && v >= THRESHOLD_POINTS.min && v <= THRESHOLD_POINTS.max) link.threshold = v / 100;
    else errors.push({ field: 'matter', message: `${JSON.stringify(clipName(matter))} is out of range; expected ${THRESHOLD_POINTS.min}–${THRESHOLD_POINTS.max} points` });
  }
  return { link, errors };
}

/** The `base.a.<key>` values of a query, each checked like an `a.<key>`; bad ones reported and left out. */
function decodeBaseAssumptions(q: URLSearchParams, errors: FieldError[]): AssumptionValues {
  const out: AssumptionValues = {};
  for (const key of new Set(q.keys())) {
    if (!key.startsWith(BASE_ASSUMPTION_PREFIX)) continue;
    const name = key.slice(BASE_ASSUMPTION_PREFIX.length);
    if (!assumptionSpec(name)) {
      errors.push(unknownAssumptionError(name, clipName(key)));
      continue;
    }
    const r = parseAssumptionText(name as AssumptionKey, q.get(key)!, clipName(key));
    if (r.ok) out[name as AssumptionKey] = r.value;
    else errors.push(...r.errors);
  }
  return out;
}

/** What the page shows, as far as a link keeps it (plain data, so this stays testable without a page). */
export interface PageView {
  /** The loaded scenario's id, if it is a bundled preset (a saved scenario lives in one browser only). */
  loadedPreset: string | null;
  modified: boolean;
  baseline: { levers: Levers; seed: string; trials: number; assumptions?: AssumptionValues } | null;
  run: { seed: string; trials: number; assumptions?: AssumptionValues };
  compare: readonly { kind: 'preset' | 'saved' | 'current' | 'link'; key: string; levers: Levers }[];
  /** Key of the compare reference. */
  reference: string | null;
  threshold: number;
  defaultThreshold: number;
}

/** A scenario as the link names it: a preset whose levers these are, else the levers themselves. */
function asLinkScenario(levers: Levers, presets: readonly Named[]): LinkScenario {
  const d = defaultLevers();
  const same = presets.find((p) => LEVERS.every((l) => (p.resolved[l.key] ?? d[l.key]) === levers[l.key]));
  return same ? { kind: 'preset', id: same.id } : { kind: 'levers', levers };
}

/** The page link for what the page shows. */
export function pageLinkOf(v: PageView, presets: readonly Named[]): PageLink {
  const refIndex = v.compare.findIndex((e) => e.key === v.reference);
  return {
    preset: v.loadedPreset,
    modified: v.loadedPreset !== null && v.modified,
    baseline: v.baseline
      ? {
          scenario: asLinkScenario(v.baseline.levers, presets),
          seed: v.baseline.seed === v.run.seed ? null : v.baseline.seed,
          trials: v.baseline.trials === v.run.trials ? null : v.baseline.trials,
          assumptions: assumptionOverrides(v.baseline.assumptions, v.run.assumptions),
        }
      : null,
    compare: v.compare.map((e) => (e.kind === 'current' ? { kind: 'current' } : e.kind === 'preset' ? { kind: 'preset', id: e.key } : { kind: 'levers', levers: e.levers })),
    reference: refIndex > 0 ? refIndex : null,
    threshold: v.threshold === v.defaultThreshold ? null : v.threshold,
  };
}

/** The levers a link's scenario stands for ("current": the page's). */
export function leversOf(s: LinkScenario, presets: readonly Named[], current: Levers): Levers {
  if (s.kind === 'current') return current;
  if (s.kind === 'levers') return s.levers;
  return presets.find((p) => p.id === s.id)!.resolved;
}
