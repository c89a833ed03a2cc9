import { csvFormatRows } from 'd3-dsv';
import type { CompiledModel } from '../model/compile';
import type { TrialResults } from '../run/trialResults';
import { TRIAL_COLUMNS, type RowContext } from './trialColumns';

/**
 * Trial rows as CSV: one row per trial with its first resumption (any mode), its war (the first
 * limited or full-scale offensive; blank when there was none), the guarantors' responses, its first
 * grey-zone probe and its per-trial draws, then the run's
 * metadata (engine version, seed, the loaded scenario's title, trials) and every lever (registry
 * order) so that a file on its own says how it was made. The columns, their meanings and how each
 * cell is written are one table, TRIAL_COLUMNS (trialColumns.ts), which also makes the data dictionary.
 */

/** Columns of the trial-row CSV, in order. */
export function trialCsvHeader(): string[] {
  return TRIAL_COLUMNS.map((c) => c.key);
}

// What a spreadsheet may trim or ignore before it looks for a formula: white space of any kind
// (no-break space, line feed, ideographic space…), control characters and invisible ones (zero-width
// space, BOM, soft hyphen, variation selectors).
const INVISIBLE_LEAD = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]+/u;
// A formula's first character once normalised (NFKC turns full-width ＝＋－＠ and the small forms
// ﹦﹢﹣﹫ into =+-@), and the minus sign U+2212, which some spreadsheets read as "-".
const FORMULA_START = /^[=+\-@\u2212]/;

/**
 * Neutralise text a spreadsheet could run as a formula by putting an apostrophe before it: text
 * starting with a tab or CR, or whose first visible character is =, +, -, @ (or a full-width, small
 * or minus-sign form of one) after any leading white space, control or invisible characters
 * (" =1+1", "\u00a0@SUM(1)", "\n=1", "\u200b+1", "＝1+1"). Only for text cells: numbers are
 * written with String() and never pass through here, so a negative number stays a number.
 */
export function safeCsvText(s: string): string {
  if (/^[\t\r]/.test(s)) return `'${s}`;
  const first = s.replace(INVISIBLE_LEAD, '').slice(0, 1).normalize('NFKC');
  return FORMULA_START.test(first) ? `'${s}` : s;
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
