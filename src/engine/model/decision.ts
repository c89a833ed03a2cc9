import type { ModelParams } from './assumptions';
import { offensiveSuccess } from './capability';
import { MODE_CODE, modeGain, modeShape, modeWarCost, type ModeKey } from './modes';

/**
 * Mechanism 5, choice: the value to Moscow of each mode in a month, given what it expects of the
 * guarantors, and the one decision rule (chooseMonth) that the kernel, the trial replay and "why it
 * breaks" all use. Moscow resumes when resuming is worth more than keeping the ceasefire;
 * `decisionNoise` is a tremble on top (a logit choice with a small scale).
 */

/** Everything about one month that Moscow weighs, apart from its own resolve. */
export interface MonthContext {
  /** Russia's offensive capacity (0–1). */
  capacity: number;
  /**
   * How much stronger Moscow believes its offensive to be than it is (a multiplier on its attack
   * strength; 1 = it sees the true balance). Its decisions use it; the war, once started, does not.
   */
  perceivedStrength: number;
  /** Ukraine's own defence (defence units). */
  uaDefence: number;
  /** Defence units the Europeans add if they fight. */
  euDenial: number;
  /** Defence units the US adds if it honours its tier (at this month's attention). */
  usPower: number;
  /**
   * What Moscow believes (0–1, before a mode's trigger): that Europe fights, that the US honours its
   * tier, that sanctions snap back. Its prior comes from what it can observe, distorted
   * (model/beliefs.ts); incidents move it by noisy signals.
   */
  bEurope: number;
  bUs: number;
  pSnapback: number;
  costEurope: number;
  /** Cost of a US response at this month's attention. */
  costUs: number;
  costSnapback: number;
  /** Extra war cost of a full-scale war from Ukrainian deep strike (limited: half). */
  deepStrikeCost: number;
  /** Payoff of the status quo, a_SQ. */
  peace: number;
  /** Moscow's taste for deniable means, added to the grey zone's value (utility; the lever's part and the trial's own). */
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
  /** Expected payoff of the mode, over the guarantors' responses as Moscow expects them. */
  value: number;
  /** What Moscow expects to win: resolve × gain × E[success] (grey zone: its value term). */
  expectedGain: number;
  /** Odds of success against Ukraine alone, and in expectation over the guarantors' responses. */
  successAlone: number;
  successExpected: number;
  /** Expected costs to Moscow from each guarantor, and of the campaign itself. */
  costEurope: number;
  costUs: number;
  costSanctions: number;
  costWar: number;
}

/** Odds (0–1) of the mode's success as Moscow sees them: its perceived strength against the defence of those who fight. */
function success(shape: ReturnType<typeof modeShape>, ctx: MonthContext, europe: boolean, us: boolean): number {
  if (shape.attackShare === null) return 0;
  const defence = shape.defenceShare * (ctx.uaDefence + (europe ? ctx.euDenial : 0) + (us ? ctx.usPower : 0));
  return offensiveSuccess(shape.attackShare * ctx.capacity * ctx.perceivedStrength, defence);
}

/**
 * The expected value to Moscow of a conventional mode (limited or full scale) at resolve `resolve`
 * (0–1): the gain times the odds of success over the lottery of independent European and US
 * responses (as Moscow expects them), minus the war's cost and the expected costs of each
 * guarantor's response. Bilinear in what Moscow expects of Europe and of the US, which the fast
 * kernel relies on.
 */
