import { pairedDifference, independentDifference, warIndicator, type Summary, type TrialResults } from '../../engine';
import { isDetectable } from './verdict';

/**
 * The page's headline question, chosen in ONE place: the results sentence, the report, the compare
 * view and the baseline comparison all read it from here.
 *
 * Since Model 2 it is `pWar`: the chance of renewed war (a limited or full-scale offensive) by the
 * horizon; grey-zone campaigns no longer end a trial and are reported beside it (pGreyZone).
 */
export interface HeadlineMetric {
  /** The summary field it reads, for CSV rows ("pWar"). */
  key: string;
  /** Noun phrase for sentences: "the chance of renewed war (a limited or full-scale offensive)". */
  label: string;
  /** Short title for tables and charts: "Renewed war". */
  title: string;
  /** The share of trials (0–1). */
  share(s: Summary): number;
  /** Its 95% interval (shares). */
  ci(s: Summary): [number, number];
  /** Per trial, 1 if the trial counts (for paired differences on the same trials), else 0. */
  indicator(r: TrialResults): Uint8Array;
}

export const HEADLINE: HeadlineMetric = {
  key: 'pWar',
  label: 'the chance of renewed war (a limited or full-scale offensive)',
  title: 'Renewed war',
  share: (s) => s.pWar,
  ci: (s) => s.pWarCI95,
  indicator: (r) => warIndicator(r),
};

/** What a difference between two runs needs: the summary and, for pairing, the trial rows. */
export interface Measured {
  summary: Summary;
  results: TrialResults | null;
  input: { seed: string; trials: number };
}

export interface HeadlineDifference {
  /** b − a (shares). */
  diff: number;
  ci95: [number, number];
  /** Paired trial by trial (same seed and trials: common random numbers), else independent samples. */
  paired: boolean;
  /** The interval excludes zero. */
  detectable: boolean;
}

/** The headline metric's difference b − a: paired when both runs share seed and trials, else a conservative independent interval. */
export function headlineDifference(a: Measured, b: Measured, metric: HeadlineMetric = HEADLINE): HeadlineDifference {
  const pairable = a.results && b.results && a.input.seed === b.input.seed && a.summary.trials === b.summary.trials;
  const d = pairable
    ? pairedDifference(metric.indicator(a.results!), metric.indicator(b.results!))
    : independentDifference(metric.share(a.summary), a.summary.trials, metric.share(b.summary), b.summary.trials);
  return { diff: d.diff, ci95: d.ci, paired: !!pairable, detectable: isDetectable(d.ci) };
}
