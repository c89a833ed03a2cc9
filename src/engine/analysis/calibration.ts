import { defaultLevers, type Levers } from '../levers';
import type { AssumptionKey } from '../model/assumptions';
import { simulate } from '../run/simulate';
import { summarize, warBy, type Summary } from '../run/summary';
import type { World } from '../model/world';
import { CALIBRATION_CASES, CALIBRATION_RUN, STRONG_ENDS, WEAK_ENDS, shareSe, type CalibrationCase, type CalibrationFigure } from './calibrationCases';

export { CALIBRATION_CASES, CALIBRATION_RUN, shareFigure, shareSe, type CalibrationCase, type CalibrationFigure } from './calibrationCases';

/**
 * Running the calibration anchors (calibrationCases.ts): each case's levers under given assumptions,
 * its figure and the figure's Monte Carlo standard error. The bands are wide on purpose: the evidence
 * is thin, and the point is to rule out a model that breaks "within months, or never", not to fit a
 * handful of data points. test/calibration.test.ts asserts every band at the committed values.
 */
/**
 * Run one calibration case and return its metric (a median with fewer than half at war counts as
 * one month past the horizon). Runs under the given assumption overrides, if any, and the given
 * lever overrides on top of the defaults (a plausible world's `decisionNoise`): a case's own levers
 * still win, so a case that pins a lever (`budapest-without-noise` pins decisionNoise at 0) keeps it.
 */
export function evaluateCalibrationCase(
  c: CalibrationCase,
  trials: number = CALIBRATION_RUN.trials,
  assumptions: Partial<Record<AssumptionKey, number>> = {},
  cache = new Map<string, Summary>(),
  levers: Partial<Levers> = {},
): number {
  return evaluateCalibrationFigure(c, trials, assumptions, cache, levers).value;
}

/**
 * As `evaluateCalibrationCase`, with the figure's Monte Carlo standard error by the delta method
 * (history matching's code variance, analysis/historyMatch.ts). n is the trial count. Shares:
 * binomial. A median: √(0.25/n) over the density of time to war at the median (the survival
 * curve's slope over ±6 months); a censored median (fewer than half at war) has none. The share of
 * wars that are limited: binomial over the n·pWar wars. Ratios and differences of two runs with the
 * same seed are paired (common random numbers), and the deterring lever moves every trial the same
 * way (MODEL.md's exact monotonicity), so trial by trial war under the deterring levers implies war
 * under the others: for a ratio of war shares p₁ ≤ p₀, Var ln(p₁/p₀) = (1/p₁ − 1/p₀)/n; for the
 * hazard ratio, the same covariance p₁(1 − p₀) through the gradient of ln(−ln(1 − p)); for an effect
 * |p_a − p_b|, the indicator difference is itself a share. The grey-zone rise is not monotone and
 * counts the two runs as independent (an upper bound). The early/late hazard ratio treats the two
 * decades' hazards as independent (first decade: n at risk; second: the n·S(120) survivors).
 */
