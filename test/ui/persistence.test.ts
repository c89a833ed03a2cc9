import { describe, expect, test } from 'vitest';
import { defaultLevers, validateScenario, type LoadedScenario } from '../../src/engine';
import { encodeUrlState } from '../../src/engine/io/urlState';
import { readAddress } from '../../src/ui/state/address';
import { AppState } from '../../src/ui/state/appState.svelte';
import { Persistence, hasRunState } from '../../src/ui/state/persistence.svelte';
import { loadPresets } from '../../src/ui/state/presets';
import { MAX_SAVED, STORE_KEY, serializeStore, type StorageLike, type StoredState } from '../../src/ui/state/store';

class FakeStorage implements StorageLike {
  map = new Map<string, string>();
  full = false;
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
  json(): StoredState & { scenarios: { id: string }[] } {
    return JSON.parse(this.map.get(STORE_KEY) ?? 'null');
  }
}

const PRESETS = loadPresets({
  '/scenarios/baseline.json': { id: 'baseline', title: 'Baseline', summary: 'Defaults.', sources: [], levers: {} },
  '/scenarios/robust.json': { id: 'robust', title: 'Robust', summary: 'More troops.', sources: [], levers: { euTroops: 120_000 } },
});

function scenario(id: string, euTroops = 60_000): LoadedScenario {
  const r = validateScenario({ id, title: `Title ${id}`, summary: 'S.', sources: [], levers: { euTroops } });
  if (!r.ok) throw new Error('bad test scenario');
  return r.value;
}

const KEPT: StoredState = {
  levers: { ...defaultLevers(), euTroops: 90_000, article5Like: true },
  seed: 'mine',
  trials: 5000,
  view: 'sweep',
  scenarios: [scenario('kept')],
  current: { kind: 'saved', id: 'kept' },
};

/** The persistence with `restore` taking the address as text (read by the one codec), for brevity. */
function restoring(p: Persistence) {
  return Object.assign(p, { restoreFrom: (search: string) => p.restore(readAddress(search, PRESETS.presets)) });
}

function setup(stored: StoredState | string | null = null) {
  const storage = new FakeStorage();
  if (stored !== null) storage.map.set(STORE_KEY, typeof stored === 'string' ? stored : serializeStore(stored));
  const app = new AppState();
  const persist = restoring(new Persistence(app, PRESETS, () => storage));
  return { storage, app, persist };
}

describe('AppState.setRun()', () => {
  // More trials than any browser's budget (BYTES_PER_TRIAL × copies × 10⁹ is tens of GB).
  const HUGE = 1_000_000_000;

  test('sets the levers, seed and trials together', () => {
    const app = new AppState();
    expect(app.setRun({ levers: KEPT.levers, seed: 'mine', trials: 5000 })).toEqual([]);
    expect(app.input()).toEqual({ levers: KEPT.levers, seed: 'mine', trials: 5000 });
  });

  test('refuses trials this device has not the memory for, as setTrials\'s check does, and keeps the others', () => {
    const app = new AppState();
    expect(app.fitTrials(HUGE).ok).toBe(false);
    const errors = app.setRun({ levers: KEPT.levers, seed: 'mine', trials: HUGE });
    expect(errors.map((e) => e.field)).toEqual(['trials']);
    expect(errors[0].message).toMatch(/^1,000,000,000 trials need about .* of memory, more than the .* this browser can spare; expected at most [\d,]+ trials here$/);
    expect(app.input()).toEqual({ levers: KEPT.levers, seed: 'mine', trials: 10_000 });
  });

  test('restoring a kept run goes through the same check, and says what it refused', () => {
    const { persist, app } = setup({ ...KEPT, trials: 5000 });
    persist.restoreFrom('?v=1&usTier=none');
    persist.previous = { ...persist.previous!, trials: HUGE };
    persist.restorePrevious();
    expect(app.input()).toEqual({ levers: KEPT.levers, seed: 'mine', trials: 10_000 });
    expect(persist.message?.error).toBe(true);
    expect(persist.message?.text).toMatch(/^Restored your previous levers and seed; trials: 1,000,000,000 trials need about/);
  });
});

describe('hasRunState()', () => {
  test.each([
    ['', false],
    ['?', false],
    ['?view=model', false],
    ['?workers=2&view=sweep', false],
    ['?v=1', true],
    ['?euTroops=5000', true],
    ['?seed=x', true],
    ['?euTrops=5', true],
  ])('%j → %s', (search, want) => expect(hasRunState(search)).toBe(want));
});

