import type { ModelParams } from './assumptions';
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

/**
 * A trial's "years" of reassessment (resolve drift, a fresh view of the balance): the longest horizon
 * is 20 calendar years, and a trial's own phase (yearPhase) can split them into 21 stretches.
 */
export const MAX_YEARS = 21;

/**
 * The index of the trial's reassessment year that month t (1…) falls in, for its phase (0–11):
 * Moscow reassesses once a year, at a month of its own, so trials do not all jump at once (which
 * made the hazard of war spike at months 13, 25, … in every trial together). Phase 0 reassesses at
 * months 13, 25, …; phase 11 at months 2, 14, ….
 */
export function yearOf(t: number, phase: number): number {
  return t <= 1 ? 0 : Math.floor((t - 1 + phase) / 12);
}

/** Reassessment years a horizon of `horizon` months needs, whatever the phase. */
export function yearsFor(horizon: number): number {
  return yearOf(Math.max(1, horizon), 11) + 1;
}

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
  /** Uniform: Europe is of the type that fights if this falls below its engagement probability. */
  uEurope: number;
  /**
   * Uniforms, one per administration 0…MAX_TERMS−1: administration k is of the type that honours
   * its tier if its uniform falls below its honour probability. Each election draws a new type.
   */
  uUs: Float64Array;
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
  /**
   * Uniforms, one per incident, behind what Moscow sees of Europe and of the US there: a firm
   * answer or a weak one (model/beliefs.ts: signalFirm).
   */
  uSignalEurope: Float64Array;
  uSignalUs: Float64Array;
  /** Standard normal: Moscow's misreading of Europe (log-odds, scaled by resolvePerceptionSpread). */
  zPerceiveEurope: number;
  /** Standard normals, one per administration: Moscow's misreading of each US administration. */
  zPerceiveUs: Float64Array;
  /** 0–4: Moscow's view of the balance in the first year (a level of balanceStrengthLevels). */
  balanceLevel: number;
  /** Uniforms for years 2…MAX_YEARS: whether Moscow's view of the balance carries over, and if not, its new level. */
  uBalanceDrift: Float64Array;
  /** Uniform: whether the war, if there is one, succeeds (below its true odds of success). */
  uOutcome: number;
  /** 0–11: the month in the year at which this Moscow reassesses (see yearOf). */
  yearPhase: number;
}

/**
 * Where each of a trial's upfront uniforms sits in its stream (the order drawTrial consumes them):
 * single draws first, then uUs per administration, zCredibility per election, zPerceiveUs per
 * administration, three per incident (its gap, then what Moscow sees of Europe and of the US), and
 * two per year after the first (resolve's innovation, then the view of the balance).
 */
export const DRAW = {
  zResolve: 0,
  zGrey: 1,
  uEurope: 2,
  uSnapback: 3,
  reliefLevel: 4,
  reconstitutionLevel: 5,
  zPerceiveEurope: 6,
  balanceLevel: 7,
  uOutcome: 8,
  yearPhase: 9,
  uUs: 10,
  zCredibility: 10 + MAX_TERMS,
  zPerceiveUs: 10 + 2 * MAX_TERMS - 1,
  /** Per incident k: the gap at incidents + 3k, Europe's signal at + 1, the US's at + 2. */
  incidents: 10 + 3 * MAX_TERMS - 1,
  /** Per year k + 1 (k = 0…MAX_YEARS − 2): resolve's innovation at years + 2k, the balance's uniform at + 1. */
  years: 10 + 3 * MAX_TERMS - 1 + 3 * MAX_INCIDENTS,
} as const;

/** Upfront uniform draws per trial (the rest of the stream is one draw per month). */
export const UPFRONT_DRAWS = DRAW.years + 2 * (MAX_YEARS - 1);

/** A level 0–4 (of FIVE_LEVELS or the balance's five) from a uniform. */
export function levelOf(u: number): number {
  return Math.min(4, Math.floor(u * 5));
}

