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

const TWO_M32 = 2.3283064365386963e-10;

/**
 * The streams of every trial of a run under `seed`, without allocating per trial: `start(trial)`
 * puts the stream at the start of trial `trial`'s, which is exactly trialRng(seed, trial)'s
 * (seedrandom's Alea seeded with `${seed}#${trial}`; tested draw for draw); `next()` and `rng()`
 * draw from it one number at a time, `fill` many at once. The kernel uses it: creating an Alea
 * generator per trial made garbage (closures, a hash function) that cost a quarter of the run in
 * garbage collection. It is a class, not closures made per run, so that a run's calls always reach
 * the same functions and the optimiser inlines them (a fresh closure per run made the calls
 * generic, and each generic call returned its number as a new heap object); `fill` keeps Alea's
 * state in local variables for the whole block.
 */
export class TrialStreams {
  /** Alea's three initial seeds (from Mash's state after ' ' three times). */
  private readonly init: Float64Array;
  /** Mash's state after ' ' three times and then the prefix `${seed}#`: the first of the key's three hashes starts so every trial. */
  private readonly nPrefix: number;
  private readonly codes: Uint16Array;
  private readonly digits = new Uint8Array(24);
  private readonly digitsB = new Uint8Array(24);
  private readonly digitsC = new Uint8Array(24);
  private readonly digitsD = new Uint8Array(24);
  /** fillQuad's four trials' three seeds each. */
  private readonly seeds = new Float64Array(12);
  /** Alea's state [s0, s1, s2, c] in a typed array: unboxed doubles, no allocation per draw. */
  private readonly st = new Float64Array(4);
  /** The stream's next number, as a function (for code that takes an Rng). */
  readonly rng: Rng = () => this.next();

  constructor(seed: string) {
    const prefix = `${seed}#`;
    this.codes = Uint16Array.from({ length: prefix.length }, (_, i) => prefix.charCodeAt(i));
    let n = MASH_START;
    this.init = new Float64Array(3);
    for (let k = 0; k < 3; k++) {
      n = mashChar(n, 32);
      this.init[k] = (n >>> 0) * TWO_M32;
    }
    for (let i = 0; i < this.codes.length; i++) n = mashChar(n, this.codes[i]);
    this.nPrefix = n;
  }

  /** Put the stream at the start of trial `trial`'s. */
  start(trial: number): void {
    const { digits, codes, st, init } = this;
    const nd = this.digitsOf(trial, digits);
    // Alea then subtracts three successive hashes of the key `${seed}#${trial}` (no string is built).
    let n = this.nPrefix;
    st[3] = 1;
    for (let k = 0; k < 3; k++) {
      if (k > 0) for (let i = 0; i < codes.length; i++) n = mashChar(n, codes[i]);
      for (let i = nd - 1; i >= 0; i--) n = mashChar(n, digits[i]);
      const s = init[k] - (n >>> 0) * TWO_M32;
      st[k] = s < 0 ? s + 1 : s;
    }
  }

