import { describe, expect, it } from 'vitest';
import { typedArrayEquality } from './typedArrayEquality';

// The fast path of toEqual for typed arrays (registered for every unit test file by test/setup.ts)
// gives vitest's own verdict: it says "equal" only where vitest would, and leaves the rest to vitest.
describe('toEqual on typed arrays', () => {
  const withExtra = () => Object.assign(new Float64Array([1, 2]), { extra: 1 });
  const cases: [string, unknown, unknown, boolean][] = [
    ['equal doubles', new Float64Array([1, 2.5, NaN]), new Float64Array([1, 2.5, NaN]), true],
    ['equal bytes', new Uint8Array([0, 255]), new Uint8Array([0, 255]), true],
    ['empty', new Int32Array(0), new Int32Array(0), true],
    ['a different element', new Float64Array([1, 2]), new Float64Array([1, 3]), false],
    ['0 and −0', new Float64Array([0]), new Float64Array([-0]), false],
    ['different lengths', new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]), false],
    ['different kinds', new Uint8Array([1, 2]), new Int8Array([1, 2]), false],
    ['a typed array and an array', new Uint8Array([1, 2]), [1, 2], false],
    ['an own property beyond the elements', withExtra(), new Float64Array([1, 2]), false],
  ];
  it.each(cases)('%s', (_, a, b, equal) => {
    if (equal) expect(a).toEqual(b);
    else expect(a).not.toEqual(b);
    // The tester says "equal" exactly when the arrays are; otherwise it defers to vitest.
    expect(typedArrayEquality(a, b)).toBe(equal ? true : undefined);
  });
  it('is in use: toEqual asks it about typed arrays, nested ones included', () => {
    const before = typedArrayEquality.calls;
    expect({ r: { m: new Int16Array([1, 2]) } }).toEqual({ r: { m: new Int16Array([1, 2]) } });
    expect(typedArrayEquality.calls).toBeGreaterThan(before);
  });
  it('still fails unequal arrays nested in objects, naming the difference', () => {
    const a = { results: { month: new Int16Array([1, 2, 3]) } };
    const b = { results: { month: new Int16Array([1, 2, 4]) } };
    expect(() => expect(a).toEqual(b)).toThrow(/to deeply equal/);
    expect(a).not.toEqual(b);
  });
});
