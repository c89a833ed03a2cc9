import { MAX_TERMS } from '../model/time';

/**
 * Per-trial results in typed arrays (40 bytes a trial), never one object per trial. A chunk of
 * trials [from, to) fills the same slots whichever worker runs it, so chunks merge by copying.
 */
export interface TrialResults {
  trials: number;
  /** Month of the first resumption of any mode (a grey-zone probe or war) 1…horizon, or 0 if none. */
  month: Uint16Array;
  /** MODE_CODE of the first resumption: 0 none, 1 grey zone, 2 limited, 3 full scale. */
  mode: Uint8Array;
  /** Month of the first limited or full-scale offensive (war) 1…horizon, or 0 if none by the horizon. */
  warMonth: Uint16Array;
  /** MODE_CODE of that war: 0 none, 2 limited, 3 full scale. */
  warMode: Uint8Array;
  /** FLAG_* bits (model/response.ts): responses at the war, whether it was deliberate, succeeded or misjudged, responses to the first probe. */
  flags: Uint16Array;
  /** Trial class: trialClass(sanctions relief level, reconstitution level) (0–24). */
  cls: Uint8Array;
  /** Moscow's resolve drawn for the trial. */
  resolve: Float32Array;
  /** The uniform behind "would Europe really fight": Europe fights if it is below its engagement probability. */
  uEurope: Float32Array;
  /** Credibility of administrations 1…MAX_TERMS−1 (elected after the ceasefire), trial-major. */
  usCredibility: Float32Array;
  /** What Moscow believed (0–1) of Europe and of the US when it went to war (0 if no war). */
  warBeliefEurope: Float32Array;
  warBeliefUs: Float32Array;
  /** Moscow's perceived strength multiplier in the war's year (or the first year's, if no war). */
  perceivedStrength: Float32Array;
}

/** Administrations stored per trial (the one at the ceasefire is the lever itself). */
export const STORED_TERMS = MAX_TERMS - 1;

/** Bytes of result storage per trial. */
export const BYTES_PER_TRIAL = 2 + 1 + 2 + 1 + 2 + 1 + 4 + 4 + 4 * STORED_TERMS + 4 + 4 + 4;

export function allocateResults(trials: number): TrialResults {
  return {
    trials,
    month: new Uint16Array(trials),
    mode: new Uint8Array(trials),
    warMonth: new Uint16Array(trials),
    warMode: new Uint8Array(trials),
    flags: new Uint16Array(trials),
    cls: new Uint8Array(trials),
    resolve: new Float32Array(trials),
    uEurope: new Float32Array(trials),
    usCredibility: new Float32Array(trials * STORED_TERMS),
    warBeliefEurope: new Float32Array(trials),
    warBeliefUs: new Float32Array(trials),
    perceivedStrength: new Float32Array(trials),
  };
}

/** The per-trial arrays of a results object, with how many slots each trial has in it. */
const ARRAYS = [
  ['month', 1],
  ['mode', 1],
  ['warMonth', 1],
  ['warMode', 1],
  ['flags', 1],
  ['cls', 1],
  ['resolve', 1],
  ['uEurope', 1],
  ['usCredibility', STORED_TERMS],
  ['warBeliefEurope', 1],
  ['warBeliefUs', 1],
  ['perceivedStrength', 1],
] as const;

/** The arrays of a results object, for transfer between threads. */
export function resultBuffers(r: TrialResults): ArrayBuffer[] {
  return ARRAYS.map(([k]) => r[k].buffer as ArrayBuffer);
}

/** Views of slots [a, b) of `r` (no copy), so a chunk of trials can be written straight into its place. */
export function resultsView(r: TrialResults, a: number, b: number): TrialResults {
  const out = { trials: b - a } as TrialResults;
  for (const [k, n] of ARRAYS) (out as unknown as Record<string, unknown>)[k] = r[k].subarray(a * n, b * n);
  return out;
}

/** Copy a chunk holding trials [from, from + chunk.trials) into `into`. */
export function mergeChunk(into: TrialResults, chunk: TrialResults, from: number): void {
  for (const [k, n] of ARRAYS) (into[k] as Uint8Array).set(chunk[k] as Uint8Array, from * n);
}
