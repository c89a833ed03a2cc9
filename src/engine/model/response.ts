import type { CompiledModel } from './compile';
import { MODE_KEYS, MODES } from './modes';

/** Response bits stored per trial: Europe engaged, the US engaged, sanctions snapped back. */
export const FLAG_EUROPE = 1;
export const FLAG_US = 2;
export const FLAG_SNAPBACK = 4;

/**
 * Mechanism 6, response when tested: once Moscow resumes with mode index `m` in month `t`, whether
 * each guarantor actually responds. Each compares the trial's own hidden draw with the probability
 * Moscow expected (so Moscow's expectations are right on average, wrong in any one trial).
 * Returns the FLAG_* bits.
 */
export function guarantorResponse(
  model: CompiledModel,
  m: number,
  t: number,
  usCredibility: number,
  uEurope: number,
  uUs: number,
  uSnapback: number,
): number {
  const trig = MODES[MODE_KEYS[m]].trigger;
  let flags = 0;
  if (uEurope < model.pEurope * trig.europe) flags |= FLAG_EUROPE;
  if (uUs < model.usHonourPerCredibility[t] * usCredibility * trig.us) flags |= FLAG_US;
  if (uSnapback < model.pSnapback * trig.snapback) flags |= FLAG_SNAPBACK;
  return flags;
}
