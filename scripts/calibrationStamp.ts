// The hash stamp of the generated files (src/engine/model/calibrated.ts and worlds.ts): a hash of
// everything each was made from, so `npm run calibrate -- --check` fails at once on a stale file
// ("rerun npm run calibrate") instead of replaying the search. Pure: the inputs are parameters.
import { createHash } from 'node:crypto';
import { ENGINE_VERSION } from '../src/engine/version';
import { ASSUMPTIONS, CALIBRATED_KEYS, type Assumption } from '../src/engine/model/assumptions';
import { WORLD_DECISION_NOISE, WORLD_KEYS } from '../src/engine/model/world';
import { CALIBRATED } from '../src/engine/model/calibrated';
import { CALIBRATION_CASES, CALIBRATION_RUN, type CalibrationCase } from '../src/engine/analysis/calibration';
import { FACTORS, MAX_PASSES, SEARCH_TRIALS } from './calibrationSearch';
import { WORLDS_SETTINGS, type WorldsSettings } from './worlds';

/** A value in a canonical form: object keys sorted, functions as their source text. */
export function canonical(v: unknown): unknown {
  if (typeof v === 'function') return `function:${v.toString()}`;
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

/** The SHA-256 of the canonical JSON, its first 16 hex digits. */
export function hashOf(v: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(v))).digest('hex').slice(0, 16);
}

/** What the calibration search is made from. */
export interface CalibrationInputs {
  engineVersion: string;
  anchors: readonly CalibrationCase[];
  /** Every assumption's range and start (and value, for those the search does not set). */
  assumptions: Readonly<Record<string, Assumption>>;
  calibratedKeys: readonly string[];
  settings: Record<string, unknown>;
}

export function currentCalibrationInputs(): CalibrationInputs {
  return {
    engineVersion: ENGINE_VERSION,
    anchors: CALIBRATION_CASES,
    assumptions: ASSUMPTIONS,
    calibratedKeys: CALIBRATED_KEYS,
    settings: { seed: CALIBRATION_RUN.seed, trials: SEARCH_TRIALS, factors: FACTORS, passes: MAX_PASSES },
  };
}

/** The calibration's hash; a calibrated assumption's `value` (the search's output) is left out. */
export function calibrationHash(i: CalibrationInputs): string {
  const assumptions = Object.fromEntries(
    Object.entries(i.assumptions).map(([k, a]) => [k, i.calibratedKeys.includes(k) ? { min: a.min, max: a.max, start: a.start } : { min: a.min, max: a.max, value: a.value }]),
  );
  return hashOf({ engineVersion: i.engineVersion, anchors: i.anchors, assumptions, calibratedKeys: i.calibratedKeys, settings: i.settings });
}

/** What the worlds are made from: the calibration's inputs, its result, the ranges sampled and the settings. */
export interface WorldsInputs {
  calibration: CalibrationInputs;
  calibrated: Readonly<Record<string, number>>;
  keys: readonly string[];
  decisionNoise: { min: number; max: number; value: number };
  settings: WorldsSettings;
}

export function currentWorldsInputs(settings: WorldsSettings = WORLDS_SETTINGS): WorldsInputs {
  return {
    calibration: currentCalibrationInputs(),
    calibrated: CALIBRATED,
    keys: WORLD_KEYS,
    decisionNoise: { min: WORLD_DECISION_NOISE.min, max: WORLD_DECISION_NOISE.max, value: WORLD_DECISION_NOISE.value },
    settings,
  };
}

export function worldsHash(i: WorldsInputs): string {
  return hashOf({ calibration: calibrationHash(i.calibration), calibrated: i.calibrated, keys: i.keys, decisionNoise: i.decisionNoise, settings: i.settings });
}
