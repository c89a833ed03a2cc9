import { underModel, type CompiledModel } from './compile';
import { MAX_TERMS } from './time';
import { MAX_INCIDENTS, MAX_YEARS, belief, incidentMonths, learned, resolvePath, trialCredibilities, trialGreyTaste, type RawDraws } from './uncertainty';

/**
 * One trial's state month by month, apart from its choices: Moscow's resolve (drifting yearly),
 * the administration's credibility and honour probability, and what Moscow expects of Europe and
 * of the US after the incidents so far. The kernel (run/kernel.ts) computes the same quantities
 * inline for speed; the trial replay and the components over time use this, and a test holds the
 * three to the same results.
 */
export interface TrialPath {
  /** Index t = 0…horizon (0 unused except for beliefs at the ceasefire). */
  resolve: Float64Array;
  usCredibility: Float64Array;
  /** True probability the administration in office honours its tier (credibility × veto; 0 without a tier). */
  usHonour: Float64Array;
  /** What Moscow expects of Europe and of the US (before a mode's trigger). */
  bEurope: Float64Array;
  bUs: Float64Array;
  /** Incidents seen by the end of month t. */
  incidents: Uint8Array;
  /** Months of the trial's incidents (past the horizon: not reached). */
  incidentMonths: number[];
  /** Credibility of each administration 0…MAX_TERMS−1. */
  credibilities: number[];
  /** Resolve in each year 1…MAX_YEARS (index 0 = year 1). */
  resolveByYear: number[];
  /** This Moscow's own taste for grey-zone means (utility), added to the lever's. */
  greyTaste: number;
}

export function trialPath(model: CompiledModel, draws: RawDraws): TrialPath {
  return underModel(model, () => trialPathUnder(model, draws));
}

function trialPathUnder(model: CompiledModel, draws: RawDraws): TrialPath {
  const { horizon, term, levers, pEurope } = model;
  const H1 = horizon + 1;
  const byYear = resolvePath(levers.ruResolve, draws.zResolve, draws.zResolveDrift, new Float64Array(MAX_YEARS));
  const cred = trialCredibilities(levers, draws.zCredibility, new Float64Array(MAX_TERMS));
  const months = incidentMonths(draws.uIncidents, new Uint16Array(MAX_INCIDENTS));
  const out: TrialPath = {
    resolve: new Float64Array(H1),
    usCredibility: new Float64Array(H1),
    usHonour: new Float64Array(H1),
    bEurope: new Float64Array(H1),
    bUs: new Float64Array(H1),
    incidents: new Uint8Array(H1),
    incidentMonths: Array.from(months),
    credibilities: Array.from(cred),
    resolveByYear: Array.from(byYear),
    greyTaste: trialGreyTaste(draws.zGrey),
  };
  let seen = 0;
  let seenUs = 0;
  for (let t = 0; t <= horizon; t++) {
    while (seen < MAX_INCIDENTS && months[seen] <= t) {
      seen++;
      seenUs++;
    }
    if (t > 0 && term[t] !== term[t - 1]) seenUs = 0;
    const k = term[t];
    const honour = model.usHonourPerCredibility * cred[k];
    out.resolve[t] = byYear[t <= 1 ? 0 : Math.floor((t - 1) / 12)];
    out.usCredibility[t] = cred[k];
    out.usHonour[t] = honour;
    out.bEurope[t] = belief(pEurope, draws.uEurope, learned(seen));
    out.bUs[t] = belief(honour, draws.uUs, learned(seenUs));
    out.incidents[t] = seen;
  }
  return out;
}