export function analyseMode(p: ModelParams, modeKey: Exclude<ModeKey, 'greyZone'>, resolve: number, ctx: MonthContext): ModeAnalysis {
  const key = modeKey;
  const mode = modeShape(p, key);
  const qE = ctx.bEurope * mode.trigger.europe;
  const qU = ctx.bUs * mode.trigger.us;
  const qS = ctx.pSnapback * mode.trigger.snapback;
  const s00 = success(mode, ctx, false, false);
  const s10 = success(mode, ctx, true, false);
  const s01 = success(mode, ctx, false, true);
  const s11 = success(mode, ctx, true, true);
  const sExp = (1 - qE) * (1 - qU) * s00 + qE * (1 - qU) * s10 + (1 - qE) * qU * s01 + qE * qU * s11;
  const deep = key === 'fullScale' ? ctx.deepStrikeCost : ctx.deepStrikeCost / 2;
  const costWar = modeWarCost(p, key) + deep;
  const gain = modeGain(p, key, resolve);
  const aDC = gain * s00 - costWar;
  // "Resists" means every guarantor this mode can trigger at all does respond.
  const anyE = mode.trigger.europe > 0 && ctx.bEurope > 0;
  const anyU = mode.trigger.us > 0 && ctx.bUs > 0;
  const anyS = mode.trigger.snapback > 0 && ctx.pSnapback > 0;
  const sAll = success(mode, ctx, anyE, anyU);
  const aDD = gain * sAll - costWar - (anyE ? ctx.costEurope : 0) - (anyU ? ctx.costUs : 0) - (anyS ? ctx.costSnapback : 0);
  const costEurope = qE * ctx.costEurope;
  const costUs = qU * ctx.costUs;
  const costSanctions = qS * ctx.costSnapback;
  const value = gain * sExp - costWar - costEurope - costUs - costSanctions;
  const credibility = aDC === aDD ? 0 : (aDC - value) / (aDC - aDD);
  return { aDC, aDD, credibility, value, expectedGain: gain * sExp, successAlone: s00, successExpected: sExp, costEurope, costUs, costSanctions, costWar };
}

/**
 * The value of a grey-zone campaign: resolve × (its own value + substitution × how far conventional
 * war is deterred, 1 − `deterred`, the full-scale offensive's expected success once Russia has fully
 * rebuilt), minus its cost and the
 * guarantors' (rare) response, plus Moscow's taste for deniable means. It is a probe inside the
 * ceasefire, so its margin is this value itself (the ceasefire's value is kept). Deterring war
 * raises it: strong conventional deterrence pushes Moscow toward the grey zone (article 000).
 */
