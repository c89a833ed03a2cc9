import { ARTICLES } from './articles';
import type { Levers } from './levers';
import { fail, ok, type FieldError, type Result } from './result';
import { resolveLevers } from './validate';

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
}

/** A validated scenario with its levers resolved over the defaults. */
export interface LoadedScenario extends Scenario {
  resolved: Levers;
}

const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const KNOWN = new Set(['id', 'title', 'summary', 'sources', 'levers', 'notes']);
const MAX_TEXT = 2000;

function text(obj: Record<string, unknown>, key: string, field: string, errors: FieldError[], max = MAX_TEXT): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') {
    errors.push({ field, message: `is missing or not a non-empty string` });
    return '';
  }
  if (v.length > max) errors.push({ field, message: `is ${v.length} characters long; at most ${max} allowed` });
  return v;
}

/**
 * Validate a parsed scenario object: every problem is reported with the field it concerns
 * (`title`, `sources[1].file`, `levers.euTroops`…). Unknown top-level fields are errors too.
 */
export function validateScenario(input: unknown): Result<LoadedScenario> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail([{ field: 'scenario', message: 'expected a JSON object with id, title, summary, sources and levers' }]);
  }
  const obj = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(obj)) {
    if (!KNOWN.has(key)) errors.push({ field: key, message: `unknown scenario field; expected one of ${[...KNOWN].join(', ')}` });
  }
  const id = text(obj, 'id', 'id', errors, 64);
  if (id && !ID_RE.test(id)) errors.push({ field: 'id', message: `${JSON.stringify(id)} is not allowed; expected lower-case letters, digits and hyphens` });
  const title = text(obj, 'title', 'title', errors, 200);
  const summary = text(obj, 'summary', 'summary', errors);
  const sources: ScenarioSource[] = [];
  if (!Array.isArray(obj.sources)) {
    errors.push({ field: 'sources', message: 'is missing or not an array of { file, claim }' });
  } else {
    obj.sources.forEach((s, i) => {
      const field = `sources[${i}]`;
      if (typeof s !== 'object' || s === null || Array.isArray(s)) {
        errors.push({ field, message: 'expected an object { file, claim }' });
        return;
      }
      const so = s as Record<string, unknown>;
      const file = text(so, 'file', `${field}.file`, errors, 64);
      if (file && !ARTICLES.some((a) => a.file === file)) {
        errors.push({
          field: `${field}.file`,
          message: `${JSON.stringify(file.slice(0, 64))} is not one of the source articles; expected one of ${ARTICLES.map((a) => a.file).join(', ')}`,
        });
      }
      const claim = text(so, 'claim', `${field}.claim`, errors);
      for (const k of Object.keys(so)) if (k !== 'file' && k !== 'claim') errors.push({ field: `${field}.${k}`, message: 'unknown field; expected file and claim' });
      sources.push({ file, claim });
    });
  }
  let resolved: Levers | undefined;
  if (obj.levers === undefined) {
    errors.push({ field: 'levers', message: 'is missing; expected an object of lever values (may be empty)' });
  } else {
    const r = resolveLevers(obj.levers);
    if (r.ok) resolved = r.value;
    else errors.push(...r.errors.map((e) => ({ field: e.field === 'levers' ? 'levers' : `levers.${e.field}`, message: e.message })));
  }
  let notes: Record<string, string> | undefined;
  if (obj.notes !== undefined) {
    if (typeof obj.notes !== 'object' || obj.notes === null || Array.isArray(obj.notes)) {
      errors.push({ field: 'notes', message: 'expected an object mapping lever keys to reasons' });
    } else {
      notes = {};
      for (const [k, v] of Object.entries(obj.notes)) {
        if (typeof v !== 'string') errors.push({ field: `notes.${k}`, message: 'expected a string' });
        else notes[k] = v;
      }
    }
  }
  if (errors.length || !resolved) return fail(errors);
  const scenario: LoadedScenario = {
    id,
    title,
    summary,
    sources,
    levers: obj.levers as Partial<Levers>,
    resolved,
  };
  if (notes) scenario.notes = notes;
  return ok(scenario);
}

/** Parse and validate scenario JSON text; a syntax error is reported with its position. */
export function parseScenario(json: string): Result<LoadedScenario> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return fail([{ field: 'scenario', message: `is not valid JSON (${(e as Error).message})` }]);
  }
  return validateScenario(data);
}

/** A scenario file for the given levers, keeping only those that differ from `base` (the defaults). */
export function scenarioFromLevers(
  levers: Levers,
  meta: Pick<Scenario, 'id' | 'title' | 'summary' | 'sources'>,
  base: Levers,
): Scenario {
  const partial: Record<string, unknown> = {};
  for (const key of Object.keys(levers) as (keyof Levers)[]) if (levers[key] !== base[key]) partial[key] = levers[key];
  return { ...meta, levers: partial as Partial<Levers> };
}
