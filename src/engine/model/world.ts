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