  /**
   * Trials a's and b's first `n` numbers into outA[0…n) and outB[0…n): exactly what start(a) and
   * fill(outA, n), then start(b) and fill(outB, n), give (the stream is left at b's). Alea and
   * Mash are chains of dependent steps, each waiting for the last: two independent chains in one
   * loop let the processor run both at once, in about the time of one.
   */
  fillPair(a: number, outA: Float64Array, b: number, outB: Float64Array, n: number): void {
    const { digits, digitsB, codes, st, init } = this;
    const nd = this.digitsOf(a, digits);
    if (this.digitsOf(b, digitsB) !== nd) {
      // Keys of different lengths (a power of ten between them): one after the other.
      this.start(a);
      this.fill(outA, n);
      this.start(b);
      this.fill(outB, n);
      return;
    }
    let na = this.nPrefix;
    let nb = na;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let k = 0; k < 3; k++) {
      if (k > 0) {
        for (let i = 0; i < codes.length; i++) {
          na = mashChar(na, codes[i]);
          nb = mashChar(nb, codes[i]);
        }
      }
      for (let i = nd - 1; i >= 0; i--) {
        na = mashChar(na, digits[i]);
        nb = mashChar(nb, digitsB[i]);
      }
      let sa = init[k] - (na >>> 0) * TWO_M32;
      let sb = init[k] - (nb >>> 0) * TWO_M32;
      if (sa < 0) sa += 1;
      if (sb < 0) sb += 1;
      if (k === 0) {
        a0 = sa;
        b0 = sb;
      } else if (k === 1) {
        a1 = sa;
        b1 = sb;
      } else {
        a2 = sa;
        b2 = sb;
      }
    }
    let ac = 1;
    let bc = 1;
    for (let i = 0; i < n; i++) {
      const ta = 2091639 * a0 + ac * TWO_M32;
      const tb = 2091639 * b0 + bc * TWO_M32;
      a0 = a1;
      b0 = b1;
      a1 = a2;
      b1 = b2;
      ac = ta | 0;
      bc = tb | 0;
      a2 = ta - ac;
      b2 = tb - bc;
      outA[i] = a2;
      outB[i] = b2;
    }
    st[0] = b0;
    st[1] = b1;
    st[2] = b2;
    st[3] = bc;
  }

  /**
   * Trials first…first + 3's first `n` numbers into out0…out3 (as fillPair, four chains side by
   * side: on this machine's cores four independent chains still fit where one waits). The stream
   * is left at trial first + 3's.
   */
  fillQuad(first: number, out0: Float64Array, out1: Float64Array, out2: Float64Array, out3: Float64Array, n: number): void {
    const { digits, digitsB, codes, st, init } = this;
    const nd = this.digitsOf(first, digits);
    if (this.digitsOf(first + 3, digitsB) !== nd) {
      // A power of ten among them: two pairs (each falls back to one at a time where it must).
      this.fillPair(first, out0, first + 1, out1, n);
      this.fillPair(first + 2, out2, first + 3, out3, n);
      return;
    }
    // First and first + 3 have as many digits, so all four keys are of one length.
    const d1 = this.digitsC;
    const d2 = this.digitsD;
    const d3 = digitsB;
    this.digitsOf(first + 1, d1);
    this.digitsOf(first + 2, d2);
    let n0 = this.nPrefix;
    let n1 = n0;
    let n2 = n0;
    let n3 = n0;
    const s = this.seeds;
    for (let k = 0; k < 3; k++) {
      if (k > 0) {
        for (let i = 0; i < codes.length; i++) {
          const c = codes[i];
          n0 = mashChar(n0, c);
          n1 = mashChar(n1, c);
          n2 = mashChar(n2, c);
          n3 = mashChar(n3, c);
        }
      }
      for (let i = nd - 1; i >= 0; i--) {
        n0 = mashChar(n0, digits[i]);
        n1 = mashChar(n1, d1[i]);
        n2 = mashChar(n2, d2[i]);
        n3 = mashChar(n3, d3[i]);
      }
      const q = init[k];
      s[k] = q - (n0 >>> 0) * TWO_M32;
      s[3 + k] = q - (n1 >>> 0) * TWO_M32;
      s[6 + k] = q - (n2 >>> 0) * TWO_M32;
      s[9 + k] = q - (n3 >>> 0) * TWO_M32;
    }
    for (let k = 0; k < 12; k++) if (s[k] < 0) s[k] += 1;
    let a0 = s[0], a1 = s[1], a2 = s[2], ac = 1;
    let b0 = s[3], b1 = s[4], b2 = s[5], bc = 1;
    let c0 = s[6], c1 = s[7], c2 = s[8], cc = 1;
    let e0 = s[9], e1 = s[10], e2 = s[11], ec = 1;
    for (let i = 0; i < n; i++) {
      const ta = 2091639 * a0 + ac * TWO_M32;
      const tb = 2091639 * b0 + bc * TWO_M32;
      const tc = 2091639 * c0 + cc * TWO_M32;
      const te = 2091639 * e0 + ec * TWO_M32;
      a0 = a1;
      b0 = b1;
      c0 = c1;
      e0 = e1;
      a1 = a2;
      b1 = b2;
      c1 = c2;
      e1 = e2;
      ac = ta | 0;
      bc = tb | 0;
      cc = tc | 0;
      ec = te | 0;
      a2 = ta - ac;
      b2 = tb - bc;
      c2 = tc - cc;
      e2 = te - ec;
      out0[i] = a2;
      out1[i] = b2;
      out2[i] = c2;
      out3[i] = e2;
    }
    st[0] = e0;
    st[1] = e1;
    st[2] = e2;
    st[3] = ec;
  }

  /** The decimal digits of `trial` into `out`, last digit first; returns how many. */
  private digitsOf(trial: number, out: Uint8Array): number {
    if (!Number.isSafeInteger(trial) || trial < 0) throw new RangeError(`trial must be a whole number ≥ 0 (got ${trial})`);
    let nd = 0;
    let x = trial;
    do {
      out[nd++] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
    return nd;
  }

  /** The stream's next number. */
  next(): number {
    const st = this.st;
    const t = 2091639 * st[0] + st[3] * TWO_M32;
    st[0] = st[1];
    st[1] = st[2];
    const c = t | 0;
    st[3] = c;
    return (st[2] = t - c);
  }

  /** The stream's next `n` numbers into out[0…n): exactly what n calls of next() give, in one loop. */
  fill(out: Float64Array, n: number): void {
    const st = this.st;
    let s0 = st[0];
    let s1 = st[1];
    let s2 = st[2];
    let c = st[3];
    for (let i = 0; i < n; i++) {
      const t = 2091639 * s0 + c * TWO_M32;
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      out[i] = s2;
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = c;
  }
}

/** The streams of every trial of a run under `seed` (see TrialStreams). */
export function trialStreams(seed: string): TrialStreams {
  return new TrialStreams(seed);
}

/** normalQuantile's central region [NQ_LOW, NQ_HIGH], where its rational approximation in p − ½ applies. */
const NQ_LOW = 0.02425;
const NQ_HIGH = 1 - NQ_LOW;

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9),
 * for p in (0, 1); p = 0 maps to −8.3, the quantile of the smallest non-zero Alea output. The
 * central region (95% of draws) is a small function of its own, so that the optimiser inlines it
 * into the kernel; the tails are another.
 */
