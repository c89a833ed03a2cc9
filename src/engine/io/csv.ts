import { csvFormatRows } from 'd3-dsv';
import { LEVERS, type Levers } from '../levers';
import { MODE_KEYS } from '../model/modes';
import { classLevels, type CompiledModel } from '../model/compile';
import { FLAG_DELIBERATE, FLAG_EUROPE, FLAG_GREY_EUROPE, FLAG_GREY_US, FLAG_SNAPBACK, FLAG_US } from '../model/response';
import { STORED_TERMS, type TrialResults } from '../run/trialResults';
import { addMonths } from '../model/time';
import { ENGINE_VERSION } from '../version';

/**
 * Trial rows as CSV: one row per trial with its first resumption (any mode), its war (the first
 * limited or full-scale offensive; blank when there was none), the guarantors' responses, its first
 * grey-zone probe and its per-trial draws, then the run's
 * metadata (engine version, seed, the loaded scenario's title, trials) and every lever (registry
 * order) so that a file on its own says how it was made.
 */

const MODE_NAMES = ['none', ...MODE_KEYS] as const;

/** Columns of the trial-row CSV, in order. */
export function trialCsvHeader(): string[] {
  const draws = ['resolve', 'europeDraw', 'reliefLevel', 'reconstitutionLevel'];
  for (let k = 1; k <= STORED_TERMS; k++) draws.push(`usCredibilityTerm${k}`);
  return [
    'trial',
    'resumed',
    'month',
    'date',
    'mode',
    'war',
    'warMonth',
    'warDate',
    'warMode',
    'deliberate',
    'europeEngaged',
    'usEngaged',
    'snapback',
    'greyZone',
    'greyEuropeResponded',
    'greyUsResponded',
    ...draws,
    'engineVersion',
    'seed',
    'scenario',
    'trials',
    ...LEVERS.map((l) => l.key),
  ];
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

function leverCells(levers: Levers): string[] {
  return LEVERS.map((l) => {
    const v = levers[l.key];
    return typeof v === 'string' ? safeCsvText(v) : String(v);
  });
}

const round = (x: number) => String(Math.round(x * 1e6) / 1e6);

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
  const meta = [ENGINE_VERSION, safeCsvText(seed), safeCsvText(scenario), String(results.trials), ...leverCells(model.levers)];
  const rows: string[][] = header ? [trialCsvHeader()] : [];
  for (let i = from; i < to; i++) {
    const month = results.month[i];
    const war = results.warMonth[i];
    const grey = results.mode[i] === 1;
    const f = results.flags[i];
    const bit = (on: boolean, flag: number) => (on ? (f & flag ? '1' : '0') : '');
    const row = [
      String(i),
      month > 0 ? '1' : '0',
      month > 0 ? String(month) : '',
      month > 0 ? addMonths(model.levers.ceasefireStart, month) : '',
      MODE_NAMES[results.mode[i]],
      war > 0 ? '1' : '0',
      war > 0 ? String(war) : '',
      war > 0 ? addMonths(model.levers.ceasefireStart, war) : '',
      MODE_NAMES[results.warMode[i]],
      bit(war > 0, FLAG_DELIBERATE),
      bit(war > 0, FLAG_EUROPE),
      bit(war > 0, FLAG_US),
      bit(war > 0, FLAG_SNAPBACK),
      grey ? '1' : '0',
      bit(grey, FLAG_GREY_EUROPE),
      bit(grey, FLAG_GREY_US),
      round(results.resolve[i]),
      round(results.uEurope[i]),
      String(classLevels(results.cls[i]).reliefLevel),
      String(classLevels(results.cls[i]).reconstitutionLevel),
    ];
    for (let k = 0; k < STORED_TERMS; k++) row.push(round(results.usCredibility[i * STORED_TERMS + k]));
    rows.push(row.concat(meta));
  }
  return csvFormatRows(rows) + '\n';
}
