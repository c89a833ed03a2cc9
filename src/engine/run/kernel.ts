import { trialStreams } from '../math/rng';
import { oddsToProbability, priorOdds, signalFirm } from '../model/beliefs';
import { CHOICE, chooseMonth } from '../model/decision';
import { COEF, TRUTH_LEVEL, rowOffset, trialClass, type CompiledModel } from '../model/compile';
import {
  FLAG_DELIBERATE,
  FLAG_EUROPE,
  FLAG_GREY_EUROPE,
  FLAG_GREY_SNAPBACK,
  FLAG_GREY_US,
  FLAG_MISJUDGED,
  FLAG_SUCCEEDED,
  FLAG_US,
  FLAG_WRONG_BALANCE,
  FLAG_WRONG_GUARANTORS,
  guarantorResponse,
  trueWarSuccess,
} from '../model/response';
import { MAX_TERMS } from '../model/time';
import { DRAW, MAX_INCIDENTS, UPFRONT_DRAWS, levelOf, phaseOf, trialCredibilities, trialGreyTaste, trialResolve } from '../model/uncertainty';
import { modeShape } from '../model/modes';
import { normalQuantile } from '../math/rng';
import { STORED_TERMS, type TrialResults } from './trialResults';
import { surelyNoWar, surelyPeace } from './noWar';

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
 * posteriorBelief with the likelihood ratio's powers looked up (`lr[net + MAX_INCIDENTS]`), not
 * computed: a function of the module, not a closure made per run, so every run calls the same one.
 */
function believe(lr: Float64Array, prior: number, net: number): number {
  return prior === 0 || prior === Infinity ? oddsToProbability(prior) : oddsToProbability(prior * lr[net + MAX_INCIDENTS]);
}

/** Slots of a trial's start (TrialStart.at). */
const AT = { zResolve: 0, resolve: 1, greyOwn: 2, priorEurope: 3, firstIncident: 4, length: 5 } as const;

/**
 * What a trial starts from, computed from its upfront uniforms by `prepare` (once a trial): in
 * typed arrays, so that its numbers reach the kernel unboxed. `prepare` is a function of its own
 * so that the month loop keeps the optimiser's inlining budget for itself: with the start inlined
 * there too, calls in the loop stayed calls, and each number they returned was a new heap object.
 */
class TrialStart {
  /** AT's slots: the standard normal behind resolve and resolve in the first year, the trial's own grey-zone taste (scaled like the coefficients), Moscow's prior odds about Europe, the time of the first incident. */
  readonly at = new Float64Array(AT.length);
  /** The trial's class, Moscow's first view of the balance (0–4), the month in the year it reassesses (0–11). */
  cls = 0;
  level = 0;
  phase = 0;
  /** Every administration's credibility, and for each of the run's administrations its honour probability and Moscow's prior odds about it. */
  readonly cred = new Float64Array(MAX_TERMS);
  readonly honour = new Float64Array(MAX_TERMS);
  readonly priorUs = new Float64Array(MAX_TERMS);
  private readonly zCredibility = new Float64Array(MAX_TERMS - 1);

  constructor(
    private readonly model: CompiledModel,
    private readonly terms: number,
    private readonly meanGap: number,
  ) {}

