// What a command's output records of the inputs it ran with, in the CSVs' own columns.
import { csvFormatRows, csvParseRows } from 'd3-dsv';
import { ASSUMPTIONS, LEVERS, defaultLevers, safeCsvText, type AssumptionValues, type Levers } from '../engine/index';

/** The levers that differ from the defaults, as `key=value` joined by "; " ('' when none). */
export function changedLeversText(levers: Levers): string {
  const d = defaultLevers() as unknown as Record<string, unknown>;
  const l = levers as unknown as Record<string, unknown>;
  return LEVERS.filter((s) => l[s.key] !== d[s.key]).map((s) => `${s.key}=${String(l[s.key])}`).join('; ');
}

/** The assumptions given (registry order) as `key=value` joined by "; " ('' when none); `changesOnly` drops those at their default. */
export function assumptionsText(a: AssumptionValues, changesOnly = true): string {
  return (Object.keys(ASSUMPTIONS) as (keyof AssumptionValues)[])
    .filter((k) => a[k] !== undefined && !(changesOnly && a[k] === ASSUMPTIONS[k].value))
    .map((k) => `${k}=${a[k]}`)
    .join('; ');
}

/** A CSV with columns added on the right: `header` on the first row, the same `values` on every other. */
export function withColumns(csv: string, header: readonly string[], values: readonly string[]): string {
  const rows = csvParseRows(csv.trimEnd());
  const cells = values.map((v) => safeCsvText(v));
  return csvFormatRows(rows.map((row, i) => [...row, ...(i === 0 ? header : cells)])) + '\n';
}
