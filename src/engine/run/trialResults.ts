import { MAX_TERMS } from '../model/time';

/**
 * Per-trial results in typed arrays (BYTES_PER_TRIAL bytes a trial), never one object per trial. A chunk of
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

/**
 * The per-trial arrays of a results object: key, typed-array type and slots per trial. The one list
 * that allocation, transfer, views, merging and the page's message checks (workers/checkMessage.ts)
 * derive from.
 */
export const TRIAL_ARRAYS = [
  { key: 'month', slots: 1, type: Uint16Array },
  { key: 'mode', slots: 1, type: Uint8Array },
  { key: 'warMonth', slots: 1, type: Uint16Array },
  { key: 'warMode', slots: 1, type: Uint8Array },
  { key: 'flags', slots: 1, type: Uint16Array },
  { key: 'cls', slots: 1, type: Uint8Array },
  { key: 'resolve', slots: 1, type: Float32Array },
  { key: 'uEurope', slots: 1, type: Float32Array },
  { key: 'usCredibility', slots: STORED_TERMS, type: Float32Array },
  { key: 'warBeliefEurope', slots: 1, type: Float32Array },
  { key: 'warBeliefUs', slots: 1, type: Float32Array },
  { key: 'perceivedStrength', slots: 1, type: Float32Array },
] as const;

// Every array of TrialResults is in TRIAL_ARRAYS with its own type, and nothing else is (compile-time check).
type Listed = (typeof TRIAL_ARRAYS)[number];
type _Keys = [Exclude<keyof TrialResults, 'trials'>] extends [Listed['key']] ? ([Listed['key']] extends [Exclude<keyof TrialResults, 'trials'>] ? true : never) : never;
const _keysMatch: _Keys = true;
void _keysMatch;

/** Bytes of result storage per trial. */
export const BYTES_PER_TRIAL = TRIAL_ARRAYS.reduce((n, a) => n + a.type.BYTES_PER_ELEMENT * a.slots, 0);

export function allocateResults(trials: number): TrialResults {
  const out = { trials } as Record<string, unknown>;
  for (const a of TRIAL_ARRAYS) out[a.key] = new a.type(trials * a.slots);
  return out as unknown as TrialResults;
}

/** The arrays of a results object, for transfer between threads. */
export function resultBuffers(r: TrialResults): ArrayBuffer[] {
  return TRIAL_ARRAYS.map(({ key }) => r[key].buffer as ArrayBuffer);
}

/** Views of slots [a, b) of `r` (no copy), so a chunk of trials can be written straight into its place. */
export function resultsView(r: TrialResults, a: number, b: number): TrialResults {
  const out = { trials: b - a } as TrialResults;
  for (const { key, slots } of TRIAL_ARRAYS) (out as unknown as Record<string, unknown>)[key] = r[key].subarray(a * slots, b * slots);
  return out;
}

/** Copy a chunk holding trials [from, from + chunk.trials) into `into`. */
export function mergeChunk(into: TrialResults, chunk: TrialResults, from: number): void {
  for (const { key, slots } of TRIAL_ARRAYS) (into[key] as Uint8Array).set(chunk[key] as Uint8Array, from * slots);
}
