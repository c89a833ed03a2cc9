import { trialRng } from '../math/rng';
import { CHOICE, choiceProbabilities, chooseMonth } from '../model/decision';
import { analyseMonth, classLevels, explainMonth, trialClass, type CompiledModel } from '../model/compile';
import type { ModeAnalysis, MonthContext } from '../model/decision';
import { MODE_KEYS, type ModeKey } from '../model/modes';
import {
  FLAG_DELIBERATE,
  FLAG_EUROPE,
  FLAG_GREY_EUROPE,
  FLAG_GREY_SNAPBACK,
  FLAG_GREY_US,
  FLAG_MISJUDGED,
  FLAG_SNAPBACK,
  FLAG_SUCCEEDED,
  FLAG_US,
  FLAG_WRONG_BALANCE,
  FLAG_WRONG_GUARANTORS,
  guarantorResponse,
  trueWarSuccess,
} from '../model/response';
import { warCourse } from '../run/kernel';
import { narrate } from './narrate';
import { addMonths } from '../model/time';
import { trialPath, type TrialPath } from '../model/trialPath';
import { drawTrial, emptyDraws, reconstitutionYears, reliefPace } from '../model/uncertainty';

/**
 * "Why it breaks": one trial replayed through the itemised reference path (explainMonth) with the
 * same stream, the same draws in the same order, one draw a month and the same decision rule
 * (chooseMonth) as the kernel, so every component of Moscow's calculation can be shown, whether a
 * war was chosen deliberately or tipped by the tremble, and which window of opportunity opened.
 */

/** One mode's part of Moscow's calculation in one month: its itemised analysis (utility units unless said otherwise), and more. */
export interface ModeStory extends ModeAnalysis {
  mode: ModeKey;
  /** The margin over keeping the ceasefire (a war forfeits the ceasefire's value; a probe keeps it). */
  margin: number;
  /** Probability (0–1) Moscow picks this mode this month (logit tremble, or 0/1 without noise). */
  pChoose: number;
}

export type Choice = 'peace' | ModeKey;
const CHOICE_KEY: Choice[] = ['peace', 'greyZone', 'limited', 'fullScale'];

/** One month of a replayed trial. */
export interface MonthStory {
  /** Month after the ceasefire, 1…horizon, and its calendar month `YYYY-MM`. */
  month: number;
  date: string;
  /** Administration in office: 0 = at the ceasefire, k = elected at the k-th election; its credibility. */
  administration: number;
  usCredibility: number;
  /** Moscow's resolve this year (0–1). */
  resolve: number;
  /** Share of today's sanctions in force (0–1), Russian capacity (0–1), Ukraine's defence (defence units). */
  sanctions: number;
  capacity: number;
  uaDefence: number;
  /** How much stronger Moscow believes its offensive to be than it is (1 = the truth). */
  perceivedStrength: number;
  /** True probabilities (before a mode's trigger) that Europe fights and the US honours its tier, and what Moscow believes. */
  pEurope: number;
  bEurope: number;
  pUs: number;
  bUs: number;
  pSnapback: number;
  /** a_SQ: the ceasefire's value to Moscow. */
  peace: number;
  /** Grey zone, limited, full scale (MODE_KEYS order). */
  modes: ModeStory[];
  /** Index (MODE_KEYS) of the better war option: limited (1) or full scale (2), limited on a tie. */
  best: number;
  /** Probabilities (0–1) of war, of a grey-zone campaign and of any resumption this month. */
  pWar: number;
  pGreyZone: number;
  pResume: number;
  /** The month's uniform draw and Moscow's choice. */
  draw: number;
  choice: Choice;
  /** Whether an incident happened this month (Moscow saw how the guarantors answer). */
  incident: boolean;
}

/** What opened the window for a war: the change since the war option last failed to beat peace that counts most. */
export type WindowKey = 'fromTheStart' | 'capacity' | 'readiness' | 'resolve' | 'usAdministration' | 'usAttention' | 'europe' | 'none';

export const WINDOW_LABELS: Record<WindowKey, string> = {
  fromTheStart: 'Moscow had the means and the will from the start',
  capacity: "Russia's forces had rebuilt",
  readiness: "Ukraine's readiness had fallen",
  resolve: "Moscow's resolve had hardened",
  usAdministration: 'a US administration Moscow judged less likely to come had taken office (or incidents had lowered that belief)',
  usAttention: "Washington's attention had faded",
  europe: 'incidents had lowered Moscow’s belief that Europe would fight',
  none: 'no window opened: the war option was never worth more than peace',
};

