import { describe, expect, test } from 'vitest';
import { ASSUMPTIONS, ASSUMPTION_KEYS } from '../../src/engine';
import { assumptionRangeText } from '../../src/engine';
import { assumptionGroupOf, assumptionStep, assumptionValueText, changedAssumptionsText, changedKeys, isFixedUnit } from '../../src/ui/controls/assumptionEntries';
import { TORNADO_MODEL_TOP, groupRows, rowLabel, type TornadoRow } from '../../src/ui/views/sensitivityView';

describe('the Assumptions panel view model', () => {
  test('assumptionStep is about a hundredth of the range, a power of ten, and every default is a whole number of steps from the minimum', () => {
    expect(assumptionStep({ min: 0.15, max: 0.5, value: 0.282 })).toBe(0.001);
    expect(assumptionStep({ min: 0.03, max: 0.15, value: 0.0843 })).toBe(0.0001);
    expect(assumptionStep({ min: 35_000, max: 100_000, value: 35_000 })).toBe(100);
    expect(assumptionStep({ min: 800_000, max: 800_000, value: 800_000 })).toBe('any');
    for (const k of ASSUMPTION_KEYS) {
      const s = ASSUMPTIONS[k];
      const step = assumptionStep(s);
      if (step === 'any') continue;
      expect(step, k).toBeLessThanOrEqual((s.max - s.min) / 10);
      const n = (s.value - s.min) / step;
      expect(Math.abs(n - Math.round(n)), k).toBeLessThan(1e-6);
    }
  });

  test('ranges, units and values read as the panel and the model view show them', () => {
    expect(assumptionRangeText({ min: 0.15, max: 0.5 })).toBe('0.15–0.5');
    expect(assumptionRangeText({ min: 35_000, max: 100_000 })).toBe('35,000–100,000');
    expect(isFixedUnit(ASSUMPTIONS.uaArmyReference)).toBe(true);
    expect(isFixedUnit(ASSUMPTIONS.euWarCost)).toBe(false);
    const base = ASSUMPTIONS.euWarCost.value;
    expect(assumptionValueText('euWarCost', {})).toBe(String(base));
    expect(assumptionValueText('euWarCost', { euWarCost: 0.4 })).toBe(`0.4 (calibrated ${base})`);
    expect(assumptionValueText('vetoKeeps', { vetoKeeps: 0.3 })).toBe(`0.3 (default ${ASSUMPTIONS.vetoKeeps.value})`);
  });

  test('the badge counts the changed assumptions, ignoring values equal to the defaults', () => {
    expect(changedAssumptionsText(0)).toBe('');
    expect(changedAssumptionsText(1)).toBe('1 assumption differs from the calibrated defaults');
    expect(changedAssumptionsText(3)).toBe('3 assumptions differ from the calibrated defaults');
    expect(changedKeys({ vetoKeeps: 0.3, euWarCost: ASSUMPTIONS.euWarCost.value, ruCapacityAtCeasefire: 0.3 })).toEqual(['ruCapacityAtCeasefire', 'vetoKeeps']);
    expect(assumptionGroupOf('euWarCost')).toBe('europe');
    expect(assumptionGroupOf('nope')).toBeUndefined();
  });
});

describe('the tornado groups', () => {
  const row = (key: string, group: 'policy' | 'model', span: number, isSwitch = false): TornadoRow => ({
    key, kind: group === 'policy' ? 'lever' : 'assumption', group, isSwitch, label: key, low: 0, high: span, lowCI: [0, 0], highCI: [span, span], lowText: '', highText: '', pLow: 0, pHigh: 0, span,
  });
  test('each group is sorted by span; the model group shows its top 12 until all are asked for', () => {
    const rows = [row('a', 'policy', 1), row('b', 'policy', 3), ...Array.from({ length: 20 }, (_, i) => row(`m${i}`, 'model', i))];
    expect(groupRows(rows, 'policy').shown.map((r) => r.key)).toEqual(['b', 'a']);
    const top = groupRows(rows, 'model', TORNADO_MODEL_TOP, false);
    expect(top.total).toBe(20);
    expect(top.shown.map((r) => r.key)).toEqual(Array.from({ length: 12 }, (_, i) => `m${19 - i}`));
    expect(groupRows(rows, 'model', TORNADO_MODEL_TOP, true).shown).toHaveLength(20);
  });
  test('an on/off switch says so in its label', () => {
    expect(rowLabel({ label: 'Snapback sanctions', isSwitch: true })).toBe('Snapback sanctions (on/off)');
    expect(rowLabel({ label: 'European troops', isSwitch: false })).toBe('European troops');
  });
});

describe('saved scenarios keep their assumptions', () => {
  test('scenarioFromTitle writes the changed assumptions and scenarioFile keeps them, so a saved scenario loads with them', async () => {
    const { scenarioFile, scenarioFromTitle } = await import('../../src/ui/state/store');
    const { defaultLevers, parseScenario } = await import('../../src/engine');
    const r = scenarioFromTitle('With costs', '', defaultLevers(), [], new Date(Date.UTC(2025, 5, 5)), { euWarCost: 0.4, vetoKeeps: ASSUMPTIONS.vetoKeeps.value });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.assumptions).toEqual({ euWarCost: 0.4 });
    const again = parseScenario(JSON.stringify(scenarioFile(r.value)));
    expect(again.ok && again.value.assumptions).toEqual({ euWarCost: 0.4 });
    const none = scenarioFromTitle('Plain', '', defaultLevers(), []);
    expect(none.ok && 'assumptions' in scenarioFile(none.value)).toBe(false);
  });
});

describe('the store keeps the current assumptions', () => {
  test('serializeStore writes them and readStore reads them back; a bad value is reported and the defaults are used', async () => {
    const { readStore, serializeStore } = await import('../../src/ui/state/store');
    const { defaultLevers } = await import('../../src/engine');
    const state = { levers: defaultLevers(), seed: '1', trials: 10_000, view: 'explore' as const, scenarios: [], current: null, assumptions: { euWarCost: 0.4 } };
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v), removeItem: (k: string) => void mem.delete(k) };
    mem.set('ceasefire-sim:v1', serializeStore(state));
    const r = readStore(() => storage);
    expect(r.problems).toEqual([]);
    expect(r.state?.assumptions).toEqual({ euWarCost: 0.4 });
    mem.set('ceasefire-sim:v1', JSON.stringify({ ...JSON.parse(serializeStore(state)), assumptions: { euWarCost: 9 } }));
    const bad = readStore(() => storage);
    expect(bad.state?.assumptions).toBeUndefined();
    expect(bad.problems[0].field).toBe('assumptions.euWarCost');
    expect(bad.problems[0].message).toContain('0.15–0.5');
    expect(JSON.parse(serializeStore({ ...state, assumptions: {} }))).not.toHaveProperty('assumptions');
  });
});
