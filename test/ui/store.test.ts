import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LEVERS, checkSeed, defaultLevers, type LoadedScenario } from '../../src/engine';
import {
  MAX_SAVED,
  MAX_STORE_CHARS,
  STORE_KEY,
  readStore,
  scenarioFile,
  scenarioFromTitle,
  writeStore,
  type StorageLike,
  type StoredState,
} from '../../src/ui/state/store';
import { VIEWS } from '../../src/ui/state/views';
import { leversArb } from '../engine/arbitraries';

import { FakeStorage, storeWith, scenario, BIG_NOTES, VALID, validJson, read, expectValidState } from './storeFixtures';

describe('the local store', () => {
  test('round trip: what is written is read back exactly, with no problems', () => {
    const storage = new FakeStorage();
    const w = writeStore(() => storage, VALID);
    expect(w.ok).toBe(true);
    const r = readStore(() => storage);
    expect(r.problems).toEqual([]);
    expect(r.rewrite).toBe(false);
    expect(r.state).toEqual(VALID);
    expect(JSON.parse(storage.getItem(STORE_KEY)!).version).toBe(1);
  });

  test('nothing stored: no state and no problem', () => {
    expect(readStore(() => new FakeStorage())).toEqual({ state: null, problems: [], rewrite: false, unavailable: false });
  });

  test('writing null removes the key (the reset of a corrupt store)', () => {
    const storage = storeWith('{oops');
    expect(writeStore(() => storage, null)).toEqual({ ok: true, chars: 0 });
    expect(storage.getItem(STORE_KEY)).toBeNull();
  });

  test.each([
    ['not JSON', '{"version":1,', /not valid JSON/],
    ['empty text', '', /not valid JSON/],
    ['an array', '[1,2]', /is an array, not an object/],
    ['a number', '42', /is 42, not an object/],
    ['null', 'null', /is null, not an object/],
    ['a string', '"hello"', /is "hello", not an object/],
    ['no version', JSON.stringify({ levers: {} }), /has no version/],
    ['version 2', JSON.stringify(validJson({ version: 2 })), /version 2, which this page cannot read/],
    ['version "1" as text', JSON.stringify(validJson({ version: '1' })), /version "1"/],
  ])('%s: reported, nothing kept, cleared', (_, text, message) => {
    const r = read(text);
    expect(r.state).toBeNull();
    expect(r.rewrite).toBe(true);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].field).toBe('store');
    expect(r.problems[0].message).toMatch(message);
    expect(r.problems[0].message).toMatch(/cleared/);
  });

  test('a store longer than the cap is reported and cleared', () => {
    const r = read('x'.repeat(MAX_STORE_CHARS + 1));
    expect(r.state).toBeNull();
    expect(r.problems[0].message).toMatch(/at most 1,000,000/);
  });

  test('an out-of-range lever is named, takes its default, and the other levers are kept', () => {
    const r = read(validJson({ levers: { ...VALID.levers, euTroops: 999_999 } }));
    expect(r.problems).toEqual([{ field: 'levers.euTroops', message: expect.stringMatching(/999999 is out of range; expected .*; it takes its default/) }]);
    expect(r.rewrite).toBe(true);
    expect(r.state!.levers).toEqual({ ...VALID.levers, euTroops: defaultLevers().euTroops });
    expect(r.state!.seed).toBe('kept');
    expect(r.state!.scenarios).toHaveLength(2);
  });

  test.each([
    ['a lever of the wrong type', { levers: { ...VALID.levers, article5Like: 'yes' } }, 'levers.article5Like', /not a boolean/],
    ['an unknown option', { levers: { ...VALID.levers, euPosture: 'invade' } }, 'levers.euPosture', /not an option/],
    ['an unknown lever', { levers: { ...VALID.levers, euTrops: 5 } }, 'levers.euTrops', /unknown lever.*did you mean "euTroops"/],
    ['levers not an object', { levers: [1, 2] }, 'levers', /not an object of lever values/],
    ['levers missing', { levers: undefined }, 'levers', /not an object of lever values/],
    ['an empty seed', { seed: '' }, 'seed', /expected 1–64 printable characters; it takes its default/],
    ['a seed with a control character', { seed: 'a\u0000b' }, 'seed', /printable/],
    ['a fractional trial count', { trials: 1.5 }, 'trials', /whole number/],
    ['too many trials', { trials: 5_000_000 }, 'trials', /whole number from/],
    ['trials as text', { trials: '10000' }, 'trials', /"10000" is not allowed/],
    ['an unknown view', { view: 'admin' }, 'view', /not a view/],
    ['scenarios not a list', { scenarios: { a: 1 }, current: null }, 'scenarios', /not a list/],
    ['scenarios missing', { scenarios: undefined, current: null }, 'scenarios', /missing/],
    ['current of the wrong shape', { current: 'mine' }, 'current', /expected \{ kind/],
    ['current naming no saved scenario', { current: { kind: 'saved', id: 'gone' } }, 'current.id', /not one of the saved scenarios/],
    ['current naming no preset', { current: { kind: 'preset', id: 'gone' } }, 'current.id', /not one of the presets/],
    ['an unknown top-level field', { extra: true }, 'extra', /not a field of the store/],
  ])('%s is named and the rest is kept', (_, patch, field, message) => {
    const obj = validJson(patch);
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete obj[k];
    const r = read(obj);
    expect(r.problems.map((p) => p.field)).toEqual([field]);
    expect(r.problems[0].message).toMatch(message);
    expect(r.rewrite).toBe(true);
    expectValidState(r.state!, ['baseline']);
    // What was not named is kept.
    if (!('seed' in patch)) expect(r.state!.seed).toBe(VALID.seed);
    if (!('trials' in patch)) expect(r.state!.trials).toBe(VALID.trials);
    if (!('scenarios' in patch)) expect(r.state!.scenarios.map((s) => s.id)).toEqual(['mine', 'imported']);
  });

  test('an invalid stored scenario is dropped with its title and first problems; the others are kept', () => {
    const bad = { ...scenarioFile(VALID.scenarios[1]), title: 'Broken one', levers: { euTroops: -5 } };
    const r = read(validJson({ scenarios: [scenarioFile(VALID.scenarios[0]), bad, { id: 'no title' }] }));
    expect(r.state!.scenarios.map((s) => s.id)).toEqual(['mine']);
    expect(r.problems.map((p) => p.field)).toEqual(['scenarios[1]', 'scenarios[2]']);
    expect(r.problems[0].message).toMatch(/dropped \(“Broken one”\), not a valid scenario: levers.euTroops: -5 is out of range/);
    expect(r.problems[1].message).toMatch(/id: "no title" is not allowed/);
  });

  test('a stored scenario with a preset-style source list is kept (sources are checked like any file)', () => {
    const cited = { ...scenarioFile(VALID.scenarios[0]), id: 'cited', sources: [{ file: 'nope.txt', claim: 'x' }] };
    const r = read(validJson({ scenarios: [cited], current: null }));
    expect(r.state!.scenarios).toEqual([]);
    expect(r.problems[0].message).toMatch(/sources\[0\]\.file/);
  });

  test('duplicate ids: the first is kept', () => {
    const a = scenarioFile(scenario('same', {}, 'First'));
    const b = scenarioFile(scenario('same', {}, 'Second'));
    const r = read(validJson({ scenarios: [a, b], current: null }));
    expect(r.state!.scenarios.map((s) => s.title)).toEqual(['First']);
    expect(r.problems).toEqual([{ field: 'scenarios[1].id', message: expect.stringMatching(/"same" is used by an earlier scenario/) }]);
  });

  test('prototype-pollution keys are refused and pollute nothing', () => {
    const text = `{"version":1,"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"ctor"}},
      "levers":{"__proto__":{"polluted":"lever"},"constructor":{"polluted":"lever"},"euTroops":70000},
      "seed":"s","trials":1000,
      "scenarios":[{"id":"p","title":"P","summary":"S","sources":[],"levers":{"__proto__":{"x":1}}},
                   {"id":"q","title":"Q","summary":"S","sources":[],"levers":{"euTroops":1000},"notes":{"euTroops":"why"}},
                   {"id":"r","title":"R","summary":"S","sources":[],"levers":{},"notes":{"__proto__":{"polluted":"note"},"constructor":"y"}}]}`;
    const r = read(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    const fields = r.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'levers.__proto__', 'levers.constructor', 'scenarios[0]']));
    expect(r.state!.levers.euTroops).toBe(70_000);
    expect(Object.getPrototypeOf(r.state!.levers)).toBe(Object.prototype);
    expect(Object.hasOwn(r.state!.levers, '__proto__')).toBe(false);
    expect(Object.hasOwn(r.state!.levers, 'constructor')).toBe(false);
    expect(r.state!.scenarios.map((s) => s.id)).toContain('q');
    // Notes on odd keys are refused by the scenario validator (or kept as plain data); never a prototype.
    for (const s of r.state!.scenarios) if (s.notes) expect(Object.getPrototypeOf(s.notes)).toBe(Object.prototype);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expectValidState(r.state!);
  });

  test('a storage that throws on access (disabled) is reported as unavailable, never thrown', () => {
    const r = readStore(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    expect(r.unavailable).toBe(true);
    expect(r.state).toBeNull();
    expect(r.problems[0].message).toMatch(/does not let the page use its storage \(SecurityError/);
    const w = writeStore(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    }, VALID);
    expect(w.ok).toBe(false);
  });

  test('a storage whose getItem throws, or that is missing, is reported as unavailable', () => {
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('boom');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(readStore(() => throwing).problems[0].message).toMatch(/could not be read: this browser's storage failed \(Error: boom\)/);
    expect(readStore(() => null).problems[0].message).toMatch(/no local storage/);
  });

  test('quota exceeded on write is an error result naming the cause, not a throw', () => {
    const storage = new FakeStorage();
    storage.quota = 100;
    const w = writeStore(() => storage, VALID);
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.error.message).toMatch(/^this browser's storage for the page is full \(QuotaExceededError: The quota has been exceeded/);
    expect(storage.getItem(STORE_KEY)).toBeNull();
  });

  test('a state over the size cap is not written', () => {
    const storage = new FakeStorage();
    const big = scenario('big');
    const many = Array.from({ length: 70 }, (_, i) => ({ ...big, id: `big-${i}`, summary: 'x'.repeat(15_000) }));
    const w = writeStore(() => storage, { ...VALID, scenarios: many, current: null });
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.error.message).toMatch(/at most 1,000,000 are kept: delete some saved scenarios/);
    expect(storage.getItem(STORE_KEY)).toBeNull();
  });

  test(`at most ${MAX_SAVED} stored scenarios are kept; the rest are named`, () => {
    const list = Array.from({ length: MAX_SAVED + 2 }, (_, i) => scenarioFile(scenario(`s-${i}`)));
    const r = read(validJson({ scenarios: list, current: null }));
    expect(r.state!.scenarios).toHaveLength(MAX_SAVED);
    expect(r.problems.map((p) => p.field)).toEqual([`scenarios[${MAX_SAVED}]`, `scenarios[${MAX_SAVED + 1}]`]);
    expect(r.problems[0].message).toMatch(/at most 50 scenarios are kept/);
  });

  test('a stored scenario over the size cap is dropped', () => {
    const huge = { ...scenarioFile(scenario('huge')), notes: BIG_NOTES };
    const r = read(validJson({ scenarios: [huge], current: null }));
    expect(r.state!.scenarios).toEqual([]);
    expect(r.problems[0].message).toMatch(/at most 16,000 can be kept/);
  });
});

