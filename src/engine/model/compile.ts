import { changedAssumptions, modelParams, type AssumptionValues, type ModelParams } from './assumptions';
import { balanceStrengthLevels } from './beliefs';
import { europeanDenial, offensiveSuccess, ukraineDefence, usCombatPower } from './capability';
import {
  europeEngagementCost,
  europeEngagementProbability,
  peaceValue,
  snapbackCost,
  snapbackProbability,
  usEngagementCost,
  vetoFactor,
} from './credibility';
import { analyseGreyZone, analyseMode, noiseScale, type ModeAnalysis, type MonthContext } from './decision';
import type { Levers } from '../levers';
import { modeGain, modeShape, modeWarCost } from './modes';
import { electionMonths, horizonMonths, russianCapacityPath, sanctionsPath, termByMonth, ukraineReadinessPath, usAttention } from './time';
import { reconstitutionYears, reliefPace } from './uncertainty';

/** Trial classes: the 5 × 5 combinations of sanctions relief level and reconstitution level. */
export const CLASSES = 25;

/** A trial's class (0–24) from its two path levels (0–4 each): 5 × relief + reconstitution. */
export function trialClass(reliefLevel: number, reconstitutionLevel: number): number {
  return reliefLevel * 5 + reconstitutionLevel;
}
/** The two path levels of a trial class (inverse of trialClass). */
export function classLevels(cls: number): { reliefLevel: number; reconstitutionLevel: number } {
  return { reliefLevel: Math.floor(cls / 5), reconstitutionLevel: cls % 5 };
}

/**
 * Views of the balance a coefficient row can be computed under: Moscow's five misperception levels
 * (model/beliefs.ts) and the truth (TRUTH_LEVEL: perceived strength 1), which decides whether a war
 * Moscow started was misjudged.
 */
export const LEVELS = 6;
export const TRUTH_LEVEL = 5;

/**
 * Offsets into one (class, view of the balance, month) row of the coefficient table. Each war
 * option's margin over peace is
 *   r·(g0 + bE·g1 + bU·g2 + bE·bU·g3) + f0 + bE·f1 + bU·f2 + bE·bU·f3
 * with r the trial's resolve and bE, bU what Moscow believes of Europe and of the US this month;
 * the grey zone's margin is r·(greyValue + substitution × (1 − s*)) + f0 + bE·f1 + bU·f2, where
 * s* = h0 + bE·h1 + bU·h2 + bE·bU·h3 is the full-scale offensive's expected success (as Moscow sees
 * it) once Russia has fully rebuilt: how far war is structurally deterred. All but s* are divided by
 * the noise scale when it is positive.
 */
export const COEF = {
  limited: 0,
  fullScale: 8,
  greyZone: 16,
  /** The full-scale offensive's expected success at full Russian capacity, bilinear in (bE, bU): h0…h3. */
  deterred: 19,
  /** Per war option: g0…g3 at +0…3, f0…f3 at +4…7. Grey zone: f0…f2 at +0…2. */
  stride: 23,
} as const;

/**
 * Everything about a run that does not vary by trial, computed once per set of levers and
 * parameters. The hot loop then does, per trial-month, a few multiply-adds and one draw.
 */
export interface CompiledModel {
  levers: Levers;
  /** The assumptions changed from their defaults for this run (changedAssumptions: registry order, defaults dropped). */
  assumptions: AssumptionValues;
  /** Every assumption's value for this run, frozen: what every mechanism reads. */
  params: ModelParams;
  horizon: number;
  elections: number[];
  /** Administration index in office at each month 0…horizon. */
  term: Uint8Array;
  /** Logit (tremble) scale in utility units (0: no noise, the expected-utility optimum). */
  scale: number;
  /** coef[((cls·LEVELS + level)·(H+1) + t)·COEF.stride + …]: see COEF. */
  coef: Float64Array;
  /** Grey zone's resolve terms (scaled like coef): r·(greyBase − greySubstitution·s*). */
  greyBase: number;
  greySubstitution: number;
  /** True probabilities (before a mode's trigger): Europe fights; the US honours per unit of credibility; sanctions snap back. */
  pEurope: number;
  usHonourPerCredibility: number;
  pSnapback: number;
  /** Moscow's perceived strength multiplier at each view of the balance (LEVELS; the truth is 1). */
  strengthLevels: number[];
  /** Per class: sanctions in force and Russian capacity at each month (for explanations and charts). */
  sanctions: Float64Array[];
  capacity: Float64Array[];
  uaDefence: Float64Array;
  /** US attention (0–1) at each month. */
  attention: Float64Array;
  /** Defence units Europe adds if it fights, and the US at full attention if it honours its tier. */
  euDenial: number;
  usPower: number;
}