export type StoryEvent =
  | { type: 'election'; month: number; date: string; administration: number; credibility: number; previous: number }
  | { type: 'incident'; month: number; date: string; bEurope: number; previousEurope: number; bUs: number; previousUs: number }
  | { type: 'greyZone'; month: number; date: string; europeResponded: boolean; usResponded: boolean; snapback: boolean }
  | { type: 'war'; month: number; date: string; mode: ModeKey; deliberate: boolean; window: WindowKey }
  | { type: 'response'; month: number; date: string; europeEngaged: boolean; usEngaged: boolean; snapback: boolean };

/** A trial's draws, raw and as the levers turn them into model quantities. */
export interface TrialDraws {
  /** Standard normal behind the resolve, the resolve at the ceasefire (0–1) and in each year. */
  zResolve: number;
  resolve: number;
  resolveByYear: number[];
  /** Uniforms: would Europe really fight, would each US administration honour its tier, would sanctions snap back. */
  uEurope: number;
  uUs: number[];
  uSnapback: number;
  /** The true types: Europe fights; each administration honours its tier. */
  europeFights: boolean;
  usFights: boolean[];
  /** Moscow's perceived strength multiplier in each of its reassessment years (1 = the truth). */
  perceivedStrengthByYear: number[];
  /** The month in the year at which this Moscow reassesses (0–11): month t falls in year yearOf(t, yearPhase). */
  yearPhase: number;
  /** Levels 0–4 of the two path draws, the trial class, and their values. */
  reliefLevel: number;
  reconstitutionLevel: number;
  cls: number;
  /** Yearly sanctions relief pace (0–0.95) and reconstitution time constant (years). */
  reliefPerYear: number;
  reconstitutionYears: number;
  /** Credibility (0–1) of each administration 0…MAX_TERMS−1 (0 = the one at the ceasefire). */
  credibilities: number[];
  /** Months of the trial's incidents (some may lie past the horizon). */
  incidentMonths: number[];
}

export interface TrialOutcome {
  /** First resumption of any mode (as TrialResults.month and .mode). */
  resumed: boolean;
  month: number;
  date: string | null;
  mode: ModeKey | null;
  modeCode: number;
  /** War (limited or full-scale offensive), as TrialResults.warMonth and .warMode. */
  war: boolean;
  warMonth: number;
  warDate: string | null;
  warMode: ModeKey | null;
  warModeCode: number;
  /** FLAG_* bits (as TrialResults.flags). */
  flags: number;
  europeEngaged: boolean;
  usEngaged: boolean;
  snapback: boolean;
  deliberate: boolean;
  window: WindowKey | null;
  /** The war's course: whether the offensive succeeded, and whether Moscow misjudged it (and on what). */
  succeeded: boolean;
  misjudged: boolean;
  wrongBalance: boolean;
  wrongGuarantors: boolean;
  /** At the war: what Moscow believed of Europe and of the US, its expected odds of success, and the true odds against those who fought. */
  beliefEurope: number;
  beliefUs: number;
  perceivedSuccess: number;
  trueSuccess: number;
}

export interface TrialStory {
  seed: string;
  trial: number;
  horizon: number;
  ceasefireStart: string;
  /** Months after the ceasefire of the US elections within the horizon. */
  elections: number[];
  draws: TrialDraws;
  /** Months 1…(war month, or horizon). */
  months: MonthStory[];
  events: StoryEvent[];
  outcome: TrialOutcome;
  narrative: string;
}


/** The better war option's margin in a context. */
function warMargin(model: CompiledModel, resolve: number, ctx: MonthContext): number {
  const m = analyseMonth(model.params, resolve, ctx).margins;
  return Math.max(m[1], m[2]);
}

/**
 * Which change since month `t0` (when the war option last failed to beat peace) opened the window
 * at month `t`: each factor in turn is set back to its month-t0 value, and the one whose reversal
 * lowers the war margin most is named. 'none' if no reversal lowers it.
 */
