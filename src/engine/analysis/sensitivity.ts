import type { LeverKey, LeverSpec, Levers } from '../levers';
import { LEVERS } from '../levers';
import { pairedDifference, warIndicator } from '../run/paired';
import { AbortError } from '../run/abort';
import { simulate } from '../run/simulate';
import { wilson } from '../math/stats';

/**
 * Sensitivity (the tornado): swing each lever to the ends of its range, or by ± a share of its range,
 * with the same seed, and measure the change in the probability of war (a limited or full-scale offensive) within the horizon.
 * Common random numbers make each change a paired comparison, so its CI is tight.
 */

export interface SwingEnd {
  value: Levers[LeverKey];
  pWar: number;
  /** Change from the base run (this end − base) and its paired 95% CI. */
  delta: number;
  deltaCI95: [number, number];
}

export interface LeverSwing {
  key: LeverKey;
  label: string;
  /** The end that lowers the lever (min, first option, off) and the one that raises it. */
  low: SwingEnd;
  high: SwingEnd;
  /** |high.pWar − low.pWar|: the bar's length, used to sort. */
  span: number;
}

export interface SensitivityResult {
  seed: string;
  trials: number;
  base: { pWar: number; pWarCI95: [number, number] };
  /** Sorted by span, largest first. */
  swings: LeverSwing[];
}

/**
 * The two values a lever swings to. `swing` = null: the ends of its range (first and last option,
 * off and on). `swing` in (0, 1]: ± that share of a number lever's range around its current value,
 * clipped, and one option either side for a choice.
 */
export function swingValues(spec: LeverSpec, current: unknown, swing: number | null): [unknown, unknown] {
  switch (spec.kind) {
    case 'number': {
      if (swing === null) return [spec.min, spec.max];
      const d = swing * (spec.max - spec.min);
      const round = (x: number) => (spec.integer ? Math.round(x) : Math.round(x * 1e6) / 1e6);
      return [round(Math.max(spec.min, (current as number) - d)), round(Math.min(spec.max, (current as number) + d))];
    }
    case 'boolean':
      return [false, true];
    case 'choice': {
      const values = spec.options.map((o) => o.value);
      if (swing === null) return [values[0], values[values.length - 1]];
      const i = values.indexOf(current as string);
      return [values[Math.max(0, i - 1)], values[Math.min(values.length - 1, i + 1)]];
    }
    case 'month':
      return [spec.min, spec.max];
    default:
      return spec satisfies never;
  }
}

/** Levers a tornado swings by default: every model lever, not the run settings (horizon, start). */
export const SENSITIVITY_KEYS: readonly LeverKey[] = LEVERS.filter((l) => l.group !== 'run').map((l) => l.key);

export interface SensitivityOptions {
  seed: string;
  trials: number;
  /** null (default): the ends of each range; else ± this share of the range. */
  swing?: number | null;
  keys?: readonly LeverKey[];
  /** Called after each run with (done, total) runs. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The runs a tornado needs: run 0 is the base; each lever has a low and a high run (-1: same as base). */
export interface SensitivityPlan {
  levers: Levers;
  seed: string;
  trials: number;
  runs: Levers[];
  swings: { key: LeverKey; label: string; low: { value: unknown; run: number }; high: { value: unknown; run: number } }[];
}

/** Plan the runs of a tornado, so that they can be spread over workers. */
export function planSensitivity(levers: Levers, options: Pick<SensitivityOptions, 'seed' | 'trials' | 'swing' | 'keys'>): SensitivityPlan {
  const runs: Levers[] = [levers];
  const swings: SensitivityPlan['swings'] = [];
  for (const key of options.keys ?? SENSITIVITY_KEYS) {
    const spec = LEVERS.find((l) => l.key === key)!;
    const [lo, hi] = swingValues(spec, levers[key], options.swing ?? null);
    const runFor = (value: unknown) => {
      if (value === levers[key]) return 0;
      runs.push({ ...levers, [key]: value } as Levers);
      return runs.length - 1;
    };
    swings.push({ key, label: spec.label, low: { value: lo, run: runFor(lo) }, high: { value: hi, run: runFor(hi) } });
  }
  return { levers, seed: options.seed, trials: options.trials, runs, swings };
}

/** Combine a plan with each run's per-trial resumed indicators (same order as plan.runs). */
export function combineSensitivity(plan: SensitivityPlan, resumed: readonly Uint8Array[]): SensitivityResult {
  const base = resumed[0];
  const pBase = mean(base);
  const end = (e: { value: unknown; run: number }): SwingEnd => {
    const y = resumed[e.run];
    const d = pairedDifference(base, y);
    return { value: e.value as Levers[LeverKey], pWar: mean(y), delta: d.diff, deltaCI95: d.ci };
  };
  const swings: LeverSwing[] = plan.swings.map((s) => {
    const low = end(s.low);
    const high = end(s.high);
    return { key: s.key, label: s.label, low, high, span: Math.abs(high.pWar - low.pWar) };
  });
  swings.sort((a, b) => b.span - a.span || a.key.localeCompare(b.key));
  return {
    seed: plan.seed,
    trials: plan.trials,
    base: { pWar: pBase, pWarCI95: wilson(Math.round(pBase * plan.trials), plan.trials) },
    swings,
  };
}

/** Run the tornado for `levers` in this thread. */
export function sensitivity(levers: Levers, options: SensitivityOptions): SensitivityResult {
  const plan = planSensitivity(levers, options);
  const resumed = plan.runs.map((lv, k) => {
    if (options.signal?.aborted) throw new AbortError();
    const r = warIndicator(simulate(lv, { seed: plan.seed, trials: plan.trials }).results);
    options.onProgress?.(k + 1, plan.runs.length);
    return r;
  });
  return combineSensitivity(plan, resumed);
}

function mean(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s / y.length;
}
