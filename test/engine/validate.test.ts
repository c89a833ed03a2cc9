// Validation at the edge: good values table, then a separate table of errors that must name the
// field, the value and what is allowed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSeed,
  checkTrials,
  defaultLevers,
  leverSpec,
  parseLeverText,
  resolveLevers,
  resolveRunSettings,
  LEVERS,
  type LeverSpec,
} from '../../src/engine';
import { leverValueArb, leversArb } from './arbitraries';

const spec = (key: string): LeverSpec => {
  const s = leverSpec(key);
  if (!s) throw new Error(`no lever ${key}`);
  return s;
};

describe('parseLeverText', () => {
  const good: [string, string, unknown][] = [
    ['euTroops', '30000', 30_000],
    ['euTroops', '30_000', 30_000],
    ['euTroops', ' 200000 ', 200_000],
    ['euTroops', '1e5', 100_000],
    ['euTroops', '0', 0],
    ['euRoeClarity', '0.4', 0.4],
    ['euRoeClarity', '.5', 0.5],
    ['euRoeClarity', '1', 1],
    ['usAttentionHalfLifeYears', '0.5', 0.5],
    ['article5Like', 'true', true],
    ['article5Like', 'ON', true],
    ['article5Like', 'yes', true],
    ['article5Like', '1', true],
    ['article5Like', 'false', false],
    ['article5Like', 'off', false],
    ['article5Like', 'No', false],
    ['article5Like', '0', false],
    ['euPosture', 'combat', 'combat'],
    ['usTier', 'rapid-reinforcement', 'rapid-reinforcement'],
    ['ceasefireStart', '2030-06', '2030-06'],
    ['ceasefireStart', '2025-01', '2025-01'],
    ['ceasefireStart', '2040-12', '2040-12'],
  ];
  it.each(good)('reads %s = %j as %j', (key, text, value) => {
    expect(parseLeverText(spec(key), text)).toEqual({ ok: true, value });
  });

  const errors: [string, string, string][] = [
    ['euTroops', '250000', '250000 is out of range; expected a whole number from 0–200,000 troops'],
    ['euTroops', '-5', '-5 is out of range; expected a whole number from 0–200,000 troops'],
    ['euTroops', '30000.5', '30000.5 is not a whole number; expected a whole number from 0–200,000 troops'],
    ['euTroops', '0x10', '"0x10" is not a number; expected a whole number from 0–200,000 troops'],
    ['euTroops', 'NaN', '"NaN" is not a number; expected a whole number from 0–200,000 troops'],
    ['euTroops', 'Infinity', '"Infinity" is not a number; expected a whole number from 0–200,000 troops'],
    ['euTroops', '1e400', '1e400 is out of range; expected a whole number from 0–200,000 troops'],
    ['euTroops', '', '"" is not a number; expected a whole number from 0–200,000 troops'],
    ['euTroops', '30,000', '"30,000" is not a number; expected a whole number from 0–200,000 troops'],
    ['euTroops', '3_0000', '"3_0000" is not a number; expected a whole number from 0–200,000 troops'],
    ['frozenAssetsBn', '301', '301 is out of range; expected a number from 0–300 $ bn'],
    ['usAttentionHalfLifeYears', '0.25', '0.25 is out of range; expected a number from 0.5–20 years'],
    ['article5Like', 'maybe', '"maybe" is not a boolean; expected true or false'],
    ['euPosture', 'Combat', '"Combat" is not an option; expected one of monitoring, tripwire, combat'],
    ['usTier', 'nuclear', '"nuclear" is not an option; expected one of none, intel-logistics, air-power, rapid-reinforcement'],
    ['ceasefireStart', '2027-13', '"2027-13" is not a month; expected a month YYYY-MM from 2025-01 to 2040-12'],
    ['ceasefireStart', '2027-1', '"2027-1" is not a month; expected a month YYYY-MM from 2025-01 to 2040-12'],
    ['ceasefireStart', '2024-12', '"2024-12" is out of range; expected a month YYYY-MM from 2025-01 to 2040-12'],
    ['ceasefireStart', '2041-01', '"2041-01" is out of range; expected a month YYYY-MM from 2025-01 to 2040-12'],
  ];
  it.each(errors)('refuses %s = %j, naming the field, the value and the allowed range', (key, text, message) => {
    expect(parseLeverText(spec(key), text)).toEqual({ ok: false, errors: [{ field: key, message }] });
  });

  it.each(LEVERS.map((l) => [l.key, l] as const))('reads back any allowed value of %s written as text', (_key, spec) => {
    fc.assert(
      fc.property(leverValueArb(spec), (value) => {
        expect(parseLeverText(spec, String(value))).toEqual({ ok: true, value });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('names the range of share levers', () => {
    const r = parseLeverText(spec('euRoeClarity'), '1.5');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].field).toBe('euRoeClarity');
      expect(r.errors[0].message).toMatch(/^1\.5 is out of range; expected a number from 0–1/);
    }
  });
});

describe('resolveLevers', () => {
  it('gives the defaults for an empty object', () => {
    expect(resolveLevers({})).toEqual({ ok: true, value: defaultLevers() });
  });
  it('overrides only the levers given', () => {
    const r = resolveLevers({ euTroops: 50_000, usTier: 'air-power', article5Like: true });
    expect(r).toEqual({ ok: true, value: { ...defaultLevers(), euTroops: 50_000, usTier: 'air-power', article5Like: true } });
  });
  it('returns any full set of allowed levers unchanged', () => {
    fc.assert(
      fc.property(leversArb(), (levers) => {
        expect(resolveLevers(levers)).toEqual({ ok: true, value: levers });
      }),
      { seed: 42, numRuns: 300 },
    );
  });
  it('resolves over a given base', () => {
    const base = { ...defaultLevers(), euTroops: 100_000 };
    const r = resolveLevers({ euRoeClarity: 1 }, base);
    expect(r.ok && r.value.euTroops).toBe(100_000);
  });

  const errors: [string, unknown, { field: string; message: string }[]][] = [
    ['an unknown key with a close lever', { euTrops: 5 }, [{ field: 'euTrops', message: 'unknown lever "euTrops" (did you mean "euTroops"?)' }]],
    ['a key in the wrong case', { EUTROOPS: 5 }, [{ field: 'EUTROOPS', message: 'unknown lever "EUTROOPS" (did you mean "euTroops"?)' }]],
    ['an unknown key with nothing close', { colour: 'red' }, [{ field: 'colour', message: 'unknown lever "colour"' }]],
    ['NaN', { euTroops: NaN }, [{ field: 'euTroops', message: 'NaN is not a number; expected a whole number from 0–200,000 troops' }]],
    ['Infinity', { euTroops: Infinity }, [{ field: 'euTroops', message: 'Infinity is not a number; expected a whole number from 0–200,000 troops' }]],
    ['a number as a string', { euTroops: '30000' }, [{ field: 'euTroops', message: '"30000" is not a number; expected a whole number from 0–200,000 troops' }]],
    ['a hex string', { euTroops: '0x10' }, [{ field: 'euTroops', message: '"0x10" is not a number; expected a whole number from 0–200,000 troops' }]],
    ['a number for a boolean', { article5Like: 1 }, [{ field: 'article5Like', message: '1 is not a boolean; expected true or false' }]],
    ['a string for a boolean', { article5Like: 'true' }, [{ field: 'article5Like', message: '"true" is not a boolean; expected true or false' }]],
    ['null', { usTier: null }, [{ field: 'usTier', message: 'null is not an option; expected one of none, intel-logistics, air-power, rapid-reinforcement' }]],
    ['an array', { euTroops: [1] }, [{ field: 'euTroops', message: 'an array is not a number; expected a whole number from 0–200,000 troops' }]],
    ['an object', { ceasefireStart: {} }, [{ field: 'ceasefireStart', message: 'an object is not a month; expected a month YYYY-MM from 2025-01 to 2040-12' }]],
    ['an own "__proto__" key (from JSON)', JSON.parse('{"__proto__": {"euTroops": 1}}'), [{ field: '__proto__', message: 'unknown lever "__proto__"' }]],
    ['an own "constructor" key', JSON.parse('{"constructor": 1}'), [{ field: 'constructor', message: 'unknown lever "constructor"' }]],
    [
      'several problems at once, all reported',
      { euTroops: 250_000, usTier: 'x', euTrops: 1 },
      [
        { field: 'euTroops', message: '250000 is out of range; expected a whole number from 0–200,000 troops' },
        { field: 'usTier', message: '"x" is not an option; expected one of none, intel-logistics, air-power, rapid-reinforcement' },
        { field: 'euTrops', message: 'unknown lever "euTrops" (did you mean "euTroops"?)' },
      ],
    ],
  ];
  it.each(errors)('refuses %s', (_name, input, expected) => {
    expect(resolveLevers(input)).toEqual({ ok: false, errors: expected });
  });

  it.each([[null], [[]], ['euTroops=5'], [42]])('refuses %j where an object of levers is expected', (input) => {
    const r = resolveLevers(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0].field).toBe('levers');
      expect(r.errors[0].message).toMatch(/^expected an object of lever values, got /);
    }
  });

  it('never pollutes Object.prototype through "__proto__"', () => {
    resolveLevers(JSON.parse('{"__proto__": {"polluted": true}}'));
    resolveLevers({ ['__proto__']: { polluted: true } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('checkTrials', () => {
  it.each([100, 10_000, 1_000_000])('accepts %s', (n) => {
    expect(checkTrials(n)).toEqual({ ok: true, value: n });
  });
  const errors: [unknown, string][] = [
    [99, '99 is not allowed; expected a whole number from 100–1,000,000'],
    [1_000_001, '1000001 is not allowed; expected a whole number from 100–1,000,000'],
    [100.5, '100.5 is not allowed; expected a whole number from 100–1,000,000'],
    [NaN, 'NaN is not allowed; expected a whole number from 100–1,000,000'],
    [Infinity, 'Infinity is not allowed; expected a whole number from 100–1,000,000'],
    ['1000', '"1000" is not allowed; expected a whole number from 100–1,000,000'],
    [null, 'null is not allowed; expected a whole number from 100–1,000,000'],
  ];
  it.each(errors)('refuses %j', (value, message) => {
    expect(checkTrials(value)).toEqual({ ok: false, errors: [{ field: 'trials', message }] });
  });
});

describe('checkSeed', () => {
  it.each([
    ['1', '1'],
    ['golden', 'golden'],
    [42, '42'],
    ['x'.repeat(64), 'x'.repeat(64)],
    ['=cmd()', '=cmd()'],
  ])('accepts %j as %j', (input, value) => {
    expect(checkSeed(input)).toEqual({ ok: true, value });
  });
  const errors: [unknown, string][] = [
    ['', '"" is not allowed; expected 1–64 printable characters'],
    ['a\nb', '"a\\nb" is not allowed; expected 1–64 printable characters'],
    [NaN, 'NaN is not allowed; expected 1–64 printable characters'],
    [null, 'null is not allowed; expected 1–64 printable characters'],
    [{}, 'an object is not allowed; expected 1–64 printable characters'],
  ];
  it.each(errors)('refuses %j', (value, message) => {
    expect(checkSeed(value)).toEqual({ ok: false, errors: [{ field: 'seed', message }] });
  });
  it('refuses a seed of 65 characters, showing it shortened', () => {
    const r = checkSeed('x'.repeat(65));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].field).toBe('seed');
      expect(r.errors[0].message).toBe(`"${'x'.repeat(40)}…" is not allowed; expected 1–64 printable characters`);
    }
  });
});

describe('resolveRunSettings', () => {
  it('fills in the defaults', () => {
    expect(resolveRunSettings({})).toEqual({ ok: true, value: { trials: 10_000, seed: '1' } });
  });
  it('reports both bad settings at once', () => {
    const r = resolveRunSettings({ trials: 5, seed: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['trials', 'seed']);
  });
});
