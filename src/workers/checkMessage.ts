import { STORED_TERMS } from '../engine';
import type { AnalysisResponse, WorkerResponse } from './messages';

/**
 * Checks of what a worker sends back, before the page uses it. A worker built from this code sends
 * only well-formed messages; one that does not (a stale cached script after a deploy, a damaged
 * download, a bug) is treated like a crash: replaced, and its work run again or failed. Partial or
 * garbled results are never merged as if complete.
 */

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);

/** Trial arrays of a chunk of `n` trials: each of the right type and length. */
function isChunk(r: unknown, n: number): boolean {
  if (!isObject(r) || r.trials !== n) return false;
  const typed: [string, new (...a: never[]) => ArrayLike<number>, number][] = [
    ['month', Uint16Array, n],
    ['mode', Uint8Array, n],
    ['flags', Uint8Array, n],
    ['cls', Uint8Array, n],
    ['resolve', Float32Array, n],
    ['uEurope', Float32Array, n],
    ['usCredibility', Float32Array, n * STORED_TERMS],
  ];
  return typed.every(([k, T, len]) => r[k] instanceof T && (r[k] as ArrayLike<number>).length === len);
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

/** An analysis worker's message, well formed for its type. */
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
    default:
      return false;
  }
}
