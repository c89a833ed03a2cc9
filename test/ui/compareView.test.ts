import { csvParse } from 'd3-dsv';
import { describe, expect, test } from 'vitest';
import { ENGINE_VERSION, LEVERS, defaultLevers, simulate, summarize, survivalBand, type Levers } from '../../src/engine';
import { COMPARE_METRICS, assumptionCell, compareCsv, differencesFrom, differingAssumptions, differingLevers, formatMetric, type CompareRun } from '../../src/ui/views/compareView';
import { judgeDifference, thresholdOf } from '../../src/ui/state/verdict';
import { entryInput } from '../../src/ui/state/compareState.svelte';
import { ASSUMPTION_KEYS } from '../../src/engine/model/assumptions';
import { HEADLINE, headlineDifference } from '../../src/ui/state/headlineMetric';
import { fileSlug, scenarioName } from '../../src/ui/state/scenarioName';
import { ASSUMPTIONS } from '../../src/engine/model/assumptions';
import { summaryCsv } from '../../src/ui/controls/summaryCsv';

const SEED = 'cmp';
const TRIALS = 3_000;
function runOf(key: string, name: string, levers: Levers, seed = SEED, trials = TRIALS): CompareRun {
  const { model, results } = simulate(levers, { seed, trials });
  const summary = summarize(model, results, seed);
  return { entry: { key, name, kind: 'preset', levers }, input: { levers, seed, trials }, summary, band: survivalBand(summary), results };
}
const d = defaultLevers();
const big = { ...d, euTroops: 150_000, euPosture: 'combat' as const };
const none = { ...d, usTier: 'none' as const };
const runs = [runOf('baseline', 'Baseline', d), runOf('big', 'Big force', big), runOf('none', 'No US', none)];

describe('the compare view model', () => {
  test('differingLevers lists exactly the levers not equal across the scenarios, in registry order', () => {
    expect(differingLevers(runs.map((r) => r.entry))).toEqual(['euTroops', 'euPosture', 'usTier']);
    expect(differingLevers([{ levers: d }, { levers: { ...d } }])).toEqual([]);
    expect(differingLevers([{ levers: big }])).toEqual([]);
  });

  test('differences from the reference are paired and equal the difference of the shares', () => {
    const diffs = differencesFrom(runs[0], runs, 0.02);
    expect(diffs.map((x) => x.key)).toEqual(['big', 'none']);
    for (const x of diffs) {
      const r = runs.find((y) => y.entry.key === x.key)!;
      expect(x.difference.paired).toBe(true);
      expect(x.difference.diff).toBeCloseTo(r.summary.pWar - runs[0].summary.pWar, 12);
      expect(x.difference.ci95[0]).toBeLessThan(x.difference.diff);
      // The verdict is the one the results sentence uses, from the same interval and threshold.
      expect(x.verdict).toEqual(judgeDifference(x.difference.diff, x.difference.ci95, thresholdOf(0.02)));
    }
    // A big combat force deters (a directional lever): it cannot raise the chance.
    expect(diffs[0].difference.diff).toBeLessThan(0);
  });

  test('the paired interval is narrower than the independent one for the same runs', () => {
    const paired = headlineDifference(runs[0], runs[1]);
    const other = runOf('big2', 'Big, other seed', big, 'another seed');
    const independent = headlineDifference(runs[0], other);
    expect(independent.paired).toBe(false);
    expect(paired.ci95[1] - paired.ci95[0]).toBeLessThan(independent.ci95[1] - independent.ci95[0]);
  });

  test('the CSV has one row per scenario with every metric, the paired difference, the run and every lever', () => {
    const rows = csvParse(compareCsv(runs, 'baseline', 0.02));
    expect(rows).toHaveLength(3);
    expect(rows.columns.slice(0, 3)).toEqual(['scenario', 'scenarioKey', 'reference']);
    for (const m of COMPARE_METRICS) expect(rows.columns).toContain(m.key);
    expect(rows.columns.slice(-LEVERS.length - ASSUMPTION_KEYS.length, -ASSUMPTION_KEYS.length)).toEqual(LEVERS.map((l) => l.key));
    expect(rows.columns.slice(-ASSUMPTION_KEYS.length)).toEqual(ASSUMPTION_KEYS.map((k) => `assumption:${k}`));
    expect(rows[1]['assumption:peaceBaseValue']).toBe(String(ASSUMPTIONS.peaceBaseValue.value));
    const v = differencesFrom(runs[0], runs, 0.02)[0].verdict;
    expect(rows[1].verdict).toBe(v.kind);
    expect(rows[1].matters).toBe(v.matters === null ? '' : String(v.matters));
    expect(rows.map((r) => r.reference)).toEqual(['true', 'false', 'false']);
    expect(rows[0].diffFromReference).toBe('');
    expect(Number(rows[1].headline)).toBe(runs[1].summary.pWar);
    expect(Number(rows[1].diffFromReference)).toBeCloseTo(runs[1].summary.pWar - runs[0].summary.pWar, 12);
    expect(rows[1].paired).toBe('true');
    expect(Number(rows[1].euTroops)).toBe(150_000);
    expect(rows[2].usTier).toBe('none');
    expect(rows[0].engineVersion).toBe(ENGINE_VERSION);
    expect(new Set(rows.map((r) => r.trials))).toEqual(new Set([String(TRIALS)]));
  });

  test('each entry runs under its own model assumptions, and the differing ones are listed beside the levers', () => {
    const preset = { key: 'p', name: 'P', kind: 'preset' as const, levers: d, assumptions: { peaceBaseValue: 0.1 } };
    const plain = { key: 'q', name: 'Q', kind: 'preset' as const, levers: d };
    // An assumption at its calibrated value is no change; a real change is carried into the run.
    expect(entryInput(preset, 's', 100)).toEqual({ levers: d, seed: 's', trials: 100, assumptions: { peaceBaseValue: 0.1 } });
    expect(entryInput({ ...plain, assumptions: { peaceBaseValue: ASSUMPTIONS.peaceBaseValue.value } }, 's', 100)).toEqual({ levers: d, seed: 's', trials: 100 });
    expect(differingAssumptions([preset, plain])).toEqual(['peaceBaseValue']);
    expect(differingAssumptions([plain, { ...plain }])).toEqual([]);
    expect([assumptionCell('peaceBaseValue', preset.assumptions), assumptionCell('peaceBaseValue')]).toEqual(['0.1', String(ASSUMPTIONS.peaceBaseValue.value)]);
  });

  test('metrics format as people read them, with a dash for none', () => {
    const share = COMPARE_METRICS.find((m) => m.format === 'share')!;
    const months = COMPARE_METRICS.find((m) => m.format === 'months')!;
    expect([formatMetric(share, 0.4219), formatMetric(months, 37), formatMetric(months, null)]).toEqual(['42.2%', '37 months', '—']);
  });
});