  prepare(u: Float64Array): void {
    const { model, at, cred } = this;
    const { params: p, levers, scale } = model;
    const spread = p.resolvePerceptionSpread;
    const z = normalQuantile(u[DRAW.zResolve]);
    at[AT.zResolve] = z;
    at[AT.resolve] = trialResolve(p, levers.ruResolve, z);
    at[AT.greyOwn] = trialGreyTaste(p, normalQuantile(u[DRAW.zGrey])) * (scale > 0 ? 1 / scale : 1);
    this.cls = trialClass(levelOf(u[DRAW.reliefLevel]), levelOf(u[DRAW.reconstitutionLevel]));
    this.level = levelOf(u[DRAW.balanceLevel]);
    this.phase = phaseOf(u[DRAW.yearPhase]);
    const zCredibility = this.zCredibility;
    for (let k = 0; k < MAX_TERMS - 1; k++) zCredibility[k] = normalQuantile(u[DRAW.zCredibility + k]);
    trialCredibilities(p, levers, zCredibility, cred);
    at[AT.priorEurope] = priorOdds(model.pEurope, p.europeResolveDoubt, spread, normalQuantile(u[DRAW.zPerceiveEurope]));
    for (let k = 0; k < this.terms; k++) {
      const honour = model.usHonourPerCredibility * cred[k];
      this.honour[k] = honour;
      this.priorUs[k] = priorOdds(honour, p.usResolveDoubt, spread, normalQuantile(u[DRAW.zPerceiveUs + k]));
    }
    // incidentMonths' first gap (the kernel adds the others as the trial reaches them).
    at[AT.firstIncident] = -Math.log(1 - u[DRAW.incidents]) * this.meanGap;
  }
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
 *
 * The draws are those of drawTrial and one a month, taken from each trial's stream in one block
 * (upfront uniforms as DRAW lays them out, then the months), four trials at a time (fillQuad:
 * four independent chains of arithmetic run side by side, in little more than the time of one). The yearly paths (resolvePath,
 * balanceLevelPath) and the incident months (incidentMonths) are computed as the trial reaches
 * them, step by step with the same arithmetic: a trial at war in year 2 never computes year 3.
 */
export function runTrials(model: CompiledModel, seed: string, from: number, to: number, out: TrialResults): void {
  const { coef, term, horizon, scale, levers, pEurope, params: p, greyBase, greySubstitution } = model;
  const S = COEF.stride;
  const drawn = UPFRONT_DRAWS + horizon;
  // (No callback per run, e.g. to map: the optimiser would speculate on it and deoptimise on the next run's.)
  const u0 = new Float64Array(drawn);
  const u1 = new Float64Array(drawn);
  const u2 = new Float64Array(drawn);
  const u3 = new Float64Array(drawn);
  const bufs = [u0, u1, u2, u3];
  const noisy = scale > 0;
  const accuracy = p.signalAccuracy;
  const streams = trialStreams(seed);
  // The likelihood ratio's powers for every net count of signals (posteriorBelief without a pow each time).
  const lr = new Float64Array(2 * MAX_INCIDENTS + 1);
  for (let k = -MAX_INCIDENTS; k <= MAX_INCIDENTS; k++) lr[k + MAX_INCIDENTS] = Math.pow(accuracy / (1 - accuracy), k);
  const rho = p.resolvePersistence;
  const rhoS = Math.sqrt(1 - rho * rho);
  const rhoB = p.balanceMisperceptionPersistence;
  const meanGap = 12 / p.incidentsPerYear;
  const start = new TrialStart(model, model.elections.length + 1, meanGap);
  const { at, cred, honour: honours, priorUs } = start;
  // The grey zone's trigger, once per run (guarantorResponse reads it from modeShape each time).
  const grey = modeShape(p, 'greyZone').trigger;
  const pGreyEurope = pEurope * grey.europe;
  const pGreySnapback = model.pSnapback * grey.snapback;
  for (let i = from; i < to; i++) {
    const g = (i - from) % 4;
    if (g === 0) {
      // Four trials' streams at once; at the end of the range, what is left in pairs and singly.
      if (i + 3 < to) streams.fillQuad(i, u0, u1, u2, u3, drawn);
      else if (i + 1 < to) {
        streams.fillPair(i, u0, i + 1, u1, drawn);
        if (i + 2 < to) {
          streams.start(i + 2);
          streams.fill(u2, drawn);
        }
      } else {
        streams.start(i);
        streams.fill(u0, drawn);
      }
    }
    const u = bufs[g];
    start.prepare(u);
    let z = at[AT.zResolve];
    let r = at[AT.resolve];
    const greyOwn = at[AT.greyOwn];
    const cls = start.cls;
    let level = start.level;
    const uEurope = u[DRAW.uEurope];
    const uSnapback = u[DRAW.uSnapback];
    const j = i - from;
    out.cls[j] = cls;
    out.resolve[j] = r;
    out.uEurope[j] = uEurope;
    for (let k = 0; k < STORED_TERMS; k++) out.usCredibility[j * STORED_TERMS + k] = cred[k + 1];
    let month = 0;
    let mode = 0;
    let warMonth = 0;
    let warMode = 0;
    let flags = 0;
    // Europe's type and Moscow's prior about it; the US administration in office, its type and Moscow's prior.
    const europeFights = uEurope < pEurope;
    const oE = at[AT.priorEurope];
    let k = term[0];
    let honour = honours[k];
    let usFights = u[DRAW.uUs + k] < honour;
    let oU = priorUs[k];
    // Net firm-minus-weak signals seen of Europe (all incidents) and of the administration in office.
    let seen = 0;
    let netE = 0;
    let netU = 0;
    // The next incident: its time (incidentMonths' running sum) and month.
    let incidentTime = at[AT.firstIncident];
    let nextIncident = Math.min(65_535, Math.max(1, Math.ceil(incidentTime)));
    // What Moscow believes, computed in month 1 (changed) and again whenever its evidence changes.
    let bE = 0;
    let bU = 0;
    let changed = true;
    let base = rowOffset(model, cls, level, 0);
    // Resolve and the view of the balance drift once a year, at the trial's own month (yearOf):
    // year y starts at month 12·y + 1 − phase.
    let y = 1;
    let nextYear = 13 - start.phase;
    for (let t = 1; t <= horizon; t++) {
      if (t === nextYear) {
        const d = DRAW.years + 2 * (y - 1);
        z = rho * z + rhoS * normalQuantile(u[d]);
        r = trialResolve(p, levers.ruResolve, z);
        const ub = u[d + 1];
        if (!(ub < rhoB)) {
          const next = Math.min(4, Math.floor(((ub - rhoB) / (1 - rhoB)) * 5));
          if (next !== level) {
            level = next;
            base = rowOffset(model, cls, level, 0);
          }
        }
        y++;
        nextYear += 12;
      }
      if (term[t] !== k) {
        // A new administration is a new type: Moscow starts again from its prior about it.
        k = term[t];
        honour = honours[k];
        usFights = u[DRAW.uUs + k] < honour;
        oU = priorUs[k];
        netU = 0;
        changed = true;
      }
      while (seen < MAX_INCIDENTS && nextIncident <= t) {
        const d = DRAW.incidents + 3 * seen;
        netE += signalFirm(europeFights, u[d + 1], accuracy) ? 1 : -1;
        netU += signalFirm(usFights, u[d + 2], accuracy) ? 1 : -1;
        seen++;
        if (seen < MAX_INCIDENTS) {
          incidentTime += -Math.log(1 - u[d + 3]) * meanGap;
          nextIncident = Math.min(65_535, Math.max(1, Math.ceil(incidentTime)));
        }
        changed = true;
      }
      if (changed) {
        bE = believe(lr, oE, netE);
        bU = believe(lr, oU, netU);
        changed = false;
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
      const v = u[UPFRONT_DRAWS - 1 + t];
      // A month whose margins are far below the draw's logit is peace: no exp (noWar.ts). After the
      // first probe only the war margins count; before it the grey zone's too.
      if (noisy && (month !== 0 ? surelyNoWar(xL, xF, v) : surelyPeace(xG, xL, xF, v))) continue;
      const c = chooseMonth(xG, xL, xF, v, noisy);
      if (c === CHOICE.peace) continue;
      if (month === 0) {
        month = t;
        mode = c;
      }
      if (c === CHOICE.greyZone) {
        // guarantorResponse(p, 'greyZone', …) with the trigger read once per run.
        if (uEurope < pGreyEurope) flags |= FLAG_GREY_EUROPE;
        if (u[DRAW.uUs + k] < honour * grey.us) flags |= FLAG_GREY_US;
        if (uSnapback < pGreySnapback) flags |= FLAG_GREY_SNAPBACK;
        continue;
      }
      warMonth = t;
      warMode = c;
      const key = c === CHOICE.limited ? 'limited' : 'fullScale';
      flags |= warCourse(model, cls, level, t, key, r, bE, bU, europeFights, usFights, honour, uEurope, u[DRAW.uUs + k], uSnapback, u[DRAW.uOutcome]);
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
