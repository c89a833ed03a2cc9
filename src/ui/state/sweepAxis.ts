import { LEVERS, type SweepAxis } from '../../engine';

/**
 * An axis over `steps` values of a lever: numbers from min to max (evenly spaced, rounded like the
 * engine's parseAxis), every option of a choice, off/on for a boolean (steps ignored for those).
 */
export function axisFor(key: string, steps: number): SweepAxis {
  const spec = LEVERS.find((l) => l.key === key);
  if (!spec || spec.kind === 'month') throw new RangeError(`${key} cannot be swept`);
  switch (spec.kind) {
    case 'number': {
      const values: number[] = [];
      for (let i = 0; i < steps; i++) {
        const x = spec.min + ((spec.max - spec.min) * i) / (steps - 1);
        values.push(spec.integer ? Math.round(x) : Math.round(x * 1e9) / 1e9);
      }
      return { key: spec.key, values };
    }
    case 'boolean':
      return { key: spec.key, values: [false, true] };
    case 'choice':
      return { key: spec.key, values: spec.options.map((o) => o.value) };
    default:
      return spec satisfies never;
  }
}
