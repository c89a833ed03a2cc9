// Issue 20 items 1 and 6: a comparison names every difference, levers and model assumptions alike,
// and pinning with nothing changed says only that the inputs are the same.
import { describe, expect, it } from 'vitest';
import { defaultLevers, simulate, summarize, type AssumptionValues, type Levers } from '../../src/engine';
import type { RunView } from '../../src/ui/state/appState.svelte';
import { headlineSentence } from '../../src/ui/views/headlineSentence';
import { assumptionChanges, inputChanges } from '../../src/ui/views/leverChanges';

function view(levers: Levers, assumptions: AssumptionValues = {}, seed = 'hs', trials = 2_000): RunView {
  const { model, results } = simulate(levers, { seed, trials, assumptions });
  const input = Object.keys(assumptions).length ? { levers, seed, trials, assumptions } : { levers, seed, trials };
  return { id: 1, input, summary: summarize(model, results, seed), band: { lo: [], hi: [] }, bins: [], model: () => model, results, ms: 0, workers: 1, preview: false };
}
const d = defaultLevers();

describe('headlineSentence()', () => {
  it('names an edited model assumption beside the lever changes, and does not credit the levers with it', () => {
    const baseline = view(d);
    const run = view({ ...d, euTroops: 55_000, usCredibility: 0.25 }, { peaceBaseValue: 0.2 });
    const told = headlineSentence({ run, baseline, name: null, baselineName: 'Baseline', threshold: 0.02 });
    expect(told.changes.map((c) => c.label)).toEqual(['European troops in Ukraine', expect.stringMatching(/^US credibility/), 'the model assumption “value to Moscow of keeping the ceasefire”']);
    expect(told.changes[2]).toMatchObject({ from: '0.289', to: '0.2' });
    expect(told.sentence.text).toContain('the 3 changes listed below');
    expect(told.baselineOwnAssumptions).toEqual([]);
  });

  it('names the baseline\'s own assumptions when it ran under changed ones', () => {
    const baseline = view(d, { peaceBaseValue: 0.2 });
    const run = view(d);
    const told = headlineSentence({ run, baseline, name: null, baselineName: 'b', threshold: 0.02 });
    expect(told.changes).toEqual([{ label: 'the model assumption “value to Moscow of keeping the ceasefire”', from: '0.2', to: '0.289' }]);
    expect(told.baselineOwnAssumptions).toHaveLength(1);
    expect(told.sentence.text).toContain('the model assumption “value to Moscow of keeping the ceasefire” at 0.289 instead of 0.2');
  });

  it('with nothing changed, says they are the same and gives no verdict on a zero difference', () => {
    const run = view(d);
    const told = headlineSentence({ run, baseline: view(d), name: null, baselineName: 'b', threshold: 0.02 });
    expect(told.changes).toEqual([]);
    expect(told.verdict).toBeNull();
    expect(told.sentence.verdict).toBe('same');
    expect(told.sentence.text).not.toMatch(/detectable|±0\.0/);
  });

  it('uses the verdict of judgeDifference in the sentence and the bold line alike', () => {
    const baseline = view(d);
    const run = view({ ...d, euTroops: 150_000, euPosture: 'combat' });
    const told = headlineSentence({ run, baseline, name: null, baselineName: 'b', threshold: 0.02 });
    expect(told.sentence.verdict).toBe(told.verdict!.kind);
    expect(told.sentence.text).toContain(told.verdict!.clause);
  });
});

describe('assumptionChanges() and inputChanges()', () => {
  it('treat an assumption at its calibrated value as no change', () => {
    expect(assumptionChanges({ peaceBaseValue: 0.289 }, {})).toEqual([]);
    expect(assumptionChanges({}, { peaceBaseValue: 0.1 })).toHaveLength(1);
  });
  it('list levers, then assumptions, then seed and trials', () => {
    const a = { levers: d, seed: '1', trials: 100 };
    const b = { levers: { ...d, euTroops: 90_000 }, seed: '2', trials: 100, assumptions: { peaceBaseValue: 0.1 } };
    expect(inputChanges(a, b).map((c) => c.label)).toEqual(['European troops in Ukraine', 'the model assumption “value to Moscow of keeping the ceasefire”', 'the seed']);
  });
});
