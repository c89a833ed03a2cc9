import { A, changedAssumptions, withAssumptions, type AssumptionValues } from './assumptions';
import { US_COMBAT_POWER, europeanDenial, ukraineDefence } from './capability';
import {
  US_ENGAGEMENT_COST,
  europeEngagementCost,
  europeEngagementProbability,
  peaceValue,
  snapbackCost,
  snapbackProbability,
  vetoFactor,
} from './credibility';
import { analyseGreyZone, analyseMode, noiseScale, type ModeAnalysis, type MonthContext } from './decision';
import type { Levers } from '../levers';
import { MODES, modeGain } from './modes';
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

/** A trial's class (0–24) from its two path levels (0–4 each): 5 × relief + reconstitution. */
export function trialClass(reliefLevel: number, reconstitutionLevel: number): number {
  return reliefLevel * 5 + reconstitutionLevel;
}
/** The two path levels of a trial class (inverse of trialClass). */
export function classLevels(cls: number): { reliefLevel: number; reconstitutionLevel: number } {
  return { reliefLevel: Math.floor(cls / 5), reconstitutionLevel: cls % 5 };
}

/**
 * Offsets into one (class, month) row of the coefficient table. Each war option's margin over peace is
 *   r·(g0 + bE·g1 + bU·g2 + bE·bU·g3) + f0 + bE·f1 + bU·f2 + bE·bU·f3
 * with r the trial's resolve and bE, bU what Moscow expects of Europe and of the US this month (f3 is
 * not zero for a limited offensive, whose prize has a part that does not grow with resolve);
 * the grey zone's margin is r·(greyValue + substitution × (1 − s*)) + f0 + bE·f1 + bU·f2, where
 * s* = h0 + bE·h1 + bU·h2 + bE·bU·h3 is the full-scale offensive's expected success once Russia has
 * fully rebuilt: how far war is structurally deterred (by Ukraine and the guarantors), not how weak
 * Russia happens to be this month. All but s* are divided by the noise scale when it is positive.
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
 * Everything about a run that does not vary by trial, computed once per set of levers. The hot
 * loop then does, per trial-month, a few multiply-adds and one draw (and, near a decision, an exp).
 */
export interface CompiledModel {
  levers: Levers;
  /**
   * The assumptions changed from their defaults for this run (changedAssumptions: registry order,
   * defaults dropped). Everything that runs the model applies them (`underModel`).
   */
  assumptions: AssumptionValues;
  horizon: number;
  elections: number[];
  /** Administration index in office at each month 0…horizon. */
  term: Uint8Array;
  /** Logit (tremble) scale in utility units (0: no noise, the expected-utility optimum). */
  scale: number;
  /** coef[(cls·(H+1) + t)·COEF.stride + …]: see COEF. */
  coef: Float64Array;
  /** Grey zone's resolve terms (scaled like coef): r·(greyBase − greySubstitution·s*). */
  greyBase: number;
  greySubstitution: number;
  /** True probabilities (before a mode's trigger): Europe fights; the US honours per unit of credibility; sanctions snap back. */
  pEurope: number;
  usHonourPerCredibility: number;
  pSnapback: number;
  /** Per class: sanctions in force and Russian capacity at each month (for explanations and charts). */
  sanctions: Float64Array[];
  capacity: Float64Array[];
  uaDefence: Float64Array;
  /** US attention (0–1) at each month. */
  attention: Float64Array;
}

/** The parts of a month's context that depend on the levers alone (computed once per run). */
export type StaticContext = Pick<MonthContext, 'euDenial' | 'pSnapback' | 'costEurope' | 'deepStrikeCost' | 'greyTaste'> & {
  pEurope: number;
  usPower: number;
  costUs: number;
  usHonourPerCredibility: number;
};

export function staticContext(levers: Levers): StaticContext {
  return {
    euDenial: europeanDenial(levers),
    usPower: US_COMBAT_POWER[levers.usTier],
    pEurope: europeEngagementProbability(levers),
    usHonourPerCredibility: levers.usTier === 'none' ? 0 : vetoFactor(levers.russianVeto),
    pSnapback: snapbackProbability(levers),
    costEurope: europeEngagementCost(levers),
    costUs: US_ENGAGEMENT_COST[levers.usTier],
    deepStrikeCost: levers.uaDeepStrike ? A.deepStrikeWarCost : 0,
    greyTaste: A.greyTaste * 2 * (levers.ruGreyZonePreference - 0.5),
  };
}

