import { A } from './assumptions';
import { offensiveSuccess } from './capability';
import { MODE_KEYS, MODES, type ModeSpec } from './modes';

/**
 * Mechanisms 4 and 2 combined: the value to Moscow of each mode in a given month, and its noisy
 * choice between peace and the modes.
 */

/** Everything about one month that Moscow weighs, apart from its own resolve. */
export interface MonthContext {
  /** Russia's offensive capacity (0–1). */
  capacity: number;
  /** Ukraine's own defence (defence units). */
  uaDefence: number;
  /** Defence units the Europeans add if they fight. */
  euDenial: number;
  /** Defence units the US adds if it honours its tier. */
  usPower: number;
  /** Probability Europe fights if tested (before the mode's trigger). */
  pEurope: number;
  /** Probability the US honours its tier if tested (before the mode's trigger). */
  pUs: number;
  /** Probability sanctions snap back (before the mode's trigger). */
  pSnapback: number;
  costEurope: number;
  costUs: number;
  costSnapback: number;
  /** Extra war cost of a full-scale war from Ukrainian deep strike (limited: half; grey zone: none). */
  deepStrikeCost: number;
  /** Payoff of the status quo, a_SQ. */
  peace: number;
  /** Moscow's taste for deniable means, added to the grey zone's value (utility). */
  greyTaste: number;
}

/** A mode's value taken apart, Zagare–Kilgour style. */
export interface ModeAnalysis {
  /** Payoff if no guarantor responds (the defender concedes), a_DC. */
  aDC: number;
  /** Payoff if every guarantor the mode can trigger responds (the defender resists), a_DD. */
  aDD: number;
  /** The effective credibility: the p with value = p·a_DD + (1 − p)·a_DC (0 when a_DD = a_DC). */
  credibility: number;
  /** Expected payoff of the mode, over the guarantors' responses. */
  value: number;
  /** Odds of success against Ukraine alone, and in expectation over the guarantors' responses. */
  successAlone: number;
  successExpected: number;
  /** Expected costs to Moscow from each guarantor, and of the war itself. */
  costEurope: number;
  costUs: number;
  costSanctions: number;
  costWar: number;
}

function success(mode: ModeSpec, ctx: MonthContext, europe: boolean, us: boolean): number {
  if (mode.attackShare === null) return mode.fixedSuccess;
  const defence = mode.defenceShare * (ctx.uaDefence + (europe ? ctx.euDenial : 0) + (us ? ctx.usPower : 0));
  return offensiveSuccess(mode.attackShare * ctx.capacity, defence);
}

/**
 * The expected value to Moscow of `mode` at resolve `resolve` (0–1): the gain times the odds of
 * success over the lottery of independent European and US responses, minus the war's cost and the
 * expected costs of each guarantor's response. Exactly bilinear in resolve and in the US
 * credibility (through pUs), which the fast kernel relies on.
 */
export function analyseMode(mode: ModeSpec, resolve: number, ctx: MonthContext): ModeAnalysis {
  const qE = ctx.pEurope * mode.trigger.europe;
  const qU = ctx.pUs * mode.trigger.us;
  const qS = ctx.pSnapback * mode.trigger.snapback;
  const s00 = success(mode, ctx, false, false);
  const s10 = success(mode, ctx, true, false);
  const s01 = success(mode, ctx, false, true);
  const s11 = success(mode, ctx, true, true);
  const sExp = (1 - qE) * (1 - qU) * s00 + qE * (1 - qU) * s10 + (1 - qE) * qU * s01 + qE * qU * s11;
  const deep = mode.key === 'fullScale' ? ctx.deepStrikeCost : mode.key === 'limited' ? ctx.deepStrikeCost / 2 : 0;
  const costWar = mode.warCost + deep;
  const taste = mode.key === 'greyZone' ? ctx.greyTaste : 0;
  const gain = resolve * mode.gain;
  const aDC = gain * s00 - costWar + taste;
  // "Resists" means every guarantor this mode can trigger at all does respond.
  const anyE = mode.trigger.europe > 0 && ctx.pEurope > 0;
  const anyU = mode.trigger.us > 0 && ctx.pUs > 0;
  const anyS = mode.trigger.snapback > 0 && ctx.pSnapback > 0;
  const sAll = success(mode, ctx, anyE, anyU);
  const aDD =
    gain * sAll - costWar + taste - (anyE ? ctx.costEurope : 0) - (anyU ? ctx.costUs : 0) - (anyS ? ctx.costSnapback : 0);
  const costEurope = qE * ctx.costEurope;
  const costUs = qU * ctx.costUs;
  const costSanctions = qS * ctx.costSnapback;
  const value = gain * sExp - costWar + taste - costEurope - costUs - costSanctions;
  const credibility = aDC === aDD ? 0 : (aDC - value) / (aDC - aDD);
  return {
    aDC,
    aDD,
    credibility,
    value,
    successAlone: s00,
    successExpected: sExp,
    costEurope,
    costUs,
    costSanctions,
    costWar,
  };
}

