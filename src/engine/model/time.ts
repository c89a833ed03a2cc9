import type { ModelParams } from './assumptions';

/**
 * Mechanism 3, time: how the world drifts month by month after the ceasefire. Month 0 is the
 * ceasefire; month t (1…horizon) is the t-th month after it.
 */

/** Months simulated for a horizon in years. */
export function horizonMonths(horizonYears: number): number {
  return Math.round(horizonYears * 12);
}

/**
 * Share of Washington's initial pressure on Moscow left `month` months after the deal (0–1):
 * a floor that never fades plus an exponential decay with the given half-life (years). It scales
 * the US combat power in theatre and the cost of a US response, not whether the US honours its tier.
 */
export function usAttention(p: ModelParams, month: number, halfLifeYears: number): number {
  const floor = p.usAttentionFloor;
  return floor + (1 - floor) * Math.pow(2, -month / (12 * halfLifeYears));
}

/** Parse `YYYY-MM` into a year and a month 1–12. */
export function parseMonth(ym: string): { year: number; month: number } {
  return { year: Number(ym.slice(0, 4)), month: Number(ym.slice(5, 7)) };
}

/** `YYYY-MM` of the month `offset` months after `start`. */
export function addMonths(start: string, offset: number): string {
  const { year, month } = parseMonth(start);
  const idx = year * 12 + (month - 1) + offset;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/**
 * Months after the ceasefire (1…horizonMonths) in which a US presidential election falls: every
 * November of a year divisible by four, from 2028 on. Month 0 (the ceasefire month itself) is the
 * current administration's, so an election there is not counted.
 */
export function electionMonths(ceasefireStart: string, horizon: number): number[] {
  const { year, month } = parseMonth(ceasefireStart);
  const out: number[] = [];
  for (let y = Math.max(2028, year); ; y += 4) {
    if (y % 4 !== 0) {
      y -= y % 4;
      continue;
    }
    const offset = (y - year) * 12 + (11 - month);
    if (offset > horizon) break;
    if (offset >= 1) out.push(offset);
  }
  return out;
}

/** The most elections any run can meet (20 years, one every 48 months, plus one at the edge). */
export const MAX_TERMS = 7;

/**
 * For each month 0…horizon, which administration governs: 0 = the one in office at the ceasefire,
 * k = the one elected at the k-th election (credibility is redrawn at the election month).
 */
export function termByMonth(elections: readonly number[], horizon: number): Uint8Array {
  const out = new Uint8Array(horizon + 1);
  let k = 0;
  for (let t = 0; t <= horizon; t++) {
    while (k < elections.length && elections[k] <= t) k++;
    out[t] = k;
  }
  return out;
}

/**
 * Share of today's sanctions in force at each month 0…horizon: the initial level eroded
 * geometrically by `reliefPerYear` (a share of what is left, per year).
 */
export function sanctionsPath(level: number, reliefPerYear: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon + 1);
  const monthly = Math.pow(1 - reliefPerYear, 1 / 12);
  let s = level;
  for (let t = 0; t <= horizon; t++) {
    out[t] = s;
    s *= monthly;
  }
  return out;
}

/**
 * Russia's offensive capacity at each month 0…horizon (0–1, 1 = fully rebuilt). It starts depleted
 * and closes the gap to 1 with time constant `reconstitutionYears`, stretched by the sanctions in
 * force: τ(t) = reconstitutionYears × (1 + drag × sanctions(t)).
 */
export function russianCapacityPath(p: ModelParams, reconstitutionYears: number, sanctions: Float64Array): Float64Array {
  const horizon = sanctions.length - 1;
  const out = new Float64Array(horizon + 1);
  let r = p.ruCapacityAtCeasefire;
  out[0] = r;
  for (let t = 1; t <= horizon; t++) {
    const tauMonths = 12 * reconstitutionYears * (1 + p.sanctionsRebuildDrag * sanctions[t - 1]);
    r += (1 - r) * (1 - Math.exp(-1 / tauMonths));
    out[t] = r;
  }
  return out;
}

/** Share of Ukraine's yearly defence need funded at month t, with frozen assets disbursed evenly over their years. */
export function ukraineFunding(p: ModelParams, fundingShare: number, frozenAssetsBn: number, month: number): number {
  const years = p.frozenAssetsYears;
  const fromAssets = month <= 12 * years ? frozenAssetsBn / years / p.uaDefenceNeedBn : 0;
  return Math.min(1, fundingShare + fromAssets);
}

/**
 * Ukraine's long-run readiness (0–1) at month `month` for a funding share, an industry level and a
 * fatigue level. The industry's part ramps up with time constant `uaIndustryRampYears`: a Ukraine
 * that builds its own drones and missiles grows stronger over the years, so Moscow's window closes
 * (Fearon's preventive logic: a Moscow that can win now may not be able to later).
 */
export function readinessTarget(p: ModelParams, funding: number, industry: number, fatigue: number, month = Infinity): number {
  const ramp = 1 - Math.exp(-month / (12 * p.uaIndustryRampYears));
  return Math.max(
    p.uaReadinessFloor,
    p.uaReadinessBase + p.uaReadinessFunding * funding + p.uaReadinessIndustry * industry * ramp - p.uaReadinessFatigue * fatigue,
  );
}

/**
 * Ukraine's readiness at each month 0…horizon (0–1): it starts battle-hardened and relaxes toward
 * its long-run level, which grows with funding and (as it ramps up) industry and shrinks with
 * fatigue. Demobilisation and fatigue open a trough; industry and funding close it.
 */
export function ukraineReadinessPath(
  p: ModelParams,
  fundingShare: number,
  frozenAssetsBn: number,
  industry: number,
  fatigue: number,
  horizon: number,
): Float64Array {
  const out = new Float64Array(horizon + 1);
  const rate = 1 - Math.exp(-1 / p.uaReadinessMonths);
  let q = p.uaReadinessAtCeasefire;
  out[0] = q;
  for (let t = 1; t <= horizon; t++) {
    q += (readinessTarget(p, ukraineFunding(p, fundingShare, frozenAssetsBn, t), industry, fatigue, t) - q) * rate;
    out[t] = q;
  }
  return out;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 2028" for a `YYYY-MM` date. */
export function monthName(date: string): string {
  return `${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}
