import { CLASSES, MODE_CODE, TRIAL_ARRAYS, leverSpec, type NumberLever, type TrialResults } from '../engine';
import type { AnalysisJob, AnalysisResponse, WorkerResponse } from './messages';

/**
 * Checks of what a worker sends back, before the page uses it. A worker built from this code sends
 * only well-formed messages; one that does not (a stale cached script after a deploy, a damaged
 * download, a bug) is treated like a crash: replaced, and its work run again or failed. Partial or
 * garbled results are never merged as if complete.
 */

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);

type TrialArrayKey = (typeof TRIAL_ARRAYS)[number]['key'];

/** The longest horizon a run can have, in months (the registry's largest horizonYears). */
const MAX_MONTHS = 12 * (leverSpec('horizonYears') as NumberLever).max;

/**
 * What a trial array's values may be, beyond being finite: an interval (`lo` and `hi`, each end
 * included unless its `…Open` flag says not), or a set of small whole numbers (`set`: bit v of the
 * mask allows v). Data, not a function per array: the check is one loop over a chunk's values with
 * no call per value (it runs on every message of every run; a call per value cost ~12 ms a run).
 */
interface ValueRule {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
  /** Allowed whole numbers 0…31 as a bit mask (0: no set, the interval applies). */
  set: number;
}
const range = (lo: number, hi: number, loOpen = false, hiOpen = false): ValueRule => ({ lo, hi, loOpen, hiOpen, set: 0 });
const oneOf = (values: readonly number[]): ValueRule => ({ lo: 0, hi: 31, loOpen: false, hiOpen: false, set: values.reduce((m, v) => m | (1 << v), 0) });
const SHARE = range(0, 1);
/** Only finite (an array with no rule of its own). */
const FINITE = range(-Infinity, Infinity);

/**
 * What each trial array's values may be, beyond its type (see TrialResults). An array with no rule
 * here (one added to TRIAL_ARRAYS later) is still checked for its type and length, and a float
 * array for NaN and infinities.
 */
const VALUES: Partial<Record<TrialArrayKey, ValueRule>> = {
  month: range(-Infinity, MAX_MONTHS),
  mode: oneOf(Object.values(MODE_CODE)),
  warMonth: range(-Infinity, MAX_MONTHS),
  warMode: oneOf([MODE_CODE.none, MODE_CODE.limited, MODE_CODE.fullScale]),
  cls: range(-Infinity, CLASSES, false, true),
  resolve: SHARE,
  uEurope: SHARE,
  usCredibility: SHARE,
  flags: range(-Infinity, 2048, false, true),
  warBeliefEurope: SHARE,
  warBeliefUs: SHARE,
  perceivedStrength: range(0, 100, true, true),
};

/** Every value of `a` finite and allowed by `rule` (a loop, not `every`: a chunk can hold millions). */
function allValues(a: ArrayLike<number>, rule: ValueRule): boolean {
  const n = a.length;
  if (rule.set !== 0) {
    const set = rule.set;
    for (let i = 0; i < n; i++) {
      const v = a[i];
      // A whole number 0…31 whose bit is set (NaN and infinities fail the first test).
      if (!(v >= 0 && v <= 31 && Math.floor(v) === v && ((set >>> v) & 1) === 1)) return false;
    }
    return true;
  }
  const { lo, hi, loOpen, hiOpen } = rule;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (!Number.isFinite(v) || v < lo || v > hi || (loOpen && v === lo) || (hiOpen && v === hi)) return false;
  }
  return true;
}

/** Months and modes agree: a trial has a month of resumption (or of war) exactly when it has a mode. */
function pairedFirsts(month: ArrayLike<number>, mode: ArrayLike<number>): boolean {
  for (let i = 0; i < month.length; i++) if ((month[i] === 0) !== (mode[i] === 0)) return false;
  return true;
}

/**
 * Trial arrays of a chunk of `n` trials: every array of TRIAL_ARRAYS present, of its type, `n` ×
 * its slots long, its values in range, and each first month paired with its mode.
 */
export function isChunk(r: unknown, n: number): r is TrialResults {
  if (!isObject(r) || r.trials !== n) return false;
  for (const { key, slots, type } of TRIAL_ARRAYS) {
    const a = r[key];
    if (!(a instanceof type) || a.length !== n * slots || !allValues(a, VALUES[key] ?? FINITE)) return false;
  }
  const t = r as unknown as TrialResults;
  return pairedFirsts(t.month, t.mode) && pairedFirsts(t.warMonth, t.warMode);
}

/** A simulation worker's message, well formed (a result's arrays the length of its range). */
export function isWorkerResponse(m: unknown): m is WorkerResponse {
  if (!isObject(m) || !isCount(m.runId)) return false;
  switch (m.type) {
    case 'progress':
      return isCount(m.done) && isCount(m.total) && m.done <= m.total;
    case 'result':
      return isCount(m.from) && isCount(m.to) && m.to > m.from && isChunk(m.results, m.to - m.from);
    case 'error':
      return typeof m.message === 'string';
    default:
      return false;
  }
}

/** An analysis worker's message (the page's or the command line's), well formed for its type. */
export function isAnalysisResponse(m: unknown): m is AnalysisResponse {
  if (!isObject(m) || !isCount(m.jobId)) return false;
  switch (m.type) {
    case 'error':
      return typeof m.message === 'string';
    case 'war':
      return m.war instanceof Uint8Array;
    case 'sweepCell': {
      const c = m.cell;
      return isObject(c) && isCount(c.i) && isCount(c.j) && isNumber(c.pWar) && c.pWar >= 0 && c.pWar <= 1 && isNumber(c.pResumption) && c.pResumption >= 0 && c.pResumption <= 1 && Array.isArray(c.pWarCI95) && Array.isArray(c.pResumptionCI95) && isObject(c.modeShares);
    }
    case 'components':
      return isObject(m.data);
    case 'replay':
      return isObject(m.story);
    case 'discover':
      return isObject(m.discovery);
    case 'world': {
      const c = m.cell;
      const share = (x: unknown) => isNumber(x) && x >= 0 && x <= 1;
      return isObject(c) && isCount(c.world) && share(c.pWar) && share(c.pResumption) && Array.isArray(c.survivalWar) && c.survivalWar.every(share);
    }
    case 'worldFigures': {
      const f = m.figures;
      return isObject(f) && Array.isArray(f.values) && Array.isArray(f.se) && f.values.length === f.se.length && f.values.every((x) => typeof x === 'number') && f.se.every((x) => typeof x === 'number');
    }
    default:
      return false;
  }
}

/** An analysis worker's answer to a job of type `type`: well formed, and its output or an error. */
export function isAnswerTo(type: AnalysisJob['type'], m: unknown): m is AnalysisResponse {
  return isAnalysisResponse(m) && (m.type === 'error' || m.type === type);
}