describe('scenarioName', () => {
  const presets = [
    { id: 'baseline', title: 'Baseline', resolved: d },
    { id: 'big', title: 'Big force', resolved: big },
  ];
  test('names the loaded scenario, marked modified when a lever changed', () => {
    expect(scenarioName(big, presets[1], presets)).toMatchObject({ name: 'Big force', id: 'big', modified: false });
    expect(scenarioName({ ...big, euTroops: 90_000 }, presets[1], presets)).toMatchObject({ name: 'Big force (modified)', id: 'big-modified', modified: true });
  });
  test('names levers equal to a preset after it, and anything else "your levers"', () => {
    expect(scenarioName({ ...big }, null, presets)).toMatchObject({ name: 'Big force', id: 'big' });
    expect(scenarioName(none, null, presets)).toMatchObject({ name: 'your levers', id: 'custom', scenario: null });
  });
  test('marks other model assumptions: changed from the calibrated defaults, or from those the scenario carries', () => {
    expect(scenarioName(big, presets[1], presets, { euWarCost: 0.4 })).toMatchObject({ name: 'Big force (other model assumptions)', id: 'big-assumptions', modified: true });
    expect(scenarioName({ ...big, euTroops: 90_000 }, presets[1], presets, { euWarCost: 0.4 })).toMatchObject({ name: 'Big force (modified)', modified: true });
    expect(scenarioName({ ...big }, null, presets, { euWarCost: 0.4 })).toMatchObject({ name: 'Big force (other model assumptions)', id: 'big-assumptions' });
    // A scenario that carries an assumption is itself under it, and other for the defaults.
    const carried = { id: 'tough', title: 'Tough', resolved: big, assumptions: { euWarCost: 0.4 } };
    expect(scenarioName(big, carried, presets, { euWarCost: 0.4 })).toMatchObject({ name: 'Tough', modified: false });
    expect(scenarioName(big, carried, presets)).toMatchObject({ name: 'Tough (other model assumptions)', modified: true });
    // An assumption set to its calibrated default is no change.
    expect(scenarioName(big, presets[1], presets, { euWarCost: ASSUMPTIONS.euWarCost.value })).toMatchObject({ name: 'Big force', modified: false });
  });
  test('fileSlug keeps ids safe for file names', () => {
    expect([fileSlug('full-package'), fileSlug('My scenario!'), fileSlug('///'), fileSlug('a'.repeat(60)).length]).toEqual(['full-package', 'my-scenario', 'custom', 48]);
  });
});

describe('summaryCsv with a baseline', () => {
  test('carries the baseline, its differing levers and the paired difference', () => {
    const [base, cur] = [runs[0], runs[1]];
    const difference = headlineDifference(base, cur);
    const rows = csvParse(
      summaryCsv(cur.summary, cur.band, 'Big force', { name: 'Baseline', summary: base.summary, metric: HEADLINE.key, baselineValue: HEADLINE.share(base.summary), difference, threshold: 0.02 }),
    );
    const get = (metric: string) => rows.find((r) => r.metric === metric);
    expect(get('baseline:scenario')?.value).toBe('Baseline');
    expect(get('baseline:lever:euTroops')?.value).toBe(String(d.euTroops));
    expect(get('baseline:lever:usTier')).toBeUndefined();
    expect(Number(get('baseline:pWar')?.value)).toBe(Number(base.summary.pWar.toPrecision(6)));
    const diff = get('difference:pWar')!;
    // Differences of shares, to 6 significant digits, with their unit.
    expect(diff.unit).toBe('shareDifference');
    expect(Number(diff.value)).toBe(Number(difference.diff.toPrecision(6)));
    expect([Number(diff.ci95Low), Number(diff.ci95High)]).toEqual(difference.ci95.map((x) => Number(x.toPrecision(6))));
    expect(get('difference:paired')?.value).toBe('true');
    expect(get('difference:threshold')?.value).toBe('0.02');
    expect(get('difference:thresholdSetByUser')?.value).toBe('false');
    expect(get('difference:verdict')?.value).toBe(judgeDifference(difference.diff, difference.ci95, thresholdOf(0.02)).kind);
    // Without a baseline there are no such rows.
    expect(csvParse(summaryCsv(cur.summary, cur.band)).some((r) => r.metric.startsWith('baseline:'))).toBe(false);
  });
});