function openedWindow(model: CompiledModel, path: TrialPath, cls: number, t0: number, t: number): WindowKey {
  const x = explainMonth(model, cls, t, path.resolve[t], path.bEurope[t], path.bUs[t], path.greyTaste, path.perceivedStrength[t]);
  const now = Math.max(x.margins[1], x.margins[2]);
  const att = model.attention[t0] / model.attention[t];
  const cf: [WindowKey, number][] = [
    ['capacity', warMargin(model, path.resolve[t], { ...x.ctx, capacity: model.capacity[cls][t0] })],
    ['readiness', warMargin(model, path.resolve[t], { ...x.ctx, uaDefence: model.uaDefence[t0] })],
    ['resolve', warMargin(model, path.resolve[t0], x.ctx)],
    ['usAdministration', warMargin(model, path.resolve[t], { ...x.ctx, bUs: path.bUs[t0] })],
    ['usAttention', warMargin(model, path.resolve[t], { ...x.ctx, usPower: x.ctx.usPower * att, costUs: x.ctx.costUs * att })],
    ['europe', warMargin(model, path.resolve[t], { ...x.ctx, bEurope: path.bEurope[t0] })],
  ];
  let best: WindowKey = 'none';
  let drop = 1e-12;
  for (const [k, m] of cf) {
    if (now - m > drop) {
      drop = now - m;
      best = k;
    }
  }
  return best;
}

/**
 * Replay trial `trial` of a run under `seed` exactly as runTrials does, through the itemised
 * reference path. The outcome's months, modes and flags equal runTrials' row for the trial (tested),
 * up to floating-point ties between the kernel's coefficients and the itemised sums.
 */