/** The month in the year (0–11) at which a trial reassesses (see yearOf), from a uniform. */
export function phaseOf(u: number): number {
  return Math.min(11, Math.floor(u * 12));
}

const scratch = new Float64Array(UPFRONT_DRAWS);

/**
 * Draw a trial's hidden quantities, always consuming exactly UPFRONT_DRAWS numbers in the same
 * order (common random numbers). Only the first `terms` administrations' perception normals and
 * `years` years' resolve normals are computed (the rest keep stale values, never read): a run needs
 * those within its horizon, and the uniforms behind the others are drawn all the same, so the
 * stream never depends on the horizon. Every administration's credibility is computed (it is stored).
 */
export function drawTrial(rng: Rng, out: RawDraws, terms: number = MAX_TERMS, years: number = MAX_YEARS): RawDraws {
  for (let i = 0; i < UPFRONT_DRAWS; i++) scratch[i] = rng();
  return decodeDraws(scratch, out, terms, years);
}

/** drawTrial from the trial's UPFRONT_DRAWS uniforms `u` (laid out as DRAW says). */
export function decodeDraws(u: Float64Array, out: RawDraws, terms: number = MAX_TERMS, years: number = MAX_YEARS): RawDraws {
  out.zResolve = normalQuantile(u[DRAW.zResolve]);
  out.zGrey = normalQuantile(u[DRAW.zGrey]);
  out.uEurope = u[DRAW.uEurope];
  out.uSnapback = u[DRAW.uSnapback];
  out.reliefLevel = levelOf(u[DRAW.reliefLevel]);
  out.reconstitutionLevel = levelOf(u[DRAW.reconstitutionLevel]);
  out.zPerceiveEurope = normalQuantile(u[DRAW.zPerceiveEurope]);
  out.balanceLevel = levelOf(u[DRAW.balanceLevel]);
  out.uOutcome = u[DRAW.uOutcome];
  out.yearPhase = phaseOf(u[DRAW.yearPhase]);
  for (let k = 0; k < MAX_TERMS; k++) out.uUs[k] = u[DRAW.uUs + k];
  for (let k = 0; k < MAX_TERMS - 1; k++) out.zCredibility[k] = normalQuantile(u[DRAW.zCredibility + k]);
  for (let k = 0; k < terms && k < MAX_TERMS; k++) out.zPerceiveUs[k] = normalQuantile(u[DRAW.zPerceiveUs + k]);
  for (let k = 0; k < MAX_INCIDENTS; k++) {
    out.uIncidents[k] = u[DRAW.incidents + 3 * k];
    out.uSignalEurope[k] = u[DRAW.incidents + 3 * k + 1];
    out.uSignalUs[k] = u[DRAW.incidents + 3 * k + 2];
  }
  for (let k = 0; k < MAX_YEARS - 1; k++) {
    if (k + 1 < years) out.zResolveDrift[k] = normalQuantile(u[DRAW.years + 2 * k]);
    out.uBalanceDrift[k] = u[DRAW.years + 2 * k + 1];
  }
  return out;
}

export function emptyDraws(): RawDraws {
  return {
    zResolve: 0,
    zResolveDrift: new Float64Array(MAX_YEARS - 1),
    zGrey: 0,
    uEurope: 0,
    uUs: new Float64Array(MAX_TERMS),
    uSnapback: 0,
    reliefLevel: 2,
    reconstitutionLevel: 2,
    zCredibility: new Float64Array(MAX_TERMS - 1),
    uIncidents: new Float64Array(MAX_INCIDENTS),
    uSignalEurope: new Float64Array(MAX_INCIDENTS),
    uSignalUs: new Float64Array(MAX_INCIDENTS),
    zPerceiveEurope: 0,
    zPerceiveUs: new Float64Array(MAX_TERMS),
    balanceLevel: 2,
    uBalanceDrift: new Float64Array(MAX_YEARS - 1),
    uOutcome: 0.5,
    yearPhase: 0,
  };
}