/**
 * The month context for one class (sanctions path, capacity path), month, and what Moscow expects
 * of Europe (bEurope) and of the US (bUs, an honour probability) this month.
 */
export function monthContext(
  levers: Levers,
  t: number,
  sanctions: Float64Array,
  capacity: Float64Array,
  uaDefenceAt: number,
  bEurope: number,
  bUs: number,
  fixed: StaticContext = staticContext(levers),
  attention: number = usAttention(t, levers.usAttentionHalfLifeYears),
): MonthContext {
  // Spelled out, not spread: one object shape keeps analyseMode monomorphic.
  return {
    capacity: capacity[t],
    uaDefence: uaDefenceAt,
    euDenial: fixed.euDenial,
    usPower: fixed.usPower * attention,
    bEurope,
    bUs,
    pSnapback: fixed.pSnapback,
    costEurope: fixed.costEurope,
    costUs: fixed.costUs * attention,
    costSnapback: snapbackCost(sanctions[t], levers.secondarySanctions),
    deepStrikeCost: fixed.deepStrikeCost,
    peace: peaceValue(),
    greyTaste: fixed.greyTaste,
  };
}

/** The full-scale offensive's expected success at full Russian capacity in a month's context (0–1). */
export function deterredSuccess(ctx: MonthContext): number {
  return analyseMode(MODES.fullScale, 1, { ...ctx, capacity: 1 }).successExpected;
}

/** Each mode's itemised analysis (grey zone, limited, full scale) and its margin over peace in one context. */
export function analyseMonth(resolve: number, ctx: MonthContext): { modes: ModeAnalysis[]; margins: number[] } {
  const limited = analyseMode(MODES.limited, resolve, ctx);
  const fullScale = analyseMode(MODES.fullScale, resolve, ctx);
  const grey = analyseGreyZone(resolve, ctx, deterredSuccess(ctx));
  // A full-scale war forfeits the ceasefire's value, a limited one part of it; a grey-zone probe keeps it.
  return {
    modes: [grey, limited, fullScale],
    margins: [grey.value, limited.value - A.limitedPeaceLoss * ctx.peace, fullScale.value - ctx.peace],
  };
}

/**
 * Write the coefficients of a quantity bilinear in (bE, bU), given its values at the corners
 * v = [v(0,0), v(1,0), v(0,1), v(1,1)], at out[o…o+3] (constant, bE, bU, bE·bU), times `scale`.
 */
function putBilinear(out: Float64Array, o: number, v: readonly number[], scale: number): void {
  out[o] = v[0] * scale;
  out[o + 1] = (v[1] - v[0]) * scale;
  out[o + 2] = (v[2] - v[0]) * scale;
  out[o + 3] = (v[3] - v[1] - v[2] + v[0]) * scale;
}

/**
 * Precompute the per-class, per-month coefficient tables for a set of levers under a set of
 * assumptions (changes from the defaults; validate user input first with resolveAssumptions).
 */
export function compileModel(levers: Levers, assumptions: AssumptionValues = {}): CompiledModel {
  const changes = changedAssumptions(assumptions);
  return withAssumptions(changes, () => compileUnder(levers, changes));
}

/** Run `fn` under the model's assumptions (synchronously): how the kernel and every explanation read them. */
export function underModel<T>(model: Pick<CompiledModel, 'assumptions'>, fn: () => T): T {
  return withAssumptions(model.assumptions, fn);
}

