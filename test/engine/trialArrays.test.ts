// The trial-result schema is declared once (TRIAL_ARRAYS): what allocates, sizes, transfers and
// slices results must agree with it, so an array added to the results cannot be left out of any.
import { describe, expect, test } from 'vitest';
import { BYTES_PER_TRIAL, TRIAL_ARRAYS, allocateResults, mergeChunk, resultBuffers, resultsView } from '../../src/engine';

describe('TRIAL_ARRAYS', () => {
  const k = 7;
  const r = allocateResults(k);

  test('lists every array allocateResults makes, once, with its type and slots per trial', () => {
    const keys = Object.keys(r).filter((key) => key !== 'trials');
    expect(TRIAL_ARRAYS.map((a) => a.key).sort()).toEqual(keys.sort());
    expect(new Set(TRIAL_ARRAYS.map((a) => a.key)).size).toBe(TRIAL_ARRAYS.length);
    for (const { key, slots, type } of TRIAL_ARRAYS) {
      expect(r[key], key).toBeInstanceOf(type);
      expect(r[key].length, key).toBe(k * slots);
    }
  });

  test('sums to BYTES_PER_TRIAL, and resultBuffers transfers every array', () => {
    expect(TRIAL_ARRAYS.reduce((s, a) => s + a.slots * a.type.BYTES_PER_ELEMENT, 0)).toBe(BYTES_PER_TRIAL);
    expect(resultBuffers(r)).toHaveLength(TRIAL_ARRAYS.length);
    expect(new Set(resultBuffers(r)).size).toBe(TRIAL_ARRAYS.length);
  });

  test('views and merges move every array, slot by slot', () => {
    const chunk = allocateResults(2);
    for (const { key } of TRIAL_ARRAYS) chunk[key].fill(1);
    const into = allocateResults(k);
    mergeChunk(into, chunk, 3);
    const view = resultsView(into, 3, 5);
    for (const { key, slots } of TRIAL_ARRAYS) {
      expect(Array.from(view[key]), key).toEqual(new Array(2 * slots).fill(1));
      expect(into[key][3 * slots - 1] ?? 0, key).toBe(0);
    }
  });
});
