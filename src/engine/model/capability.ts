import { A } from './assumptions';
import type { EuPosture, Levers, UsTier } from '../levers';

/**
 * Mechanism 1, capability: what stands in the way of a Russian offensive, and its odds.
 * Forces are in "defence units": Ukraine's reference army at full readiness is 1.
 */

/** Ukraine's army as a multiple of the reference army (diminishing returns to size). */
export function ukraineArmyFactor(armySize: number): number {
  return Math.pow(armySize / A.uaArmyReference, A.uaArmyElasticity);
}

/** Ukraine's own defence (defence units) at a given readiness. */
export function ukraineDefence(
  levers: Pick<Levers, 'uaArmySize' | 'uaFortificationsHeld' | 'uaDeepStrike'>,
  readiness: number,
): number {
  return (
    ukraineArmyFactor(levers.uaArmySize) *
    readiness *
    (levers.uaFortificationsHeld ? 1 : A.fortificationsCededFactor) *
    (levers.uaDeepStrike ? A.deepStrikeDefenceFactor : 1)
  );
}

/**
 * Share (0–1) of its part of the ~1,000 km front the European force can hold: a steep S-curve in
 * troops, half at `euHalfCoverageTroops` (between RAND's seven brigades and article 002's 100,000).
 * A force too thin to hold a line is worth far less than its head count: with the defaults
 * 10,000 troops cover 1.4%, 30,000 18%, 100,000 82%, 200,000 96%.
 */
export function europeanCoverage(troops: number): number {
  if (troops <= 0) return 0;
  const x = Math.pow(troops / A.euHalfCoverageTroops, A.euCoverageExponent);
  return x / (1 + x);
}

/** How much of its combat value each posture brings to the defence. */
export const POSTURE_DENIAL: Record<EuPosture, number> = { monitoring: 0.05, tripwire: 0.4, combat: 1 };
/** How strongly each posture commits its governments to fight if the force is hit. */
export const POSTURE_COMMITMENT: Record<EuPosture, number> = { monitoring: 0.4, tripwire: 1, combat: 1.1 };

/** Share (0–1) of its military value the force keeps, given its enablers (counter-drone, EW, air defence, intelligence). */
export function enablerSurvival(enablers: number): number {
  return A.euEnablerFloor + (1 - A.euEnablerFloor) * enablers;
}

/** Military value of the European force (0–1): coverage × posture × survivability with enablers. */
export function europeanForceValue(levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euEnablers'>): number {
  return europeanCoverage(levers.euTroops) * POSTURE_DENIAL[levers.euPosture] * enablerSurvival(levers.euEnablers);
}

/** Defence units the European force adds if it fights. */
export function europeanDenial(levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euEnablers'>): number {
  return A.euDenialWeight * europeanForceValue(levers);
}

/** Defence units US combat power adds if the US honours its backstop, by tier (at full attention). */
export const US_COMBAT_POWER: Record<UsTier, number> = {
  none: 0,
  'intel-logistics': 0.2,
  'air-power': 0.35,
  'rapid-reinforcement': 0.7,
};

/**
 * Odds an offensive of strength `attack` succeeds against `defence` (both ≥ 0), a contest success
 * function with exponent 2 (Lanchester's square law): a²/(a² + d²). 0 when there is no attack.
 */
export function offensiveSuccess(attack: number, defence: number): number {
  const a2 = attack * attack;
  const d2 = defence * defence;
  return a2 + d2 === 0 ? 0 : a2 / (a2 + d2);
}