/** The parts of a month's context that depend on the levers alone (computed once per run). */
export type StaticContext = Pick<MonthContext, 'euDenial' | 'pSnapback' | 'costEurope' | 'deepStrikeCost' | 'greyTaste'> & {
  pEurope: number;
  usPower: number;
  costUs: number;
  usHonourPerCredibility: number;
};

export function staticContext(p: ModelParams, levers: Levers): StaticContext {
  return {
    euDenial: europeanDenial(p, levers),
    usPower: usCombatPower(p, levers.usTier),
    pEurope: europeEngagementProbability(p, levers),
    usHonourPerCredibility: levers.usTier === 'none' ? 0 : vetoFactor(p, levers.russianVeto),
    pSnapback: snapbackProbability(p, levers),
    costEurope: europeEngagementCost(p, levers),
    costUs: usEngagementCost(p, levers.usTier),
    deepStrikeCost: levers.uaDeepStrike ? p.deepStrikeWarCost : 0,
    greyTaste: p.greyTaste * 2 * (levers.ruGreyZonePreference - 0.5),
  };
}

/**
 * The month context for one class (sanctions path, capacity path), month, what Moscow believes of
 * Europe (bEurope) and of the US (bUs, an honour probability) this month, and how strong it
 * believes its offensive to be (perceivedStrength; 1 = the truth).
 */
export function monthContext(
  p: ModelParams,
  levers: Levers,
  t: number,
  sanctions: Float64Array,
  capacity: Float64Array,
  uaDefenceAt: number,
  bEurope: number,
  bUs: number,
  perceivedStrength = 1,
  fixed: StaticContext = staticContext(p, levers),
  attention: number = usAttention(p, t, levers.usAttentionHalfLifeYears),
): MonthContext {
  // Spelled out, not spread: one object shape keeps analyseMode monomorphic.
  return {
    capacity: capacity[t],
    perceivedStrength,
    uaDefence: uaDefenceAt,
    euDenial: fixed.euDenial,
    usPower: fixed.usPower * attention,
    bEurope,
    bUs,
    pSnapback: fixed.pSnapback,
    costEurope: fixed.costEurope,
    costUs: fixed.costUs * attention,
    costSnapback: snapbackCost(p, sanctions[t], levers.secondarySanctions),
    deepStrikeCost: fixed.deepStrikeCost,
    peace: peaceValue(p),
    greyTaste: fixed.greyTaste,
  };
}

/** The full-scale offensive's expected success at full Russian capacity in a month's context (0–1), as Moscow sees it. */
export function deterredSuccess(p: ModelParams, ctx: MonthContext): number {
  return analyseMode(p, 'fullScale', 1, { ...ctx, capacity: 1 }).successExpected;
}

/** Each mode's itemised analysis (grey zone, limited, full scale) and its margin over peace in one context. */
export function analyseMonth(p: ModelParams, resolve: number, ctx: MonthContext): { modes: ModeAnalysis[]; margins: number[] } {
  const limited = analyseMode(p, 'limited', resolve, ctx);
  const fullScale = analyseMode(p, 'fullScale', resolve, ctx);
  const grey = analyseGreyZone(p, resolve, ctx, deterredSuccess(p, ctx));
  // A full-scale war forfeits the ceasefire's value, a limited one part of it; a grey-zone probe keeps it.
  return {
    modes: [grey, limited, fullScale],
    margins: [grey.value, limited.value - p.limitedPeaceLoss * ctx.peace, fullScale.value - ctx.peace],
  };
}

/**
 * Write the coefficients of a quantity bilinear in (bE, bU), given its values at the corners
 * (v00, v10, v01, v11) = values at (bE, bU) = (0,0), (1,0), (0,1), (1,1), at out[o…o+3]
 * (constant, bE, bU, bE·bU), times `scale`.
 */
function putBilinear(out: Float64Array, o: number, v00: number, v10: number, v01: number, v11: number, scale: number): void {
  out[o] = v00 * scale;
  out[o + 1] = (v10 - v00) * scale;
  out[o + 2] = (v01 - v00) * scale;
  out[o + 3] = (v11 - v10 - v01 + v00) * scale;
}

/**
 * Precompute the per-(class, view of the balance), per-month coefficient tables for a set of levers
 * under a set of assumptions (changes from the defaults; validate user input first with
 * resolveAssumptions). The table is written by a flat path (the same arithmetic as analyseMode,
 * without its objects); a test holds the two to the same margins.
 */
