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

/** One preset's run, with the figures derived for the report. */
export interface PresetRun {
  scenario: LoadedScenario;
  /** A short name for chart labels: the title up to its first colon or parenthesis. */
  shortName: string;
  summary: Summary;
  /** Share resumed by month 60, with its Wilson 95% interval; null if the horizon is shorter. */
  within5: { p: number; ci: [number, number] } | null;
  /** Share resumed by month 120 (or the horizon if shorter), with its Wilson 95% interval. */
  within10: { p: number; ci: [number, number] };
}

/** The title up to its first colon or opening parenthesis ("First US plan", "Paper guarantees"). */
export function shortName(title: string): string {
  return title.split(/[:(]/)[0].trim();
}

/**
 * Share of trials resumed by the end of `month`, with its Wilson 95% interval computed from the
 * count of trials resumed by then (survival[month] × trials, rounded back to the integer it came from).
 */
export function resumedWithin(summary: Summary, month: number): { p: number; ci: [number, number] } | null {
  if (month > summary.horizonMonths) return null;
  const alive = Math.round(summary.survival[month] * summary.trials);
  const resumed = summary.trials - alive;
  return { p: resumed / summary.trials, ci: wilson(resumed, summary.trials) };
}

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

/** Run every preset, sorted from the most to the least robust (10-year breakdown, then id). */
export function runPresets(presets: readonly LoadedScenario[], trials = REPORT_TRIALS): PresetRun[] {
  const runs = presets.map((scenario): PresetRun => {
    const summary = runLevers(scenario.resolved, trials);
    const within10 = resumedWithin(summary, Math.min(MONTHS_10Y, summary.horizonMonths))!;
    return { scenario, shortName: shortName(scenario.title), summary, within5: resumedWithin(summary, MONTHS_5Y), within10 };
  });
  return runs.sort((a, b) => a.within10.p - b.within10.p || (a.scenario.id < b.scenario.id ? -1 : 1));
}