export function replayTrial(model: CompiledModel, seed: string, trial: number): TrialStory {
  if (!Number.isSafeInteger(trial) || trial < 0) throw new RangeError(`replayTrial: trial must be a whole number ≥ 0 (got ${trial})`);
  const { levers, horizon, term, scale, elections } = model;
  const noisy = scale > 0;
  const rng = trialRng(seed, trial);
  const raw = drawTrial(rng, emptyDraws());
  const path = trialPath(model, raw);
  const cls = trialClass(raw.reliefLevel, raw.reconstitutionLevel);
  const { reliefLevel, reconstitutionLevel } = classLevels(cls);
  const draws: TrialDraws = {
    zResolve: raw.zResolve,
    resolve: path.resolveByYear[0],
    resolveByYear: path.resolveByYear,
    uEurope: raw.uEurope,
    uUs: Array.from(raw.uUs),
    uSnapback: raw.uSnapback,
    europeFights: path.europeFights,
    usFights: path.credibilities.map((c, k) => raw.uUs[k] < model.usHonourPerCredibility * c),
    perceivedStrengthByYear: path.balanceByYear.map((lv) => model.strengthLevels[lv]),
    yearPhase: path.yearPhase,
    reliefLevel,
    reconstitutionLevel,
    cls,
    reliefPerYear: reliefPace(model.params, levers.sanctionsReliefPerYear, reliefLevel),
    reconstitutionYears: reconstitutionYears(model.params, levers.ruReconstitutionYears, reconstitutionLevel),
    credibilities: path.credibilities,
    incidentMonths: path.incidentMonths,
  };
  const start = levers.ceasefireStart;
  const months: MonthStory[] = [];
  const events: StoryEvent[] = [];
  const outcome: TrialOutcome = {
    resumed: false, month: 0, date: null, mode: null, modeCode: 0,
    war: false, warMonth: 0, warDate: null, warMode: null, warModeCode: 0,
    flags: 0, europeEngaged: false, usEngaged: false, snapback: false, deliberate: false, window: null,
    succeeded: false, misjudged: false, wrongBalance: false, wrongGuarantors: false, beliefEurope: 0, beliefUs: 0, perceivedSuccess: 0, trueSuccess: 0,
  };
  /** Last month whose war option did not beat peace (0: none yet, i.e. from the start). */
  let lastClosed = 0;
  for (let t = 1; t <= horizon; t++) {
    const date = addMonths(start, t);
    if (term[t] !== term[t - 1]) {
      events.push({ type: 'election', month: t, date, administration: term[t], credibility: path.usCredibility[t], previous: path.usCredibility[t - 1] });
    }
    const incident = path.incidents[t] > path.incidents[t - 1];
    if (incident) {
      events.push({ type: 'incident', month: t, date, bEurope: path.bEurope[t], previousEurope: path.bEurope[t - 1], bUs: path.bUs[t], previousUs: path.bUs[t - 1] });
    }
    const r = path.resolve[t];
    const x = explainMonth(model, cls, t, r, path.bEurope[t], path.bUs[t], path.greyTaste, path.perceivedStrength[t]);
    const inv = noisy ? 1 / scale : 1;
    // After the first probe only war matters (as in the kernel).
    const xG = outcome.resumed ? -Infinity : x.margins[0] * inv;
    const xL = x.margins[1] * inv;
    const xF = x.margins[2] * inv;
    const v = rng();
    const c = chooseMonth(xG, xL, xF, v, noisy);
    const p = choiceProbabilities(xG, xL, xF, noisy);
    const choose = [p.greyZone, p.limited, p.fullScale];
    const best = x.margins[1] >= x.margins[2] ? 1 : 2;
    months.push({
      month: t,
      date,
      administration: term[t],
      usCredibility: path.usCredibility[t],
      resolve: r,
      sanctions: model.sanctions[cls][t],
      capacity: x.ctx.capacity,
      perceivedStrength: path.perceivedStrength[t],
      uaDefence: x.ctx.uaDefence,
      pEurope: model.pEurope,
      bEurope: path.bEurope[t],
      pUs: path.usHonour[t],
      bUs: path.bUs[t],
      pSnapback: model.pSnapback,
      peace: x.ctx.peace,
      modes: x.modes.map((a, i) => ({ mode: MODE_KEYS[i], ...a, margin: x.margins[i], pChoose: choose[i] })),
      best,
      pWar: p.war,
      pGreyZone: p.greyZone,
      pResume: p.any,
      draw: v,
      choice: CHOICE_KEY[c],
      incident,
    });
    const warOpen = x.margins[1] > 0 || x.margins[2] > 0;
    if (c === CHOICE.peace) {
      if (!warOpen) lastClosed = t;
      continue;
    }
    if (!outcome.resumed) {
      outcome.resumed = true;
      outcome.month = t;
      outcome.date = date;
      outcome.modeCode = c;
      outcome.mode = MODE_KEYS[c - 1];
    }
    if (c === CHOICE.greyZone) {
      const f = guarantorResponse(model.params, 'greyZone', model.pEurope, path.usHonour[t], model.pSnapback, raw.uEurope, raw.uUs[term[t]], raw.uSnapback);
      outcome.flags |= f;
      events.push({ type: 'greyZone', month: t, date, europeResponded: (f & FLAG_GREY_EUROPE) !== 0, usResponded: (f & FLAG_GREY_US) !== 0, snapback: (f & FLAG_GREY_SNAPBACK) !== 0 });
      if (!warOpen) lastClosed = t;
      continue;
    }
    const mode = MODE_KEYS[c - 1];
    const key = mode === 'limited' ? 'limited' : 'fullScale';
    const f = warCourse(model, cls, path.balanceLevel[t], t, key, r, path.bEurope[t], path.bUs[t], path.europeFights, path.usFights[t] === 1, path.usHonour[t], raw.uEurope, raw.uUs[term[t]], raw.uSnapback, raw.uOutcome);
    outcome.flags |= f | (warOpen ? FLAG_DELIBERATE : 0);
    outcome.succeeded = (f & FLAG_SUCCEEDED) !== 0;
    outcome.misjudged = (f & FLAG_MISJUDGED) !== 0;
    outcome.wrongBalance = (f & FLAG_WRONG_BALANCE) !== 0;
    outcome.wrongGuarantors = (f & FLAG_WRONG_GUARANTORS) !== 0;
    outcome.beliefEurope = path.bEurope[t];
    outcome.beliefUs = path.bUs[t];
    outcome.perceivedSuccess = x.modes[c - 1].successExpected;
    outcome.trueSuccess = trueWarSuccess(model.params, key, model.capacity[cls][t], model.uaDefence[t], model.euDenial, model.usPower * model.attention[t], (f & FLAG_EUROPE) !== 0, (f & FLAG_US) !== 0);
    outcome.war = true;
    outcome.warMonth = t;
    outcome.warDate = date;
    outcome.warMode = mode;
    outcome.warModeCode = c;
    outcome.europeEngaged = (f & FLAG_EUROPE) !== 0;
    outcome.usEngaged = (f & FLAG_US) !== 0;
    outcome.snapback = (f & FLAG_SNAPBACK) !== 0;
    outcome.deliberate = warOpen;
    outcome.window = !warOpen ? 'none' : lastClosed === 0 ? 'fromTheStart' : openedWindow(model, path, cls, lastClosed, t);
    events.push({ type: 'war', month: t, date, mode, deliberate: warOpen, window: outcome.window });
    events.push({ type: 'response', month: t, date, europeEngaged: outcome.europeEngaged, usEngaged: outcome.usEngaged, snapback: outcome.snapback });
    break;
  }
  const story: TrialStory = { seed, trial, horizon, ceasefireStart: start, elections: [...elections], draws, months, events, outcome, narrative: '' };
  story.narrative = narrate(story, model);
  return story;
}
