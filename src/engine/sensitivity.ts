import type { LeverKey, LeverSpec, Levers } from './levers';
import { LEVERS } from './levers';
import { pairedDifference, resumedIndicator } from './paired';
import { CancelledError, simulate } from './simulate';
import { wilson } from './stats';

/**
 * Sensitivity (the tornado): swing each lever to the ends of its range, or by ± a share of its range,
 * with the same seed, and measure the change in the probability of breakdown within the horizon.
 * Common random numbers make each change a paired comparison, so its CI is tight.
 */

export interface SwingEnd {
  value: Levers[LeverKey];
  pResumption: number;
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
  /** |high.pResumption − low.pResumption|: the bar's length, used to sort. */
  span: number;
}

export interface SensitivityResult {
  seed: string;
  trials: number;
  base: { pResumption: number; pResumptionCI95: [number, number] };
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

/** Run the tornado for `levers`. */
export function sensitivity(levers: Levers, options: SensitivityOptions): SensitivityResult {
  const { seed, trials } = options;
  const keys = options.keys ?? SENSITIVITY_KEYS;
  const total = 1 + 2 * keys.length;
  let done = 0;
  const runResumed = (lv: Levers) => {
    if (options.signal?.aborted) throw new CancelledError();
    const r = resumedIndicator(simulate(lv, { seed, trials }).results);
    options.onProgress?.(++done, total);
    return r;
  };
  const base = runResumed(levers);
  const pBase = mean(base);
  const swings: LeverSwing[] = [];
  for (const key of keys) {
    const spec = LEVERS.find((l) => l.key === key)!;
    const [lo, hi] = swingValues(spec, levers[key], options.swing ?? null);
    const end = (value: unknown): SwingEnd => {
      const y = value === levers[key] ? base : runResumed({ ...levers, [key]: value } as Levers);
      if (value === levers[key]) options.onProgress?.(++done, total);
      const d = pairedDifference(base, y);
      return { value: value as Levers[LeverKey], pResumption: mean(y), delta: d.diff, deltaCI95: d.ci };
    };
    const low = end(lo);
    const high = end(hi);
    swings.push({ key, label: spec.label, low, high, span: Math.abs(high.pResumption - low.pResumption) });
  }
  swings.sort((a, b) => b.span - a.span || a.key.localeCompare(b.key));
  return { seed, trials, base: { pResumption: pBase, pResumptionCI95: wilson(Math.round(pBase * trials), trials) }, swings };
}

function mean(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s / y.length;
}