export function compileModel(levers: Levers, assumptions: AssumptionValues = {}): CompiledModel {
  const changes = changedAssumptions(assumptions);
  const p = modelParams(changes);
  const horizon = horizonMonths(levers.horizonYears);
  const elections = electionMonths(levers.ceasefireStart, horizon);
  const term = termByMonth(elections, horizon);
  const scale = noiseScale(p, levers.decisionNoise);
  const inv = scale > 0 ? 1 / scale : 1;
  const readiness = ukraineReadinessPath(p, levers.uaFundingShare, levers.frozenAssetsBn, levers.uaDefenseIndustry, levers.uaWarFatigue, horizon);
  const uaDefence = readiness.map((q) => ukraineDefence(p, levers, q));
  const attention = new Float64Array(horizon + 1);
  for (let t = 0; t <= horizon; t++) attention[t] = usAttention(p, t, levers.usAttentionHalfLifeYears);
  const fixed = staticContext(p, levers);
  const strengthLevels = [...balanceStrengthLevels(p), 1];
  const sanctionsByRelief = [0, 1, 2, 3, 4].map((lv) => sanctionsPath(levers.sanctionsLevel, reliefPace(p, levers.sanctionsReliefPerYear, lv), horizon));
  const sanctionsByClass: Float64Array[] = [];
  const capacityByClass: Float64Array[] = [];
  for (let c = 0; c < CLASSES; c++) {
    const { reliefLevel, reconstitutionLevel } = classLevels(c);
    sanctionsByClass.push(sanctionsByRelief[reliefLevel]);
    capacityByClass.push(russianCapacityPath(p, reconstitutionYears(p, levers.ruReconstitutionYears, reconstitutionLevel), sanctionsByRelief[reliefLevel]));
  }
  const coef = fillCoefficients(p, levers, fixed, horizon, inv, uaDefence, attention, strengthLevels, sanctionsByClass, capacityByClass);
  return {
    levers,
    assumptions: changes,
    params: p,
    horizon,
    elections,
    term,
    scale,
    coef,
    greyBase: (p.greyZoneValue + p.greySubstitution) * inv,
    greySubstitution: p.greySubstitution * inv,
    pEurope: fixed.pEurope,
    usHonourPerCredibility: fixed.usHonourPerCredibility,
    pSnapback: fixed.pSnapback,
    strengthLevels,
    sanctions: sanctionsByClass,
    capacity: capacityByClass,
    uaDefence,
    attention,
    euDenial: fixed.euDenial,
    usPower: fixed.usPower,
  };
}

/** Expected success over the guarantors' responses with response probabilities qE, qU. */
function expectedSuccess(qE: number, qU: number, s00: number, s10: number, s01: number, s11: number): number {
  return (1 - qE) * (1 - qU) * s00 + qE * (1 - qU) * s10 + (1 - qE) * qU * s01 + qE * qU * s11;
}

/**
 * One war option's eight coefficients at coef[o…o+7]: its success odds against each combination of
 * responders (attack a, defence share k), the expected success at the four belief corners (triggers
 * tE, tU), and the margin's resolve slope (dg × E[success]) and constant (g0 × E[success] + base −
 * the expected guarantor costs).
 */
function fillWarOption(
  coef: Float64Array,
  o: number,
  a: number,
  k: number,
  ua: number,
  euDenial: number,
  usPower: number,
  tE: number,
  tU: number,
  g0: number,
  dg: number,
  base: number,
  cE: number,
  cU: number,
  inv: number,
): void {
  const s00 = offensiveSuccess(a, k * ua);
  const s10 = offensiveSuccess(a, k * (ua + euDenial));
  const s01 = offensiveSuccess(a, k * (ua + usPower));
  const s11 = offensiveSuccess(a, k * (ua + euDenial + usPower));
  const e00 = s00;
  const e10 = expectedSuccess(tE, 0, s00, s10, s01, s11);
  const e01 = expectedSuccess(0, tU, s00, s10, s01, s11);
  const e11 = expectedSuccess(tE, tU, s00, s10, s01, s11);
  putBilinear(coef, o, dg * e00, dg * e10, dg * e01, dg * e11, inv);
  putBilinear(coef, o + 4, g0 * e00 + base, g0 * e10 + base - tE * cE, g0 * e01 + base - tU * cU, g0 * e11 + base - tE * cE - tU * cU, inv);
}

