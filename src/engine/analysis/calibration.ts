import { defaultLevers, type Levers } from '../levers';
import type { AssumptionKey } from '../model/assumptions';
import { simulate } from '../run/simulate';
import { summarize, warBy, type Summary } from '../run/summary';
import type { World } from '../model/world';

/**
 * The calibration anchors of MODEL.md as runnable cases: the levers that stand for each historical
 * case or study (as the world then was, argued in docs/model.md), the figure compared and the band
 * it must fall in. `npm run calibrate` searches the calibrated assumptions against all of them and
 * writes docs/calibration.md; test/calibration.test.ts asserts every band at the committed values.
 * The bands are wide on purpose: the evidence is thin, and the point is to rule out a model that
 * breaks "within months, or never", not to fit a handful of data points.
 */
export interface CalibrationCase {
  id: string;
  label: string;
  /** The anchor, in words, with its source. */
  anchor: string;
  /** Why these levers stand for the case. */
  mapping: string;
  /** How sure we are of the anchor and of the mapping to levers. */
  confidence: 'moderate' | 'low';
  levers: Partial<Levers>;
  /** Compared against: levers of this other case (for ratios and differences). */
  against?: Partial<Levers>;
  /** For `greaterEffect`: the lever changes whose effects are compared (local balance vs pledges and sanctions). */
  effects?: { strong: Partial<Levers>[]; weak: Partial<Levers>[] };
  metric:
    | { kind: 'warBy'; months: number }
    | { kind: 'medianWar' }
    | { kind: 'greyZone' }
    | { kind: 'limitedShareOfWars' }
    | { kind: 'warHazardRatio' }
    | { kind: 'warRatio' }
    | { kind: 'greyZoneRise' }
    | { kind: 'earlyLateHazard'; early: [number, number]; late: [number, number] }
    | { kind: 'greaterEffect' }
    | { kind: 'offensiveSuccess' }
    | { kind: 'europeEngaged' };
  /** Inclusive band the metric must lie in. */
  band: [number, number];
}

/** Ukraine in February 2015: about 250,000–300,000 troops, weakly funded, little industry. */
const ukraine2015: Partial<Levers> = { uaArmySize: 300_000, uaFundingShare: 0.2, uaDefenseIndustry: 0.1, uaWarFatigue: 0.3 };
/** No foreign troops, no US backstop, no pledge. */
const noGuarantees: Partial<Levers> = { euTroops: 0, usTier: 'none', article5Like: false };
const minsk: Partial<Levers> = {
  ...noGuarantees,
  ...ukraine2015,
  sanctionsLevel: 0.2,
  sanctionsReliefPerYear: 0.05,
  snapbackCredibility: 0.2,
  ruResolve: 0.5,
  ruReconstitutionYears: 5,
  horizonYears: 20,
};
const budapest: Partial<Levers> = {
  ...noGuarantees,
  uaArmySize: 300_000,
  uaFundingShare: 0.1,
  uaDefenseIndustry: 0.3,
  uaWarFatigue: 0.3,
  sanctionsLevel: 0,
  snapbackCredibility: 0,
  ruResolve: 0.4,
  ruReconstitutionYears: 8,
  horizonYears: 20,
};
const korea: Partial<Levers> = {
  euTroops: 150_000,
  euPosture: 'combat',
  euRoeClarity: 0.9,
  euEnablers: 0.8,
  usTier: 'rapid-reinforcement',
  usCredibility: 0.85,
  article5Like: true,
  uaArmySize: 600_000,
  uaFundingShare: 0.8,
  uaDefenseIndustry: 0.6,
  ruResolve: 0.7,
  horizonYears: 20,
};
const robustForce: Partial<Levers> = { euTroops: 120_000, euPosture: 'combat', euRoeClarity: 0.9, euEnablers: 0.9 };

