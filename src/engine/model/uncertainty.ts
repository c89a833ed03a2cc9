import { A } from './assumptions';
import type { Levers } from '../levers';
import { normalQuantile, type Rng } from '../math/rng';
import { MAX_TERMS } from './time';

/**
 * Mechanism 5, uncertainty: the hidden quantities of one trial, drawn from its own stream in a
 * fixed order that never depends on the lever values (common random numbers), so that moving a
 * lever changes what each trial's draws mean, never which draws it gets.
 */

/** Levels of a five-point discretisation of a standard normal: its quantiles at 10%, 30%, …, 90%. */
export const FIVE_LEVELS = [0.1, 0.3, 0.5, 0.7, 0.9].map(normalQuantile);

/** Incident arrival times drawn per trial (learning saturates long before the last one matters). */
export const MAX_INCIDENTS = 12;

/** Years over which Moscow's resolve can drift (the longest horizon). */
export const MAX_YEARS = 20;

/** The raw draws of one trial, all lever-free. */
export interface RawDraws {
  /** Standard normal: Moscow's resolve relative to its mean at the ceasefire. */
  zResolve: number;
  /**
   * Standard normals: the yearly innovations of Moscow's resolve (a new leadership, a domestic
   * crisis, a change of aims), for years 2…MAX_YEARS (see resolvePath).
   */
  zResolveDrift: Float64Array;
  /** Standard normal: this Moscow's own taste for grey-zone means (scaled by greyTasteSpread). */
  zGrey: number;
  /** Uniform: Europe would really fight if this falls below its engagement probability. */
  uEurope: number;
  /** Uniform: the US honours its tier if this falls below the administration's honour probability. */
  uUs: number;
  /** Uniform: sanctions snap back if this falls below the snapback probability. */
  uSnapback: number;
  /** 0–4: the trial's sanctions relief pace level (of FIVE_LEVELS). */
  reliefLevel: number;
  /** 0–4: the trial's reconstitution time level (of FIVE_LEVELS). */
  reconstitutionLevel: number;
  /** Standard normals for the administrations elected at elections 1…MAX_TERMS−1. */
  zCredibility: Float64Array;
  /**
   * Uniforms behind the incident arrival times: gaps are exponential with mean 12 / incidentsPerYear
   * months (incidentMonths turns them into months). Their timing never depends on the levers, so
   * what Moscow learns from them keeps every lever's direction exact.
   */
  uIncidents: Float64Array;
}

/** Upfront uniform draws per trial (the rest of the stream is one draw per month). */
export const UPFRONT_DRAWS = 7 + (MAX_TERMS - 1) + MAX_INCIDENTS + (MAX_YEARS - 1);

function level(u: number): number {
  return Math.min(4, Math.floor(u * 5));
}

/** Draw a trial's hidden quantities, always consuming exactly UPFRONT_DRAWS numbers. */
export function drawTrial(rng: Rng, out: RawDraws): RawDraws {
  out.zResolve = normalQuantile(rng());
  out.zGrey = normalQuantile(rng());
  out.uEurope = rng();
  out.uUs = rng();
  out.uSnapback = rng();
  out.reliefLevel = level(rng());
  out.reconstitutionLevel = level(rng());
  for (let k = 0; k < MAX_TERMS - 1; k++) out.zCredibility[k] = normalQuantile(rng());
  for (let k = 0; k < MAX_INCIDENTS; k++) out.uIncidents[k] = rng();
  for (let k = 0; k < MAX_YEARS - 1; k++) out.zResolveDrift[k] = normalQuantile(rng());
  return out;
}

export function emptyDraws(): RawDraws {
  return {
    zResolve: 0,
    zResolveDrift: new Float64Array(MAX_YEARS - 1),
    zGrey: 0,
    uEurope: 0,
    uUs: 0,
    uSnapback: 0,
    reliefLevel: 2,
    reconstitutionLevel: 2,
    zCredibility: new Float64Array(MAX_TERMS - 1),
    uIncidents: new Float64Array(MAX_INCIDENTS),
  };
}

