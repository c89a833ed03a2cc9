import {
  checkLeverValue,
  checkSeed,
  leverSpec,
  checkTrials,
  defaultLevers,
  resolveAssumptions,
  assumptionSpec,
  resolveLevers,
  scenarioFromLevers,
  validateScenario,
  RUN_SETTINGS,
  type AssumptionValues,
  type FieldError,
  type Levers,
  type LoadedScenario,
  type Result,
  type Scenario,
} from '../../engine';
import { VIEWS, type View } from './views';

/**
 * The page's local store: the current levers, seed, trials and view, and the user's saved and
 * imported scenarios, kept in the browser's localStorage under one versioned key. Pure logic (no
 * DOM): the storage is passed in, so Node tests use a fake one.
 *
 * What is read back is untrusted input, like any file: every field goes through the engine's
 * validators, every problem is reported with its field, valid parts are kept, and nothing here
 * throws — not a corrupt value, not a storage that throws on access (disabled, full).
 */

export const STORE_KEY = 'ceasefire-sim:v1';
export const STORE_VERSION = 1;
/** At most this many saved scenarios. */
export const MAX_SAVED = 50;
/** At most this many characters of JSON for one saved scenario. */
export const MAX_SCENARIO_CHARS = 16_000;
/** At most this many characters for the whole store (50 full scenarios fit; localStorage holds ~5 MB). */
export const MAX_STORE_CHARS = 1_000_000;

/** The part of the Web Storage API used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** How the page gets its storage: a function, because merely reading `window.localStorage` can throw. */
export type StorageSource = () => StorageLike | null | undefined;

/** Which scenario is loaded: one of the user's (saved or imported) or a bundled preset. */
export interface CurrentRef {
  kind: 'saved' | 'preset';
  id: string;
}

export interface StoredState {
  levers: Levers;
  seed: string;
  trials: number;
  view: View;
  /** The user's saved and imported scenarios, validated, ids unique, at most MAX_SAVED. */
  scenarios: LoadedScenario[];
  current: CurrentRef | null;
  /** The model assumptions changed from their defaults (none: absent or empty). */
  assumptions?: AssumptionValues;
}

export interface ReadResult {
  /** The valid state read (bad fields at their defaults), or null if nothing usable was stored. */
  state: StoredState | null;
  /** Every problem found, one per field (`levers.euTroops`, `scenarios[2].title`, `store`…). */
  problems: FieldError[];
  /** The stored value had problems: write `state` back (or remove the key when it is null). */
  rewrite: boolean;
  /** The storage itself could not be used (disabled, blocked): do not try to write. */
  unavailable: boolean;
}

const TOP_KEYS = ['version', 'levers', 'seed', 'trials', 'view', 'scenarios', 'current', 'assumptions'];

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A name or value from the store, shortened and quoted for a message. */
function show(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object';
  return String(x);
}

