import type { Levers } from '../levers';
import type { Summary } from '../run/summary';

/**
 * The calibration anchors of MODEL.md as data: one entry per anchor (id, label, source, the levers
 * that stand for the case, the band, the model discrepancy and the figure), so an anchor is added
 * by adding an entry. calibration.ts runs them; `npm run calibrate` searches and history-matches
 * against all of them and writes docs/calibration.md. An anchor on any figure of a run's Summary
 * needs no new code, only a `summary` metric, e.g. the share of wars in which the offensive succeeds:
 *
 *     metric: { kind: 'summary', figure: (s, n) => shareFigure(s.offensiveSuccessShare, n * s.pWar) },
 *
 * with its band, its discrepancy δ and why δ has that size (docs/calibration.md prints the reason).
 */

/** A calibration figure and its Monte Carlo standard error (the spread of the figure over reruns with other seeds). */
export interface CalibrationFigure {
  value: number;
  se: number;
}

/** Standard error of a share p estimated from n trials (binomial; at least the half-count 0.5/n, so a share of 0 is not exact). */
export const shareSe = (p: number, n: number): number => Math.sqrt(Math.max(p * (1 - p), 0.5 / n) / Math.max(1, n));

/** A share p of n trials as a figure with its binomial standard error (for a `summary` anchor). */
export const shareFigure = (p: number, n: number): CalibrationFigure => ({ value: p, se: shareSe(p, n) });

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
    | { kind: 'europeEngaged' }
    /** Any figure of the case's run (and of `against`'s, if given) with its standard error, e.g. `shareFigure`. */
    | { kind: 'summary'; figure: (s: Summary, trials: number, base?: Summary) => CalibrationFigure };
  /** Inclusive band the metric must lie in. */
  band: [number, number];
  /**
   * Model discrepancy δ, in the figure's units (history matching's implausibility, historyMatch.ts):
   * how far outside the band a figure may still come from a defensible model, observation error
   * and model error together; at cutoff 3 a figure more than 3δ outside the band rules a world out.
   */
  discrepancy: number;
  /** Why δ has that size, for docs/calibration.md. */
  discrepancyWhy: string;
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
    discrepancy: 12,
    discrepancyWhy: 'A median of 84 months is one history, not a distribution: a model whose median is within a year of the band (36 months or 10 years) is still defensible, one further out is not.',
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
    discrepancy: 0.03,
    discrepancyWhy: 'Minsk held through its first year; with observation and model error of 3 points, a model in which more than about a fifth of such ceasefires fail within a year contradicts it.',
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
    discrepancy: 0.1,
    discrepancyWhy: 'Grey-zone fighting was continuous from 2015 to 2022, so the band starts at half; a model in which fewer than about one trial in five sees a grey-zone campaign before war contradicts the record.',
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
    discrepancy: 0.07,
    discrepancyWhy: 'One history, twenty years: 7 points either way for how the model maps a 1990s Moscow onto levers; below about 10% or above 100% the model cannot stand for Budapest.',
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
    discrepancy: 0.04,
    discrepancyWhy: 'The assurances held for twenty years; a model with more than about 32% at war within five years contradicts that history.',
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
    discrepancy: 0.1,
    discrepancyWhy: 'Crimea was limited; a model in which fewer than one war in five is limited contradicts it.',
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
    discrepancy: 0.07,
    discrepancyWhy: 'As the Budapest case: a Moscow that never chooses war (below about 4%) cannot stand for 2014.',
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
    discrepancy: 0.03,
    discrepancyWhy: 'Seventy years without a conventional war; a model with more than about 19% at war in twenty years contradicts it.',
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
    discrepancy: 0.1,
    discrepancyWhy: 'Incidents recurred for decades; a model in which fewer than one trial in five sees one contradicts it.',
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
    discrepancy: 0.08,
    discrepancyWhy: 'Fortna’s base rate comes from about 48 ceasefires: its own sampling error is about 7 points (√(0.25/48)), and the mapping to an imposed ceasefire adds a little; 8 points in all, so a model below about 21% at war contradicts the base rate.',
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
    discrepancy: 0.07,
    discrepancyWhy: 'Fortna’s finding is that the risk falls with time; a model whose first decade is no riskier than its second (a ratio of about 1 or less) contradicts it.',
    metric: { kind: 'earlyLateHazard', early: [0, 120], late: [120, 240] },
    band: [1.2, 20],
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
    discrepancy: 0.1,
    discrepancyWhy: 'Studies put the ratio between 0.25 and 0.5, with wide intervals; a model in which a robust force makes war more likely (a ratio above about 1.2) contradicts all of them.',
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
    discrepancy: 0.05,
    discrepancyWhy: 'Benson’s 18% cut has a standard error of a few points; a model in which a pledge makes war more likely (a ratio above about 1.1) contradicts it.',
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
    discrepancy: 0.3,
    discrepancyWhy: 'The finding is qualitative; a model in which distant pledges and sanctions move war more than the local balance (a ratio below about 0.6) contradicts it.',
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
    discrepancy: 0.07,
    discrepancyWhy: 'The two historical rates (about 60% and about a third) differ by more than their sampling error, and the mapping from “won the war” to “the offensive succeeded” is loose: 7 points, so a model in which nearly every offensive succeeds (above about 96%) or almost none does (below about 9%) is ruled out.',
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
    discrepancy: 0.07,
    discrepancyWhy: 'As the default package’s: a model in which nearly every offensive against Ukraine alone succeeds (above about 96%) or almost none does (below about 9%) is ruled out.',
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
    discrepancy: 0.025,
    discrepancyWhy: 'The finding is qualitative (a resolved defender is sometimes tested); 2.5 points, so a model in which a Europe that would fight is almost never attacked (under about 2.5% of wars) is ruled out.',
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
    discrepancy: 0.01,
    discrepancyWhy: 'The finding is qualitative; a model in which a robust force clearly lowers grey-zone campaigns (by 2 points or more) contradicts it.',
    metric: { kind: 'greyZoneRise' },
    band: [0.01, 1],
  },
];

/** For `greaterEffect`: the strong effects are these levers moved to their deterring ends (from `strong` as the weak end). */
export const STRONG_ENDS: Partial<Levers>[] = [{ uaArmySize: 1_100_000 }, { euTroops: 100_000, euPosture: 'combat', euRoeClarity: 0.9, euEnablers: 0.9 }];
export const WEAK_ENDS: Partial<Levers>[] = [{ article5Like: false }, { snapbackCredibility: 1 }];

/** Seed and trials of the calibration runs. */
export const CALIBRATION_RUN = { seed: 'calibration', trials: 20_000 } as const;
