import { trialStreams } from '../math/rng';
import { balanceLevelPath, oddsToProbability, priorOdds, signalFirm } from '../model/beliefs';
import { CHOICE, chooseMonth } from '../model/decision';
import { COEF, TRUTH_LEVEL, rowOffset, trialClass, type CompiledModel } from '../model/compile';
import {
  FLAG_DELIBERATE,
  FLAG_EUROPE,
  FLAG_MISJUDGED,
  FLAG_SUCCEEDED,
  FLAG_US,
  FLAG_WRONG_BALANCE,
  FLAG_WRONG_GUARANTORS,
  guarantorResponse,
  trueWarSuccess,
} from '../model/response';
import { MAX_TERMS } from '../model/time';
import { MAX_INCIDENTS, MAX_YEARS, drawTrial, emptyDraws, incidentMonths, resolvePath, trialCredibilities, trialGreyTaste, yearsFor } from '../model/uncertainty';
import { STORED_TERMS, type TrialResults } from './trialResults';

/** A war option's margin over peace from a coefficient row at offset `o` (see COEF). */
function warMargin(coef: Float64Array, o: number, r: number, bE: number, bU: number): number {
  const bEU = bE * bU;
  return r * (coef[o] + bE * coef[o + 1] + bU * coef[o + 2] + bEU * coef[o + 3]) + coef[o + 4] + bE * coef[o + 5] + bU * coef[o + 6] + bEU * coef[o + 7];
}

/** Whether Moscow would go to war at noise 0 from the row at `o`, with resolve r and beliefs (bE, bU). */
function wouldAttack(coef: Float64Array, o: number, r: number, bE: number, bU: number): boolean {
  return warMargin(coef, o + COEF.limited, r, bE, bU) > 0 || warMargin(coef, o + COEF.fullScale, r, bE, bU) > 0;
}

/**
 * The course of a war Moscow starts in month t: whether each guarantor actually responds (its true
 * type), whether the offensive succeeds against those who fight (the true balance), and whether it
 * was misjudged (at noise 0, with the true balance and the true types, Moscow would not have
 * attacked), and which belief alone was wrong enough. Returns FLAG_* bits.
 */
export function warCourse(
  model: CompiledModel,
  cls: number,
  level: number,
  t: number,
  mode: 'limited' | 'fullScale',
  r: number,
  bE: number,
  bU: number,
  europeFights: boolean,
  usFights: boolean,
  honour: number,
  uEurope: number,
  uUs: number,
  uSnapback: number,
  uOutcome: number,
): number {
  const p = model.params;
  let flags = guarantorResponse(p, mode, model.pEurope, honour, model.pSnapback, uEurope, uUs, uSnapback);
  const s = trueWarSuccess(p, mode, model.capacity[cls][t], model.uaDefence[t], model.euDenial, model.usPower * model.attention[t], (flags & FLAG_EUROPE) !== 0, (flags & FLAG_US) !== 0);
  if (uOutcome < s) flags |= FLAG_SUCCEEDED;
  const tE = europeFights ? 1 : 0;
  const tU = usFights ? 1 : 0;
  const truth = rowOffset(model, cls, TRUTH_LEVEL, t);
  const seen = rowOffset(model, cls, level, t);
  if (!wouldAttack(model.coef, truth, r, tE, tU)) flags |= FLAG_MISJUDGED;
  if (!wouldAttack(model.coef, truth, r, bE, bU)) flags |= FLAG_WRONG_BALANCE;
  if (!wouldAttack(model.coef, seen, r, tE, tU)) flags |= FLAG_WRONG_GUARANTORS;
  return flags;
}

/**
 * Run trials [from, to) of a compiled model under `seed` into `out` (whose slot 0 is trial `from`).
 * Pure and synchronous: the same (model, seed, trial) gives the same row wherever it runs.
 *
 * Each month: what Moscow believes of Europe and of the US (updated only at the trial's incidents,
 * by noisy signals, and at elections, when a new administration's type is drawn), how strong it
 * believes its offensive to be (its view of the balance, redrawn at most once a year), the three
 * margins from the coefficient table, one uniform draw, and chooseMonth. A grey-zone probe is
 * recorded and the trial goes on; the first limited or full-scale offensive is war, and its course
 * is drawn from the truth (warCourse).
 */
