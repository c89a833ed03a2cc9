import { defaultLevers } from '../../engine';
import type { RunView } from '../state/appState.svelte';
import { HEADLINE, headlineDifference, type HeadlineDifference } from '../state/headlineMetric';
import type { CompareRun } from './compareView';
import { leverChanges, runChanges } from './leverChanges';
import { resultSentence, type LeverChange, type ResultSentence } from './resultSentence';

export interface HeadlineSentenceInput {
  run: RunView;
  baseline: RunView | null;
  /** The current levers' name, or null for levers set by hand. */
  name: string | null;
  baselineName: string;
  /** The smallest difference that matters (share). */
  threshold: number;
  /** Scenarios compared side by side: those with the baseline's seed and trials are named beside the result. */
  compared?: readonly CompareRun[];
}

export interface HeadlineSentence {
  sentence: ResultSentence;
  /** Paired when seed and trials match (common random numbers); null without a baseline or during a preview. */
  difference: HeadlineDifference | null;
  /** How the run's inputs differ from the baseline's. */
  changes: LeverChange[];
  /** The baseline's own levers that differ from the defaults. */
  baselineOwn: LeverChange[];
}

/** Everything the headline and the report say about a run and its baseline, from one computation. */
export function headlineSentence({ run, baseline, name, baselineName, threshold, compared = [] }: HeadlineSentenceInput): HeadlineSentence {
  const difference = baseline && !run.preview ? headlineDifference(baseline, run) : null;
  const changes = baseline ? [...leverChanges(baseline.input.levers, run.input.levers), ...runChanges(baseline.input, run.input)] : [];
  const comparators =
    baseline && difference
      ? compared
          .filter(
            (r) =>
              r.input.seed === baseline.input.seed &&
              r.input.trials === baseline.input.trials &&
              leverChanges(r.input.levers, run.input.levers).length > 0 &&
              leverChanges(r.input.levers, baseline.input.levers).length > 0,
          )
          .map((r) => ({ name: r.entry.name, diff: headlineDifference(baseline, r).diff }))
      : [];
  // THE HEADLINE METRIC comes from HEADLINE (state/headlineMetric.ts), the one place Model 2 switches to pWar.
  const sentence = resultSentence({
    metricLabel: HEADLINE.label,
    horizonYears: run.summary.horizonMonths / 12,
    current: { share: HEADLINE.share(run.summary), name },
    baseline: baseline && difference ? { share: HEADLINE.share(baseline.summary), name: baselineName || 'the pinned run' } : null,
    changes,
    diffCI: difference?.ci95 ?? null,
    threshold,
    comparators,
  });
  return { sentence, difference, changes, baselineOwn: baseline ? leverChanges(defaultLevers(), baseline.input.levers) : [] };
}
