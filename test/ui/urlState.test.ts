import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ENGINE_VERSION, LEVERS, defaultLevers, type Levers } from '../../src/engine';
import { URL_FORMAT_VERSION, decodeUrlState, encodeUrlState } from '../../src/engine/io/urlState';
import { leversArb } from '../engine/arbitraries';

/** Any valid levers (from the registry), each anywhere in its range. */
const leverArb = leversArb();

describe('URL state', () => {
  test('encodeUrlState writes the format version, seed and trials and only non-default levers', () => {
    const q = encodeUrlState({ levers: { ...defaultLevers(), euTroops: 50_000 }, seed: '7', trials: 2000 });
    expect(q).toBe(`v=${URL_FORMAT_VERSION}&engine=${ENGINE_VERSION}&seed=7&trials=2000&euTroops=50000`);
  });

  test('decodeUrlState reads the engine version a link was written with, and an old version is not an error', () => {
    expect(decodeUrlState('?' + encodeUrlState({ levers: defaultLevers(), seed: '1', trials: 100 })).engine).toBe(ENGINE_VERSION);
    const old = decodeUrlState('?v=1&engine=0.9.0&euTroops=50000');
    expect(old.engine).toBe('0.9.0');
    expect(old.errors).toEqual([]);
    expect(old.state.levers.euTroops).toBe(50_000);
    expect(decodeUrlState('?v=1').engine).toBeNull();
  });

  test('decodeUrlState of an empty query gives the defaults with no errors', () => {
    expect(decodeUrlState('')).toEqual({ state: { levers: defaultLevers(), seed: '1', trials: 10_000 }, errors: [], engine: null });
  });

  test('every valid state round-trips through the query string exactly', () => {
    fc.assert(
      fc.property(leverArb, fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s)), fc.integer({ min: 100, max: 1_000_000 }), (levers, seed, trials) => {
        const state = { levers, seed, trials };
        const back = decodeUrlState('?' + encodeUrlState(state));
        expect(back.errors).toEqual([]);
        expect(back.state).toEqual(state);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  test('a bad field is named with its value and allowed range and falls back to its default, keeping the good ones', () => {
    const { state, errors } = decodeUrlState('?v=1&euTroops=999999&usCredibility=0.8');
    expect(state.levers.euTroops).toBe(30_000);
    expect(state.levers.usCredibility).toBe(0.8);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('euTroops');
    expect(errors[0].message).toContain('999999 is out of range');
    expect(errors[0].message).toContain('0–200,000 troops');
  });

  const errorCases: [string, string][] = [
    ['?v=2&euTroops=40000', 'v'],
    ['?v=1&trials=50', 'trials'],
    ['?v=1&trials=abc', 'trials'],
    ['?v=1&seed=', 'seed'],
    ['?v=1&euTrops=4', 'euTrops'],
    ['?v=1&article5Like=maybe', 'article5Like'],
    ['?v=1&euPosture=invade', 'euPosture'],
    ['?v=1&ceasefireStart=2027-13', 'ceasefireStart'],
    ['?v=1&euTroops=1&euTroops=2', 'euTroops'],
  ];
  test.each(errorCases)('decodeUrlState(%s) reports field %s', (query, field) => {
    const { errors } = decodeUrlState(query);
    expect(errors.map((e) => e.field)).toContain(field);
  });

  test('a link without v= (typed by hand) is read as the current format, without complaint', () => {
    const { state, errors } = decodeUrlState('?euTroops=40000&seed=7');
    expect(errors).toEqual([]);
    expect(state.levers.euTroops).toBe(40_000);
    expect(state.seed).toBe('7');
  });

  test('an unknown key suggests the nearest lever', () => {
    expect(decodeUrlState('?v=1&euTrops=4').errors[0].message).toContain('did you mean "euTroops"');
  });
});
