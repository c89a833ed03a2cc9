import { MODES, type ModeKey } from './modes';

/** Response bits stored per trial: at the war (Europe engaged, the US engaged, sanctions snapped back)… */
export const FLAG_EUROPE = 1;
export const FLAG_US = 2;
export const FLAG_SNAPBACK = 4;
/** …whether the war was deliberate (Moscow would have chosen it with decisionNoise 0 in that month)… */
export const FLAG_DELIBERATE = 8;
/** …and how the guarantors answered the trial's first grey-zone probe. */
export const FLAG_GREY_EUROPE = 16;
export const FLAG_GREY_US = 32;
export const FLAG_GREY_SNAPBACK = 64;

/**
 * Mechanism 6, response when tested: once Moscow resumes with `mode`, whether each guarantor
 * actually responds. Each compares the trial's own hidden draw with the true probability of
 * responding (Europe's engagement probability, the administration's honour probability, the
 * snapback probability) scaled by the mode's trigger, so what Moscow expected is right on average
 * and wrong in any one trial. Returns FLAG_EUROPE/US/SNAPBACK bits for a war, FLAG_GREY_* bits for a
 * grey-zone probe.
 */
export function guarantorResponse(
  mode: ModeKey,
  pEurope: number,
  pUsHonour: number,
  pSnapback: number,
  uEurope: number,
  uUs: number,
  uSnapback: number,
): number {
  const trig = MODES[mode].trigger;
  const grey = mode === 'greyZone';
  let flags = 0;
  if (uEurope < pEurope * trig.europe) flags |= grey ? FLAG_GREY_EUROPE : FLAG_EUROPE;
  if (uUs < pUsHonour * trig.us) flags |= grey ? FLAG_GREY_US : FLAG_US;
  if (uSnapback < pSnapback * trig.snapback) flags |= grey ? FLAG_GREY_SNAPBACK : FLAG_SNAPBACK;
  return flags;
}
