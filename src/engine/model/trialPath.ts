import type { CompiledModel } from './compile';
import { balanceLevelPath, posteriorBelief, priorOdds, signalFirm } from './beliefs';
import { MAX_TERMS } from './time';
import { MAX_INCIDENTS, MAX_YEARS, incidentMonths, resolvePath, trialCredibilities, trialGreyTaste, yearOf, type RawDraws } from './uncertainty';

/**
 * One trial's state month by month, apart from its choices: Moscow's resolve (drifting yearly), its
 * view of the balance, the administration's credibility, honour probability and true type, and
 * what Moscow believes of Europe and of the US after the signals so far. The kernel
 * (run/kernel.ts) computes the same quantities inline for speed; the trial replay and the
 * components over time use this, and a test holds the three to the same results.
 */
export interface TrialPath {
  /** Index t = 0…horizon (0 unused except for beliefs at the ceasefire). */
  resolve: Float64Array;
  usCredibility: Float64Array;
  /** True probability the administration in office honours its tier (credibility × veto; 0 without a tier). */
  usHonour: Float64Array;
  /** Whether the administration in office is of the type that honours its tier (its true type). */
  usFights: Uint8Array;
  /** What Moscow believes of Europe and of the US (before a mode's trigger). */
  bEurope: Float64Array;
  bUs: Float64Array;
  /** Moscow's view of the balance: its level (0–4) and perceived strength multiplier. */
  balanceLevel: Uint8Array;
  perceivedStrength: Float64Array;
  /** Incidents seen by the end of month t. */
  incidents: Uint8Array;
  /** Months of the trial's incidents (past the horizon: not reached). */
  incidentMonths: number[];
  /** Whether each incident showed Europe, and the US administration then in office, as firm. */
  firmEurope: boolean[];
  firmUs: boolean[];
  /** Credibility of each administration 0…MAX_TERMS−1. */
  credibilities: number[];
  /** Resolve in each of the trial's reassessment years (index 0 = the first; see yearOf). */
  resolveByYear: number[];
  /** Moscow's view of the balance (a level 0–4) in each reassessment year. */
  balanceByYear: number[];
  /** The month in the year at which this Moscow reassesses (0–11; see yearOf). */
  yearPhase: number;
  /** This Moscow's own taste for grey-zone means (utility), added to the lever's. */
  greyTaste: number;
  /** Whether Europe is of the type that fights (its true type). */
  europeFights: boolean;
}

export function trialPath(model: CompiledModel, draws: RawDraws): TrialPath {
  const { horizon, term, levers, pEurope, params: p } = model;
  const H1 = horizon + 1;
  const byYear = resolvePath(p, levers.ruResolve, draws.zResolve, draws.zResolveDrift, new Float64Array(MAX_YEARS));
  const balance = balanceLevelPath(p, draws.balanceLevel, draws.uBalanceDrift, new Uint8Array(MAX_YEARS));
  const cred = trialCredibilities(p, levers, draws.zCredibility, new Float64Array(MAX_TERMS));
  const months = incidentMonths(p, draws.uIncidents, new Uint16Array(MAX_INCIDENTS));
  const europeFights = draws.uEurope < pEurope;
  const out: TrialPath = {
    resolve: new Float64Array(H1),
    usCredibility: new Float64Array(H1),
    usHonour: new Float64Array(H1),
    usFights: new Uint8Array(H1),
    bEurope: new Float64Array(H1),
    bUs: new Float64Array(H1),
    balanceLevel: new Uint8Array(H1),
    perceivedStrength: new Float64Array(H1),
    incidents: new Uint8Array(H1),
    incidentMonths: Array.from(months),
    firmEurope: [],
    firmUs: [],
    credibilities: Array.from(cred),
    resolveByYear: Array.from(byYear),
    balanceByYear: Array.from(balance),
    yearPhase: draws.yearPhase,
    greyTaste: trialGreyTaste(p, draws.zGrey),
    europeFights,
  };
  const acc = p.signalAccuracy;
  const spread = p.resolvePerceptionSpread;
  const oE = priorOdds(pEurope, p.europeResolveDoubt, spread, draws.zPerceiveEurope);
  let k = -1;
  let honour = 0;
  let usFights = false;
  let oU = 0;
  let seen = 0;
  let netE = 0;
  let netU = 0;
  for (let t = 0; t <= horizon; t++) {
    if (term[t] !== k) {
      k = term[t];
      honour = model.usHonourPerCredibility * cred[k];
      usFights = draws.uUs[k] < honour;
      oU = priorOdds(honour, p.usResolveDoubt, spread, draws.zPerceiveUs[k]);
      netU = 0;
    }
    while (t > 0 && seen < MAX_INCIDENTS && months[seen] <= t) {
      const fE = signalFirm(europeFights, draws.uSignalEurope[seen], acc);
      const fU = signalFirm(usFights, draws.uSignalUs[seen], acc);
      out.firmEurope.push(fE);
      out.firmUs.push(fU);
      netE += fE ? 1 : -1;
      netU += fU ? 1 : -1;
      seen++;
    }
    const year = yearOf(t, draws.yearPhase);
    out.resolve[t] = byYear[year];
    out.balanceLevel[t] = balance[year];
    out.perceivedStrength[t] = model.strengthLevels[balance[year]];
    out.usCredibility[t] = cred[k];
    out.usHonour[t] = honour;
    out.usFights[t] = usFights ? 1 : 0;
    out.bEurope[t] = posteriorBelief(oE, netE, acc);
    out.bUs[t] = posteriorBelief(oU, netU, acc);
    out.incidents[t] = seen;
  }
  return out;
}
