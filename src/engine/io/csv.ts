import { csvFormatRows } from 'd3-dsv';
import type { CompiledModel } from '../model/compile';
import type { TrialResults } from '../run/trialResults';
import { TRIAL_COLUMNS, type RowContext } from './trialColumns';

/**
 * Trial rows as CSV: one row per trial with its outcome and its per-trial draws, then the run's
 * metadata (engine version, seed, the loaded scenario's title, trials) and every lever (registry
 * order) so that a file on its own says how it was made. The columns, their meanings and how each
 * cell is written are one table, TRIAL_COLUMNS (trialColumns.ts), which also makes the data dictionary.
 */

/** Columns of the trial-row CSV, in order. */
export function trialCsvHeader(): string[] {
  return TRIAL_COLUMNS.map((c) => c.key);
}

/**
 * Neutralise text a spreadsheet would run as a formula (a leading =, +, -, @, tab or CR) by putting
 * an apostrophe before it. Only for text cells: numbers are written with String() and never pass
 * through here, so a negative number stays a number.
 */
export function safeCsvText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * CSV text (with a header line when `header`) for trials [from, to) of a run. `scenario` is the
 * title of the scenario the levers came from ('' when none). Numbers are plain numbers; text cells
 * are formula-safe; quoting follows RFC 4180 (d3-dsv).
 */
export function trialRowsCsv(
  model: CompiledModel,
  results: TrialResults,
  seed: string,
  from = 0,
  to = results.trials,
  header = true,
  scenario = '',
): string {
  const ctx: RowContext = { model, results, seed, scenario, text: safeCsvText };
  const rows: string[][] = header ? [trialCsvHeader()] : [];
  for (let i = from; i < to; i++) rows.push(TRIAL_COLUMNS.map((c) => c.cell(ctx, i)));
  return csvFormatRows(rows) + '\n';
}
