/**
 * The kinds of lever the registry (levers.ts) holds, and the direction each moves the outcome. A
 * root file of the engine: it imports only the other root files.
 */
import type { LeverGroup } from './leverGroups';

/**
 * Which way a lever moves the probability of war by the horizon (`pWar`, a limited or full-scale
 * offensive), other levers and the seed held fixed (common random numbers). `deters`: raising it (or
 * switching it on, or moving to a later option) never raises pWar, never makes a trial go to war
 * earlier, and never lowers survivalWar in any month. `provokes`: the reverse. `none`: no fixed
 * direction (sanctions cut both ways). The probability of resumption (`pResumption`, grey-zone
 * campaigns included) is not promised: a lever that deters conventional war may raise it, through
 * grey-zone campaigns that take the place of war (RAND RR-1906). test/engine/invariants.test.ts
 * asserts all this exactly, so it is a contract, and lists the few levers for which pResumption is
 * exactly monotone as well.
 */
export type Direction = 'deters' | 'provokes' | 'none';

interface LeverBase<K extends string> {
  key: K;
  label: string;
  group: LeverGroup;
  description: string;
  /** Source article file names in shared/seeds (e.g. "000"), or "—" for run settings. */
  sources: readonly string[];
  direction: Direction;
  /** Shown before "advanced" levers to a newcomer. */
  basic: boolean;
}

export interface NumberLever<K extends string = string> extends LeverBase<K> {
  kind: 'number';
  unit: string;
  min: number;
  max: number;
  step: number;
  default: number;
  integer: boolean;
  /** How to print a value of this lever for people (the CSV and JSON keep raw numbers). */
  format: 'count' | 'share' | 'years' | 'bn';
}

export interface BooleanLever<K extends string = string> extends LeverBase<K> {
  kind: 'boolean';
  default: boolean;
}

export interface ChoiceLever<K extends string = string, O extends string = string> extends LeverBase<K> {
  kind: 'choice';
  /** Ordered from least to most deterring where `direction` is `deters`. */
  options: readonly { value: O; label: string }[];
  default: O;
}

export interface MonthLever<K extends string = string> extends LeverBase<K> {
  kind: 'month';
  /** Earliest and latest allowed `YYYY-MM`. */
  min: string;
  max: string;
  default: string;
}

/** Options of a choice lever, as values, in order. */
export function choiceValues(spec: ChoiceLever): string[] {
  return spec.options.map((o) => o.value);
}
