import { defaultLevers, type Levers } from '../levers';
import { withAssumptions, type AssumptionKey } from '../model/assumptions';
import { simulate } from '../run/simulate';
import { summarize, warBy, type Summary } from '../run/summary';

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
    | { kind: 'greaterEffect' };
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
    id: 'troops-shift-to-grey-zone',
    label: 'Robust force vs no troops: rise in trials with a grey-zone campaign (percentage points)',
    anchor: 'Nearby US troops go with fewer wars but more low-intensity disputes short of war (RAND RR-1906, 2018).',
    mapping: 'As the hazard-ratio case.',
    confidence: 'moderate',
    levers: robustForce,
    against: { euTroops: 0 },
    metric: { kind: 'greyZoneRise' },
    band: [0.02, 1],
  },
];

/** For `greaterEffect`: the strong effects are these levers moved to their deterring ends (from `strong` as the weak end). */
const STRONG_ENDS: Partial<Levers>[] = [{ uaArmySize: 1_100_000 }, { euTroops: 100_000, euPosture: 'combat', euRoeClarity: 0.9, euEnablers: 0.9 }];
const WEAK_ENDS: Partial<Levers>[] = [{ article5Like: false }, { snapbackCredibility: 1 }];

/** Seed and trials of the calibration runs. */
export const CALIBRATION_RUN = { seed: 'calibration', trials: 20_000 } as const;

/**
 * Run one calibration case and return its metric (a median with fewer than half at war counts as
 * one month past the horizon). Runs under the given assumption overrides, if any.
 */
export function evaluateCalibrationCase(
  c: CalibrationCase,
  trials: number = CALIBRATION_RUN.trials,
  assumptions: Partial<Record<AssumptionKey, number>> = {},
  cache = new Map<string, Summary>(),
): number {
  return withAssumptions(assumptions, () => {
    const run = (p: Partial<Levers>): Summary => {
      const levers = { ...defaultLevers(), ...p } as Levers;
      const key = JSON.stringify(levers);
      let s = cache.get(key);
      if (!s) {
        const { model, results } = simulate(levers, { seed: CALIBRATION_RUN.seed, trials });
        s = summarize(model, results, CALIBRATION_RUN.seed);
        cache.set(key, s);
      }
      return s;
    };
    const s = run(c.levers);
    const base = c.against ? run(c.against) : undefined;
    const years = s.horizonMonths / 12;
    const hazard = (x: Summary) => -Math.log(Math.max(1e-9, 1 - x.pWar)) / years;
    switch (c.metric.kind) {
      case 'warBy':
        return warBy(s, c.metric.months);
      case 'medianWar':
        return s.medianMonthsToWar ?? s.horizonMonths + 1;
      case 'greyZone':
        return s.pGreyZone;
      case 'limitedShareOfWars':
        return s.pWar ? s.warModeShares.limited / s.pWar : 0;
      case 'warHazardRatio':
        return hazard(s) / hazard(base!);
      case 'warRatio':
        return s.pWar / Math.max(1e-9, base!.pWar);
      case 'greyZoneRise':
        return s.pGreyZone - base!.pGreyZone;
      case 'earlyLateHazard': {
        const h = ([a, b]: [number, number]) => (Math.log(1 - warBy(s, a)) - Math.log(Math.max(1e-9, 1 - warBy(s, b)))) / ((b - a) / 12);
        return h(c.metric.early) / Math.max(1e-9, h(c.metric.late));
      }
      case 'greaterEffect': {
        const effect = (lo: Partial<Levers>, hi: Partial<Levers>) => Math.abs(run({ ...c.levers, ...lo }).pWar - run({ ...c.levers, ...hi }).pWar);
        const strong = Math.min(...c.effects!.strong.map((lo, i) => effect(lo, STRONG_ENDS[i])));
        const weak = Math.max(...c.effects!.weak.map((lo, i) => effect(lo, WEAK_ENDS[i])));
        return strong / Math.max(1e-4, weak);
      }
      default:
        return c.metric satisfies never;
    }
  });
}

/** Every case's metric under one assumption set, sharing runs between cases with the same levers. */
export function evaluateCalibration(
  trials: number = CALIBRATION_RUN.trials,
  assumptions: Partial<Record<AssumptionKey, number>> = {},
  cases: readonly CalibrationCase[] = CALIBRATION_CASES,
): number[] {
  const cache = new Map<string, Summary>();
  return cases.map((c) => evaluateCalibrationCase(c, trials, assumptions, cache));
}

/**
 * The calibration search's loss: ten times the squared misses of every band (bandMiss), so that any
 * miss outweighs the rest, plus a small pull toward each two-sided band's middle so the fit does not
 * sit on an edge.
 */
export function calibrationLoss(values: readonly number[], cases: readonly CalibrationCase[] = CALIBRATION_CASES): number {
  let loss = 0;
  cases.forEach((c, i) => {
    const miss = bandMiss(c, values[i]);
    loss += 10 * miss * miss;
    const [lo, hi] = c.band;
    if (hi < 100) {
      const d = (values[i] - (lo + hi) / 2) / (hi - lo);
      loss += 0.02 * d * d;
    }
  });
  return loss;
}

/** Whether a value lies in a case's band. */
export function inBand(c: Pick<CalibrationCase, 'band'>, v: number): boolean {
  return v >= c.band[0] && v <= c.band[1];
}

/**
 * How far a value misses its band (0 inside it), in units of the band's tolerance: its width, but
 * at most a fifth of the size of its ends (at least 0.02), so a wide or open-ended band ("at least
 * 1.5", "+2 to +100 points") is not missed more cheaply than a narrow one.
 */
export function bandMiss(c: Pick<CalibrationCase, 'band'>, v: number): number {
  const [lo, hi] = c.band;
  const scale = hi >= 100 ? Math.abs(lo) : Math.max(Math.abs(lo), Math.abs(hi));
  const tolerance = Math.min(hi >= 100 ? Infinity : hi - lo, Math.max(0.02, 0.2 * scale));
  return v < lo ? (lo - v) / tolerance : v > hi ? (v - hi) / tolerance : 0;
}

/** A case's band in words: "48–120 months", "0–12%", "+2 to +100 points", "0.25–0.9", "at least 1.5". */
export function formatBand(c: Pick<CalibrationCase, 'metric' | 'band'>): string {
  const [lo, hi] = c.band;
  switch (c.metric.kind) {
    case 'medianWar':
      return `${lo}–${hi} months`;
    case 'warBy':
    case 'greyZone':
    case 'limitedShareOfWars':
      return `${Math.round(100 * lo)}–${Math.round(100 * hi)}%`;
    case 'greyZoneRise':
      return `+${Math.round(100 * lo)} to +${Math.round(100 * hi)} points`;
    default:
      return hi >= 100 ? `at least ${lo}` : `${lo}–${hi}`;
  }
}

/** A case's figure in the same words as its band; a censored median reads "fewer than half by month N". */
export function formatCalibrationValue(c: Pick<CalibrationCase, 'metric' | 'levers'>, v: number): string {
  switch (c.metric.kind) {
    case 'medianWar': {
      const h = 12 * (c.levers.horizonYears ?? 10);
      return v > h ? `fewer than half by month ${h}` : `${v} months`;
    }
    case 'warBy':
    case 'greyZone':
    case 'limitedShareOfWars':
      return `${(100 * v).toFixed(1)}%`;
    case 'greyZoneRise':
      return `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} points`;
    default:
      return v.toFixed(2);
  }
}