export function normalQuantile(p: number): number {
  return p >= NQ_LOW && p <= NQ_HIGH ? centralQuantile(p) : tailQuantile(p);
}

function centralQuantile(p: number): number {
  const a1 = -3.969683028665376e1, a2 = 2.209460984245205e2, a3 = -2.759285104469687e2;
  const a4 = 1.38357751867269e2, a5 = -3.066479806614716e1, a6 = 2.506628277459239;
  const b1 = -5.447609879822406e1, b2 = 1.615858368580409e2, b3 = -1.556989798598866e2;
  const b4 = 6.680131188771972e1, b5 = -1.328068155288572e1;
  const q = p - 0.5;
  const r = q * q;
  return ((((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q) / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
}

function tailQuantile(p: number): number {
  if (p <= 0) return -8.3;
  if (p >= 1) return 8.3;
  const c1 = -7.784894002430293e-3, c2 = -3.223964580411365e-1, c3 = -2.400758277161838;
  const c4 = -2.549732539343734, c5 = 4.374664141464968, c6 = 2.938163982698783;
  const d1 = 7.784695709041462e-3, d2 = 3.224671290700398e-1, d3 = 2.445134137142996, d4 = 3.754408661907416;
  if (p < NQ_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  if (p > NQ_HIGH) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  // NaN: as the original single function, which fell through to the central formula.
  return centralQuantile(p);
}