/**
 * Months (1, 2, …; non-decreasing) of the trial's first MAX_INCIDENTS incidents, from its uniforms:
 * a Poisson process of `incidentsPerYear` a year. Months past 65,535 mean "never" in practice.
 */
export function incidentMonths(p: ModelParams, uIncidents: Float64Array, out: Uint16Array): Uint16Array {
  const meanGap = 12 / p.incidentsPerYear;
  let t = 0;
  for (let k = 0; k < MAX_INCIDENTS; k++) {
    t += -Math.log(1 - uIncidents[k]) * meanGap;
    out[k] = Math.min(65_535, Math.max(1, Math.ceil(t)));
  }
  return out;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Moscow's resolve for a standardised deviation z: its mean plus spread × z, clipped to [0, 1]. */
export function trialResolve(p: ModelParams, meanResolve: number, zResolve: number): number {
  return clamp01(meanResolve + p.resolveSpread * zResolve);
}

/**
 * Moscow's resolve in each year 1…MAX_YEARS of a trial (index 0 = the first year): a stationary
 * AR(1) in the standardised deviation, z₁ = zResolve, z_{k+1} = ρ·z_k + √(1 − ρ²)·ε_k with ρ =
 * resolvePersistence, so every year's resolve has the same spread around the lever's mean while
 * Moscow's aims drift (Yeltsin's Russia was not Putin's). Windows open on Moscow's side too: a
 * trial whose resolve rises in year 9 may break then. The drift never depends on the levers.
 */
export function resolvePath(p: ModelParams, meanResolve: number, zResolve: number, zDrift: Float64Array, out: Float64Array, years: number = MAX_YEARS): Float64Array {
  const rho = p.resolvePersistence;
  const s = Math.sqrt(1 - rho * rho);
  let z = zResolve;
  out[0] = trialResolve(p, meanResolve, z);
  for (let k = 1; k < years; k++) {
    z = rho * z + s * zDrift[k - 1];
    out[k] = trialResolve(p, meanResolve, z);
  }
  return out;
}

/**
 * Credibility of each administration in this trial (the probability it honours its tier): the one
 * in office at the ceasefire has the lever's value; each elected one is redrawn around it with
 * spread volatility × usCredibilitySpread, clipped to [0, 1]. With the defaults (sd 0.3) one
 * election in three brings an administration below 0.2 or above 0.8: a window opens or closes.
 */
export function trialCredibilities(
  p: ModelParams,
  levers: Pick<Levers, 'usCredibility' | 'usElectionVolatility'>,
  zCredibility: Float64Array,
  out: Float64Array,
): Float64Array {
  out[0] = levers.usCredibility;
  const sd = levers.usElectionVolatility * p.usCredibilitySpread;
  for (let k = 1; k < MAX_TERMS; k++) out[k] = clamp01(levers.usCredibility + sd * zCredibility[k - 1]);
  return out;
}

/** This trial's own taste for grey-zone means (utility), added to the lever's. */
export function trialGreyTaste(p: ModelParams, zGrey: number): number {
  return p.greyTasteSpread * zGrey;
}

/** The trial's yearly sanctions relief pace for a level 0–4 (lognormal around the lever, capped at 0.95). */
export function reliefPace(p: ModelParams, reliefPerYear: number, reliefLevel: number): number {
  return Math.min(p.reliefPaceCap, reliefPerYear * Math.exp(p.reliefSpread * FIVE_LEVELS[reliefLevel]));
}

/** The trial's reconstitution time constant (years) for a level 0–4 (lognormal around the lever). */
export function reconstitutionYears(p: ModelParams, meanYears: number, reconstitutionLevel: number): number {
  return meanYears * Math.exp(p.reconstitutionSpread * FIVE_LEVELS[reconstitutionLevel]);
}