describe('properties of the reader', () => {
  const presets = ['baseline', 'robust'];
  const check = (text: string) => {
    const r = readStore(() => storeWith(text), presets);
    if (r.state) expectValidState(r.state, presets);
    else expect(r.problems.length).toBeGreaterThan(0);
    expect(r.rewrite).toBe(r.problems.length > 0);
  };

  test('any string in storage: the reader never throws and yields valid state or a reported reset', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 500 });
  });

  test('any JSON value in storage: the same', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => check(JSON.stringify(v))), { numRuns: 500 });
  });

  test('a valid store with any field replaced by any JSON value: valid state, the problem named', () => {
    const fields = ['version', 'levers', 'seed', 'trials', 'view', 'scenarios', 'current', '__proto__', 'constructor'];
    const leverKeys = [...LEVERS.map((l) => l.key), '__proto__', 'constructor', 'toString'];
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.jsonValue({ maxDepth: 3 }),
        fc.option(fc.tuple(fc.constantFrom(...leverKeys), fc.jsonValue({ maxDepth: 2 }))),
        (field, value, lever) => {
          const obj = validJson();
          // Own data properties, as JSON.parse makes them (`obj.__proto__ = v` would set the prototype).
          Object.defineProperty(obj, field, { value, enumerable: true, configurable: true, writable: true });
          if (lever) {
            const levers = { ...(obj.levers as object) } as Record<string, unknown>;
            Object.defineProperty(levers, lever[0], { value: lever[1], enumerable: true, configurable: true, writable: true });
            obj.levers = levers;
          }
          check(JSON.stringify(obj));
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  test('any valid state round-trips through the store', () => {
    const stateArb = fc.record({
      levers: leversArb(),
      seed: fc.string({ minLength: 1, maxLength: 64 }).filter((s) => checkSeed(s).ok),
      trials: fc.integer({ min: 100, max: 1_000_000 }),
      view: fc.constantFrom(...VIEWS),
      titles: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 200 }).filter((t) => t.trim() !== ''), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(stateArb, ({ titles, ...rest }) => {
        const scenarios: LoadedScenario[] = [];
        for (const t of titles) {
          const r = scenarioFromTitle(t, '', rest.levers, scenarios.map((s) => s.id));
          expect(r.ok).toBe(true);
          if (r.ok) scenarios.push(r.value);
        }
        const state: StoredState = { ...rest, scenarios, current: scenarios.length ? { kind: 'saved', id: scenarios[0].id } : null };
        const storage = new FakeStorage();
        expect(writeStore(() => storage, state).ok).toBe(true);
        const r = readStore(() => storage);
        expect(r.problems).toEqual([]);
        expect(r.state).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });
});
