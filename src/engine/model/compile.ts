import { A } from './assumptions';
import { US_COMBAT_POWER, europeanDenial, ukraineDefence } from './capability';
import {
  US_ENGAGEMENT_COST,
  europeEngagementCost,
  europeEngagementProbability,
  peaceValue,
  snapbackCost,
  snapbackProbability,
  usHonourProbability,
} from './credibility';
import { analyseMode, analyseMonth, noiseScale, type MonthContext } from './decision';
import type { Levers } from '../levers';
import { MODE_KEYS, MODES } from './modes';
import {
  electionMonths,
  horizonMonths,
  russianCapacityPath,
  sanctionsPath,
  termByMonth,
  ukraineReadinessPath,
  usAttention,
} from './time';
import { reconstitutionYears, reliefPace } from './uncertainty';

/** Trial classes: the 5 × 5 combinations of sanctions relief level and reconstitution level. */
export const CLASSES = 25;
/** Coefficients per month: 3 modes × (α, β, γ, δ). */
export const COEFS = 12;

/**
 * Everything about a run that does not vary by trial, computed once per set of levers. The hot
 * loop then does, per trial-month, a few multiplications, one draw and (usually) one exp.
 */
export interface CompiledModel {
  levers: Levers;
  horizon: number;
  elections: number[];
  /** Administration index in office at each month 0…horizon. */
  term: Uint8Array;
  /** Gumbel noise scale in utility units (0: no noise). */
  scale: number;
  /**
   * For class c, month t, mode m: coef[((c·(H+1) + t)·12 + 4m) + 0…3] = α, β, γ, δ with
   * margin over peace (divided by the noise scale when it is positive) = α + β·r + γ·u + δ·r·u, where
   * r is the trial's resolve and u the credibility of the administration in office.
   */
  coef: Float64Array;
  /** US honour probability per unit of administration credibility, at each month (before the mode's trigger). */
  usHonourPerCredibility: Float64Array;
  pEurope: number;
  pSnapback: number;
  /** Per class: sanctions in force and Russian capacity at each month (for explanations and charts). */
  sanctions: Float64Array[];
  capacity: Float64Array[];
  uaDefence: Float64Array;
}

/** The parts of a month's context that depend on the levers alone (computed once per run). */
export type StaticContext = Pick<
  MonthContext,
  'euDenial' | 'usPower' | 'pEurope' | 'pSnapback' | 'costEurope' | 'costUs' | 'deepStrikeCost' | 'greyTaste'
>;

export function staticContext(levers: Levers): StaticContext {
  return {
    euDenial: europeanDenial(levers),
    usPower: US_COMBAT_POWER[levers.usTier],
    pEurope: europeEngagementProbability(levers),
    pSnapback: snapbackProbability(levers),
    costEurope: europeEngagementCost(levers),
    costUs: US_ENGAGEMENT_COST[levers.usTier],
    deepStrikeCost: levers.uaDeepStrike ? A.deepStrikeWarCost : 0,
    greyTaste: A.greyTaste * 2 * (levers.ruGreyZonePreference - 0.5),
  };
}

/** The month context for one class (sanctions path, capacity path), month and US credibility. */
export function monthContext(
  levers: Levers,
  t: number,
  sanctions: Float64Array,
  capacity: Float64Array,
  uaDefenceAt: number,
  usCredibility: number,
  fixed: StaticContext = staticContext(levers),
): MonthContext {
  const s = sanctions[t];
  // Spelled out, not spread: one object shape keeps analyseMode monomorphic (a spread made the
  // compile step 20 times slower).
  return {
    capacity: capacity[t],
    uaDefence: uaDefenceAt,
    euDenial: fixed.euDenial,
    usPower: fixed.usPower,
    pEurope: fixed.pEurope,
    pUs: usHonourProbability(levers.usTier, usCredibility, usAttention(t, levers.usAttentionHalfLifeYears), levers.russianVeto),
    pSnapback: fixed.pSnapback,
    costEurope: fixed.costEurope,
    costUs: fixed.costUs,
    costSnapback: snapbackCost(s, levers.secondarySanctions),
    deepStrikeCost: fixed.deepStrikeCost,
    peace: peaceValue(s, t),
    greyTaste: fixed.greyTaste,
  };
}

