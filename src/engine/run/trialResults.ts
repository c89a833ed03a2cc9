import { MAX_TERMS } from '../model/time';

/**
 * Per-trial results in typed arrays (37 bytes a trial), never one object per trial. A chunk of
 * trials [from, to) fills the same slots whichever worker runs it, so chunks merge by copying.
 */
export interface TrialResults {
  trials: number;
  /** Month of resumption 1…horizon, or 0 if the ceasefire held. */
  month: Uint16Array;
  /** MODE_CODE: 0 held, 1 grey zone, 2 limited, 3 full scale. */
  mode: Uint8Array;
  /** Bit 0: Europe engaged; bit 1: the US engaged; bit 2: sanctions snapped back. */
  flags: Uint8Array;
  /** Trial class: 5 × sanctions relief level + reconstitution level (0–24). */
  cls: Uint8Array;
  /** Moscow's resolve drawn for the trial. */
  resolve: Float32Array;
  /** The uniform behind "would Europe really fight": Europe fights if it is below its engagement probability. */
  uEurope: Float32Array;
  /** Credibility of administrations 1…MAX_TERMS−1 (elected after the ceasefire), trial-major. */
  usCredibility: Float32Array;
}

/** Administrations stored per trial (the one at the ceasefire is the lever itself). */
export const STORED_TERMS = MAX_TERMS - 1;

/** Bytes of result storage per trial. */
export const BYTES_PER_TRIAL = 2 + 1 + 1 + 1 + 4 + 4 + 4 * STORED_TERMS;

export function allocateResults(trials: number): TrialResults {
  return {
    trials,
    month: new Uint16Array(trials),
    mode: new Uint8Array(trials),
    flags: new Uint8Array(trials),
    cls: new Uint8Array(trials),
    resolve: new Float32Array(trials),
    uEurope: new Float32Array(trials),
    usCredibility: new Float32Array(trials * STORED_TERMS),
  };
}

/** The arrays of a results object, for transfer between threads. */
export function resultBuffers(r: TrialResults): ArrayBuffer[] {
  return [r.month, r.mode, r.flags, r.cls, r.resolve, r.uEurope, r.usCredibility].map((a) => a.buffer as ArrayBuffer);
}

/** Views of slots [a, b) of `r` (no copy), so a chunk of trials can be written straight into its place. */
export function resultsView(r: TrialResults, a: number, b: number): TrialResults {
  return {
    trials: b - a,
    month: r.month.subarray(a, b),
    mode: r.mode.subarray(a, b),
    flags: r.flags.subarray(a, b),
    cls: r.cls.subarray(a, b),
    resolve: r.resolve.subarray(a, b),
    uEurope: r.uEurope.subarray(a, b),
    usCredibility: r.usCredibility.subarray(a * STORED_TERMS, b * STORED_TERMS),
  };
}

/** Copy a chunk holding trials [from, from + chunk.trials) into `into`. */
export function mergeChunk(into: TrialResults, chunk: TrialResults, from: number): void {
  into.month.set(chunk.month, from);
  into.mode.set(chunk.mode, from);
  into.flags.set(chunk.flags, from);
  into.cls.set(chunk.cls, from);
  into.resolve.set(chunk.resolve, from);
  into.uEurope.set(chunk.uEurope, from);
  into.usCredibility.set(chunk.usCredibility, from * STORED_TERMS);
}
