import { ARTICLES } from './articles';
import type { Levers } from '../levers';
import { formatNumber } from './format';
import { changedLevers, leverSpec } from '../levers';
import { fail, ok, type FieldError, type Result } from './fieldErrors';
import { clipName, hasUnprintable, quoteName, resolveLevers, unknownLeverError } from './validate';
import { resolveAssumptions } from './assumptionInput';
import { changedAssumptions, sameAssumptions, type AssumptionValues } from '../model/assumptions';

/** A source article a scenario encodes: its file in shared/seeds and the claim taken from it. */
export interface ScenarioSource {
  file: string;
  claim: string;
}

/** A preset or saved scenario file. `levers` is partial: the rest take their defaults. */
export interface Scenario {
  id: string;
  title: string;
  summary: string;
  sources: ScenarioSource[];
  levers: Partial<Levers>;
  /** Why each lever the scenario sets has its value (lever key → reason). */
  notes?: Record<string, string>;
  /** Model assumptions the scenario changes from their defaults (key → value), if any. */
  assumptions?: AssumptionValues;
}

/** A validated scenario with its levers resolved over the defaults. */
export interface LoadedScenario extends Scenario {
  resolved: Levers;
}

/** What a scenario id may be: lower-case letters, digits and hyphens, 1–64 characters. */
export const SCENARIO_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ID_RE = SCENARIO_ID_RE;
const KNOWN = ['id', 'title', 'summary', 'sources', 'levers', 'notes', 'assumptions'];
const MAX_TEXT = 2000;
/** At most this many problems are listed; the rest are counted in one last entry. */
const MAX_ERRORS = 50;

/**
 * The largest scenario file read, in bytes of UTF-8 (256 KB): the presets are under 4 KB. Larger text
 * is refused before it is parsed, so a huge file cannot stall the page or the command line.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/** The UTF-8 size of a string in bytes, without encoding it. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The error for scenario text of `bytes` bytes, or undefined if it is within the limit. */
export function scenarioSizeError(bytes: number): FieldError | undefined {
  if (bytes <= MAX_SCENARIO_BYTES) return undefined;
  return {
    field: 'scenario',
    message: `is ${formatNumber(bytes)} bytes; at most ${formatNumber(MAX_SCENARIO_BYTES)} bytes (256 KB) allowed`,
  };
}

/** An own property only: a scenario never takes a value from a prototype. */
function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.trim() === '' ? 'empty' : 'a string';
  return `a ${typeof v}`;
}

// Controls in text that may run over several lines (summaries, claims, notes): all but tab, line
// feed and carriage return. A terminal acts on ESC, BEL, CSI (U+009B)…: printed, they could set the
// window's title or clear the screen.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The problem with text that holds a control character, or undefined. One-line text (ids, titles,
 * file names) must be printable as seeds are (no controls at all, no lone UTF-16 half); text of
 * several lines may also hold tabs and line breaks.
 */
