import { csvFormatRows } from 'd3-dsv';
import { ASSUMPTION_KEYS, LEVERS, MODE_KEYS, addMonths, safeCsvText, type Summary } from '../../engine';
import { summaryKeyOf, summaryNumber } from '../../engine/io/summaryColumns';
import type { HeadlineDifference } from '../state/headlineMetric';
import { judgeDifference, thresholdOf } from '../state/verdict';

/** A pinned baseline to report beside the run: its name, summary, and the headline difference from it. */
export interface SummaryComparison {
  name: string;
  summary: Summary;
  /** The headline metric's key ("pResumption") and its value in the baseline. */
  metric: string;
  baselineValue: number;
  difference: HeadlineDifference;
  /** The smallest difference that matters (share). */
  threshold: number;
}

/** Columns of the summary CSV. */
export const SUMMARY_CSV_COLUMNS = ['metric', 'month', 'date', 'value', 'unit', 'ci95Low', 'ci95High'] as const;

/**
 * The run's summary as one CSV table: run settings (engine version, seed, the loaded scenario's
 * title — empty when none —, trials, horizon), every lever (`lever:<key>` rows), headline figures
 * (war first, then grey-zone probes and any resumption), then one `survivalWar` row per month with
 * its pointwise 95% band and one `survival` row per month (no resumption of any kind). When
 * comparing with a pinned baseline, `baseline:` rows say what it was (name, seed, trials, each
 * lever and assumption that differs) and `difference:` rows give the headline difference with its
 * interval and the page's verdict on it (judgeDifference). Every metric is documented in
 * SUMMARY_KEYS (engine/io/summaryColumns.ts), which gives its `unit`: shares are written as shares
 * 0–1 to 6 significant digits, other numbers in full; text is formula-safe (safeCsvText); booleans
 * are true/false. A metric missing from the dictionary is a programming error and throws.
 */
export function summaryCsv(summary: Summary, band: { lo: number[]; hi: number[] }, scenario = '', comparison: SummaryComparison | null = null): string {
  const rows: string[][] = [SUMMARY_CSV_COLUMNS.slice()];
  const row = (metric: string, value: string | number | boolean | null, lo: number | '' = '', hi: number | '' = '', month: number | '' = '', date = '') => {
    const key = summaryKeyOf(metric);
    if (!key) throw new Error(`summary CSV: the metric ${metric} is not in the data dictionary (SUMMARY_KEYS)`);
    const num = (v: number | '') => (v === '' ? '' : summaryNumber(v, key.unit));
    const cell = value === null ? '' : typeof value === 'string' ? safeCsvText(value) : typeof value === 'number' ? num(value) : String(value);
    rows.push([metric, String(month), date, cell, key.unit, num(lo), num(hi)]);
  };
  row('engineVersion', summary.engineVersion);
  row('seed', summary.seed);
  row('scenario', scenario);
  row('trials', summary.trials);
  row('horizonMonths', summary.horizonMonths);
  for (const l of LEVERS) row(`lever:${l.key}`, summary.params[l.key]);
  for (const k of ASSUMPTION_KEYS) row(`assumption:${k}`, summary.params.assumptions[k]);
  row('pWar', summary.pWar, summary.pWarCI95[0], summary.pWarCI95[1]);
  row('medianMonthsToWar', summary.medianMonthsToWar);
  row('warModeShare:limited', summary.warModeShares.limited);
  row('warModeShare:fullScale', summary.warModeShares.fullScale);
  row('deliberateShare', summary.deliberateShare);
  row('misjudgedShare', summary.misjudgedShare);
  row('misjudgedBy:balance', summary.misjudgedBy.balance);
  row('misjudgedBy:guarantors', summary.misjudgedBy.guarantors);
  row('offensiveSuccessShare', summary.offensiveSuccessShare);
  row('pGreyZone', summary.pGreyZone);
  row('pResumption', summary.pResumption, summary.pResumptionCI95[0], summary.pResumptionCI95[1]);
  row('medianMonthsToResumption', summary.medianMonthsToResumption);
  for (const k of MODE_KEYS) row(`modeShare:${k}`, summary.modeShares[k]);
  const g = summary.guarantorsTested;
  row('guarantorsTested:tests', g.tests);
  row('guarantorsTested:europeEngaged', g.europeEngaged);
  row('guarantorsTested:usEngaged', g.usEngaged);
  row('guarantorsTested:snapback', g.snapback);
  row('guarantorsTested:greyZone:probes', g.greyZone.probes);
  row('guarantorsTested:greyZone:europeResponded', g.greyZone.europeResponded);
  row('guarantorsTested:greyZone:usResponded', g.greyZone.usResponded);
  row('guarantorsTested:greyZone:snapback', g.greyZone.snapback);
  for (const e of summary.elections) row('usElection', '', '', '', e.month, e.date);
  if (comparison) {
    const b = comparison.summary;
    const d = comparison.difference;
    row('baseline:scenario', comparison.name);
    row('baseline:seed', b.seed);
    row('baseline:trials', b.trials);
    for (const l of LEVERS) if (b.params[l.key] !== summary.params[l.key]) row(`baseline:lever:${l.key}`, b.params[l.key]);
    for (const k of ASSUMPTION_KEYS) if (b.params.assumptions[k] !== summary.params.assumptions[k]) row(`baseline:assumption:${k}`, b.params.assumptions[k]);
    row(`baseline:${comparison.metric}`, comparison.baselineValue);
    row(`difference:${comparison.metric}`, d.diff, d.ci95[0], d.ci95[1]);
    row('difference:paired', d.paired);
    row('difference:detectable', d.detectable);
    const t = thresholdOf(comparison.threshold);
    const v = judgeDifference(d.diff, d.ci95, t);
    row('difference:threshold', comparison.threshold);
    row('difference:thresholdSetByUser', t.userSet);
    row('difference:matters', v.matters);
    row('difference:verdict', v.kind);
  }
  summary.survivalWar.forEach((s, t) => row('survivalWar', s, band.lo[t], band.hi[t], t, addMonths(summary.params.ceasefireStart, t)));
  summary.survival.forEach((s, t) => row('survival', s, '', '', t, addMonths(summary.params.ceasefireStart, t)));
  return csvFormatRows(rows) + '\n';
}
