import { csvFormatRows } from 'd3-dsv';
import { safeCsvText } from '../io/csv';
import { ENGINE_VERSION } from '../version';
import type { RobustnessResult, Spread } from './robustness';

/** The robustness study as CSV (robustness.ts): one row per package. */

/** Columns of the robustness CSV, one row per package. */
export const ROBUSTNESS_CSV_COLUMNS = [
  'id', 'title',
  'pWarMin', 'pWarP10', 'pWarMedian', 'pWarP90', 'pWarMax',
  'pResumptionMin', 'pResumptionP10', 'pResumptionMedian', 'pResumptionP90', 'pResumptionMax',
  'bestShare', 'worstWorld', 'maxRegret', 'maxRegretWorld',
  'failThreshold', 'failures', 'failsWhere', 'failCoverage', 'failDensity',
  'worlds', 'seed', 'trials', 'engineVersion',
] as const;

/** The study as CSV (RFC 4180, text cells formula-safe): one row per package, in the packages' order. */
export function robustnessCsv(r: RobustnessResult): string {
  const spread = (s: Spread) => [s.min, s.p10, s.median, s.p90, s.max].map(String);
  const rows: string[][] = [[...ROBUSTNESS_CSV_COLUMNS]];
  r.packages.forEach((p, k) => {
    const d = r.decides[k];
    rows.push([
      safeCsvText(p.id), safeCsvText(p.title),
      ...spread(p.pWar), ...spread(p.pResumption),
      String(p.bestShare), String(p.worstWorld), String(p.maxRegret), String(p.maxRegretWorld),
      String(d.threshold), String(d.failures),
      safeCsvText(d.box ? d.box.limits.map((l) => l.text).join(' and ') : ''),
      d.box ? String(d.box.coverage) : '', d.box ? String(d.box.density) : '',
      String(r.worlds), safeCsvText(r.seed), String(r.trials), ENGINE_VERSION,
    ]);
  });
  return csvFormatRows(rows) + '\n';
}
