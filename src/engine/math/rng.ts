import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). The engine never touches Math.random. */
export type Rng = () => number;

/**
 * The independent stream of trial `trial` under `seed`: seedrandom's Alea generator (fast, passes
 * BigCrush per seedrandom's notes; about 110 million draws a second here) seeded with the string
 * `${seed}#${trial}`, which Alea's Mash hash mixes into its 96-bit state. Because the stream
 * depends only on (seed, trial index), a trial gives the same draws whichever chunk or worker runs
 * it; and because the key is hashed, seeds "1" and "2" share no trials (unlike seed + k schemes).
 */
export function trialRng(seed: string, trial: number): Rng {
  return seedrandom.alea(`${seed}#${trial}`);
}

/** One character of Alea's Mash hash (Baagøe), exactly as seedrandom's lib/alea.js computes it. */
function mashChar(n: number, code: number): number {
  n += code;
  let h = 0.02519603282416938 * n;
  n = h >>> 0;
  h -= n;
  h *= n;
  n = h >>> 0;
  h -= n;
  return n + h * 0x100000000;
}
const MASH_START = 0xefc8249d;

/** Mash over a key: the prefix's code units, then the trial's decimal digits (stored last digit first). */
function mashKey(n: number, codes: readonly number[], digits: Uint8Array, nd: number): number {
  for (let i = 0; i < codes.length; i++) n = mashChar(n, codes[i]);
  for (let i = nd - 1; i >= 0; i--) n = mashChar(n, digits[i]);
  return n;
}
const TWO_M32 = 2.3283064365386963e-10;

/**
 * The streams of every trial of a run under `seed`, without allocating per trial: `start(trial)`
 * puts `rng` at the start of trial `trial`'s stream, which is exactly trialRng(seed, trial)'s
 * (seedrandom's Alea seeded with `${seed}#${trial}`; tested draw for draw). The kernel uses it:
 * creating an Alea generator per trial made garbage (closures, a hash function) that cost a
 * quarter of the run in garbage collection.
 */
export function trialStreams(seed: string): { start(trial: number): void; rng: Rng } {
  const prefix = `${seed}#`;
  const codes = Array.from({ length: prefix.length }, (_, i) => prefix.charCodeAt(i));
  // Alea's seeding first hashes ' ' three times from Mash's fixed start.
  let n0 = MASH_START;
  const init: number[] = [];
  for (let k = 0; k < 3; k++) {
    n0 = mashChar(n0, 32);
    init.push((n0 >>> 0) * TWO_M32);
  }
  const digits = new Uint8Array(24);
  // Alea's state [s0, s1, s2, c] in a typed array: unboxed doubles, no allocation per draw.
  const st = new Float64Array(4);
  const rng: Rng = () => {
    const t = 2091639 * st[0] + st[3] * TWO_M32;
    st[0] = st[1];
    st[1] = st[2];
    const c = t | 0;
    st[3] = c;
    return (st[2] = t - c);
  };
  const start = (trial: number) => {
    if (!Number.isSafeInteger(trial) || trial < 0) throw new RangeError(`trial must be a whole number ≥ 0 (got ${trial})`);
    let nd = 0;
    let x = trial;
    do {
      digits[nd++] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
    // Alea then subtracts three successive hashes of the key `${seed}#${trial}` (no string is built).
    let n = n0;
    st[3] = 1;
    for (let k = 0; k < 3; k++) {
      n = mashKey(n, codes, digits, nd);
      const s = init[k] - (n >>> 0) * TWO_M32;
      st[k] = s < 0 ? s + 1 : s;
    }
  };
  return { start, rng };
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9),
 * for p in (0, 1); p = 0 maps to −8.3, the quantile of the smallest non-zero Alea output.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -8.3;
  if (p >= 1) return 8.3;
  const a1 = -3.969683028665376e1, a2 = 2.209460984245205e2, a3 = -2.759285104469687e2;
  const a4 = 1.38357751867269e2, a5 = -3.066479806614716e1, a6 = 2.506628277459239;
  const b1 = -5.447609879822406e1, b2 = 1.615858368580409e2, b3 = -1.556989798598866e2;
  const b4 = 6.680131188771972e1, b5 = -1.328068155288572e1;
  const c1 = -7.784894002430293e-3, c2 = -3.223964580411365e-1, c3 = -2.400758277161838;
  const c4 = -2.549732539343734, c5 = 4.374664141464968, c6 = 2.938163982698783;
  const d1 = 7.784695709041462e-3, d2 = 3.224671290700398e-1, d3 = 2.445134137142996, d4 = 3.754408661907416;
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q) / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
}
