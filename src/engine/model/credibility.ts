import { A } from './assumptions';
import { POSTURE_COMMITMENT, enablerSurvival, europeanForceValue } from './capability';
import type { Levers, UsTier } from '../levers';

/**
 * Mechanism 2, credibility and cost: what the guarantors would really do, what Moscow expects of
 * them, and what their response would cost Moscow. Probabilities are per test of the guarantee
 * (before a mode's trigger scales them).
 */

/** Share of the guarantors' response left after a Russian veto on invoking them (1 without veto). */
export function vetoFactor(russianVeto: boolean): number {
  return russianVeto ? A.vetoKeeps : 1;
}

/**
 * How far the force is more than a token (0–1): a force too small to matter militarily commits its
 * governments little (Reiter and Poast: tripwires deter by their military value, not their mere
 * presence). T²/(T² + token²): 50% at `euTokenTroops`.
 */
export function beyondToken(troops: number): number {
  const t = A.euTokenTroops;
  return (troops * troops) / (troops * troops + t * t);
}

/**
 * Probability Europe fights if Moscow attacks (0–1): rules of engagement × posture × how far the
 * force is more than a token, plus an Article 5-like pledge, all cut by a Russian veto. "More than a
 * token" counts enabled troops (troops × the share of value kept with the force's enablers): a
 * force that drones and electronic warfare would destroy commits its governments less ("bluff and
 * pray", article 002).
 */
export function europeEngagementProbability(
  levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euRoeClarity' | 'euEnablers' | 'article5Like' | 'russianVeto'>,
): number {
  const tripwire =
    beyondToken(levers.euTroops * enablerSurvival(levers.euEnablers)) *
    (A.euEngageBase + A.euEngageRoe * levers.euRoeClarity) *
    POSTURE_COMMITMENT[levers.euPosture];
  const pledge = levers.article5Like ? A.article5Pledge : 0;
  return vetoFactor(levers.russianVeto) * Math.min(1, tripwire + pledge);
}

/** Cost to Moscow (utility) of war with the Europeans: 30% from any force that fights, the rest by its military value. */
export function europeEngagementCost(levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euEnablers'>): number {
  return A.euWarCost * (0.3 + 0.7 * europeanForceValue(levers));
}

/**
 * Probability the US honours its tier when invoked: the administration's credibility, as the lever
 * says (cut by a Russian veto). Fading attention does not change whether the US comes; it changes
 * how much it brings (usAttention scales the US combat power and the cost of its response).
 */
export function usHonourProbability(tier: UsTier, credibility: number, russianVeto: boolean): number {
  return tier === 'none' ? 0 : credibility * vetoFactor(russianVeto);
}

/** Cost to Moscow (utility) of the US honouring its tier, at full attention. */
export const US_ENGAGEMENT_COST: Record<UsTier, number> = {
  none: 0,
  'intel-logistics': 0.08,
  'air-power': 0.25,
  'rapid-reinforcement': 0.45,
};

/** Probability full sanctions snap back after a violation. */
export function snapbackProbability(levers: Pick<Levers, 'snapbackCredibility' | 'russianVeto'>): number {
  return levers.snapbackCredibility * vetoFactor(levers.russianVeto);
}

/**
 * Cost to Moscow of a snapback when `sanctionsNow` of today's sanctions are still in force: the
 * room left to snap back to full, plus escalation, plus secondary sanctions. Bounded by
 * snapbackCost × 1.5 (Hufbauer et al.: a real but limited lever). The sanctions already in force
 * are paid in peace and in war alike, so they do not enter the choice except through this room and
 * through slower reconstitution (time.ts).
 */
export function snapbackCost(sanctionsNow: number, secondary: boolean): number {
  return A.snapbackCost * (1 - sanctionsNow + A.snapbackEscalation + (secondary ? A.secondarySanctionsExtra : 0));
}

/**
 * Moscow's payoff of the status quo (a_SQ): what keeping the ceasefire is worth against resuming.
 * Constant over time: early failures come from named mechanisms (Moscow's type, learning from
 * incidents, capacity and readiness windows), not from a hand-set early fragility.
 */
export function peaceValue(): number {
  return A.peaceBaseValue;
}
