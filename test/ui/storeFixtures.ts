// The local store's test fixtures, shared by store.test.ts and storeScenarios.test.ts: an in-memory
// Storage, a valid kept state, and the check that a read state passes the engine's validators.
import { expect } from 'vitest';
import { LEVERS, checkSeed, checkTrials, defaultLevers, resolveLevers, validateScenario, type LoadedScenario, type Levers } from '../../src/engine';
import {
  MAX_SAVED,
  MAX_SCENARIO_CHARS,
  STORE_KEY,
  readStore,
  scenarioFile,
  serializeStore,
  type StorageLike,
  type StoredState,
} from '../../src/ui/state/store';
import { VIEWS } from '../../src/ui/state/views';

/** An in-memory Storage; `quota` (characters per value) makes setItem throw as a full browser store does. */
export class FakeStorage implements StorageLike {
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

export function storeWith(text: string): FakeStorage {
  const s = new FakeStorage();
  s.map.set(STORE_KEY, text);
  return s;
}

export function scenario(id: string, levers: Partial<Levers> = { euTroops: 60_000 }, title = `Scenario ${id}`): LoadedScenario {
  const r = validateScenario({ id, title, summary: 'A test scenario.', sources: [], levers });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Notes on ten levers, 1,900 characters each: a valid scenario too big to keep (over 16,000 characters). */
export const BIG_NOTES = Object.fromEntries(LEVERS.slice(0, 10).map((l) => [l.key, 'y'.repeat(1900)]));

export const VALID: StoredState = {
  levers: { ...defaultLevers(), euTroops: 90_000, euPosture: 'combat', article5Like: true },
  seed: 'kept',
  trials: 4000,
  view: 'sweep',
  scenarios: [scenario('mine'), scenario('imported', { usTier: 'none' })],
  current: { kind: 'saved', id: 'mine' },
};

/** The stored JSON of VALID with some fields replaced (as a parsed object, for hand corruption). */
export function validJson(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...JSON.parse(serializeStore(VALID)), ...patch };
}

export function read(obj: unknown, presets: string[] = ['baseline']) {
  return readStore(() => storeWith(typeof obj === 'string' ? obj : JSON.stringify(obj)), presets);
}

/**
 * The lever keys a kept store holds, written out by hand: the public vocabulary of MODEL.md, which a
 * store written by an earlier page also uses. Renaming or dropping a lever breaks every kept store,
 * so this list changes only on purpose.
 */
export const STORED_LEVER_KEYS = [
  'euTroops', 'euPosture', 'euRoeClarity', 'euEnablers',
  'usTier', 'usCredibility', 'usElectionVolatility', 'usAttentionHalfLifeYears',
  'sanctionsLevel', 'sanctionsReliefPerYear', 'snapbackCredibility', 'secondarySanctions', 'frozenAssetsBn',
  'uaArmySize', 'uaFundingShare', 'uaDefenseIndustry', 'uaDeepStrike', 'uaFortificationsHeld', 'uaWarFatigue',
  'article5Like', 'russianVeto',
  'ruResolve', 'ruReconstitutionYears', 'ruGreyZonePreference', 'decisionNoise',
  'horizonYears', 'ceasefireStart',
] as const;

/** Every part of a read state passes the engine's validators. */
export function expectValidState(state: StoredState, presets: readonly string[] = []) {
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
