import type { ModelParams } from './assumptions';
import { byTier, enablerSurvival, europeanForceValue, postureCommitment } from './capability';
import type { Levers, UsTier } from '../levers';

/**
 * Mechanism 2, credibility and cost: what the guarantors would really do (the probability that a
 * trial's guarantor is of the type that fights), and what their response would cost Moscow.
 * What Moscow *believes* of them is apart (model/beliefs.ts). Probabilities are per test of the
 * guarantee (before a mode's trigger scales them).
 */

/** Share of the guarantors' response left after a Russian veto on invoking them (1 without veto). */
export function vetoFactor(p: ModelParams, russianVeto: boolean): number {
  return russianVeto ? p.vetoKeeps : 1;
}

/**
 * How far the force is more than a token (0–1): a force too small to matter militarily commits its
 * governments little (Reiter and Poast: tripwires deter by their military value, not their mere
 * presence). T²/(T² + token²): 50% at `euTokenTroops`.
 */
export function beyondToken(p: ModelParams, troops: number): number {
  const t = p.euTokenTroops;
  return (troops * troops) / (troops * troops + t * t);
}

/**
 * Probability Europe is of the type that fights if Moscow attacks (0–1): rules of engagement ×
 * posture × how far the force is more than a token, plus an Article 5-like pledge, all cut by a
 * Russian veto. "More than a token" counts enabled troops (troops × the share of value kept with
 * the force's enablers): a force that drones and electronic warfare would destroy commits its
 * governments less ("bluff and pray", article 002).
 */
export function europeEngagementProbability(
  p: ModelParams,
  levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euRoeClarity' | 'euEnablers' | 'article5Like' | 'russianVeto'>,
): number {
  const tripwire =
    beyondToken(p, levers.euTroops * enablerSurvival(p, levers.euEnablers)) *
    (p.euEngageBase + p.euEngageRoe * levers.euRoeClarity) *
    postureCommitment(p, levers.euPosture);
  const pledge = levers.article5Like ? p.article5Pledge : 0;
  return vetoFactor(p, levers.russianVeto) * Math.min(1, tripwire + pledge);
}

/** Cost to Moscow (utility) of war with the Europeans: a fixed share from any force that fights, the rest by its military value. */
export function europeEngagementCost(p: ModelParams, levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euEnablers'>): number {
  return p.euWarCost * (p.euWarCostFixedShare + (1 - p.euWarCostFixedShare) * europeanForceValue(p, levers));
}

/**
 * Probability the US honours its tier when invoked: the administration's credibility (cut by a
 * Russian veto). Fading attention does not change whether the US comes; it changes how much it
 * brings (usAttention scales the US combat power and the cost of its response).
 */
export function usHonourProbability(p: ModelParams, tier: UsTier, credibility: number, russianVeto: boolean): number {
  return tier === 'none' ? 0 : credibility * vetoFactor(p, russianVeto);
}

/** Cost to Moscow (utility) of the US honouring its tier, at full attention. */
export function usEngagementCost(p: ModelParams, tier: UsTier): number {
  return byTier(tier, p.usCostIntel, p.usCostAir, p.usCostRapid);
}

/** Probability full sanctions snap back after a violation. */
export function snapbackProbability(p: ModelParams, levers: Pick<Levers, 'snapbackCredibility' | 'russianVeto'>): number {
  return levers.snapbackCredibility * vetoFactor(p, levers.russianVeto);
}

/**
 * Cost to Moscow of a snapback when `sanctionsNow` of today's sanctions are still in force: the
 * room left to snap back to full, plus escalation, plus secondary sanctions (Hufbauer et al.: a
 * real but limited lever). The sanctions already in force are paid in peace and in war alike, so
 * they do not enter the choice except through this room and through slower reconstitution (time.ts).
 */
export function snapbackCost(p: ModelParams, sanctionsNow: number, secondary: boolean): number {
  return p.snapbackCost * (1 - sanctionsNow + p.snapbackEscalation + (secondary ? p.secondarySanctionsExtra : 0));
}

/**
 * Moscow's payoff of the status quo (a_SQ): what keeping the ceasefire is worth against resuming.
 * Constant over time: early failures come from named mechanisms (Moscow's type and beliefs,
 * capacity and readiness windows), not from a hand-set early fragility.
 */
export function peaceValue(p: ModelParams): number {
  return p.peaceBaseValue;
}