describe('Persistence.restore()', () => {
  test('nothing kept: the address is used as it is', () => {
    const { persist } = setup();
    expect(persist.restoreFrom('?view=model')).toEqual(readAddress('?view=model'));
    expect(persist.saved).toEqual([]);
    expect(persist.readProblems).toEqual([]);
  });

  test('no run state in the address: the kept levers, seed, trials, view and loaded scenario are restored', () => {
    const { persist, app } = setup(KEPT);
    const start = persist.restoreFrom('?workers=2');
    expect(start.run).toEqual({ levers: KEPT.levers, seed: 'mine', trials: 5000 });
    expect(start.runErrors).toEqual([]);
    expect(start.options).toEqual({ view: 'sweep', workers: 2 });
    expect(persist.saved.map((s) => s.id)).toEqual(['kept']);
    expect(app.scenario?.id).toBe('kept');
    expect(persist.previous).toBeNull();
  });

  test("the address's view wins over the kept one", () => {
    const { persist } = setup(KEPT);
    expect(persist.restoreFrom('?view=model').options.view).toBe('model');
  });

  test("a link with other run state wins; the kept run is offered back, the loaded scenario is not restored", () => {
    const { persist, app } = setup(KEPT);
    expect(persist.restoreFrom('?v=1&usTier=none')).toEqual(readAddress('?v=1&usTier=none'));
    expect(persist.previous).toEqual({ levers: KEPT.levers, seed: 'mine', trials: 5000 });
    expect(app.scenario).toBeNull();
    expect(persist.saved.map((s) => s.id)).toEqual(['kept']);
    app.inputs.levers = { ...defaultLevers(), usTier: 'none' };
    persist.restorePrevious();
    expect(app.inputs.levers).toEqual(KEPT.levers);
    expect(app.inputs.seed).toBe('mine');
    expect(app.inputs.trials).toBe(5000);
    expect(persist.previous).toBeNull();
  });

  test('a reload (the address holds the same run as the store) restores the loaded scenario', () => {
    const { persist, app } = setup(KEPT);
    const search = `?${encodeUrlState(KEPT)}&view=sweep`;
    expect(persist.restoreFrom(search)).toEqual(readAddress(search));
    expect(persist.previous).toBeNull();
    expect(app.scenario?.id).toBe('kept');
  });

  test('a kept preset is restored as the loaded scenario', () => {
    const { persist, app } = setup({ ...KEPT, levers: { ...defaultLevers(), euTroops: 120_000 }, current: { kind: 'preset', id: 'robust' } });
    persist.restoreFrom('');
    expect(app.scenario).toBe(PRESETS.presets.find((p) => p.id === 'robust'));
  });

  test('a corrupt store is reported and removed; the address is used', () => {
    const { persist, storage } = setup('{"version":1,');
    expect(persist.restoreFrom('')).toEqual(readAddress(''));
    expect(persist.readProblems[0].message).toMatch(/not valid JSON/);
    expect(storage.getItem(STORE_KEY)).toBeNull();
  });

  test('a store with a bad field is repaired and rewritten at once', () => {
    const { persist, storage } = setup(serializeStore(KEPT).replace('"euTroops":90000', '"euTroops":999999'));
    persist.restoreFrom('');
    expect(persist.readProblems.map((p) => p.field)).toEqual(['levers.euTroops']);
    expect(storage.json().levers.euTroops).toBe(defaultLevers().euTroops);
    expect(storage.json().seed).toBe('mine');
  });

  test('a storage that throws on access: reported, nothing written, nothing thrown', () => {
    const app = new AppState();
    const persist = restoring(
      new Persistence(app, PRESETS, () => {
        throw new DOMException('denied', 'SecurityError');
      }),
    );
    expect(persist.restoreFrom('')).toEqual(readAddress(''));
    expect(persist.unavailable).toBe(true);
    expect(persist.readProblems[0].message).toMatch(/SecurityError/);
    expect(persist.save('Plan', '')).toEqual([]);
    expect(persist.writeError).toBeNull();
  });
});

