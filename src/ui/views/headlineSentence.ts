import { defaultLevers } from '../../engine';
import type { RunView } from '../state/appState.svelte';
import { HEADLINE, headlineDifference, type HeadlineDifference } from '../state/headlineMetric';
import { judgeDifference, thresholdOf, type DifferenceVerdict } from '../state/verdict';
import type { CompareRun } from './compareView';
import { assumptionChanges, inputChanges, leverChanges } from './leverChanges';
import { resultSentence, type LeverChange, type ResultSentence } from './resultSentence';

export interface HeadlineSentenceInput {
  run: RunView;
  baseline: RunView | null;
  /** The current levers' name, or null for levers set by hand. */
  name: string | null;
  baselineName: string;
  /** The smallest difference that matters (share); set by the reader when not the default. */
  threshold: number;
  /** Scenarios compared side by side: those with the baseline's seed and trials are named beside the result. */
  compared?: readonly CompareRun[];
}

export interface HeadlineSentence {
  sentence: ResultSentence;
  /** Paired when seed and trials match (common random numbers); null without a baseline or during a preview. */
  difference: HeadlineDifference | null;
  /** The verdict on the difference (state/verdict.ts); null without one or when nothing differs. */
  verdict: DifferenceVerdict | null;
  /** How the run's inputs differ from the baseline's: levers, model assumptions, seed and trials. */
  changes: LeverChange[];
  /** The baseline's own levers that differ from the defaults. */
  baselineOwn: LeverChange[];
  /** The baseline's own model assumptions that differ from the calibrated defaults. */
  baselineOwnAssumptions: LeverChange[];
}

/** Everything the headline and the report say about a run and its baseline, from one computation. */
export function headlineSentence({ run, baseline, name, baselineName, threshold, compared = [] }: HeadlineSentenceInput): HeadlineSentence {
  const difference = baseline && !run.preview ? headlineDifference(baseline, run) : null;
  const changes = baseline ? inputChanges(baseline.input, run.input) : [];
  // Another scenario is named beside the result only when it was run exactly as the baseline was
  // (seed, trials) and differs from both: its difference from the baseline is then paired too.
  const comparators =
    baseline && difference
      ? compared
          .filter(
            (r) =>
              r.input.seed === baseline.input.seed &&
              r.input.trials === baseline.input.trials &&
              inputChanges(r.input, run.input).length > 0 &&
              inputChanges(r.input, baseline.input).length > 0,
          )
          .map((r) => ({ name: r.entry.name, diff: headlineDifference(baseline, r).diff }))
      : [];
  const t = thresholdOf(threshold);
  // THE HEADLINE METRIC comes from HEADLINE (state/headlineMetric.ts), the one place Model 2 switches to pWar.
  const sentence = resultSentence({
    metricLabel: HEADLINE.label,
    horizonYears: run.summary.horizonMonths / 12,
    current: { share: HEADLINE.share(run.summary), name },
    baseline: baseline && difference ? { share: HEADLINE.share(baseline.summary), name: baselineName || 'the pinned run' } : null,
    changes,
    diffCI: difference?.ci95 ?? null,
    threshold,
    thresholdUserSet: t.userSet,
    comparators,
  });
  const verdict = difference && changes.length ? judgeDifference(difference.diff, difference.ci95, t) : null;
  return {
    sentence,
    difference,
    verdict,
    changes,
    baselineOwn: baseline ? leverChanges(defaultLevers(), baseline.input.levers) : [],
    baselineOwnAssumptions: baseline ? assumptionChanges({}, baseline.input.assumptions) : [],
  };
}
