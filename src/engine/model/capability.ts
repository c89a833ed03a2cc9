import type { ModelParams } from './assumptions';
import type { EuPosture, Levers, UsTier } from '../levers';

/**
 * Mechanism 1, capability: what stands in the way of a Russian offensive, and its odds.
 * Forces are in "defence units": Ukraine's reference army at full readiness is 1. Every function
 * takes the run's parameters `p` (ModelParams): no number here is fixed outside the registry.
 */

/** Ukraine's army as a multiple of the reference army (diminishing returns to size). */
export function ukraineArmyFactor(p: ModelParams, armySize: number): number {
  return Math.pow(armySize / p.uaArmyReference, p.uaArmyElasticity);
}

/** Ukraine's own defence (defence units) at a given readiness. */
export function ukraineDefence(
  p: ModelParams,
  levers: Pick<Levers, 'uaArmySize' | 'uaFortificationsHeld' | 'uaDeepStrike'>,
  readiness: number,
): number {
  return (
    ukraineArmyFactor(p, levers.uaArmySize) *
    readiness *
    (levers.uaFortificationsHeld ? 1 : p.fortificationsCededFactor) *
    (levers.uaDeepStrike ? p.deepStrikeDefenceFactor : 1)
  );
}

/**
 * Share (0–1) of its part of the ~1,000 km front the European force can hold: a steep S-curve in
 * troops, half at `euHalfCoverageTroops` (between RAND's seven brigades and article 002's 100,000).
 * A force too thin to hold a line is worth far less than its head count.
 */
export function europeanCoverage(p: ModelParams, troops: number): number {
  if (troops <= 0) return 0;
  const x = Math.pow(troops / p.euHalfCoverageTroops, p.euCoverageExponent);
  return x / (1 + x);
}

/** How much of its combat value each posture brings to the defence (combat: all of it). */
export function postureDenial(p: ModelParams, posture: EuPosture): number {
  return posture === 'combat' ? 1 : posture === 'tripwire' ? p.postureDenialTripwire : p.postureDenialMonitoring;
}

/** How strongly each posture commits its governments to fight if the force is hit (tripwire: 1). */
export function postureCommitment(p: ModelParams, posture: EuPosture): number {
  return posture === 'combat' ? p.postureCommitCombat : posture === 'tripwire' ? 1 : p.postureCommitMonitoring;
}

/** Share (0–1) of its military value the force keeps, given its enablers (counter-drone, EW, air defence, intelligence). */
export function enablerSurvival(p: ModelParams, enablers: number): number {
  return p.euEnablerFloor + (1 - p.euEnablerFloor) * enablers;
}

/** Military value of the European force (0–1): coverage × posture × survivability with enablers. */
export function europeanForceValue(p: ModelParams, levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euEnablers'>): number {
  return europeanCoverage(p, levers.euTroops) * postureDenial(p, levers.euPosture) * enablerSurvival(p, levers.euEnablers);
}

/** Defence units the European force adds if it fights. */
export function europeanDenial(p: ModelParams, levers: Pick<Levers, 'euTroops' | 'euPosture' | 'euEnablers'>): number {
  return p.euDenialWeight * europeanForceValue(p, levers);
}

/** A value by US tier: 0 without a tier, else the tier's own (one place that maps tiers to assumptions). */
export function byTier(tier: UsTier, intel: number, air: number, rapid: number): number {
  switch (tier) {
    case 'none':
      return 0;
    case 'intel-logistics':
      return intel;
    case 'air-power':
      return air;
    case 'rapid-reinforcement':
      return rapid;
    default:
      return tier satisfies never;
  }
}

/** Defence units US combat power adds if the US honours its backstop, by tier (at full attention). */
export function usCombatPower(p: ModelParams, tier: UsTier): number {
  return byTier(tier, p.usPowerIntel, p.usPowerAir, p.usPowerRapid);
}

/**
 * Odds an offensive of strength `attack` succeeds against `defence` (both ≥ 0), a contest success
 * function with exponent 2 (Lanchester's square law): a²/(a² + d²). 0 when there is no attack.
 */
export function offensiveSuccess(attack: number, defence: number): number {
  const a2 = attack * attack;
  const d2 = defence * defence;
  return a2 + d2 === 0 ? 0 : a2 / (a2 + d2);
}