/** Precompute the per-class, per-month coefficient tables for a set of levers. */
export function compileModel(levers: Levers): CompiledModel {
  const horizon = horizonMonths(levers.horizonYears);
  const elections = electionMonths(levers.ceasefireStart, horizon);
  const term = termByMonth(elections, horizon);
  const scale = noiseScale(levers.decisionNoise);
  const inv = scale > 0 ? 1 / scale : 1;
  const readiness = ukraineReadinessPath(
    levers.uaFundingShare,
    levers.frozenAssetsBn,
    levers.uaDefenseIndustry,
    levers.uaWarFatigue,
    horizon,
  );
  const uaDefence = readiness.map((q) => ukraineDefence(levers, q));
  const coef = new Float64Array(CLASSES * (horizon + 1) * COEFS);
  const fixed = staticContext(levers);
  const sanctionsByClass: Float64Array[] = [];
  const capacityByClass: Float64Array[] = [];
  const sanctionsByRelief = [0, 1, 2, 3, 4].map((lv) =>
    sanctionsPath(levers.sanctionsLevel, reliefPace(levers.sanctionsReliefPerYear, lv), horizon),
  );
  for (let c = 0; c < CLASSES; c++) {
    const sanctions = sanctionsByRelief[Math.floor(c / 5)];
    const capacity = russianCapacityPath(reconstitutionYears(levers.ruReconstitutionYears, c % 5), sanctions);
    sanctionsByClass.push(sanctions);
    capacityByClass.push(capacity);
    for (let t = 1; t <= horizon; t++) {
      // The margin is bilinear in resolve r and credibility u. At r = 1 a mode's analysis gives its
      // gain term g = gain × E[success] and its value g − K; at r = 0 the value is −K. Two
      // credibilities (0 and 1) then give all four coefficients.
      const ctx0 = monthContext(levers, t, sanctions, capacity, uaDefence[t], 0, fixed);
      const ctx1 = monthContext(levers, t, sanctions, capacity, uaDefence[t], 1, fixed);
      const o = (c * (horizon + 1) + t) * COEFS;
      for (let m = 0; m < 3; m++) {
        const mode = MODES[MODE_KEYS[m]];
        const a0 = analyseMode(mode, 1, ctx0);
        const a1 = analyseMode(mode, 1, ctx1);
        const g0 = mode.gain * a0.successExpected;
        const g1 = mode.gain * a1.successExpected;
        const f00 = a0.value - g0 - ctx0.peace;
        const f01 = a1.value - g1 - ctx1.peace;
        coef[o + 4 * m] = f00 * inv;
        coef[o + 4 * m + 1] = g0 * inv;
        coef[o + 4 * m + 2] = (f01 - f00) * inv;
        coef[o + 4 * m + 3] = (g1 - g0) * inv;
      }
    }
  }
  const usHonourPerCredibility = new Float64Array(horizon + 1);
  for (let t = 0; t <= horizon; t++) {
    usHonourPerCredibility[t] = usHonourProbability(levers.usTier, 1, usAttention(t, levers.usAttentionHalfLifeYears), levers.russianVeto);
  }
  return {
    levers,
    horizon,
    elections,
    term,
    scale,
    coef,
    usHonourPerCredibility,
    pEurope: fixed.pEurope,
    pSnapback: fixed.pSnapback,
    sanctions: sanctionsByClass,
    capacity: capacityByClass,
    uaDefence,
  };
}

/**
 * The reference (slow, fully itemised) view of one trial-month: each mode's analysis and margin over
 * peace. The fast kernel must agree with it (tested); explanations of "why it broke" use it.
 */
export function explainMonth(model: CompiledModel, cls: number, t: number, resolve: number, usCredibility: number) {
  const ctx = monthContext(model.levers, t, model.sanctions[cls], model.capacity[cls], model.uaDefence[t], usCredibility);
  return { ctx, ...analyseMonth(resolve, ctx) };
}
