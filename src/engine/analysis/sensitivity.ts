import type { LeverKey, LeverSpec, Levers } from '../levers';
import { LEVERS } from '../levers';
import { pairedDifference, warIndicator } from '../run/paired';
import { AbortError } from '../run/abort';
import { simulate } from '../run/simulate';
import { wilson } from '../math/stats';
import { ASSUMPTIONS, assumptionSet, changedAssumptions, type AssumptionKey, type AssumptionValues } from '../model/assumptions';
import { WORLD_DECISION_NOISE, WORLD_KEYS } from '../model/world';

/**
 * Sensitivity (the tornado): swing each lever and each assumption to the ends of its plausible range,
 * or by ± a share of it, with the same seed, and measure the change in the probability of war (a limited or full-scale offensive) within the horizon.
 * Common random numbers make each change a paired comparison, so its CI is tight.
 */

export interface SwingEnd {
  /** The lever's or the assumption's value at this end. */
  value: Levers[LeverKey] | number;
  pWar: number;
  /** Change from the base run (this end − base) and its paired 95% CI. */
  delta: number;
  deltaCI95: [number, number];
}

/** One entry's swing: the entry (a lever or an assumption, SensitivityItem) and its two ends. */
export interface LeverSwing extends SensitivityItem {
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

/**
 * The tornado's two groups. Policy: what the guarantors, Ukraine and the agreement can choose.
 * Model: what no one chooses and no study pins down — the assumptions, Moscow's own levers (its
 * resolve, reconstitution, taste for the grey zone) and decisionNoise. An analyst should read the
 * first group as "what the package does" and the second as "how much the answer rests on the model".
 */
export type SensitivityGroup = 'policy' | 'model';

/** One swung entry: a lever or an assumption (their keys never collide; test/sensitivity.test.ts). */
export interface SensitivityItem {
  key: string;
  kind: 'lever' | 'assumption';
  group: SensitivityGroup;
  label: string;
  /** An on/off switch (its two ends are off and on, whatever the swing). */
  isSwitch: boolean;
}

const MODEL_LEVER_GROUPS = new Set(['moscow']);

/** Every lever (not the run settings) and every assumption with a range, in registry order: policy levers, then the model group. */
export const SENSITIVITY_ITEMS: readonly SensitivityItem[] = [
  ...LEVERS.filter((l) => l.group !== 'run').map(
    (l): SensitivityItem => ({ key: l.key, kind: 'lever', group: MODEL_LEVER_GROUPS.has(l.group) ? 'model' : 'policy', label: l.label, isSwitch: l.kind === 'boolean' }),
  ),
  ...WORLD_KEYS.map((k): SensitivityItem => ({ key: k, kind: 'assumption', group: 'model', label: ASSUMPTIONS[k].label, isSwitch: false })),
].sort((a, b) => (a.group === b.group ? 0 : a.group === 'policy' ? -1 : 1));

/** Keys a tornado swings by default: every item of SENSITIVITY_ITEMS. */
export const SENSITIVITY_KEYS: readonly string[] = SENSITIVITY_ITEMS.map((i) => i.key);

const itemByKey = new Map(SENSITIVITY_ITEMS.map((i) => [i.key, i]));

/** The tornado's entry for `key` (a lever or an assumption), or undefined. */
export function sensitivityItem(key: string): SensitivityItem | undefined {
  return itemByKey.get(key);
}

/**
 * The plausible range a model lever swings over: decisionNoise over the worlds' range (0–0.3: past
 * it the tremble alone breaks most ceasefires), the others over their lever range.
 */
function leverRange(spec: LeverSpec): LeverSpec {
  return spec.key === 'decisionNoise' && spec.kind === 'number' ? { ...spec, min: WORLD_DECISION_NOISE.min, max: WORLD_DECISION_NOISE.max } : spec;
}

/** The two values an assumption swings to: the ends of its plausible range, or ± `swing` of it around `current`, clipped. */
export function assumptionSwingValues(key: AssumptionKey, current: number, swing: number | null): [number, number] {
  const { min, max } = ASSUMPTIONS[key];
  if (swing === null) return [min, max];
  const d = swing * (max - min);
  const round = (x: number) => Number(x.toPrecision(6));
  return [round(Math.max(min, current - d)), round(Math.min(max, current + d))];
}

export interface SensitivityOptions {
  seed: string;
  trials: number;
  /** null (default): the ends of each plausible range; else ± this share of it. */
  swing?: number | null;
  /** Levers and assumptions to swing (default SENSITIVITY_KEYS). */
  keys?: readonly string[];
  /** The run's assumption changes (the base of every swing). */
  assumptions?: AssumptionValues;
  /** Called after each run with (done, total) runs. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** One run of a tornado: levers and assumption changes. */
export interface SensitivityRun {
  levers: Levers;
  assumptions: AssumptionValues;
}

/** The runs a tornado needs: run 0 is the base; each entry has a low and a high run (0: same as base). */
export interface SensitivityPlan {
  levers: Levers;
  assumptions: AssumptionValues;
  seed: string;
  trials: number;
  runs: SensitivityRun[];
  swings: (SensitivityItem & { low: { value: unknown; run: number }; high: { value: unknown; run: number } })[];
}

/** Plan the runs of a tornado, so that they can be spread over workers. Unknown keys throw (validate first). */
export function planSensitivity(levers: Levers, options: Pick<SensitivityOptions, 'seed' | 'trials' | 'swing' | 'keys' | 'assumptions'>): SensitivityPlan {
  const assumptions = changedAssumptions(options.assumptions ?? {});
  const runs: SensitivityRun[] = [{ levers, assumptions }];
  const swings: SensitivityPlan['swings'] = [];
  const current = assumptionSet(assumptions);
  for (const key of options.keys ?? SENSITIVITY_KEYS) {
    const item = itemByKey.get(key);
    if (!item) throw new RangeError(`planSensitivity: ${JSON.stringify(key)} is neither a lever nor an assumption with a range`);
    let lo: unknown;
    let hi: unknown;
    let runFor: (value: unknown) => number;
    if (item.kind === 'lever') {
      const spec = leverRange(LEVERS.find((l) => l.key === key)!);
      [lo, hi] = swingValues(spec, levers[key as LeverKey], options.swing ?? null);
      runFor = (value) => {
        if (value === levers[key as LeverKey]) return 0;
        runs.push({ levers: { ...levers, [key]: value } as Levers, assumptions });
        return runs.length - 1;
      };
    } else {
      const k = key as AssumptionKey;
      [lo, hi] = assumptionSwingValues(k, current[k], options.swing ?? null);
      runFor = (value) => {
        if (value === current[k]) return 0;
        runs.push({ levers, assumptions: changedAssumptions({ ...assumptions, [k]: value as number }) });
        return runs.length - 1;
      };
    }
    swings.push({ ...item, low: { value: lo, run: runFor(lo) }, high: { value: hi, run: runFor(hi) } });
  }
  return { levers, assumptions, seed: options.seed, trials: options.trials, runs, swings };
}

/** Combine a plan with each run's per-trial war indicators (same order as plan.runs). */
export function combineSensitivity(plan: SensitivityPlan, war: readonly Uint8Array[]): SensitivityResult {
  const base = war[0];
  const pBase = mean(base);
  const end = (e: { value: unknown; run: number }): SwingEnd => {
    const y = war[e.run];
    const d = pairedDifference(base, y);
    return { value: e.value as SwingEnd['value'], pWar: mean(y), delta: d.diff, deltaCI95: d.ci };
  };
  const swings: LeverSwing[] = plan.swings.map((s) => {
    const low = end(s.low);
    const high = end(s.high);
    return { key: s.key, kind: s.kind, group: s.group, isSwitch: s.isSwitch, label: s.label, low, high, span: Math.abs(high.pWar - low.pWar) };
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
  const war = plan.runs.map((run, k) => {
    if (options.signal?.aborted) throw new AbortError();
    const r = warIndicator(simulate(run.levers, { seed: plan.seed, trials: plan.trials, assumptions: run.assumptions }).results);
    options.onProgress?.(k + 1, plan.runs.length);
    return r;
  });
  return combineSensitivity(plan, war);
}

function mean(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s / y.length;
}
