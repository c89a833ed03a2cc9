import type { CompiledModel } from './model';
import { MODE_KEYS, MODES } from './modes';
import { FLAG_EUROPE, FLAG_SNAPBACK, FLAG_US } from './results';

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
