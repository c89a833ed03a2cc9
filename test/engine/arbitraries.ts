// fast-check arbitraries for lever values, generated from the registry so a new lever is covered
// without editing the tests.
import fc from 'fast-check';
import { LEVERS, choiceValues, type LeverKey, type LeverSpec, type Levers } from '../../src/engine';

/** Any allowed value of one lever, with the range ends and the default drawn often. */
export function leverValueArb(spec: LeverSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'number': {
      const inner = spec.integer
        ? fc.integer({ min: spec.min, max: spec.max })
        : fc.double({ min: spec.min, max: spec.max, noNaN: true, noDefaultInfinity: true });
      return fc.oneof(fc.constantFrom(spec.min, spec.max, spec.default), inner);
    }
    case 'boolean':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...choiceValues(spec));
    case 'month':
      return fc
        .record({ year: fc.integer({ min: Number(spec.min.slice(0, 4)), max: Number(spec.max.slice(0, 4)) }), month: fc.integer({ min: 1, max: 12 }) })
        .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`)
        .filter((m) => m >= spec.min && m <= spec.max);
    default:
      return spec satisfies never;
  }
}

/** A full set of levers, each anywhere in its range; `overrides` replaces some arbitraries. */
export function leversArb(overrides: Partial<Record<LeverKey, fc.Arbitrary<unknown>>> = {}): fc.Arbitrary<Levers> {
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const spec of LEVERS) rec[spec.key] = overrides[spec.key] ?? leverValueArb(spec);
  return fc.record(rec) as unknown as fc.Arbitrary<Levers>;
}

/** Horizons kept short so property tests stay fast (1–6 years). */
export const shortHorizon = fc.integer({ min: 1, max: 6 });

/**
 * Levers near the defaults: each lever keeps its default two times in three. Uniformly random
 * levers often give runs where every trial resumes at once or none ever does, where a lever's
 * effect cannot show; this keeps most runs in the interesting middle.
 */
export function leversNearDefaultsArb(overrides: Partial<Record<LeverKey, fc.Arbitrary<unknown>>> = {}): fc.Arbitrary<Levers> {
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const spec of LEVERS) {
    rec[spec.key] = overrides[spec.key] ?? fc.oneof({ arbitrary: fc.constant(spec.default), weight: 2 }, { arbitrary: leverValueArb(spec), weight: 1 });
  }
  return fc.record(rec) as unknown as fc.Arbitrary<Levers>;
}
