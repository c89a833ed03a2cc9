// The local store's list of scenarios: adding, saving, replacing and the limits of the list. The
// reader of the store and its properties are in store.test.ts.
import { describe, expect, test } from 'vitest';
import { defaultLevers, parseScenario, validateScenario } from '../../src/engine';
import {
  MAX_SAVED,
  addScenario,
  autoSummary,
  idFromTitle,
  scenarioFile,
  scenarioFromTitle,
} from '../../src/ui/state/store';



import { scenario, BIG_NOTES } from './storeFixtures';

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
