import { A } from './assumptions';
import { POSTURE_COMMITMENT, europeanForceValue } from './capability';
import type { Levers, UsTier } from '../levers';

/**
 * Mechanism 2, credibility and cost: what Moscow expects the guarantors to do, and what it would
 * cost. Probabilities are per test of the guarantee (before a mode's trigger scales them).
 */

/** Share of the guarantors' response left after a Russian veto on invoking them (1 without veto). */
export function vetoFactor(russianVeto: boolean): number {
  return russianVeto ? A.vetoKeeps : 1;
}

/** How far the force's mere presence commits its governments (0–1): the tripwire, saturating fast in size. */
export function europeanPresence(troops: number): number {
  return 1 - Math.exp(-troops / A.euPresenceScaleTroops);
}

/**
 * Probability Europe fights if Moscow attacks (0–1): presence × rules of engagement × posture,
 * plus an Article 5-like pledge, all cut by a Russian veto.
 */
export function europeEngagementProbability(
  levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euRoeClarity' | 'article5Like' | 'russianVeto'>,
): number {
  const tripwire =
    europeanPresence(levers.euTroops) *
    (A.euEngageBase + A.euEngageRoe * levers.euRoeClarity) *
    POSTURE_COMMITMENT[levers.euPosture];
  const pledge = levers.article5Like ? A.article5Pledge : 0;
  return vetoFactor(levers.russianVeto) * Math.min(1, tripwire + pledge);
}

/** Cost to Moscow (utility) of war with the Europeans: a token force's share plus its fighting value. */
export function europeEngagementCost(levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euEnablers'>): number {
  return A.euWarCost * (0.4 + 0.6 * europeanForceValue(levers));
}

/** Probability the US honours its tier when invoked, given the administration's credibility and attention. */
export function usHonourProbability(tier: UsTier, credibility: number, attention: number, russianVeto: boolean): number {
  return tier === 'none' ? 0 : credibility * attention * vetoFactor(russianVeto);
}

/** Cost to Moscow (utility) of the US honouring its tier. */
export const US_ENGAGEMENT_COST: Record<UsTier, number> = {
  none: 0,
  'intel-logistics': 0.05,
  'air-power': 0.3,
  'rapid-reinforcement': 0.5,
};

/** Probability full sanctions snap back after a violation. */
export function snapbackProbability(levers: Pick<Levers, 'snapbackCredibility' | 'russianVeto'>): number {
  return levers.snapbackCredibility * vetoFactor(levers.russianVeto);
}

/**
 * Cost to Moscow of a snapback when `sanctionsNow` of today's sanctions are still in force: the
 * room left to snap back to full, plus escalation, plus secondary sanctions. The more is kept in
 * force during the ceasefire, the less is left to threaten.
 */
export function snapbackCost(sanctionsNow: number, secondary: boolean): number {
  return A.snapbackCost * (1 - sanctionsNow + A.snapbackEscalation + (secondary ? A.secondarySanctionsExtra : 0));
}

/**
 * Moscow's payoff of the status quo (a_SQ) in month `month`: the ceasefire's own value, less the
 * pain of the sanctions in force and less an early fragility that fades (failures cluster early).
 * Without a month: the settled value long after the ceasefire, when the fragility has faded.
 * Sanctions in force make peace worse, which (Zagare and Kilgour) raises the credibility deterrence needs.
 */
export function peaceValue(sanctionsNow: number, month = Infinity): number {
  return A.peaceBaseValue - A.sanctionsPeacePain * sanctionsNow - A.earlyFragility * Math.exp(-month / A.earlyFragilityMonths);
}