describe('Persistence: your scenarios', () => {
  test('writes nothing before restore, then the snapshot', () => {
    const { persist, storage, app } = setup();
    expect(persist.snapshot()).toBeNull();
    persist.restoreFrom('');
    app.inputs.levers = { ...defaultLevers(), euTroops: 45_000 };
    persist.schedule(persist.snapshot()!);
    persist.flush();
    expect(storage.json().levers.euTroops).toBe(45_000);
  });

  test('save: validated, listed first, loaded, written at once', () => {
    const { persist, storage, app } = setup(KEPT);
    persist.restoreFrom('');
    expect(persist.save('  ', '')).toEqual([{ field: 'title', message: 'is required' }]);
    app.inputs.levers = { ...defaultLevers(), euTroops: 150_000 };
    expect(persist.save('Title kept', 'Why.')).toEqual([]);
    expect(persist.saved.map((s) => s.id)).toEqual(['title-kept', 'kept']);
    expect(app.scenario?.id).toBe('title-kept');
    expect(storage.json().scenarios.map((s) => s.id)).toEqual(['title-kept', 'kept']);
    expect(storage.json().current).toEqual({ kind: 'saved', id: 'title-kept' });
    expect(persist.message).toEqual({ text: 'Saved “Title kept” in your scenarios.', error: false });
  });

  test('delete and undo: back in its place, and written', () => {
    const { persist, storage } = setup({ ...KEPT, scenarios: [scenario('a'), scenario('b'), scenario('c')], current: null });
    persist.restoreFrom('');
    persist.remove('b');
    expect(storage.json().scenarios.map((s) => s.id)).toEqual(['a', 'c']);
    expect(persist.deleted?.index).toBe(1);
    persist.undoRemove();
    expect(persist.saved.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(storage.json().scenarios.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(persist.deleted).toBeNull();
  });

  test('an imported file is kept; one with the same id replaces the old one; a full list keeps none', () => {
    const { persist, storage } = setup(KEPT);
    persist.restoreFrom('');
    persist.addImported(scenario('new'));
    expect(persist.saved.map((s) => s.id)).toEqual(['new', 'kept']);
    persist.addImported(scenario('kept', 10_000));
    expect(persist.saved.map((s) => s.levers.euTroops)).toEqual([60_000, 10_000]);
    expect(persist.message?.text).toMatch(/replaces your scenario with the same id/);
    const many = Array.from({ length: MAX_SAVED }, (_, i) => scenario(`s-${i}`));
    const full = setup({ ...KEPT, scenarios: many, current: null });
    full.persist.restoreFrom('');
    full.persist.addImported(scenario('one-more'));
    expect(full.persist.saved).toHaveLength(MAX_SAVED);
    expect(full.persist.message).toEqual({ text: expect.stringMatching(/did not keep it.*full/), error: true });
    expect(full.storage.json().scenarios).toHaveLength(MAX_SAVED);
    expect(storage.json().scenarios).toHaveLength(2);
  });

  test.each([
    ['save', (p: Persistence) => p.save('Plan', ''), /^“Plan” was not saved: it could not be stored in this browser \(.*full \(QuotaExceededError.*\), so it is kept only for this tab and will be gone after a reload\.$/],
    ['import', (p: Persistence) => p.addImported(scenario('file')), /^Imported “Title file”, but it was not saved: it could not be stored .*kept only for this tab/],
    ['delete', (p: Persistence) => p.remove('kept'), /^Deleted “Title kept” in this tab only: the change could not be stored \(.*QuotaExceededError.*\), so it comes back after a reload\.$/],
  ] as const)('a %s that the full storage refused is never reported as done, and says it holds for this tab only', (_, act, message) => {
    const { persist, storage } = setup(KEPT);
    persist.restoreFrom('');
    storage.full = true;
    act(persist);
    expect(persist.message).toEqual({ text: expect.stringMatching(message), error: true });
    expect(persist.message?.text).not.toMatch(/^(Saved|Imported “[^”]*” and kept|Deleted “[^”]*”\.$)/);
    expect(storage.json()).toEqual(JSON.parse(serializeStore(KEPT)));
  });

  test('a save with storage disabled says it is kept for this tab only', () => {
    const app = new AppState();
    const persist = restoring(
      new Persistence(app, PRESETS, () => {
        throw new DOMException('denied', 'SecurityError');
      }),
    );
    persist.restoreFrom('');
    persist.save('Plan', '');
    expect(persist.unavailable).toBe(true);
    expect(persist.message).toEqual({ text: expect.stringMatching(/^“Plan” was not saved: it could not be stored in this browser \(this browser’s storage cannot be used\), so it is kept only for this tab/), error: true });
  });

  test('a full storage is reported on write and cleared by the next write that succeeds', () => {
    const { persist, storage } = setup();
    persist.restoreFrom('');
    storage.full = true;
    persist.save('Plan', '');
    expect(persist.writeError?.message).toMatch(/full \(QuotaExceededError/);
    expect(persist.saved).toHaveLength(1);
    storage.full = false;
    persist.remove('plan');
    expect(persist.writeError).toBeNull();
  });

  test('another tab changed the list: it is taken; an unchanged list is not re-assigned', () => {
    const { persist, storage } = setup(KEPT);
    persist.restoreFrom('');
    const before = persist.saved;
    persist.adoptOtherTab();
    expect(persist.saved).toBe(before);
    storage.map.set(STORE_KEY, serializeStore({ ...KEPT, scenarios: [scenario('other'), ...KEPT.scenarios] }));
    persist.adoptOtherTab();
    expect(persist.saved.map((s) => s.id)).toEqual(['other', 'kept']);
  });
});