function fillCoefficients(
  p: ModelParams,
  levers: Levers,
  fixed: StaticContext,
  horizon: number,
  inv: number,
  uaDefence: Float64Array,
  attention: Float64Array,
  strengthLevels: number[],
  sanctions: Float64Array[],
  capacity: Float64Array[],
): Float64Array {
  const S = COEF.stride;
  const H1 = horizon + 1;
  const coef = new Float64Array(CLASSES * LEVELS * H1 * S);
  const peace = peaceValue(p);
  const lim = modeShape(p, 'limited');
  const full = modeShape(p, 'fullScale');
  const grey = modeShape(p, 'greyZone').trigger;
  const gL0 = modeGain(p, 'limited', 0);
  const gLd = modeGain(p, 'limited', 1) - gL0;
  const gF0 = modeGain(p, 'fullScale', 0);
  const gFd = modeGain(p, 'fullScale', 1) - gF0;
  const costL = modeWarCost(p, 'limited') + fixed.deepStrikeCost / 2 + p.limitedPeaceLoss * peace;
  const costF = modeWarCost(p, 'fullScale') + fixed.deepStrikeCost + peace;
  const cE = fixed.costEurope;
  const eu = fixed.euDenial;
  const greyCost = p.greyZoneCost - fixed.greyTaste;
  const qSL = fixed.pSnapback * lim.trigger.snapback;
  const qSF = fixed.pSnapback * full.trigger.snapback;
  const qSG = fixed.pSnapback * grey.snapback;
  const h = new Float64Array(LEVELS * 4);
  for (let t = 1; t <= horizon; t++) {
    const ua = uaDefence[t];
    const usPow = fixed.usPower * attention[t];
    const cU = fixed.costUs * attention[t];
    // The full-scale offensive's expected success at full capacity (as Moscow sees it), per view of the balance.
    for (let lv = 0; lv < LEVELS; lv++) {
      const m = strengthLevels[lv];
      const s00 = offensiveSuccess(m, ua);
      const s10 = offensiveSuccess(m, ua + eu);
      const s01 = offensiveSuccess(m, ua + usPow);
      const s11 = offensiveSuccess(m, ua + eu + usPow);
      h[lv * 4] = s00;
      h[lv * 4 + 1] = s10;
      h[lv * 4 + 2] = s01;
      h[lv * 4 + 3] = s11;
    }
    for (let c = 0; c < CLASSES; c++) {
      const cap = capacity[c][t];
      const cS = snapbackCost(p, sanctions[c][t], levers.secondarySanctions);
      const baseL = -costL - qSL * cS;
      const baseF = -costF - qSF * cS;
      const gz0 = (-greyCost - qSG * cS) * inv;
      const gz1 = -grey.europe * cE * inv;
      const gz2 = -grey.us * cU * inv;
      for (let lv = 0; lv < LEVELS; lv++) {
        const m = strengthLevels[lv];
        const o = ((c * LEVELS + lv) * H1 + t) * S;
        fillWarOption(coef, o + COEF.limited, (lim.attackShare ?? 0) * cap * m, lim.defenceShare, ua, eu, usPow, lim.trigger.europe, lim.trigger.us, gL0, gLd, baseL, cE, cU, inv);
        fillWarOption(coef, o + COEF.fullScale, (full.attackShare ?? 0) * cap * m, full.defenceShare, ua, eu, usPow, full.trigger.europe, full.trigger.us, gF0, gFd, baseF, cE, cU, inv);
        // Grey zone at resolve 0 (its resolve terms are greyBase and greySubstitution).
        coef[o + COEF.greyZone] = gz0;
        coef[o + COEF.greyZone + 1] = gz1;
        coef[o + COEF.greyZone + 2] = gz2;
        // s*: triggers are 1 for a full-scale offensive, so the corners are the four responder sets.
        putBilinear(coef, o + COEF.deterred, h[lv * 4], h[lv * 4 + 1], h[lv * 4 + 2], h[lv * 4 + 3], 1);
      }
    }
  }
  return coef;
}

/**
 * The reference (slow, fully itemised) view of one trial-month: each mode's analysis and margin over
 * peace, given what Moscow believes of Europe (bEurope) and of the US (bUs), how strong it believes
 * its offensive to be (perceivedStrength; 1 = the truth) and the trial's own taste for grey-zone
 * means (greyTaste, added to the lever's). The fast table must agree with it (tested); the trial
 * replay and "why it breaks" use it.
 */
export function explainMonth(model: CompiledModel, cls: number, t: number, resolve: number, bEurope: number, bUs: number, greyTaste = 0, perceivedStrength = 1) {
  const p = model.params;
  const ctx = monthContext(p, model.levers, t, model.sanctions[cls], model.capacity[cls], model.uaDefence[t], bEurope, bUs, perceivedStrength);
  ctx.greyTaste += greyTaste;
  return { ctx, ...analyseMonth(p, resolve, ctx) };
}

/** Offset of month t's row for a class and view of the balance in the coefficient table. */
export function rowOffset(model: Pick<CompiledModel, 'horizon'>, cls: number, level: number, t: number): number {
  return ((cls * LEVELS + level) * (model.horizon + 1) + t) * COEF.stride;
}