function clip(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** A storage error described for people: its name and what it means here. */
export function describeStorageError(e: unknown): string {
  const name = (e as { name?: unknown })?.name;
  const msg = (e as { message?: unknown })?.message;
  const what = typeof name === 'string' && name ? name : 'Error';
  const detail = typeof msg === 'string' && msg ? `: ${msg.slice(0, 160)}` : '';
  if (what === 'QuotaExceededError' || what === 'NS_ERROR_DOM_QUOTA_REACHED') return `this browser's storage for the page is full (${what}${detail})`;
  if (what === 'SecurityError') return `this browser does not let the page use its storage (${what}${detail})`;
  return `this browser's storage failed (${what}${detail})`;
}

function storageOf(source: StorageSource): { storage: StorageLike | null; error: FieldError | null } {
  try {
    const s = source();
    if (!s) return { storage: null, error: { field: 'store', message: "this browser has no local storage; levers and scenarios will not be kept after the page closes" } };
    return { storage: s, error: null };
  } catch (e) {
    return { storage: null, error: { field: 'store', message: `${describeStorageError(e)}; levers and scenarios will not be kept after the page closes` } };
  }
}

/** A scenario as stored and exported: the file's fields, without the resolved levers. */
export function scenarioFile(s: Scenario): Scenario {
  const out: Scenario = { id: s.id, title: s.title, summary: s.summary, sources: s.sources.map((x) => ({ file: x.file, claim: x.claim })), levers: { ...s.levers } };
  if (s.notes) out.notes = { ...s.notes };
  // A scenario keeps the model assumptions it changes (saved from the page or imported).
  if (s.assumptions && Object.keys(s.assumptions).length) out.assumptions = { ...s.assumptions };
  return out;
}

/** Why a scenario cannot be kept in the list as it is (too big), or null. */
export function scenarioTooBig(s: Scenario): string | null {
  const n = JSON.stringify(scenarioFile(s)).length;
  return n > MAX_SCENARIO_CHARS ? `it is ${n.toLocaleString('en-GB')} characters long; at most ${MAX_SCENARIO_CHARS.toLocaleString('en-GB')} can be kept` : null;
}

/** Validate the stored levers, keeping the good ones: a bad or unknown lever takes its default. */
function readLevers(raw: unknown, problems: FieldError[]): Levers {
  const r = resolveLevers(raw);
  if (r.ok) return r.value;
  if (!isObject(raw)) {
    problems.push({ field: 'levers', message: `${show(raw)} is not an object of lever values; every lever takes its default` });
    return defaultLevers();
  }
  for (const e of r.errors) {
    const known = leverSpec(e.field) !== undefined;
    problems.push({ field: `levers.${clip(e.field)}`, message: `${e.message}; ${known ? 'it takes its default' : 'ignored'}` });
  }
  const good = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => {
      const spec = leverSpec(k);
      return spec !== undefined && checkLeverValue(spec, v).ok;
    }),
  );
  const again = resolveLevers(good);
  return again.ok ? again.value : defaultLevers();
}

/** Validate the stored assumptions one by one, keeping the good ones: a bad or unknown one takes its calibrated default. */
function readAssumptions(raw: unknown, problems: FieldError[]): AssumptionValues {
  const all = resolveAssumptions(raw);
  if (all.ok) return all.value;
  if (!isObject(raw)) {
    problems.push(...all.errors.map((e) => ({ field: e.field, message: `${e.message}; every assumption takes its calibrated default` })));
    return {};
  }
  const good: AssumptionValues = {};
  for (const [k, v] of Object.entries(raw)) {
    const one = resolveAssumptions({ [k]: v });
    if (one.ok) Object.assign(good, one.value);
    else problems.push(...one.errors.map((e) => ({ field: e.field, message: `${e.message}; ${assumptionSpec(k) ? 'it takes its calibrated default' : 'ignored'}` })));
  }
  return good;
}

function readScenarios(raw: unknown, problems: FieldError[]): LoadedScenario[] {
  if (raw === undefined) {
    problems.push({ field: 'scenarios', message: 'is missing; expected a list of scenarios (read as none)' });
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.push({ field: 'scenarios', message: `${show(raw)} is not a list of scenarios; none were kept` });
    return [];
  }
  const out: LoadedScenario[] = [];
  raw.forEach((item, i) => {
    const field = `scenarios[${i}]`;
    const name = isObject(item) && typeof item.title === 'string' ? ` (“${item.title.slice(0, 60)}”)` : '';
    if (out.length >= MAX_SAVED) {
      problems.push({ field, message: `dropped${name}: at most ${MAX_SAVED} scenarios are kept` });
      return;
    }
    const r = validateScenario(item);
    if (!r.ok) {
      const first = r.errors.slice(0, 3).map((e) => `${clip(e.field)}: ${e.message}`).join('; ');
      const more = r.errors.length > 3 ? `; and ${r.errors.length - 3} more` : '';
      problems.push({ field, message: `dropped${name}, not a valid scenario: ${first}${more}` });
      return;
    }
    const big = scenarioTooBig(r.value);
    if (big) {
      problems.push({ field, message: `dropped${name}: ${big}` });
      return;
    }
    if (out.some((s) => s.id === r.value.id)) {
      problems.push({ field: `${field}.id`, message: `dropped${name}: ${show(r.value.id)} is used by an earlier scenario` });
      return;
    }
    // Plain copies (own data only), whatever the validator returned.
    out.push({ ...scenarioFile(r.value), resolved: { ...r.value.resolved } });
  });
  return out;
}