export function analyseGreyZone(p: ModelParams, resolve: number, ctx: MonthContext, deterred: number): ModeAnalysis {
  const t = modeShape(p, 'greyZone').trigger;
  const qE = ctx.bEurope * t.europe;
  const qU = ctx.bUs * t.us;
  const qS = ctx.pSnapback * t.snapback;
  const expectedGain = resolve * (p.greyZoneValue + p.greySubstitution * (1 - deterred));
  const costWar = p.greyZoneCost - ctx.greyTaste;
  const costEurope = qE * ctx.costEurope;
  const costUs = qU * ctx.costUs;
  const costSanctions = qS * ctx.costSnapback;
  const value = expectedGain - costWar - costEurope - costUs - costSanctions;
  const aDC = expectedGain - costWar;
  const aDD = aDC - (qE > 0 ? ctx.costEurope : 0) - (qU > 0 ? ctx.costUs : 0) - (qS > 0 ? ctx.costSnapback : 0);
  const credibility = aDC === aDD ? 0 : (aDC - value) / (aDC - aDD);
  return { aDC, aDD, credibility, value, expectedGain, successAlone: 0, successExpected: 0, costEurope, costUs, costSanctions, costWar };
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
 * to Infinity, so the coefficients became NaN. A logit this sharp is the expected-utility optimum.
 */
export const MIN_NOISE_SCALE = 1e-9;

/** The logit noise scale in utility units for a `decisionNoise` lever value (0 when negligible). */
export function noiseScale(p: ModelParams, decisionNoise: number): number {
  const scale = decisionNoise * p.noiseScale;
  return scale > MIN_NOISE_SCALE ? scale : 0;
}

/** chooseMonth's answers: the stored MODE_CODE of the choice (peace is "none"), so the kernel stores them as they are. */
export const CHOICE = { peace: MODE_CODE.none, greyZone: MODE_CODE.greyZone, limited: MODE_CODE.limited, fullScale: MODE_CODE.fullScale } as const;

/**
 * Scaled margins at or below this are not worth an exp: exp(−40) < 5e-18, so such a mode is chosen
 * only if the month's draw is exactly 0. The kernel, the replay and the components all use it
 * through chooseMonth, so they stay draw-for-draw identical.
 */
export const NEGLIGIBLE_MARGIN = -40;
/** Scaled margins are capped here before exp, so exp never overflows to Infinity. */
const MAX_EXPONENT = 700;

/**
 * The one decision rule. `xG`, `xL`, `xF`: margins over peace of the grey zone, a limited and a
 * full-scale offensive, divided by the noise scale when `noisy`, raw otherwise. `v`: the month's
 * uniform draw in [0, 1). Returns a CHOICE code.
 *
 * - Without noise: war (the better of limited and full scale, limited on a tie) if its margin is
 *   positive; otherwise a grey-zone campaign if its margin is positive; otherwise peace.
 * - With noise (a logit tremble): war with probability W/(1 + W), W = e^xL + e^xF, split between the
 *   modes in proportion to e^x; otherwise a grey-zone campaign with probability e^xG/(1 + e^xG).
 *   The draw is laid out [limited | full scale | grey zone | peace], so the chance of war this month
 *   depends on the conventional margins alone: deterring war can never make it more likely, and a
 *   grey-zone probe never stands in for a war (common random numbers keep this exact).
 */
export function chooseMonth(xG: number, xL: number, xF: number, v: number, noisy: boolean): number {
  if (!noisy) {
    if (xL > 0 || xF > 0) return xL >= xF ? CHOICE.limited : CHOICE.fullScale;
    return xG > 0 ? CHOICE.greyZone : CHOICE.peace;
  }
  let w = 0;
  if (xL > NEGLIGIBLE_MARGIN || xF > NEGLIGIBLE_MARGIN) {
    const eL = Math.exp(xL < MAX_EXPONENT ? xL : MAX_EXPONENT);
    w = eL + Math.exp(xF < MAX_EXPONENT ? xF : MAX_EXPONENT);
    // War iff v < W / (1 + W), written without a division.
    if (w * (1 - v) > v) return v * (1 + w) < eL ? CHOICE.limited : CHOICE.fullScale;
  }
  if (!(xG > NEGLIGIBLE_MARGIN)) return CHOICE.peace;
  const eG = Math.exp(xG < MAX_EXPONENT ? xG : MAX_EXPONENT);
  // Any resumption iff v < 1 − 1/((1 + W)(1 + e^xG)); war was ruled out above.
  return (1 - v) * (1 + w) * (1 + eG) > 1 ? CHOICE.greyZone : CHOICE.peace;
}

/**
 * The probabilities behind chooseMonth (for explanations): of war this month, of each conventional
 * mode, of a grey-zone campaign, and of any resumption. Without noise they are 0 or 1.
 */
export function choiceProbabilities(xG: number, xL: number, xF: number, noisy: boolean) {
  if (!noisy) {
    const c = chooseMonth(xG, xL, xF, 0.5, false);
    const war = c >= CHOICE.limited ? 1 : 0;
    return { war, limited: c === CHOICE.limited ? 1 : 0, fullScale: c === CHOICE.fullScale ? 1 : 0, greyZone: c === CHOICE.greyZone ? 1 : 0, any: c === CHOICE.peace ? 0 : 1 };
  }
  const e = (x: number) => (x > NEGLIGIBLE_MARGIN ? Math.exp(Math.min(x, MAX_EXPONENT)) : 0);
  const eL = e(xL);
  const eF = e(xF);
  const eG = e(xG);
  const w = eL + eF;
  const war = w / (1 + w);
  const greyZone = (1 - war) * (eG / (1 + eG));
  return { war, limited: eL / (1 + w), fullScale: eF / (1 + w), greyZone, any: war + greyZone };
}