/**
 * Months (1, 2, …; non-decreasing) of the trial's first MAX_INCIDENTS incidents, from its uniforms:
 * a Poisson process of `incidentsPerYear` a year. Months past 65,535 mean "never" in practice.
 */
export function incidentMonths(uIncidents: Float64Array, out: Uint16Array): Uint16Array {
  const meanGap = 12 / A.incidentsPerYear;
  let t = 0;
  for (let k = 0; k < MAX_INCIDENTS; k++) {
    t += -Math.log(1 - uIncidents[k]) * meanGap;
    out[k] = Math.min(65_535, Math.max(1, Math.ceil(t)));
  }
  return out;
}

/**
 * How far Moscow's expectation of a guarantor has moved toward what it would really do, after
 * `incidents` incidents (0–1): 1 − (1 − learningPerIncident)^incidents.
 */
export function learned(incidents: number): number {
  return 1 - Math.pow(1 - A.learningPerIncident, incidents);
}

/**
 * What Moscow expects of a guarantor whose true probability of responding is `p`, when the trial's
 * draw `u` says whether it really would (u < p), after learning `lambda` (0–1). Never decreasing in
 * p for fixed u and lambda, so a more credible guarantor is never expected to be less so.
 */
export function belief(p: number, u: number, lambda: number): number {
  return p + lambda * ((u < p ? 1 : 0) - p);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Moscow's resolve for a standardised deviation z: its mean plus spread × z, clipped to [0, 1]. */
export function trialResolve(meanResolve: number, zResolve: number): number {
  return clamp01(meanResolve + A.resolveSpread * zResolve);
}

/**
 * Moscow's resolve in each year 1…MAX_YEARS of a trial (index 0 = the first year): a stationary
 * AR(1) in the standardised deviation, z₁ = zResolve, z_{k+1} = ρ·z_k + √(1 − ρ²)·ε_k with ρ =
 * resolvePersistence, so every year's resolve has the same spread around the lever's mean while
 * Moscow's aims drift (Yeltsin's Russia was not Putin's). Windows open on Moscow's side too: a
 * trial whose resolve rises in year 9 may break then. The drift never depends on the levers.
 */
export function resolvePath(meanResolve: number, zResolve: number, zDrift: Float64Array, out: Float64Array): Float64Array {
  const rho = A.resolvePersistence;
  const s = Math.sqrt(1 - rho * rho);
  let z = zResolve;
  out[0] = trialResolve(meanResolve, z);
  for (let k = 1; k < MAX_YEARS; k++) {
    z = rho * z + s * zDrift[k - 1];
    out[k] = trialResolve(meanResolve, z);
  }
  return out;
}

/**
 * Credibility of each administration in this trial (the probability it honours its tier): the one
 * in office at the ceasefire has the lever's value; each elected one is redrawn around it with
 * spread volatility × usCredibilitySpread, clipped to [0, 1]. With the defaults (sd 0.3) one
 * election in three brings an administration below 0.2 or above 0.8: a window opens or closes.
 */
export function trialCredibilities(levers: Pick<Levers, 'usCredibility' | 'usElectionVolatility'>, zCredibility: Float64Array, out: Float64Array): Float64Array {
  out[0] = levers.usCredibility;
  const sd = levers.usElectionVolatility * A.usCredibilitySpread;
  for (let k = 1; k < MAX_TERMS; k++) out[k] = clamp01(levers.usCredibility + sd * zCredibility[k - 1]);
  return out;
}

/** This trial's own taste for grey-zone means (utility), added to the lever's. */
export function trialGreyTaste(zGrey: number): number {
  return A.greyTasteSpread * zGrey;
}

/** The trial's yearly sanctions relief pace for a level 0–4 (lognormal around the lever, capped at 0.95). */
export function reliefPace(reliefPerYear: number, reliefLevel: number): number {
  return Math.min(0.95, reliefPerYear * Math.exp(A.reliefSpread * FIVE_LEVELS[reliefLevel]));
}

/** The trial's reconstitution time constant (years) for a level 0–4 (lognormal around the lever). */
export function reconstitutionYears(meanYears: number, reconstitutionLevel: number): number {
  return meanYears * Math.exp(A.reconstitutionSpread * FIVE_LEVELS[reconstitutionLevel]);
}
