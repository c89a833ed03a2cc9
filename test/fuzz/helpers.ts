// Shared pieces of the fuzz tests: hostile text, and the shape every refusal must have.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { FieldError } from '../../src/engine';

/** Case counts: each property runs this many cases (fixed seed, so a failure reproduces). */
export const RUNS = 3_000;
export const FEW = 1_000;
export const SEED = 2026;

/** Options for fc.assert: a fixed seed, and an explicit number of cases. */
export const runs = (numRuns = RUNS) => ({ seed: SEED, numRuns });

/** One character from anywhere: ASCII, controls, lone surrogate halves, RTL marks, emoji, full-width and Arabic-Indic digits. */
export const hostileChar = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '\u0000', '\t', '\n', '\r', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u200f', '\u202e', '\u2028', '\ufeff',
      '\ud800', '\udc00', '😀', '👩‍👩‍👧', 'ש', 'ل', '١', '٢', '٣', '０', '１', '９', 'é', 'ß', 'İ', '%', '&', '=', '+', '#', '?', '"', "'", '\\',
      '_', ',', '.', 'e', 'E', '-', 'x', ':',
    ),
    weight: 3,
  },
);

/** Text made of hostile characters (short by default). */
export const hostileString = (maxLength = 24) => fc.string({ unit: hostileChar, maxLength });

/** Values typed as text that trip up number parsing. */
export const NUMBER_NOTATIONS = [
  '', ' ', '0', '-0', '+0', '00', '1e5', '1E5', '1e+5', '1e-5', '1e999', '-1e999', '1e-999', '30_000', '30,000', '3_0000', '_1', '1_',
  ' 12 ', '\t12\n', '0x1F', '0X10', '0b11', '0o7', '1.', '.5', '.', '-.5', '+.5', '5.5.5', '1e', 'e1', '--1', '+-1', 'NaN', 'nan',
  'Infinity', '-Infinity', 'infinity', '∞', '١٢٣', '٣٠٠٠٠', '１２３', '３００００', '1\u00a0000', '1 000', '12abc', 'abc12', '0.1e1',
  '9'.repeat(400), '0.' + '0'.repeat(400) + '1', '1' + '0'.repeat(30), '2e5', '200000', '200001', '100000.5', '0.30000000000000004',
  '1.0000000000000001', '5e-324', '1.7976931348623157e308', 'true', 'false', 'on', 'off', 'yes', 'no', '2030-06', '2027-13', 'null',
];

/**
 * Every refusal is a non-empty list of { field, message } with non-empty text and nothing else; a
 * field name is never huge (names from the input are clipped). One expect() per call: these run
 * thousands of times.
 */
export function expectFieldErrors(errors: readonly FieldError[]): void {
  const bad = !Array.isArray(errors) || errors.length === 0
    ? ['no errors']
    : errors.filter(
        (e) =>
          typeof e !== 'object' || e === null || Object.keys(e).sort().join() !== 'field,message' ||
          typeof e.field !== 'string' || typeof e.message !== 'string' ||
          e.field.length === 0 || e.field.length > 200 || e.message.length === 0,
      );
  if (bad.length) expect(bad).toEqual([]);
}

/** The error naming `field`, failing the test if there is none. */
export function errorFor(errors: readonly FieldError[], field: string): FieldError {
  const e = errors.find((x) => x.field === field);
  expect(e, `an error naming ${JSON.stringify(field)} among ${JSON.stringify(errors.map((x) => x.field))}`).toBeDefined();
  return e!;
}

/** Object.prototype's own keys now, to check that nothing was added to it. */
export function prototypeSnapshot(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

/** Fails if anything reached Object.prototype. */
export function expectPrototypeUntouched(before: string[]): void {
  expect(prototypeSnapshot()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).euTroops).toBeUndefined();
}