function readCurrent(raw: unknown, scenarios: LoadedScenario[], presetIds: readonly string[], problems: FieldError[]): CurrentRef | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw) || (raw.kind !== 'saved' && raw.kind !== 'preset') || typeof raw.id !== 'string' || Object.keys(raw).some((k) => k !== 'kind' && k !== 'id')) {
    problems.push({ field: 'current', message: `${show(raw)} is not allowed; expected { kind: "saved" or "preset", id } (no scenario is marked loaded)` });
    return null;
  }
  const known = raw.kind === 'saved' ? scenarios.some((s) => s.id === raw.id) : presetIds.includes(raw.id);
  if (!known) {
    problems.push({ field: 'current.id', message: `${show(raw.id)} is not one of the ${raw.kind === 'saved' ? 'saved scenarios' : 'presets'} (no scenario is marked loaded)` });
    return null;
  }
  return { kind: raw.kind, id: raw.id };
}

/**
 * Read the store. Never throws. Nothing stored gives `state: null` and no problems; a value that is
 * not JSON, not an object, of another version or too big gives `state: null` and a problem (remove
 * it); a value with bad fields keeps the good ones (bad ones at their defaults) and reports each.
 */
export function readStore(source: StorageSource, presetIds: readonly string[] = [], key = STORE_KEY): ReadResult {
  const { storage, error } = storageOf(source);
  if (!storage) return { state: null, problems: error ? [error] : [], rewrite: false, unavailable: true };
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch (e) {
    return {
      state: null,
      problems: [{ field: 'store', message: `the store could not be read: ${describeStorageError(e)}; levers and scenarios will not be kept after the page closes` }],
      rewrite: false,
      unavailable: true,
    };
  }
  if (text === null) return { state: null, problems: [], rewrite: false, unavailable: false };
  const reset = (message: string): ReadResult => ({ state: null, problems: [{ field: 'store', message: `${message}; it was cleared` }], rewrite: true, unavailable: false });
  if (typeof text !== 'string') return reset('is not text');
  if (text.length > MAX_STORE_CHARS) return reset(`is ${text.length.toLocaleString('en-GB')} characters long; at most ${MAX_STORE_CHARS.toLocaleString('en-GB')} are kept`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return reset(`is not valid JSON (${(e as Error).message.slice(0, 120)})`);
  }
  if (!isObject(data)) return reset(`is ${show(data)}, not an object with version, levers, seed, trials and scenarios`);
  if (data.version !== STORE_VERSION) {
    return reset(
      data.version === undefined
        ? `has no version; expected version ${STORE_VERSION}`
        : `has version ${show(data.version)}, which this page cannot read; expected ${STORE_VERSION}`,
    );
  }
  const problems: FieldError[] = [];
  for (const k of Object.keys(data)) {
    if (!TOP_KEYS.includes(k)) problems.push({ field: clip(k), message: `is not a field of the store (expected ${TOP_KEYS.join(', ')}); ignored` });
  }
  const levers = readLevers(data.levers, problems);
  let seed: string = RUN_SETTINGS.seed.default;
  const s = checkSeed(data.seed);
  if (s.ok) seed = s.value;
  else problems.push(...s.errors.map((e) => ({ field: e.field, message: `${e.message}; it takes its default` })));
  let trials: number = RUN_SETTINGS.trials.default;
  const t = checkTrials(data.trials);
  if (t.ok) trials = t.value;
  else problems.push(...t.errors.map((e) => ({ field: e.field, message: `${e.message}; it takes its default` })));
  let view: View = 'explore';
  if (data.view !== undefined) {
    if (typeof data.view === 'string' && (VIEWS as readonly string[]).includes(data.view)) view = data.view as View;
    else problems.push({ field: 'view', message: `${show(data.view)} is not a view; expected one of ${VIEWS.join(', ')} (the page opens on explore)` });
  }
  const scenarios = readScenarios(data.scenarios, problems);
  const current = readCurrent(data.current, scenarios, presetIds, problems);
  const state: StoredState = { levers, seed, trials, view, scenarios, current };
  if (data.assumptions !== undefined) {
    const a = readAssumptions(data.assumptions, problems);
    if (Object.keys(a).length) state.assumptions = a;
  }
  return { state, problems, rewrite: problems.length > 0, unavailable: false };
}

