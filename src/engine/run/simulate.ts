import { COEFS, compileModel, type CompiledModel } from '../model/compile';
import type { Levers } from '../levers';
import { guarantorResponse } from '../model/response';
import { STORED_TERMS, allocateResults, resultsView, type TrialResults } from './trialResults';
import { trialRng } from '../math/rng';
import { MAX_TERMS } from '../model/time';
import { drawTrial, emptyDraws, trialCredibilities, trialResolve } from '../model/uncertainty';
import { AbortError } from './abort';

// exp(x) for x below this is under 1e-17 of the peace weight: such a mode can never be chosen.
const NEGLIGIBLE = -40;

/**
 * Run trials [from, to) of a compiled model under `seed` into `out` (whose slot 0 is trial `from`).
 * Pure and synchronous: the same (model, seed, trial) gives the same row wherever it runs.
 */
export function runTrials(model: CompiledModel, seed: string, from: number, to: number, out: TrialResults): void {
  const { coef, term, horizon, scale, levers } = model;
  const stride = (horizon + 1) * COEFS;
  const draws = emptyDraws();
  const cred = new Float64Array(MAX_TERMS);
  const noisy = scale > 0;
  for (let i = from; i < to; i++) {
    const rng = trialRng(seed, i);
    drawTrial(rng, draws);
    const r = trialResolve(levers.ruResolve, draws.zResolve);
    trialCredibilities(levers, draws.zCredibility, cred);
    const cls = draws.reliefLevel * 5 + draws.reconstitutionLevel;
    const j = i - from;
    out.cls[j] = cls;
    out.resolve[j] = r;
    out.uEurope[j] = draws.uEurope;
    for (let k = 0; k < STORED_TERMS; k++) out.usCredibility[j * STORED_TERMS + k] = cred[k + 1];
    out.month[j] = 0;
    out.mode[j] = 0;
    out.flags[j] = 0;
    let o = cls * stride;
    for (let t = 1; t <= horizon; t++) {
      o += COEFS;
      const u = cred[term[t]];
      const x0 = coef[o] + r * coef[o + 1] + u * (coef[o + 2] + r * coef[o + 3]);
      const x1 = coef[o + 4] + r * coef[o + 5] + u * (coef[o + 6] + r * coef[o + 7]);
      const x2 = coef[o + 8] + r * coef[o + 9] + u * (coef[o + 10] + r * coef[o + 11]);
      // Exactly one draw per month, whatever the levers: common random numbers.
      const v = rng();
      const top = x0 > x1 ? (x0 > x2 ? x0 : x2) : x1 > x2 ? x1 : x2;
      let m = -1;
      if (noisy) {
        // Resume iff S = Σ exp(x) satisfies S·(1 − v) > v, i.e. v < S / (1 + S).
        // Cheap reject: S ≤ 3·exp(top), so 3·exp(top)·(1 − v) ≤ v means peace.
        if (top < NEGLIGIBLE || 3 * Math.exp(top) * (1 - v) <= v) continue;
        const e0 = Math.exp(x0 - top);
        const e1 = Math.exp(x1 - top);
        const e2 = Math.exp(x2 - top);
        const sum = e0 + e1 + e2;
        // S·(1 − v) > v, scaled by exp(−top) to stay finite.
        if (sum * (1 - v) <= v * Math.exp(-top)) continue;
        const w = draws.uMode * sum;
        m = w < e0 ? 0 : w < e0 + e1 ? 1 : 2;
      } else {
        if (top <= 0) continue;
        m = x0 === top ? 0 : x1 === top ? 1 : 2;
      }
      out.month[j] = t;
      out.mode[j] = m + 1;
      out.flags[j] = guarantorResponse(model, m, t, u, draws.uEurope, draws.uUs, draws.uSnapback);
      break;
    }
  }
}

export interface RunOptions {
  seed: string;
  trials: number;
  /** Trials per chunk (default 10,000): progress is reported and cancellation checked between chunks. */
  chunkSize?: number;
  /** Called after each chunk with the share done (0–1]. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between chunks; the run stops with an AbortError once it is aborted. */
  signal?: AbortSignal;
  /** Awaited between chunks to give the event loop a turn (a worker passes a MessageChannel yield). */
  yieldControl?: () => Promise<void>;
}

export interface RunOutput {
  model: CompiledModel;
  results: TrialResults;
}

/**
 * Run trials [from, to) into `out` (whose slot 0 is trial `from`) one chunk at a time, writing each
 * chunk straight into its slots; yields how many trials are done after each chunk. The one chunk
 * loop behind `simulate`, `simulateAsync` and the page's workers.
 */
export function* chunkedTrials(model: CompiledModel, seed: string, from: number, to: number, out: TrialResults, chunkSize = 10_000): Generator<number> {
  const chunk = Math.max(1, Math.floor(chunkSize));
  for (let a = from; a < to; a += chunk) {
    const b = Math.min(to, a + chunk);
    runTrials(model, seed, a, b, resultsView(out, a - from, b - from));
    yield b - from;
  }
}

/** The chunks of a whole run, checking cancellation before each and reporting progress after it. */
function* chunks(model: CompiledModel, results: TrialResults, options: RunOptions): Generator<void> {
  if (options.signal?.aborted) throw new AbortError();
  for (const done of chunkedTrials(model, options.seed, 0, options.trials, results, options.chunkSize)) {
    options.onProgress?.(done, options.trials);
    yield;
    if (done < options.trials && options.signal?.aborted) throw new AbortError();
  }
}

/** Run every trial synchronously in chunks (progress and cancellation between chunks). */
export function simulate(levers: Levers, options: RunOptions): RunOutput {
  const model = compileModel(levers);
  const results = allocateResults(options.trials);
  // Each step of the generator runs one chunk.
  for (const _ of chunks(model, results, options)) continue;
  return { model, results };
}

/** As `simulate`, but awaits `yieldControl` between chunks so a UI or worker stays responsive. */
export async function simulateAsync(levers: Levers, options: RunOptions): Promise<RunOutput> {
  const model = compileModel(levers);
  const results = allocateResults(options.trials);
  for (const _ of chunks(model, results, options)) if (options.yieldControl) await options.yieldControl();
  if (options.signal?.aborted) throw new AbortError();
  return { model, results };
}