export function evaluateCalibrationFigure(
  c: CalibrationCase,
  trials: number = CALIBRATION_RUN.trials,
  assumptions: Partial<Record<AssumptionKey, number>> = {},
  cache = new Map<string, Summary>(),
  levers: Partial<Levers> = {},
): CalibrationFigure {
  {
    const run = (p: Partial<Levers>): Summary => {
      const all = { ...defaultLevers(), ...levers, ...p } as Levers;
      const key = JSON.stringify([all, assumptions]);
      let s = cache.get(key);
      if (!s) {
        const { model, results } = simulate(all, { seed: CALIBRATION_RUN.seed, trials, assumptions });
        s = summarize(model, results, CALIBRATION_RUN.seed);
        cache.set(key, s);
      }
      return s;
    };
    const n = trials;
    const s = run(c.levers);
    const base = c.against ? run(c.against) : undefined;
    const years = s.horizonMonths / 12;
    const hazard = (x: Summary) => -Math.log(Math.max(1e-9, 1 - x.pWar)) / years;
    /** d ln(−ln(1 − p)) / dp, the gradient of a log hazard in the share at war. */
    const logHazardSlope = (p: number) => {
      const q = Math.min(Math.max(p, 0.5 / n), 1 - 0.5 / n);
      return 1 / ((1 - q) * -Math.log(1 - q));
    };
    /** Variance of the log of a hazard estimated from a share p of n at risk. */
    const logHazardVar = (p: number, atRisk: number) => {
      const g = logHazardSlope(p);
      return (g * g * Math.max(p * (1 - p), 0.5 / atRisk)) / Math.max(1, atRisk);
    };
    switch (c.metric.kind) {
      case 'warBy': {
        const p = warBy(s, c.metric.months);
        return { value: p, se: shareSe(p, n) };
      }
      case 'medianWar': {
        const m = s.medianMonthsToWar;
        if (m === null) return { value: s.horizonMonths + 1, se: 0 };
        const a = Math.max(0, m - 6);
        const b = Math.min(s.horizonMonths, m + 6);
        const density = (s.survivalWar[a] - s.survivalWar[b]) / Math.max(1, b - a);
        return { value: m, se: density > 0 ? Math.sqrt(0.25 / n) / density : s.horizonMonths };
      }
      case 'greyZone':
        return { value: s.pGreyZone, se: shareSe(s.pGreyZone, n) };
      case 'limitedShareOfWars': {
        const q = s.pWar ? s.warModeShares.limited / s.pWar : 0;
        return { value: q, se: shareSe(q, Math.max(1, n * s.pWar)) };
      }
      case 'warHazardRatio': {
        const p1 = s.pWar;
        const p0 = base!.pWar;
        const g1 = logHazardSlope(p1);
        const g0 = logHazardSlope(p0);
        const v = (g1 * g1 * p1 * (1 - p1) + g0 * g0 * p0 * (1 - p0) - 2 * g1 * g0 * p1 * (1 - p0)) / n;
        const value = hazard(s) / hazard(base!);
        return { value, se: value * Math.sqrt(Math.max(v, 0.5 / (n * n))) };
      }
      case 'warRatio': {
        const p1 = Math.max(s.pWar, 0.5 / n);
        const p0 = Math.max(base!.pWar, 0.5 / n);
        const value = s.pWar / Math.max(1e-9, base!.pWar);
        return { value, se: value * Math.sqrt(Math.max(1 / p1 - 1 / p0, 0.5 / n) / n) };
      }
      case 'greyZoneRise': {
        const g1 = s.pGreyZone;
        const g0 = base!.pGreyZone;
        return { value: g1 - g0, se: Math.hypot(shareSe(g1, n), shareSe(g0, n)) };
      }
      case 'earlyLateHazard': {
        const [e0, e1] = c.metric.early;
        const [l0, l1] = c.metric.late;
        const h = ([a, b]: [number, number]) => (Math.log(1 - warBy(s, a)) - Math.log(Math.max(1e-9, 1 - warBy(s, b)))) / ((b - a) / 12);
        const value = h(c.metric.early) / Math.max(1e-9, h(c.metric.late));
        // Conditional shares at war within each period, among those at risk at its start.
        const atRisk = (t: number) => n * (1 - warBy(s, t));
        const share = (a: number, b: number) => 1 - (1 - warBy(s, b)) / Math.max(1e-9, 1 - warBy(s, a));
        const v = logHazardVar(share(e0, e1), atRisk(e0)) + logHazardVar(share(l0, l1), atRisk(l0));
        return { value, se: value * Math.sqrt(v) };
      }
      case 'greaterEffect': {
        const effect = (lo: Partial<Levers>, hi: Partial<Levers>) => Math.abs(run({ ...c.levers, ...lo }).pWar - run({ ...c.levers, ...hi }).pWar);
        const strongs = c.effects!.strong.map((lo, i) => effect(lo, STRONG_ENDS[i]));
        const weaks = c.effects!.weak.map((lo, i) => effect(lo, WEAK_ENDS[i]));
        const strong = Math.min(...strongs);
        const weak = Math.max(...weaks);
        const w = Math.max(1e-4, weak);
        const value = strong / w;
        const rel = Math.hypot(shareSe(strong, n) / Math.max(1e-4, strong), shareSe(weak, n) / w);
        return { value, se: value * rel };
      }
      case 'summary':
        return c.metric.figure(s, n, base);
      case 'offensiveSuccess': {
        const q = s.offensiveSuccessShare ?? 0;
        return { value: q, se: shareSe(q, Math.max(1, n * s.pWar)) };
      }
      case 'europeEngaged': {
        const q = s.guarantorsTested.europeEngaged ?? 0;
        return { value: q, se: shareSe(q, Math.max(1, n * s.pWar)) };
      }
      default:
        return c.metric satisfies never;
    }
  }
}

/**
 * Every case's metric under one assumption set (and lever overrides under each case's levers, as in
 * evaluateCalibrationCase), sharing runs between cases with the same levers.
 */
export function evaluateCalibration(
  trials: number = CALIBRATION_RUN.trials,
  assumptions: Partial<Record<AssumptionKey, number>> = {},
  cases: readonly CalibrationCase[] = CALIBRATION_CASES,
  levers: Partial<Levers> = {},
): number[] {
  return evaluateCalibrationFigures(trials, assumptions, cases, levers).map((f) => f.value);
}

/** As evaluateCalibration, with each figure's Monte Carlo standard error (evaluateCalibrationFigure). */
export function evaluateCalibrationFigures(
  trials: number = CALIBRATION_RUN.trials,
  assumptions: Partial<Record<AssumptionKey, number>> = {},
  cases: readonly CalibrationCase[] = CALIBRATION_CASES,
  levers: Partial<Levers> = {},
): CalibrationFigure[] {
  const cache = new Map<string, Summary>();
  return cases.map((c) => evaluateCalibrationFigure(c, trials, assumptions, cache, levers));
}

/**
 * A plausible world's calibration figures, each with its standard error (history matching's
 * evidence, scripts/worlds.ts): every case under the world's assumptions, with its decisionNoise as a
 * lever override under each case's own levers (budapest-without-noise keeps its 0).
 */
export function worldCalibrationFigures(world: Pick<World, 'assumptions' | 'decisionNoise'>, trials: number): { values: number[]; se: number[] } {
  const f = evaluateCalibrationFigures(trials, world.assumptions, CALIBRATION_CASES, { decisionNoise: world.decisionNoise });
  return { values: f.map((x) => x.value), se: f.map((x) => x.se) };
}
