import type { NumberLever } from '../leverKinds';
import type { LeverSpec } from '../levers';

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A number with thousands separators and at most two decimals ("200,000", "0.35"). */
export function formatNumber(x: number): string {
  return grouped.format(x);
}

/** The allowed range of a number lever for messages and labels: "0–200,000 troops", "0–1" for shares. */
export function formatRange(spec: NumberLever): string {
  const range = `${formatNumber(spec.min)}–${formatNumber(spec.max)}`;
  return spec.unit === 'share' ? range : `${range} ${spec.unit}`;
}

/** A human rendering of a lever's value with its unit ("30,000 troops", "0.4", "on"). */
export function formatLeverValue(spec: LeverSpec, value: unknown): string {
  switch (spec.kind) {
    case 'number': {
      const v = value as number;
      if (spec.format === 'count') return `${formatNumber(v)} ${spec.unit}`;
      if (spec.format === 'years') return `${formatNumber(v)} ${v === 1 ? 'year' : 'years'}`;
      if (spec.format === 'bn') return `$${formatNumber(v)} bn`;
      return formatNumber(v);
    }
    case 'boolean':
      return value ? 'on' : 'off';
    case 'choice':
      return spec.options.find((o) => o.value === value)?.label ?? String(value);
    case 'month':
      return String(value);
    default:
      return spec satisfies never;
  }
}

/** What a lever accepts, in words, for error messages and `--help`. */
export function describeAllowed(spec: LeverSpec): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.integer ? 'a whole number' : 'a number'} from ${formatRange(spec)}`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${spec.options.map((o) => o.value).join(', ')}`;
    case 'month':
      return `a month YYYY-MM from ${spec.min} to ${spec.max}`;
    default:
      return spec satisfies never;
  }
}
