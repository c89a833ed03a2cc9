import { trialRng } from '../math/rng';
import { CHOICE, chooseMonth } from '../model/decision';
import { COEF, trialClass, underModel, type CompiledModel } from '../model/compile';
import { MODE_KEYS } from '../model/modes';
import { FLAG_DELIBERATE, guarantorResponse } from '../model/response';
import { MAX_TERMS } from '../model/time';
import { MAX_INCIDENTS, MAX_YEARS, belief, drawTrial, emptyDraws, incidentMonths, learned, resolvePath, trialCredibilities, trialGreyTaste } from '../model/uncertainty';
import { STORED_TERMS, type TrialResults } from './trialResults';

/**
 * Run trials [from, to) of a compiled model under `seed` into `out` (whose slot 0 is trial `from`).
 * Pure and synchronous: the same (model, seed, trial) gives the same row wherever it runs.
 *
 * Each month: what Moscow expects of Europe and of the US (updated only at the trial's incidents
 * and at elections, whose timing never depends on the levers), the three margins from the
 * coefficient table, one uniform draw, and chooseMonth. A grey-zone probe is recorded and the trial
 * goes on; the first limited or full-scale offensive ends it.
 */
export function runTrials(model: CompiledModel, seed: string, from: number, to: number, out: TrialResults): void {
  underModel(model, () => runUnder(model, seed, from, to, out));
}

function runUnder(model: CompiledModel, seed: string, from: number, to: number, out: TrialResults): void {
  const { coef, term, horizon, scale, levers, pEurope, pSnapback, greyBase, greySubstitution } = model;
  const S = COEF.stride;
  const rowStride = (horizon + 1) * S;
  const draws = emptyDraws();
  const cred = new Float64Array(MAX_TERMS);
  const incidents = new Uint16Array(MAX_INCIDENTS);
  const resolve = new Float64Array(MAX_YEARS);
  const noisy = scale > 0;
  for (let i = from; i < to; i++) {
    const rng = trialRng(seed, i);
    drawTrial(rng, draws);
    resolvePath(levers.ruResolve, draws.zResolve, draws.zResolveDrift, resolve);
    let r = resolve[0];
    const greyOwn = trialGreyTaste(draws.zGrey) * (scale > 0 ? 1 / scale : 1);
    trialCredibilities(levers, draws.zCredibility, cred);
    incidentMonths(draws.uIncidents, incidents);
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
    // Beliefs: incidents seen in all (Europe) and under the current administration (US).
    let seen = 0;
    let seenUs = 0;
    let k = term[0];
    let honour = model.usHonourPerCredibility * cred[k];
    let bE = pEurope;
    let bU = honour;
    let bEU = bE * bU;
    let o = cls * rowStride;
    for (let t = 1; t <= horizon; t++) {
      o += S;
      // Resolve drifts once a year (months 13, 25, …).
      if (t % 12 === 1 && t > 1) r = resolve[(t - 1) / 12];
      let changed = false;
      while (seen < MAX_INCIDENTS && incidents[seen] <= t) {
        seen++;
        seenUs++;
        changed = true;
      }
      if (term[t] !== k) {
        k = term[t];
        honour = model.usHonourPerCredibility * cred[k];
        seenUs = 0;
        changed = true;
      }
      if (changed) {
        bE = belief(pEurope, draws.uEurope, learned(seen));
        bU = belief(honour, draws.uUs, learned(seenUs));
        bEU = bE * bU;
      }
      const xL =
        r * (coef[o] + bE * coef[o + 1] + bU * coef[o + 2] + bEU * coef[o + 3]) + coef[o + 4] + bE * coef[o + 5] + bU * coef[o + 6] + bEU * coef[o + 7];
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
        flags |= guarantorResponse('greyZone', pEurope, honour, pSnapback, draws.uEurope, draws.uUs, draws.uSnapback);
        continue;
      }
      warMonth = t;
      warMode = c;
      flags |= guarantorResponse(MODE_KEYS[c - 1], pEurope, honour, pSnapback, draws.uEurope, draws.uUs, draws.uSnapback);
      if (xL > 0 || xF > 0) flags |= FLAG_DELIBERATE;
      break;
    }
    out.month[j] = month;
    out.mode[j] = mode;
    out.warMonth[j] = warMonth;
    out.warMode[j] = warMode;
    out.flags[j] = flags;
  }
}
