import { ASSUMPTIONS, type Assumption, type AssumptionKey } from './assumptions';

/**
 * A plausible world: one full assumption set plus the decision noise, consistent with every
 * calibration anchor (history matching, `npm run calibrate -- --worlds`). Running a package of levers
 * "across the worlds" replaces the assumptions and `decisionNoise` by each world's in turn, so the
 * spread of the answers is what the evidence leaves open about the model, not simulation precision.
 */
export interface World {
  /** 0, 1, 2, … in the order the worlds file keeps them. */
  id: number;
  /** The `decisionNoise` lever in this world. */
  decisionNoise: number;
  /** Every assumption's value in this world. */
  assumptions: Record<AssumptionKey, number>;
}

/** The plausible range of `decisionNoise` for the worlds (the lever itself allows 0–1). */
export const WORLD_DECISION_NOISE: Pick<Assumption, 'min' | 'max' | 'label' | 'source'> & { value: number } = {
  value: 0.1,
  min: 0,
  max: 0.3,
  label: "Decision noise: how far Moscow's monthly choices stray from the expected-utility optimum",
  source: 'assumption: a small tremble (wars come from choices); past 0.3 the tremble alone breaks most ceasefires',
};

/** The assumptions a world varies: those with a range (a unit such as uaArmyReference stays fixed). */
export const WORLD_KEYS = (Object.keys(ASSUMPTIONS) as AssumptionKey[]).filter((k) => ASSUMPTIONS[k].max > ASSUMPTIONS[k].min);

/** A kept world and its anchors' figures (in the order of the file's `anchors`), as history matching found them. */
export interface KeptWorld extends World {
  anchors: number[];
  /** Its largest implausibility over the anchors when judged (history matching; at most the final cutoff). */
  implausibility?: number;
}

/**
 * The committed worlds file (src/engine/model/worlds.ts, written by `npm run calibrate`): the kept
 * worlds and how they were made, so a test can check them against the current engine and anchors.
 */
export interface WorldsFile {
  engineVersion: string;
  /** Seed of the Latin hypercube sampling; the anchor runs use CALIBRATION_RUN.seed. */
  seed: string;
  /** Trials per anchor run when judging a sample. */
  trials: number;
  /** Samples drawn and kept, over all waves. */
  sampled: number;
  kept: number;
  /** Each wave of history matching: the box it sampled, how many it drew and kept. */
  waves: { samples: number; kept: number; trials: number; cutoff: number }[];
  /** The anchors the worlds were matched to (id, band and model discrepancy), in CALIBRATION_CASES order. */
  anchors: { id: string; band: [number, number]; discrepancy?: number }[];
  /** The assumptions a world varies (WORLD_KEYS when written). */
  keys: AssumptionKey[];
  worlds: KeptWorld[];
  /**
   * Per anchor (CALIBRATION_CASES order), over wave 1's samples: the share it ruled out (its
   * implausibility above the cutoff), the share out of its band, and its implausibility's median,
   * 90th percentile and maximum.
   */
  anchorStats?: { id: string; ruledOut: number; ruledOutAlone?: number; outOfBand: number; median: number; p90: number; max: number }[];
  /**
   * Per input (WORLD_KEYS, then decisionNoise): the kept worlds' span (max − min) and middle 80%
   * (p10–p90) as shares of its range, and whether the evidence pins it down, narrows it or leaves it open.
   */
  spans?: { key: string; span: number; central: number; openness: 'pinned' | 'narrowed' | 'open' }[];
  /** The largest implausibility a kept world may have (history matching's final cutoff). */
  cutoff?: number;
  /**
   * A hash of everything the worlds were made from (engine version, anchors with bands and
   * discrepancies, ranges, the calibrated point, seed and settings): `npm run calibrate -- --check`
   * fails at once when it differs from today's inputs.
   */
  hash?: string;
  /** Wall-clock seconds the generation took. */
  seconds?: number;
}
