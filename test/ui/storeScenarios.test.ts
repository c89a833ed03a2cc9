// The local store's list of scenarios: adding, saving, replacing and the limits of the list. The
// reader of the store and its properties are in store.test.ts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LEVERS, checkSeed, checkTrials, defaultLevers, parseScenario, resolveLevers, validateScenario, type LoadedScenario, type Levers } from '../../src/engine';
import {
  MAX_SAVED,
  MAX_SCENARIO_CHARS,
  MAX_STORE_CHARS,
  STORE_KEY,
  addScenario,
  autoSummary,
  idFromTitle,
  readStore,
  scenarioFile,
  scenarioFromTitle,
  serializeStore,
  writeStore,
  type StorageLike,
  type StoredState,
} from '../../src/ui/state/store';
import { VIEWS } from '../../src/ui/state/views';
import { leversArb } from '../engine/arbitraries';

/** An in-memory Storage; `quota` (characters per value) makes setItem throw as a full browser store does. */
class FakeStorage implements StorageLike {
  map = new Map<string, string>();
  quota = Infinity;
  getItem(k: string): string | null {
    return this.map.has(k) ? this.map.get(k)! : null;
  }
  setItem(k: string, v: string): void {
    if (v.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(k, String(v));
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}

function storeWith(text: string): FakeStorage {
  const s = new FakeStorage();
  s.map.set(STORE_KEY, text);
  return s;
}

function scenario(id: string, levers: Partial<Levers> = { euTroops: 60_000 }, title = `Scenario ${id}`): LoadedScenario {
  const r = validateScenario({ id, title, summary: 'A test scenario.', sources: [], levers });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Notes on ten levers, 1,900 characters each: a valid scenario too big to keep (over 16,000 characters). */
const BIG_NOTES = Object.fromEntries(LEVERS.slice(0, 10).map((l) => [l.key, 'y'.repeat(1900)]));

const VALID: StoredState = {
  levers: { ...defaultLevers(), euTroops: 90_000, euPosture: 'combat', article5Like: true },
  seed: 'kept',
  trials: 4000,
  view: 'sweep',
  scenarios: [scenario('mine'), scenario('imported', { usTier: 'none' })],
  current: { kind: 'saved', id: 'mine' },
};

/** The stored JSON of VALID with some fields replaced (as a parsed object, for hand corruption). */
function validJson(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...JSON.parse(serializeStore(VALID)), ...patch };
}

function read(obj: unknown, presets: string[] = ['baseline']) {
  return readStore(() => storeWith(typeof obj === 'string' ? obj : JSON.stringify(obj)), presets);
}

/**
 * The lever keys a kept store holds, written out by hand: the public vocabulary of MODEL.md, which a
 * store written by an earlier page also uses. Renaming or dropping a lever breaks every kept store,
 * so this list changes only on purpose.
 */
const STORED_LEVER_KEYS = [
  'euTroops', 'euPosture', 'euRoeClarity', 'euEnablers',
  'usTier', 'usCredibility', 'usElectionVolatility', 'usAttentionHalfLifeYears',
  'sanctionsLevel', 'sanctionsReliefPerYear', 'snapbackCredibility', 'secondarySanctions', 'frozenAssetsBn',
  'uaArmySize', 'uaFundingShare', 'uaDefenseIndustry', 'uaDeepStrike', 'uaFortificationsHeld', 'uaWarFatigue',
  'article5Like', 'russianVeto',
  'ruResolve', 'ruReconstitutionYears', 'ruGreyZonePreference', 'decisionNoise',
  'horizonYears', 'ceasefireStart',
] as const;

/** Every part of a read state passes the engine's validators. */
function expectValidState(state: StoredState, presets: readonly string[] = []) {
  const levers = resolveLevers(state.levers);
  expect(levers.ok).toBe(true);
  if (levers.ok) expect(levers.value).toEqual(state.levers);
  expect(Object.keys(state.levers).sort()).toEqual([...STORED_LEVER_KEYS].sort());
  expect(checkSeed(state.seed)).toEqual({ ok: true, value: state.seed });
  expect(checkTrials(state.trials)).toEqual({ ok: true, value: state.trials });
  expect(VIEWS).toContain(state.view);
  expect(state.scenarios.length).toBeLessThanOrEqual(MAX_SAVED);
  expect(new Set(state.scenarios.map((s) => s.id)).size).toBe(state.scenarios.length);
  for (const s of state.scenarios) {
    const again = validateScenario(scenarioFile(s));
    expect(again.ok).toBe(true);
    expect(JSON.stringify(scenarioFile(s)).length).toBeLessThanOrEqual(MAX_SCENARIO_CHARS);
  }
  if (state.current) {
    if (state.current.kind === 'saved') expect(state.scenarios.map((s) => s.id)).toContain(state.current.id);
    else expect(presets).toContain(state.current.id);
  }
}

describe('adding and saving scenarios', () => {
  test('addScenario puts a new one first, replaces one with the same id in place, refuses when full', () => {
    const a = scenario('a');
    const b = scenario('b');
    const r1 = addScenario([a], b);
    expect(r1.ok && r1.list.map((s) => s.id)).toEqual(['b', 'a']);
    const a2 = scenario('a', { euTroops: 100_000 }, 'A again');
    const r2 = addScenario([b, a], a2);
    expect(r2.ok && r2.replaced).toBe(true);
    expect(r2.ok && r2.list.map((s) => s.title)).toEqual(['Scenario b', 'A again']);
    const full = Array.from({ length: MAX_SAVED }, (_, i) => scenario(`s-${i}`));
    const r3 = addScenario(full, scenario('one-more'));
    expect(r3.ok).toBe(false);
    if (!r3.ok) expect(r3.message).toMatch(/full \(at most 50\): delete one to keep “Scenario one-more”/);
    // Replacing in a full list is allowed.
    expect(addScenario(full, scenario('s-3', {}, 'New s-3')).ok).toBe(true);
  });

  test('addScenario refuses one too big to keep', () => {
    const huge = { ...scenario('huge'), summary: 'z'.repeat(2000), notes: BIG_NOTES };
    const r = addScenario([], huge);
    expect(r.ok).toBe(false);
  });

  test.each([
    ['Robust reassurance — 2026!', 'robust-reassurance-2026'],
    ['  Élan vital  ', 'elan-vital'],
    ['Перемирие', 'my-scenario'],
    ['---', 'my-scenario'],
    ['A'.repeat(300), 'a'.repeat(56)],
  ])('idFromTitle(%j) = %j', (title, id) => {
    expect(idFromTitle(title)).toBe(id);
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
  });

  test('idFromTitle avoids ids in use', () => {
    expect(idFromTitle('Plan', ['plan'])).toBe('plan-2');
    expect(idFromTitle('Plan', ['plan', 'plan-2'])).toBe('plan-3');
  });

  test('scenarioFromTitle gives a file validateScenario accepts, with the non-default levers and no sources', () => {
    const levers = { ...defaultLevers(), euTroops: 120_000, usTier: 'none' as const };
    const r = scenarioFromTitle('  My plan  ', '', levers, ['my-plan'], new Date(Date.UTC(2025, 5, 5)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toBe('my-plan-2');
    expect(r.value.title).toBe('My plan');
    expect(r.value.summary).toBe('Saved from the page on 5 June 2025.');
    expect(r.value.sources).toEqual([]);
    expect(r.value.levers).toEqual({ euTroops: 120_000, usTier: 'none' });
    expect(r.value.resolved).toEqual(levers);
    const again = parseScenario(JSON.stringify(scenarioFile(r.value)));
    expect(again.ok && again.value).toEqual(r.value);
  });

  test('scenarioFromTitle: the title is required and at most 200 characters; the summary at most 2000', () => {
    const levers = defaultLevers();
    expect(scenarioFromTitle('   ', '', levers, [])).toEqual({ ok: false, errors: [{ field: 'title', message: 'is required' }] });
    const long = scenarioFromTitle('t'.repeat(201), '', levers, []);
    expect(long.ok === false && long.errors[0].message).toMatch(/201 characters long; at most 200/);
    expect(scenarioFromTitle('t'.repeat(200), 'why', levers, []).ok).toBe(true);
    const sum = scenarioFromTitle('ok', 's'.repeat(2001), levers, []);
    expect(sum.ok === false && sum.errors[0].field).toBe('summary');
  });

  test('autoSummary names the date', () => {
    expect(autoSummary(new Date(Date.UTC(2026, 0, 31)))).toBe('Saved from the page on 31 January 2026.');
  });
});