export function controlCharacterError(v: string, lines = false): string | undefined {
  const bad = lines ? CONTROL_IN_LINES.exec(v)?.[0] : hasUnprintable(v) ? [...v].find((c) => hasUnprintable(c)) ?? '' : undefined;
  if (bad === undefined) return undefined;
  const code = bad.length === 1 ? `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : 'a lone UTF-16 half';
  return `holds a control character (${code}); expected printable text${lines ? ' (tabs and line breaks allowed)' : ''}`;
}

function text(obj: Record<string, unknown>, key: string, field: string, errors: FieldError[], max = MAX_TEXT, lines = max === MAX_TEXT): string {
  const v = own(obj, key);
  const allowed = `expected a non-empty string of at most ${formatNumber(max)} characters`;
  if (typeof v !== 'string' || v.trim() === '') {
    errors.push({ field, message: `${v === undefined ? 'is missing' : `is ${kindOf(v)}`}; ${allowed}` });
    return '';
  }
  if (v.length > max) errors.push({ field, message: `is ${formatNumber(v.length)} characters long; ${allowed}` });
  else {
    const control = controlCharacterError(v, lines);
    if (control) errors.push({ field, message: control });
  }
  return v;
}

/**
 * Validate a parsed scenario object: every problem is reported with the field it concerns
 * (`title`, `sources[1].file`, `levers.euTroops`, `notes.euTroops`, `assumptions.euWarCost`…). Unknown fields are errors
 * too, and so are notes on keys that are not levers. Only own properties are read, and the result
 * is built from the validated keys alone, so keys such as `__proto__` cannot reach a prototype.
 */
export function validateScenario(input: unknown): Result<LoadedScenario> {
  if (!isObject(input)) {
    return fail([{ field: 'scenario', message: `is ${kindOf(input)}; expected a JSON object with id, title, summary, sources and levers` }]);
  }
  const obj = input;
  const errors: FieldError[] = [];
  for (const key of Object.keys(obj)) {
    if (!KNOWN.includes(key)) errors.push({ field: clipName(key), message: `unknown scenario field; expected one of ${KNOWN.join(', ')}` });
  }
  const id = text(obj, 'id', 'id', errors, 64);
  if (id && !ID_RE.test(id)) errors.push({ field: 'id', message: `${quoteName(id)} is not allowed; expected lower-case letters, digits and hyphens` });
  const title = text(obj, 'title', 'title', errors, 200);
  const summary = text(obj, 'summary', 'summary', errors);
  const sources: ScenarioSource[] = [];
  const rawSources = own(obj, 'sources');
  if (!Array.isArray(rawSources)) {
    errors.push({ field: 'sources', message: `${rawSources === undefined ? 'is missing' : `is ${kindOf(rawSources)}`}; expected an array of { file, claim } (may be empty)` });
  } else {
    rawSources.forEach((s: unknown, i) => {
      const field = `sources[${i}]`;
      if (!isObject(s)) {
        errors.push({ field, message: `is ${kindOf(s)}; expected an object { file, claim }` });
        return;
      }
      const file = text(s, 'file', `${field}.file`, errors, 64);
      if (file && !ARTICLES.some((a) => a.file === file)) {
        errors.push({
          field: `${field}.file`,
          message: `${quoteName(file, 64)} is not one of the source articles; expected one of ${ARTICLES.map((a) => a.file).join(', ')}`,
        });
      }
      const claim = text(s, 'claim', `${field}.claim`, errors);
      for (const k of Object.keys(s)) if (k !== 'file' && k !== 'claim') errors.push({ field: `${field}.${clipName(k)}`, message: 'unknown field; expected file and claim' });
      sources.push({ file, claim });
    });
  }
  let resolved: Levers | undefined;
  let levers: Partial<Levers> = {};
  const rawLevers = own(obj, 'levers');
  if (rawLevers === undefined) {
    errors.push({ field: 'levers', message: 'is missing; expected an object of lever values (may be empty)' });
  } else {
    const r = resolveLevers(rawLevers);
    if (r.ok) {
      resolved = r.value;
      // A fresh object holding only the lever keys that were given (all checked by resolveLevers).
      const partial: Record<string, unknown> = {};
      for (const key of Object.keys(rawLevers as object)) partial[key] = resolved[key as keyof Levers];
      levers = partial as Partial<Levers>;
    } else errors.push(...r.errors.map((e) => ({ field: e.field === 'levers' ? 'levers' : `levers.${e.field}`, message: e.message })));
  }
  let notes: Record<string, string> | undefined;
  const rawNotes = own(obj, 'notes');
  if (rawNotes !== undefined) {
    if (!isObject(rawNotes)) {
      errors.push({ field: 'notes', message: `is ${kindOf(rawNotes)}; expected an object mapping lever keys to reasons` });
    } else {
      notes = {};
      for (const key of Object.keys(rawNotes)) {
        const v = rawNotes[key];
        // Only lever keys reach `notes`, so `__proto__` and the like are reported, never assigned.
        if (!leverSpec(key)) errors.push(unknownLeverError(key, `notes.${clipName(key)}`));
        else if (typeof v !== 'string' || v.length > MAX_TEXT) {
          const what = typeof v === 'string' ? `is ${formatNumber(v.length)} characters long` : `is ${kindOf(v)}`;
          errors.push({ field: `notes.${key}`, message: `${what}; expected a string of at most ${formatNumber(MAX_TEXT)} characters (why the lever has its value)` });
        } else if (controlCharacterError(v, true)) errors.push({ field: `notes.${key}`, message: controlCharacterError(v, true)! });
        else notes[key] = v;
      }
    }
  }
  let assumptions: AssumptionValues | undefined;
  const rawAssumptions = own(obj, 'assumptions');
  if (rawAssumptions !== undefined) {
    const r = resolveAssumptions(rawAssumptions);
    if (r.ok) assumptions = r.value;
    else errors.push(...r.errors);
  }
  if (errors.length || !resolved) return fail(capErrors(errors));
  const scenario: LoadedScenario = { id, title, summary, sources, levers, resolved };
  if (notes) scenario.notes = notes;
  if (assumptions && Object.keys(assumptions).length) scenario.assumptions = assumptions;
  return ok(scenario);
}

function capErrors(errors: FieldError[]): FieldError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - (MAX_ERRORS - 1);
  return [...errors.slice(0, MAX_ERRORS - 1), { field: 'scenario', message: `has ${formatNumber(rest)} more problems not listed` }];
}

/**
 * Parse and validate scenario JSON text. Text over MAX_SCENARIO_BYTES is refused before it is
 * parsed; a syntax error is reported with its position. Never throws.
 */
export function parseScenario(json: string): Result<LoadedScenario> {
  // A UTF-16 unit is at most 3 bytes of UTF-8: short text needs no count.
  const sizeError = json.length * 3 > MAX_SCENARIO_BYTES ? scenarioSizeError(utf8Bytes(json)) : undefined;
  if (sizeError) return fail([sizeError]);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    const why = e instanceof RangeError ? 'it is nested too deeply to read' : e instanceof Error ? e.message : String(e);
    return fail([{ field: 'scenario', message: `is not valid JSON (${why}); expected a JSON object with id, title, summary, sources and levers` }]);
  }
  return validateScenario(data);
}

/**
 * How exported files name the scenario a run came from: its title, with " (modified)" when the
 * run's levers differ from the scenario's; '' when no scenario is loaded.
 */
export function scenarioLabel(
  scenario: Pick<LoadedScenario, 'title' | 'resolved' | 'assumptions'> | null | undefined,
  levers: Levers,
  assumptions: AssumptionValues = scenario?.assumptions ?? {},
): string {
  if (!scenario) return '';
  const modified = changedLevers(scenario.resolved, levers).length > 0 || !sameAssumptions(scenario.assumptions, assumptions);
  return modified ? `${scenario.title} (modified)` : scenario.title;
}

/** A scenario file for the given levers, keeping only those that differ from `base` (the defaults). */
export function scenarioFromLevers(
  levers: Levers,
  meta: Pick<Scenario, 'id' | 'title' | 'summary' | 'sources'>,
  base: Levers,
  assumptions: AssumptionValues = {},
): Scenario {
  const partial: Record<string, unknown> = {};
  for (const key of Object.keys(levers) as (keyof Levers)[]) if (levers[key] !== base[key]) partial[key] = levers[key];
  const scenario: Scenario = { ...meta, levers: partial as Partial<Levers> };
  const changed = changedAssumptions(assumptions);
  if (Object.keys(changed).length) scenario.assumptions = changed;
  return scenario;
}
