/**
 * Running the preset scenarios for the scenario report: load every file in scenarios/, run each
 * with the report's fixed seed and trial count, and derive the figures the table and chart show.
 * Pure apart from reading the preset files, so tests can regenerate the report in memory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  formatErrors,
  parseScenario,
  resolveLevers,
  simulate,
  summarize,
  wilson,
  type Levers,
  type LoadedScenario,
  type Summary,
} from '../src/engine';

/** The report's fixed seed: the same seed gives the same report, byte for byte. */
export const REPORT_SEED = 'report';
/** Trials per preset: the worst-case (p = 0.5) Wilson 95% half-width is then under 1 percentage point. */
export const REPORT_TRIALS = 10_000;
/** Months at which the table reads the survival curve (5 and 10 years). */
export const MONTHS_5Y = 60;
export const MONTHS_10Y = 120;

/** A share of trials with its Wilson 95% interval. */
export interface ShareWithCi {
  p: number;
  ci: [number, number];
}

/** One preset's run, with the figures derived for the report. */
export interface PresetRun {
  scenario: LoadedScenario;
  /** A short name for chart labels: the title up to its first colon or parenthesis. */
  shortName: string;
  summary: Summary;
  /** Share at war (a limited or full-scale offensive) by month 60, with its Wilson 95% interval; null if the horizon is shorter. */
  war5: ShareWithCi | null;
  /** Share at war by month 120 (or the horizon if shorter), with its Wilson 95% interval: the ranking's figure. */
  war10: ShareWithCi;
  /** Share with a first resumption of any mode (grey zone included) by month 120 (or the horizon). */
  any10: ShareWithCi;
}

/** The title up to its first colon or opening parenthesis ("First US plan", "Paper guarantees"). */
export function shortName(title: string): string {
  return title.split(/[:(]/)[0].trim();
}

/**
 * Share of trials whose event has happened by the end of `month`, read off a survival curve, with
 * the Wilson 95% interval of the integer count (survival[month] × trials, rounded back to the
 * integer it came from); null past the horizon.
 */
function eventBy(curve: readonly number[], trials: number, horizon: number, month: number): ShareWithCi | null {
  if (month < 0 || month > horizon) return null;
  const alive = Math.round(curve[month] * trials);
  const happened = trials - alive;
  return { p: happened / trials, ci: wilson(happened, trials) };
}

/** Share of trials at war (a limited or full-scale offensive) by the end of `month`, from survivalWar. */
export function warWithin(summary: Summary, month: number): ShareWithCi | null {
  return eventBy(summary.survivalWar, summary.trials, summary.horizonMonths, month);
}

/** Share of trials resumed in any mode (grey zone included) by the end of `month`, from survival. */
export function resumedWithin(summary: Summary, month: number): ShareWithCi | null {
  return eventBy(summary.survival, summary.trials, summary.horizonMonths, month);
}

/** The month the report reads as "10 years": month 120, or the horizon if it is shorter. */
export const tenYears = (summary: Summary) => Math.min(MONTHS_10Y, summary.horizonMonths);

/** Run one set of levers with the report's seed and trial count. */
export function runLevers(levers: Levers, trials = REPORT_TRIALS, seed = REPORT_SEED): Summary {
  const { model, results } = simulate(levers, { seed, trials });
  return summarize(model, results, seed);
}

/** Resolve a partial set of levers over the defaults, throwing (a programming error) if invalid. */
export function leversOf(partial: Partial<Levers>): Levers {
  const r = resolveLevers(partial);
  if (!r.ok) throw new Error(`invalid levers in the report script:\n${formatErrors(r.errors)}`);
  return r.value;
}

/** Every preset in `dir`, validated, in file-name order. Throws with the file and field on a bad file. */
export function loadPresets(dir: string): LoadedScenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const r = parseScenario(readFileSync(path.join(dir, f), 'utf8'));
      if (!r.ok) throw new Error(`${f} is not a valid scenario:\n${formatErrors(r.errors)}`);
      return r.value;
    });
}

/** Run every preset, sorted from the most to the least robust (war within 10 years, then id). */
export function runPresets(presets: readonly LoadedScenario[], trials = REPORT_TRIALS): PresetRun[] {
  const runs = presets.map((scenario): PresetRun => {
    const summary = runLevers(scenario.resolved, trials);
    return {
      scenario,
      shortName: shortName(scenario.title),
      summary,
      war5: warWithin(summary, MONTHS_5Y),
      war10: warWithin(summary, tenYears(summary))!,
      any10: resumedWithin(summary, tenYears(summary))!,
    };
  });
  return runs.sort((a, b) => a.war10.p - b.war10.p || (a.scenario.id < b.scenario.id ? -1 : 1));
}
