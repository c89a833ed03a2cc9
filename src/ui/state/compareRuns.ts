import type { AssumptionValues, Levers, RunInput, Summary, TrialResults } from '../../engine';

// Scenarios compared side by side: what the compare state keeps and the compare view shows.

/** At most this many scenarios side by side (a table and a chart stay readable). */
export const MAX_COMPARE = 6;

/** One scenario in the comparison. `key` is how links and the page name it ("full-package", "current"). */
export interface CompareEntry {
  key: string;
  name: string;
  kind: 'preset' | 'saved' | 'current' | 'link';
  levers: Levers;
  /**
   * The model assumptions it runs under, as changes from the calibrated defaults: a preset's or a
   * saved scenario's own, the page's for "current" (none: the defaults). A comparison runs exactly these.
   */
  assumptions?: AssumptionValues;
}

/** A finished run of one entry. */
export interface CompareRun {
  entry: CompareEntry;
  /** What was run: the entry's levers and assumptions, the comparison's seed and trials. */
  input: RunInput;
  summary: Summary;
  band: { lo: number[]; hi: number[] };
  results: TrialResults;
}
