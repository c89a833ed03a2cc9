// The assumptions a robustness study pins in every world: which, and how the outputs record them.
import { ASSUMPTIONS, formatAssumptionValue, quoteName, robustnessCsv, type AssumptionKey, type AssumptionValues, type FieldError, type RobustnessResult } from '../engine/index';
import { assumptionsText, withColumns } from './runRecord';

const ASSUMPTION_ORDER = Object.keys(ASSUMPTIONS) as AssumptionKey[];

/**
 * The assumptions pinned in every world: those the packages' scenario files set (they must agree, so
 * every package runs in the same worlds), then --assume over them, in registry order. A value equal
 * to the calibrated default is still a pin: it stops the worlds varying that assumption.
 */
export function studyPins(blocks: readonly AssumptionValues[], files: readonly string[], assume: AssumptionValues): { ok: true; value: AssumptionValues } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const merged: AssumptionValues = {};
  for (const k of ASSUMPTION_ORDER) {
    if (assume[k] !== undefined) {
      merged[k] = assume[k];
      continue;
    }
    const setBy = blocks.map((b, i) => [i, b[k]] as const).filter(([, v]) => v !== undefined);
    if (!setBy.length) continue;
    const [i0, v0] = setBy[0];
    const other = blocks.findIndex((b) => b[k] !== v0);
    if (other >= 0) {
      const theirs = blocks[other][k];
      errors.push({
        field: '--scenario',
        message: `${quoteName(files[i0])} sets assumption ${k} to ${formatAssumptionValue(v0!)} but ${quoteName(files[other])} ${theirs === undefined ? 'leaves it to the worlds' : `sets it to ${formatAssumptionValue(theirs)}`}; the packages are compared in the same worlds, so they must agree: give both files the same value, or pin it for all with --assume ${k}=VALUE`,
      });
      continue;
    }
    merged[k] = v0;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: merged };
}

/** The pins as `key=value; key=value` (registry order), or '' for none: a pin at its default is a pin too. */
export const pinsText = (pins: AssumptionValues) => assumptionsText(pins, false);

/** The table's line on pinned assumptions. */
export function pinsLine(pins: AssumptionValues): string {
  const text = pinsText(pins);
  return text
    ? `Assumptions pinned in every world: ${text.replaceAll('=', ' = ')} (so these worlds are no longer checked against the historical anchors).`
    : 'No assumption pinned: each world brings its own assumptions and decision noise.';
}

/** The CSV output: the engine's one row per package, with the pinned assumptions as a last column. */
export function robustnessCsvWithPins(r: RobustnessResult, pins: AssumptionValues): string {
  return withColumns(robustnessCsv(r), ['assumptions'], [pinsText(pins)]);
}