export const CALIBRATION_CASES: CalibrationCase[] = [
  {
    id: 'minsk-median',
    label: 'Minsk II world: median months to war',
    anchor: 'Minsk II (Feb 2015) was followed by the full-scale invasion seven years later (Feb 2022): 84 months.',
    mapping:
      'A 2015-strength Ukraine (300,000 troops, funding 20% of need, little industry), no foreign troops, no US backstop, weak sanctions (20%) with little snapback; a Moscow of resolve 0.5, which still hoped to get its way through the Minsk terms and had still to build the invasion force of 2022 (a 5-year time constant: Danish intelligence gives five years for a large-scale war).',
    confidence: 'moderate',
    levers: minsk,
    metric: { kind: 'medianWar' },
    band: [48, 120],
  },
  {
    id: 'minsk-first-year',
    label: 'Minsk II world: war within the first year',
    anchor: 'Minsk II did not collapse into open war within months.',
    mapping: 'As above.',
    confidence: 'moderate',
    levers: minsk,
    metric: { kind: 'warBy', months: 12 },
    band: [0, 0.12],
  },
  {
    id: 'minsk-grey-zone',
    label: 'Minsk II world: grey-zone campaigns before war',
    anchor: 'Grey-zone fighting went on throughout 2015–2022 (shelling across the line, sabotage, cyber attacks).',
    mapping: 'As above.',
    confidence: 'moderate',
    levers: minsk,
    metric: { kind: 'greyZone' },
    band: [0.5, 1],
  },
  {
    id: 'budapest-20y',
    label: 'Budapest world: war within 20 years',
    anchor: 'Budapest Memorandum (1994): paper assurances only; Crimea twenty years later (2014).',
    mapping:
      'A hollow army (300,000, funding 10%, a Soviet-legacy industry 0.3), no guarantees, no sanctions; a 1990s Moscow of low resolve (0.4) rebuilding slowly (8-year time constant).',
    confidence: 'low',
    levers: budapest,
    metric: { kind: 'warBy', months: 240 },
    band: [0.3, 0.8],
  },
  {
    id: 'budapest-not-early',
    label: 'Budapest world: war within 5 years',
    anchor: 'The Budapest assurances held through the 1990s and 2000s.',
    mapping: 'As above.',
    confidence: 'low',
    levers: budapest,
    metric: { kind: 'warBy', months: 60 },
    band: [0, 0.2],
  },
  {
    id: 'budapest-limited',
    label: 'Budapest world: share of wars that are limited offensives',
    anchor: 'Crimea (2014) was a limited offensive, not a full-scale one.',
    mapping: 'As above.',
    confidence: 'low',
    levers: budapest,
    metric: { kind: 'limitedShareOfWars' },
    band: [0.5, 1],
  },
  {
    id: 'budapest-without-noise',
    label: 'Budapest world without decision noise: war within 20 years',
    anchor: 'A Budapest world must break by Moscow’s choice, not only through the tremble.',
    mapping: 'As above, with decisionNoise 0.',
    confidence: 'low',
    levers: { ...budapest, decisionNoise: 0 },
    metric: { kind: 'warBy', months: 240 },
    band: [0.25, 0.8],
  },
  {
    id: 'korea-no-war',
    label: 'Korea world: war within 20 years',
    anchor: 'Korea (1953): a combat-capable guarantor force on the line and a defence treaty; no conventional war in seventy years.',
    mapping:
      'A 150,000-strong combat force with clear rules and enablers (standing for the US Eighth Army on the line), a rapid-reinforcement backstop of credibility 0.85 and a treaty (Article 5-like), a South Korean army of 600,000, well funded; a North of high resolve (0.7).',
    confidence: 'moderate',
    levers: korea,
    metric: { kind: 'warBy', months: 240 },
    band: [0, 0.1],
  },
  {
    id: 'korea-incidents',
    label: 'Korea world: incidents short of war (grey-zone campaigns)',
    anchor: 'Recurring incidents short of war (1968 Blue House raid, 1976 axe murders, 2010 Cheonan and Yeonpyeong).',
    mapping: 'As above.',
    confidence: 'moderate',
    levers: korea,
    metric: { kind: 'greyZone' },
    band: [0.5, 1],
  },
  {
    id: 'no-guarantees-10y',
    label: 'No guarantees: war within 10 years',
    anchor:
      'Almost half of interstate ceasefires since 1945 were followed by renewed war (Fortna 2004); one imposed by pressure, with no guarantees and a revisionist side, should do worse than that, but war is not certain.',
    mapping: 'Today’s Ukraine and Russia (the defaults) with no troops, no US backstop and no pledge.',
    confidence: 'moderate',
    levers: noGuarantees,
    metric: { kind: 'warBy', months: 120 },
    band: [0.45, 0.85],
  },
  {
    id: 'no-guarantees-early',
    label: 'No guarantees: yearly hazard of war in the first decade against the second',
    anchor:
      'Failures cluster early: the risk falls with time since the ceasefire (Fortna 2004). Russia starts this ceasefire depleted (Danish intelligence: a regional war within 2 years, a large-scale one within 5; Bruegel/Kiel: 3–10 years), so here the risky years are the first decade, not the first months.',
    mapping: 'As above, over 20 years.',
    confidence: 'moderate',
    levers: { ...noGuarantees, horizonYears: 20 },
    metric: { kind: 'earlyLateHazard', early: [0, 120], late: [120, 240] },
    band: [1.2, 20],
  },
  {
    id: 'defaults-10y',
    label: 'Default package: war within 10 years',
    anchor: 'A package with a tripwire force and a US backstop should do somewhat better than the base rate (Fortna), but not remove the risk.',
    mapping: 'The defaults.',
    confidence: 'moderate',
    levers: {},
    metric: { kind: 'warBy', months: 120 },
    band: [0.2, 0.5],
  },
  {
    id: 'peacekeeper-bound',
    label: 'Robust force vs no troops: hazard ratio of war',
    anchor:
      'Peacekeepers: yearly failure rate 0.068 vs 0.151 without (hazard ratio about 0.45; other studies 0.25–0.5; Fortna). Those forces had both sides’ consent; a force Moscow rejects should not do better than the best of them.',
    mapping: '120,000 combat troops with clear rules and enablers, against none; everything else at the defaults.',
    confidence: 'low',
    levers: robustForce,
    against: { euTroops: 0 },
    metric: { kind: 'warHazardRatio' },
    band: [0.25, 0.9],
  },
  {
    id: 'pledge-without-forces',
    label: 'Article 5-like pledge with no troops: ratio of wars',
    anchor: 'A conditional defence pledge without forces cuts dispute initiation by about 18% (Benson 2011).',
    mapping: 'No troops, with and without the pledge; everything else at the defaults.',
    confidence: 'low',
    levers: { euTroops: 0, article5Like: true },
    against: { euTroops: 0 },
    metric: { kind: 'warRatio' },
    band: [0.7, 0.95],
  },
  {
    id: 'local-balance-decides',
    label: 'Local balance against pledges and sanctions: ratio of effects on war',
    anchor:
      'Deterrence succeeds when the defender can deny a quick victory; distant pledges and sanctions matter less (Huth and Russett 1984; Huth 1988; Hufbauer et al.: 34% partial success).',
    mapping:
      'The smaller of two local-balance effects (Ukraine’s army 300,000 → 1,100,000; 100,000 European combat troops with clear rules and enablers against none) over the larger of two distant ones (an Article 5-like pledge; snapback credibility 0 → 1), on war within 10 years from the defaults.',
    confidence: 'moderate',
    levers: {},
    effects: {
      strong: [{ uaArmySize: 300_000 }, { euTroops: 0 }],
      weak: [{ article5Like: true }, { snapbackCredibility: 0 }],
    },
    metric: { kind: 'greaterEffect' },
    band: [1.5, 1000],
  },
  {
    id: 'initiator-success-defaults',
    label: 'Default package: share of wars in which Moscow’s offensive succeeds',
    anchor:
      'Initiators won about 60% of wars involving great powers, 1495–1991 (Wang and Ray 1994), and only about a third since 1945 (Lindley and Schildkraut, “Is War Rational?”); perfectly informed initiators would almost always win. Wars start on beliefs more optimistic than the truth.',
    mapping: 'The defaults: of the wars Moscow starts, the share whose offensive succeeds against the forces that actually fight (engine 3 draws every war’s course).',
    confidence: 'low',
    levers: {},
    metric: { kind: 'offensiveSuccess' },
    band: [0.3, 0.75],
  },
  {
    id: 'initiator-success-no-guarantees',
    label: 'No guarantees: share of wars in which Moscow’s offensive succeeds',
    anchor: 'As above: even against Ukraine alone, a Moscow that misjudges the balance often fails (February 2022: Kyiv in days).',
    mapping: 'Today’s Ukraine and Russia with no troops, no US backstop and no pledge.',
    confidence: 'low',
    levers: noGuarantees,
    metric: { kind: 'offensiveSuccess' },
    band: [0.3, 0.75],
  },
  {
    id: 'guarantees-tested',
    label: 'Robust force: share of wars in which Europe engages',
    anchor:
      'Challengers attacked defenders who then fought: Korea 1950, the Falklands 1982, Kuwait 1990, Ukraine 2022 (Fearon 1995: war needs private information). Where Europe would fight in at least 30% of trials, a Moscow that cannot see its resolve must sometimes attack a Europe that fights: at least one war in ten.',
    mapping: '120,000 combat troops with clear rules and enablers (Europe fights in about half of trials); everything else at the defaults.',
    confidence: 'low',
    levers: robustForce,
    metric: { kind: 'europeEngaged' },
    band: [0.1, 1],
  },
  {
    id: 'troops-shift-to-grey-zone',
    label: 'Robust force vs no troops: rise in trials with a grey-zone campaign (percentage points)',
    anchor:
      'Nearby US troops go with fewer wars but more low-intensity disputes short of war (RAND RR-1906, 2018). The finding is qualitative, so the band asks for a rise well beyond simulation noise (the paired interval at 20,000 trials is about ±0.3 points), not a size.',
    mapping: 'As the hazard-ratio case.',
    confidence: 'moderate',
    levers: robustForce,
    against: { euTroops: 0 },
    metric: { kind: 'greyZoneRise' },
    band: [0.01, 1],
  },
];

/** For `greaterEffect`: the strong effects are these levers moved to their deterring ends (from `strong` as the weak end). */
const STRONG_ENDS: Partial<Levers>[] = [{ uaArmySize: 1_100_000 }, { euTroops: 100_000, euPosture: 'combat', euRoeClarity: 0.9, euEnablers: 0.9 }];
const WEAK_ENDS: Partial<Levers>[] = [{ article5Like: false }, { snapbackCredibility: 1 }];

/** Seed and trials of the calibration runs. */
export const CALIBRATION_RUN = { seed: 'calibration', trials: 20_000 } as const;

/** A calibration figure and its Monte Carlo standard error (the spread of the figure over reruns with other seeds). */
export interface CalibrationFigure {
  value: number;
  se: number;
}

/** Standard error of a share p estimated from n trials (binomial; at least the half-count 0.5/n, so a share of 0 is not exact). */
const shareSe = (p: number, n: number) => Math.sqrt(Math.max(p * (1 - p), 0.5 / n) / n);

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
