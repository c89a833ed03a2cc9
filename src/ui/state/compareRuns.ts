import type { Levers, Summary, TrialResults } from '../../engine';

// Scenarios compared side by side: what the compare state keeps and the compare view shows.

/** At most this many scenarios side by side (a table and a chart stay readable). */
export const MAX_COMPARE = 6;

/** One scenario in the comparison. `key` is how links and the page name it ("full-package", "current"). */
export interface CompareEntry {
  key: string;
  name: string;
  kind: 'preset' | 'saved' | 'current' | 'link';
  levers: Levers;
}

/** A finished run of one entry. */
export interface CompareRun {
  entry: CompareEntry;
  input: { levers: Levers; seed: string; trials: number };
  summary: Summary;
  band: { lo: number[]; hi: number[] };
  results: TrialResults;
}