function compileUnder(levers: Levers, assumptions: AssumptionValues): CompiledModel {
  const horizon = horizonMonths(levers.horizonYears);
  const elections = electionMonths(levers.ceasefireStart, horizon);
  const term = termByMonth(elections, horizon);
  const scale = noiseScale(levers.decisionNoise);
  const inv = scale > 0 ? 1 / scale : 1;
  const readiness = ukraineReadinessPath(levers.uaFundingShare, levers.frozenAssetsBn, levers.uaDefenseIndustry, levers.uaWarFatigue, horizon);
  const uaDefence = readiness.map((q) => ukraineDefence(levers, q));
  const attention = new Float64Array(horizon + 1);
  for (let t = 0; t <= horizon; t++) attention[t] = usAttention(t, levers.usAttentionHalfLifeYears);
  const S = COEF.stride;
  const coef = new Float64Array(CLASSES * (horizon + 1) * S);
  const fixed = staticContext(levers);
  const sanctionsByClass: Float64Array[] = [];
  const capacityByClass: Float64Array[] = [];
  const sanctionsByRelief = [0, 1, 2, 3, 4].map((lv) => sanctionsPath(levers.sanctionsLevel, reliefPace(levers.sanctionsReliefPerYear, lv), horizon));
  const deterred: number[][] = [];
  for (let c = 0; c < CLASSES; c++) {
    const { reliefLevel, reconstitutionLevel } = classLevels(c);
    const sanctions = sanctionsByRelief[reliefLevel];
    const capacity = russianCapacityPath(reconstitutionYears(levers.ruReconstitutionYears, reconstitutionLevel), sanctions);
    sanctionsByClass.push(sanctions);
    capacityByClass.push(capacity);
    for (let t = 1; t <= horizon; t++) {
      // Margins are bilinear in (bE, bU) and affine in r with a bilinear slope: the four belief
      // corners give every coefficient.
      const at = (bE: number, bU: number) => monthContext(levers, t, sanctions, capacity, uaDefence[t], bE, bU, fixed, attention[t]);
      const corners = [at(0, 0), at(1, 0), at(0, 1), at(1, 1)];
      const o = (c * (horizon + 1) + t) * S;
      for (const [key, off] of [['limited', COEF.limited], ['fullScale', COEF.fullScale]] as const) {
        const mode = MODES[key];
        // A mode's value is affine in resolve (only its gain grows with it): the slope is the gain's
        // growth times the expected success, so one analysis at resolve 0 gives both terms.
        const zero = corners.map((ctx) => analyseMode(mode, 0, ctx));
        const dGain = modeGain(key, 1) - modeGain(key, 0);
        const g = zero.map((x) => dGain * x.successExpected);
        const forfeit = key === 'fullScale' ? 1 : A.limitedPeaceLoss;
        const f = zero.map((x, i) => x.value - forfeit * corners[i].peace);
        putBilinear(coef, o + off, g, inv);
        putBilinear(coef, o + off + 4, f, inv);
      }
      // Grey zone at resolve 0 (its resolve terms are greyBase and greySubstitution).
      const gz = corners.slice(0, 3).map((ctx) => analyseGreyZone(0, ctx, 0).value);
      coef[o + COEF.greyZone] = gz[0] * inv;
      coef[o + COEF.greyZone + 1] = (gz[1] - gz[0]) * inv;
      coef[o + COEF.greyZone + 2] = (gz[2] - gz[0]) * inv;
      // At full capacity the class (its capacity and sanctions paths) no longer matters: once per month.
      if (c === 0) deterred[t] = corners.map(deterredSuccess);
      putBilinear(coef, o + COEF.deterred, deterred[t], 1);
    }
  }
  return {
    levers,
    assumptions,
    horizon,
    elections,
    term,
    scale,
    coef,
    greyBase: (A.greyZoneValue + A.greySubstitution) * inv,
    greySubstitution: A.greySubstitution * inv,
    pEurope: fixed.pEurope,
    usHonourPerCredibility: fixed.usHonourPerCredibility,
    pSnapback: fixed.pSnapback,
    sanctions: sanctionsByClass,
    capacity: capacityByClass,
    uaDefence,
    attention,
  };
}

/**
 * The reference (slow, fully itemised) view of one trial-month: each mode's analysis and margin over
 * peace, given what Moscow expects of Europe (bEurope) and of the US (bUs) and the trial's own
 * taste for grey-zone means (greyTaste, added to the lever's). The fast kernel must
 * agree with it (tested); the trial replay and "why it breaks" use it.
 */
export function explainMonth(model: CompiledModel, cls: number, t: number, resolve: number, bEurope: number, bUs: number, greyTaste = 0) {
  return underModel(model, () => {
    const ctx = monthContext(model.levers, t, model.sanctions[cls], model.capacity[cls], model.uaDefence[t], bEurope, bUs);
    ctx.greyTaste += greyTaste;
    return { ctx, ...analyseMonth(resolve, ctx) };
  });
}
