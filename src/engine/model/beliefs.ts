import type { ModelParams } from './assumptions';
import { FIVE_LEVELS, MAX_YEARS } from './uncertainty';

/**
 * Mechanism 7, beliefs apart from truth (engine 3). Moscow decides on what it believes; the war,
 * once started, runs on the truth.
 *
 * - **The balance.** Moscow sees its offensive as `perceivedStrength` times as strong as it is: a
 *   lognormal misperception, optimistic on average (balanceOptimism: Blainey; the 2022 plan to take
 *   Kyiv in days), in five equally likely levels. Each year the view carries over with probability
 *   balanceMisperceptionPersistence, or is redrawn (new intelligence, a purge, a new chief of staff).
 * - **The guarantors.** A trial's guarantor is of a type: Europe fights (or not), each US
 *   administration honours its tier (or not), with the true probabilities of credibility.ts. Moscow
 *   cannot see the type. Its prior comes from what it can observe, the same observables that set
 *   the true probability (force, posture, rules of engagement, pledge, tier, veto), misread: in
 *   log-odds, prior = logit(observable probability) + doubt + spread × z, a bias common to all
 *   trials (Moscow underrates its opponents' will: Korea 1950, the Falklands, Kuwait) and an error of
 *   its own in each trial.
 * - **Incidents** are noisy signals: each shows a guarantor as firm or weak, as it really is with
 *   probability signalAccuracy (below 1: how a guarantor answers sabotage says little about whether
 *   it would fight a war). Moscow updates by Bayes' rule on the two types: each firm signal
 *   multiplies the odds by a/(1 − a), each weak one divides them. A few incidents never make it certain.
 * - **Elections** draw a new US administration, a new type: Moscow's belief about the US starts again
 *   from its prior about the new administration exactly then, and only then.
 *
 * Common random numbers: every draw behind this is lever-free, and each belief is non-decreasing in
 * the true probability (so in every deterring lever), which keeps every lever's direction exact.
 */

/** Moscow's perceived strength multiplier at each of the five levels (0–4). */
export function balanceStrengthLevels(p: ModelParams): number[] {
  return FIVE_LEVELS.map((z) => Math.exp(p.balanceOptimism + p.balanceMisperceptionSpread * z));
}

/**
 * Moscow's view of the balance (a level 0–4) in each year 1…MAX_YEARS: the first year's level, then
 * each year either the same level (with probability `persistence`) or a new one drawn uniformly.
 * One uniform a year does both: u < persistence keeps the level, else its position above decides.
 */
export function balanceLevelPath(p: ModelParams, level0: number, uDrift: Float64Array, out: Uint8Array): Uint8Array {
  const rho = p.balanceMisperceptionPersistence;
  out[0] = level0;
  for (let k = 1; k < MAX_YEARS; k++) {
    const u = uDrift[k - 1];
    out[k] = u < rho ? out[k - 1] : Math.min(4, Math.floor(((u - rho) / (1 - rho)) * 5));
  }
  return out;
}

/**
 * Moscow's prior odds that a guarantor is of the type that fights, when what it can observe says
 * `pObserved`: odds(pObserved) × e^(doubt + spread × z). 0 when nothing observable could fight
 * (no force, no pledge, no tier); Infinity when the observable commitment is total.
 */
export function priorOdds(pObserved: number, doubt: number, spread: number, z: number): number {
  if (pObserved <= 0) return 0;
  if (pObserved >= 1) return Infinity;
  return (pObserved / (1 - pObserved)) * Math.exp(doubt + spread * z);
}

/**
 * Whether an incident shows the guarantor as firm: with probability `accuracy` it shows the type as
 * it is. Written so that a guarantor of the fighting type is firm on every draw where the other type
 * would be (u < accuracy ⊇ u < 1 − accuracy, accuracy ≥ ½): a more credible guarantor never looks weaker.
 */
export function signalFirm(fights: boolean, u: number, accuracy: number): boolean {
  return u < (fights ? accuracy : 1 - accuracy);
}

/** The probability (0–1) of odds `odds` (Infinity → 1). */
export function oddsToProbability(odds: number): number {
  return odds === Infinity ? 1 : odds / (1 + odds);
}

/**
 * Moscow's belief (0–1) that a guarantor fights, from its prior odds and the net count of firm
 * minus weak signals it has seen: Bayes' rule with likelihood ratio accuracy / (1 − accuracy).
 */
export function posteriorBelief(prior: number, netFirm: number, accuracy: number): number {
  if (prior === 0 || prior === Infinity) return oddsToProbability(prior);
  return oddsToProbability(prior * Math.pow(accuracy / (1 - accuracy), netFirm));
}