export function runTrials(model: CompiledModel, seed: string, from: number, to: number, out: TrialResults): void {
  const { coef, term, horizon, scale, levers, pEurope, params: p, greyBase, greySubstitution } = model;
  const S = COEF.stride;
  const draws = emptyDraws();
  const cred = new Float64Array(MAX_TERMS);
  const incidents = new Uint16Array(MAX_INCIDENTS);
  const resolve = new Float64Array(MAX_YEARS);
  const balance = new Uint8Array(MAX_YEARS);
  const noisy = scale > 0;
  const accuracy = p.signalAccuracy;
  const spread = p.resolvePerceptionSpread;
  const streams = trialStreams(seed);
  const rng = streams.rng;
  // The likelihood ratio's powers for every net count of signals (posteriorBelief without a pow each time).
  const lr = new Float64Array(2 * MAX_INCIDENTS + 1);
  for (let k = -MAX_INCIDENTS; k <= MAX_INCIDENTS; k++) lr[k + MAX_INCIDENTS] = Math.pow(accuracy / (1 - accuracy), k);
  const believe = (prior: number, net: number) => (prior === 0 || prior === Infinity ? oddsToProbability(prior) : oddsToProbability(prior * lr[net + MAX_INCIDENTS]));
  // Only the administrations and years within the horizon need their normals computed.
  const terms = model.elections.length + 1;
  const years = yearsFor(horizon);
  for (let i = from; i < to; i++) {
    streams.start(i);
    drawTrial(rng, draws, terms, years);
    resolvePath(p, levers.ruResolve, draws.zResolve, draws.zResolveDrift, resolve, years);
    balanceLevelPath(p, draws.balanceLevel, draws.uBalanceDrift, balance);
    let r = resolve[0];
    let level = balance[0];
    const greyOwn = trialGreyTaste(p, draws.zGrey) * (scale > 0 ? 1 / scale : 1);
    trialCredibilities(p, levers, draws.zCredibility, cred);
    incidentMonths(p, draws.uIncidents, incidents);
    const cls = trialClass(draws.reliefLevel, draws.reconstitutionLevel);
    const j = i - from;
    out.cls[j] = cls;
    out.resolve[j] = r;
    out.uEurope[j] = draws.uEurope;
    for (let k = 0; k < STORED_TERMS; k++) out.usCredibility[j * STORED_TERMS + k] = cred[k + 1];
    let month = 0;
    let mode = 0;
    let warMonth = 0;
    let warMode = 0;
    let flags = 0;
    // Europe's type and Moscow's prior about it; the US administration in office, its type and Moscow's prior.
    const europeFights = draws.uEurope < pEurope;
    const oE = priorOdds(pEurope, p.europeResolveDoubt, spread, draws.zPerceiveEurope);
    let k = term[0];
    let honour = model.usHonourPerCredibility * cred[k];
    let usFights = draws.uUs[k] < honour;
    let oU = priorOdds(honour, p.usResolveDoubt, spread, draws.zPerceiveUs[k]);
    // Net firm-minus-weak signals seen of Europe (all incidents) and of the administration in office.
    let seen = 0;
    let netE = 0;
    let netU = 0;
    let bE = believe(oE, 0);
    let bU = believe(oU, 0);
    let base = rowOffset(model, cls, level, 0);
    const phase = draws.yearPhase;
    for (let t = 1; t <= horizon; t++) {
      // Resolve and the view of the balance drift once a year, at the trial's own month (yearOf).
      if (t > 1 && (t - 1 + phase) % 12 === 0) {
        const y = (t - 1 + phase) / 12;
        r = resolve[y];
        if (balance[y] !== level) {
          level = balance[y];
          base = rowOffset(model, cls, level, 0);
        }
      }
      let changed = false;
      if (term[t] !== k) {
        // A new administration is a new type: Moscow starts again from its prior about it.
        k = term[t];
        honour = model.usHonourPerCredibility * cred[k];
        usFights = draws.uUs[k] < honour;
        oU = priorOdds(honour, p.usResolveDoubt, spread, draws.zPerceiveUs[k]);
        netU = 0;
        changed = true;
      }
      while (seen < MAX_INCIDENTS && incidents[seen] <= t) {
        netE += signalFirm(europeFights, draws.uSignalEurope[seen], accuracy) ? 1 : -1;
        netU += signalFirm(usFights, draws.uSignalUs[seen], accuracy) ? 1 : -1;
        seen++;
        changed = true;
      }
      if (changed) {
        bE = believe(oE, netE);
        bU = believe(oU, netU);
      }
      const o = base + t * S;
      const bEU = bE * bU;
      const xL = r * (coef[o] + bE * coef[o + 1] + bU * coef[o + 2] + bEU * coef[o + 3]) + coef[o + 4] + bE * coef[o + 5] + bU * coef[o + 6] + bEU * coef[o + 7];
      const gF = coef[o + 8] + bE * coef[o + 9] + bU * coef[o + 10] + bEU * coef[o + 11];
      const xF = r * gF + coef[o + 12] + bE * coef[o + 13] + bU * coef[o + 14] + bEU * coef[o + 15];
      // After the first probe only war matters to the results: skip the grey zone's margin.
      const xG =
        month === 0
          ? r * (greyBase - greySubstitution * (coef[o + 19] + bE * coef[o + 20] + bU * coef[o + 21] + bEU * coef[o + 22])) + greyOwn + coef[o + 16] + bE * coef[o + 17] + bU * coef[o + 18]
          : -Infinity;
      // Exactly one draw per month, whatever the levers: common random numbers.
      const v = rng();
      const c = chooseMonth(xG, xL, xF, v, noisy);
      if (c === CHOICE.peace) continue;
      if (month === 0) {
        month = t;
        mode = c;
      }
      if (c === CHOICE.greyZone) {
        flags |= guarantorResponse(p, 'greyZone', pEurope, honour, model.pSnapback, draws.uEurope, draws.uUs[k], draws.uSnapback);
        continue;
      }
      warMonth = t;
      warMode = c;
      const key = c === CHOICE.limited ? 'limited' : 'fullScale';
      flags |= warCourse(model, cls, level, t, key, r, bE, bU, europeFights, usFights, honour, draws.uEurope, draws.uUs[k], draws.uSnapback, draws.uOutcome);
      if (xL > 0 || xF > 0) flags |= FLAG_DELIBERATE;
      out.warBeliefEurope[j] = bE;
      out.warBeliefUs[j] = bU;
      break;
    }
    if (warMonth === 0) {
      out.warBeliefEurope[j] = 0;
      out.warBeliefUs[j] = 0;
    }
    out.perceivedStrength[j] = model.strengthLevels[level];
    out.month[j] = month;
    out.mode[j] = mode;
    out.warMonth[j] = warMonth;
    out.warMode[j] = warMode;
    out.flags[j] = flags;
  }
}