/**
 * Zagare and Kilgour's deterrence threshold: a challenger with payoffs a_DC (defender concedes),
 * a_DD (defender resists) and a_SQ (status quo) attacks unless the defender's credibility exceeds
 * (a_DC − a_SQ) / (a_DC − a_DD). Requires a_DC > a_DD.
 */
export function zkThreshold(aDC: number, aDD: number, aSQ: number): number {
  return (aDC - aSQ) / (aDC - aDD);
}

/**
 * Noise scales (utility units) at or below this are treated as no noise. Why: the fast kernel divides
 * margins by the scale, and a tiny but allowed `decisionNoise` (e.g. 1e-320) made 1/scale overflow
 * to Infinity, so the coefficients became NaN and every such trial "resumed" full-scale in month 1.
 * A logit this sharp is indistinguishable from the expected-utility optimum anyway.
 */
export const MIN_NOISE_SCALE = 1e-9;

/** The Gumbel (logit) noise scale in utility units for a `decisionNoise` lever value (0 when negligible). */
export function noiseScale(decisionNoise: number): number {
  const scale = decisionNoise * A.noiseScale;
  return scale > MIN_NOISE_SCALE ? scale : 0;
}

/**
 * Probabilities of peace and of each mode this month, given each mode's margin over peace
 * (value − a_SQ) and the noise scale. Noise 0 (or at most MIN_NOISE_SCALE) is the expected-utility optimum: the best mode if its
 * margin is positive, else peace (peace wins ties). Otherwise a logit choice.
 */
export function choiceProbabilities(margins: readonly number[], scale: number): { peace: number; modes: number[] } {
  if (!(scale > MIN_NOISE_SCALE)) {
    let best = -1;
    for (let m = 0; m < margins.length; m++) if (margins[m] > 0 && (best < 0 || margins[m] > margins[best])) best = m;
    return { peace: best < 0 ? 1 : 0, modes: margins.map((_, m) => (m === best ? 1 : 0)) };
  }
  // Subtract the largest exponent first so exp never overflows.
  const top = Math.max(0, ...margins.map((x) => x / scale));
  const w = margins.map((x) => Math.exp(x / scale - top));
  const peace = Math.exp(-top);
  const total = peace + w.reduce((s, x) => s + x, 0);
  return { peace: peace / total, modes: w.map((x) => x / total) };
}

/**
 * One month's decision from two uniform draws in [0, 1): resume if `uResume` falls below the
 * probability of not choosing peace, then pick the mode in proportion to its weight with `uMode`.
 * Returns the index in MODE_KEYS, or −1 for peace.
 */
export function decide(margins: readonly number[], scale: number, uResume: number, uMode: number): number {
  const p = choiceProbabilities(margins, scale);
  if (uResume >= 1 - p.peace) return -1;
  return pickMode(p.modes, uMode);
}

/** Index of the mode drawn by `u` in [0, 1) from unnormalised weights (the last one absorbs rounding). */
export function pickMode(weights: readonly number[], u: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (let m = 0; m < weights.length - 1; m++) {
    acc += weights[m];
    if (u * total < acc) return m;
  }
  return weights.length - 1;
}

/** Each mode's full analysis and margin over peace this month. */
export function analyseMonth(resolve: number, ctx: MonthContext): { modes: ModeAnalysis[]; margins: number[] } {
  const modes = MODE_KEYS.map((k) => analyseMode(MODES[k], resolve, ctx));
  return { modes, margins: modes.map((m) => m.value - ctx.peace) };
}
