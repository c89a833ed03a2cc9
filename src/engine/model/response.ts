import type { ModelParams } from './assumptions';
import { offensiveSuccess } from './capability';
import { modeShape, type ModeKey } from './modes';

/** Response bits stored per trial: at the war (Europe engaged, the US engaged, sanctions snapped back)… */
export const FLAG_EUROPE = 1;
export const FLAG_US = 2;
export const FLAG_SNAPBACK = 4;
/** …whether the war was deliberate (Moscow would have chosen it with decisionNoise 0 in that month, on its beliefs)… */
export const FLAG_DELIBERATE = 8;
/** …how the guarantors answered the trial's first grey-zone probe… */
export const FLAG_GREY_EUROPE = 16;
export const FLAG_GREY_US = 32;
export const FLAG_GREY_SNAPBACK = 64;
/** …and the war's course: whether the offensive succeeded against the forces that actually fought… */
export const FLAG_SUCCEEDED = 128;
/** …whether it was misjudged: with the true balance and the guarantors' true types, at noise 0, Moscow would not have attacked… */
export const FLAG_MISJUDGED = 256;
/** …and which belief was wrong enough on its own: the balance (true balance, its beliefs about the guarantors) … */
export const FLAG_WRONG_BALANCE = 512;
/** …or the guarantors (their true types, its view of the balance). */
export const FLAG_WRONG_GUARANTORS = 1024;

/**
 * Mechanism 6, response when tested: once Moscow resumes with `mode`, whether each guarantor
 * actually responds. Each compares the trial's own hidden draw with the true probability of
 * responding (Europe's engagement probability, the administration's honour probability, the
 * snapback probability) scaled by the mode's trigger: the guarantor's true type decides, whatever
 * Moscow believed. Returns FLAG_EUROPE/US/SNAPBACK bits for a war, FLAG_GREY_* bits for a probe.
 */
export function guarantorResponse(
  p: ModelParams,
  mode: ModeKey,
  pEurope: number,
  pUsHonour: number,
  pSnapback: number,
  uEurope: number,
  uUs: number,
  uSnapback: number,
): number {
  const trig = modeShape(p, mode).trigger;
  const grey = mode === 'greyZone';
  let flags = 0;
  if (uEurope < pEurope * trig.europe) flags |= grey ? FLAG_GREY_EUROPE : FLAG_EUROPE;
  if (uUs < pUsHonour * trig.us) flags |= grey ? FLAG_GREY_US : FLAG_US;
  if (uSnapback < pSnapback * trig.snapback) flags |= grey ? FLAG_GREY_SNAPBACK : FLAG_SNAPBACK;
  return flags;
}

/**
 * The true odds (0–1) that a war of `mode` succeeds: Russia's true capacity (no misperception)
 * against Ukraine's defence plus the Europeans and the US if they actually fight (usPower at this
 * month's attention).
 */
export function trueWarSuccess(
  p: ModelParams,
  mode: 'limited' | 'fullScale',
  capacity: number,
  uaDefence: number,
  euDenial: number,
  usPower: number,
  europeFights: boolean,
  usFights: boolean,
): number {
  const sh = modeShape(p, mode);
  const defence = sh.defenceShare * (uaDefence + (europeFights ? euDenial : 0) + (usFights ? usPower : 0));
  return offensiveSuccess((sh.attackShare ?? 0) * capacity, defence);
}