/** The stored text for a state (levers in full, so a reload restores exactly these values). */
export function serializeStore(state: StoredState): string {
  const out: Record<string, unknown> = {
    version: STORE_VERSION,
    levers: state.levers,
    seed: state.seed,
    trials: state.trials,
    view: state.view,
    scenarios: state.scenarios.map(scenarioFile),
  };
  if (state.current) out.current = { kind: state.current.kind, id: state.current.id };
  if (state.assumptions && Object.keys(state.assumptions).length) out.assumptions = { ...state.assumptions };
  return JSON.stringify(out);
}

export type WriteResult = { ok: true; chars: number } | { ok: false; error: FieldError };

/** Write the state (or remove the key, for null). Never throws: a full or disabled storage is an error result. */
export function writeStore(source: StorageSource, state: StoredState | null, key = STORE_KEY): WriteResult {
  const { storage, error } = storageOf(source);
  if (!storage) return { ok: false, error: error! };
  try {
    if (state === null) {
      storage.removeItem(key);
      return { ok: true, chars: 0 };
    }
    const text = serializeStore(state);
    if (text.length > MAX_STORE_CHARS) {
      return {
        ok: false,
        error: { field: 'store', message: `the store would be ${text.length.toLocaleString('en-GB')} characters long; at most ${MAX_STORE_CHARS.toLocaleString('en-GB')} are kept: delete some saved scenarios` },
      };
    }
    storage.setItem(key, text);
    return { ok: true, chars: text.length };
  } catch (e) {
    return { ok: false, error: { field: 'store', message: describeStorageError(e) } };
  }
}

/**
 * Add a scenario to the list: one with the same id is replaced in place, a new one goes first.
 * Refused (list unchanged) if the list is full or the scenario too big to keep.
 */
export function addScenario(
  list: readonly LoadedScenario[],
  s: LoadedScenario,
): { ok: true; list: LoadedScenario[]; replaced: boolean } | { ok: false; message: string } {
  const big = scenarioTooBig(s);
  if (big) return { ok: false, message: `“${s.title}” cannot be kept in your scenarios: ${big}.` };
  const i = list.findIndex((x) => x.id === s.id);
  if (i >= 0) return { ok: true, list: list.map((x, j) => (j === i ? s : x)), replaced: true };
  if (list.length >= MAX_SAVED) {
    return { ok: false, message: `Your scenarios are full (at most ${MAX_SAVED}): delete one to keep “${s.title}”.` };
  }
  return { ok: true, list: [s, ...list], replaced: false };
}

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 2000;

/** A scenario id from a title: lower-case letters, digits and hyphens, unique among `taken`. */
export function idFromTitle(title: string, taken: Iterable<string> = []): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'my-scenario';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** "Saved from the page on 5 June 2025." */
export function autoSummary(date: Date): string {
  return `Saved from the page on ${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}.`;
}

/**
 * A scenario file for the current levers, from a title (required, at most 200 characters) and an
 * optional summary. It has no sources: a user's own scenario cites none. Validated with the same
 * validator as any imported file, so what is saved can always be loaded and exported.
 */
export function scenarioFromTitle(
  title: string,
  summary: string,
  levers: Levers,
  taken: Iterable<string>,
  date: Date = new Date(),
  assumptions: AssumptionValues = {},
): Result<LoadedScenario> {
  const t = title.trim();
  const errors: FieldError[] = [];
  if (!t) errors.push({ field: 'title', message: 'is required' });
  else if (t.length > MAX_TITLE) errors.push({ field: 'title', message: `is ${t.length} characters long; at most ${MAX_TITLE} allowed` });
  const s = summary.trim() || autoSummary(date);
  if (s.length > MAX_SUMMARY) errors.push({ field: 'summary', message: `is ${s.length} characters long; at most ${MAX_SUMMARY} allowed` });
  if (errors.length) return { ok: false, errors };
  const file = scenarioFromLevers(levers, { id: idFromTitle(t, taken), title: t, summary: s, sources: [] }, defaultLevers(), assumptions);
  return validateScenario(file);
}
