import { ASSUMPTIONS, ASSUMPTION_GROUPS, changedAssumptions, formatAssumptionValue, type Assumption, type AssumptionKey, type AssumptionValues } from '../../engine';

/**
 * The Assumptions panel's view model (pure, unit-tested): what each entry shows and how its number
 * field steps. Values are the assumptions' own units (see ASSUMPTIONS); no DOM here.
 */

/**
 * The number field's step: about a hundredth of the plausible range, rounded down to a power of ten,
 * and fine enough that the calibrated default is a whole number of steps from the minimum (else the
 * browser would call the default itself invalid and its arrows would jump off it). 0 range: 'any'.
 */
export function assumptionStep(spec: Pick<Assumption, 'min' | 'max' | 'value'>): number | 'any' {
  const range = spec.max - spec.min;
  if (!(range > 0)) return 'any';
  let exp = Math.floor(Math.log10(range / 100));
  for (let i = 0; i < 6; i++, exp--) {
    const step = 10 ** exp;
    const k = (spec.value - spec.min) / step;
    if (Math.abs(k - Math.round(k)) < 1e-6) return Number(step.toPrecision(1));
  }
  return 'any';
}

/** Whether an assumption is a unit rather than a free assumption (min = max): shown read-only. */
export function isFixedUnit(spec: Pick<Assumption, 'min' | 'max'>): boolean {
  return spec.min === spec.max;
}

/** The value in use ("0.282"), or "0.4 (calibrated 0.282)" when changed ("default" for uncalibrated ones). */
export function assumptionValueText(key: AssumptionKey, changes: AssumptionValues): string {
  const spec = ASSUMPTIONS[key] as Assumption;
  const v = changes[key];
  const base = formatAssumptionValue(spec.value);
  if (v === undefined || v === spec.value) return base;
  return `${formatAssumptionValue(v)} (${spec.calibrated ? 'calibrated' : 'default'} ${base})`;
}

/** "1 assumption differs from the calibrated defaults", "3 assumptions differ …"; '' for none. */
export function changedAssumptionsText(n: number): string {
  if (n <= 0) return '';
  return n === 1 ? '1 assumption differs from the calibrated defaults' : `${n} assumptions differ from the calibrated defaults`;
}

/** The changed assumptions' keys in registry order (the engine's changedAssumptions). */
export function changedKeys(changes: AssumptionValues): AssumptionKey[] {
  return Object.keys(changedAssumptions(changes)) as AssumptionKey[];
}

/** The group an assumption belongs to (its id), for opening the right part of the panel. */
export function assumptionGroupOf(key: string): string | undefined {
  return ASSUMPTION_GROUPS.find((g) => (g.keys as readonly string[]).includes(key))?.id;
}
