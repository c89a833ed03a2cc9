import { csvFormatRows } from 'd3-dsv';
import { ASSUMPTIONS, ASSUMPTION_KEYS, ENGINE_VERSION, LEVERS, formatLeverValue, safeCsvText, sameAssumptions, type AssumptionKey, type AssumptionValues, type LeverKey, type Levers, type Summary } from '../../engine';
import { pct } from '../format';
import type { CompareRun } from '../state/compareRuns';
import { HEADLINE, headlineDifference, type HeadlineDifference } from '../state/headlineMetric';
import { judgeDifference, thresholdOf, type DifferenceVerdict } from '../state/verdict';

/**
 * The compare view's model: several scenarios run with the same seed and trials, side by side.
 * Pure: rows, the levers that differ, paired differences against a reference, and the CSV.
 */

// The list's limit and its entries and runs are the compare state's (state/compareRuns.ts).
export { MAX_COMPARE, type CompareEntry, type CompareRun } from '../state/compareRuns';

/** A column of the compare table (and the CSV): add a metric here and it shows everywhere. */
export interface CompareMetric {
  key: string;
  label: string;
  /** The value, or null when the run has none (e.g. no median when fewer than half resume). */
  value(s: Summary): number | null;
  /** 95% interval, where the summary has one. */
  ci?(s: Summary): [number, number];
  format: 'share' | 'months' | 'count';
}

// A worlds band ("Plausible worlds") is one more line here once the summary has it.
export const COMPARE_METRICS: readonly CompareMetric[] = [
  { key: 'headline', label: `${HEADLINE.title} (the headline)`, value: (s) => HEADLINE.share(s), ci: (s) => HEADLINE.ci(s), format: 'share' },
  { key: 'medianMonthsToWar', label: 'Median months to war', value: (s) => s.medianMonthsToWar, format: 'months' },
  { key: 'deliberateShare', label: 'Wars Moscow chose deliberately', value: (s) => s.deliberateShare, format: 'share' },
  { key: 'pGreyZone', label: 'A grey-zone campaign (short of war)', value: (s) => s.pGreyZone, format: 'share' },
  { key: 'pResumption', label: 'Any resumption, grey zone or war', value: (s) => s.pResumption, format: 'share' },
  { key: 'limited', label: 'War as a limited offensive', value: (s) => s.warModeShares.limited, format: 'share' },
  { key: 'fullScale', label: 'War as a full-scale offensive', value: (s) => s.warModeShares.fullScale, format: 'share' },
  { key: 'europeEngaged', label: 'Europe engaged in the war', value: (s) => s.guarantorsTested.europeEngaged, format: 'share' },
  { key: 'usEngaged', label: 'US engaged in the war', value: (s) => s.guarantorsTested.usEngaged, format: 'share' },
];

/** A metric's value for people: "42.2%", "37 months", "—" for none. */
export function formatMetric(m: CompareMetric, v: number | null): string {
  if (v === null) return '—';
  if (m.format === 'share') return pct(v);
  if (m.format === 'months') return `${v} months`;
  return v.toLocaleString('en-GB');
}

/** Levers whose values are not all the same across the entries, in registry order. */
export function differingLevers(entries: readonly { levers: Levers }[]): LeverKey[] {
  if (entries.length < 2) return [];
  return LEVERS.filter((l) => entries.some((e) => e.levers[l.key] !== entries[0].levers[l.key])).map((l) => l.key);
}

export interface DifferenceRow {
  key: string;
  name: string;
  difference: HeadlineDifference;
  /** The verdict on it (state/verdict.ts), in the same words as the results sentence. */
  verdict: DifferenceVerdict;
}

/** Each run's headline difference from the reference (paired: same seed and trials). */
export function differencesFrom(reference: CompareRun, runs: readonly CompareRun[], threshold: number): DifferenceRow[] {
  return runs
    .filter((r) => r.entry.key !== reference.entry.key)
    .map((r) => {
      const difference = headlineDifference(reference, r);
      return { key: r.entry.key, name: r.entry.name, difference, verdict: judgeDifference(difference.diff, difference.ci95, thresholdOf(threshold)) };
    });
}

/** Model assumptions whose values are not all the same across the entries, in registry order. */
export function differingAssumptions(entries: readonly { levers: Levers; assumptions?: AssumptionValues }[]): AssumptionKey[] {
  if (entries.length < 2) return [];
  return ASSUMPTION_KEYS.filter((k) => entries.some((e) => !sameAssumptions({ [k]: e.assumptions?.[k] }, { [k]: entries[0].assumptions?.[k] })));
}

/** An entry's value of an assumption ("0.2"; its calibrated value when it does not change it). */
export function assumptionCell(key: AssumptionKey, assumptions: AssumptionValues = {}): string {
  return String(assumptions[key] ?? ASSUMPTIONS[key].value);
}

/** The lever values of one entry for the "levers that differ" table. */
export function leverCell(key: LeverKey, levers: Levers): string {
  const spec = LEVERS.find((l) => l.key === key)!;
  return formatLeverValue(spec, levers[key]);
}

/**
 * The comparison as CSV: one row per scenario with every metric (and its interval where it has
 * one), the paired difference from the reference with its verdict (`matters` is empty when the
 * interval straddles the threshold; `verdict` says which of not-detectable, too-small, may-matter,
 * matters), the run settings, every lever and every model assumption it ran under. Booleans are
 * written true/false, as everywhere in the page's CSV files.
 */
export function compareCsv(runs: readonly CompareRun[], referenceKey: string, threshold: number): string {
  const ref = runs.find((r) => r.entry.key === referenceKey) ?? runs[0];
  const diffs = new Map(ref ? differencesFrom(ref, runs, threshold).map((d) => [d.key, d]) : []);
  const header = ['scenario', 'scenarioKey', 'reference'];
  for (const m of COMPARE_METRICS) {
    header.push(m.key);
    if (m.ci) header.push(`${m.key}Ci95Low`, `${m.key}Ci95High`);
  }
  header.push('diffFromReference', 'diffCi95Low', 'diffCi95High', 'paired', 'detectable', 'matters', 'verdict', 'threshold', 'engineVersion', 'seed', 'trials', ...LEVERS.map((l) => l.key), ...ASSUMPTION_KEYS.map((k) => `assumption:${k}`));
  const rows: string[][] = [header];
  const num = (v: number | null) => (v === null ? '' : String(v));
  for (const r of runs) {
    const row = [safeCsvText(r.entry.name), safeCsvText(r.entry.key), String(r === ref)];
    for (const m of COMPARE_METRICS) {
      row.push(num(m.value(r.summary)));
      if (m.ci) row.push(...m.ci(r.summary).map(String));
    }
    const d = diffs.get(r.entry.key);
    if (d) row.push(String(d.difference.diff), String(d.difference.ci95[0]), String(d.difference.ci95[1]), String(d.difference.paired), String(d.difference.detectable), d.verdict.matters === null ? '' : String(d.verdict.matters), d.verdict.kind);
    else row.push('', '', '', '', '', '', '');
    row.push(String(threshold), ENGINE_VERSION, safeCsvText(r.input.seed), String(r.input.trials));
    for (const l of LEVERS) {
      const v = r.input.levers[l.key];
      row.push(typeof v === 'string' ? safeCsvText(v) : String(v));
    }
    for (const k of ASSUMPTION_KEYS) row.push(assumptionCell(k, r.input.assumptions as AssumptionValues | undefined));
    rows.push(row);
  }
  return csvFormatRows(rows) + '\n';
}
