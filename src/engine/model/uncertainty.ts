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

/** The raw draws of one trial, all lever-free. */
export interface RawDraws {
  /** Standard normal: Moscow's resolve relative to its mean. */
  zResolve: number;
  /** Uniform: Europe fights if this falls below its engagement probability ("would Europe really fight"). */
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
  /** Uniform: which mode, if Moscow resumes. */
  uMode: number;
}

/** Upfront uniform draws per trial (the rest of the stream is one draw per month). */
export const UPFRONT_DRAWS = 7 + (MAX_TERMS - 1);

function level(u: number): number {
  return Math.min(4, Math.floor(u * 5));
}

/** Draw a trial's hidden quantities, always consuming exactly UPFRONT_DRAWS numbers. */
export function drawTrial(rng: Rng, out: RawDraws): RawDraws {
  out.zResolve = normalQuantile(rng());
  out.uEurope = rng();
  out.uUs = rng();
  out.uSnapback = rng();
  out.reliefLevel = level(rng());
  out.reconstitutionLevel = level(rng());
  for (let k = 0; k < MAX_TERMS - 1; k++) out.zCredibility[k] = normalQuantile(rng());
  out.uMode = rng();
  return out;
}

export function emptyDraws(): RawDraws {
  return {
    zResolve: 0,
    uEurope: 0,
    uUs: 0,
    uSnapback: 0,
    reliefLevel: 2,
    reconstitutionLevel: 2,
    zCredibility: new Float64Array(MAX_TERMS - 1),
    uMode: 0,
  };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Moscow's resolve in this trial: its mean plus a normal deviation, clipped to [0, 1]. */
export function trialResolve(meanResolve: number, zResolve: number): number {
  return clamp01(meanResolve + A.resolveSpread * zResolve);
}

/**
 * Credibility of each administration in this trial: the one in office at the ceasefire has the
 * lever's value; each elected one is redrawn around it with spread volatility × spread, clipped.
 */
export function trialCredibilities(levers: Pick<Levers, 'usCredibility' | 'usElectionVolatility'>, zCredibility: Float64Array, out: Float64Array): Float64Array {
  out[0] = levers.usCredibility;
  const sd = levers.usElectionVolatility * A.usCredibilitySpread;
  for (let k = 1; k < MAX_TERMS; k++) out[k] = clamp01(levers.usCredibility + sd * zCredibility[k - 1]);
  return out;
}

/** The trial's yearly sanctions relief pace for a level 0–4 (lognormal around the lever, capped at 0.95). */
export function reliefPace(reliefPerYear: number, reliefLevel: number): number {
  return Math.min(0.95, reliefPerYear * Math.exp(A.reliefSpread * FIVE_LEVELS[reliefLevel]));
}

/** The trial's reconstitution time constant (years) for a level 0–4 (lognormal around the lever). */
export function reconstitutionYears(meanYears: number, reconstitutionLevel: number): number {
  return meanYears * Math.exp(A.reconstitutionSpread * FIVE_LEVELS[reconstitutionLevel]);
}
