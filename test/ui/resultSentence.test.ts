import { describe, expect, it } from 'vitest';
import { percent, points, resultSentence, type SentenceInput } from '../../src/ui/views/resultSentence';
import { inSentence, leverChanges, runChanges } from '../../src/ui/views/leverChanges';
import { defaultLevers } from '../../src/engine';

const TROOPS = { label: 'European troops in Ukraine', from: '25,000 troops', to: '100,000 troops' };
const POSTURE = { label: 'posture of the European force', from: 'tripwire', to: 'combat' };
const base = (over: Partial<SentenceInput>): SentenceInput => ({
  metricLabel: 'the chance of renewed war',
  horizonYears: 10,
  current: { share: 0.26, name: null },
  baseline: { share: 0.42, name: 'Coalition tripwire' },
  changes: [TROOPS, POSTURE],
  diffCI: [-0.17, -0.15],
  threshold: 0.02,
  ...over,
});

describe('resultSentence', () => {
  const DEFAULT = '2 points, the default smallest difference that matters';
  const A = 'Against the baseline (Coalition tripwire), ';
  const BOTH = 'European troops in Ukraine at 100,000 troops instead of 25,000 troops and posture of the European force at combat instead of tripwire';
  const cases: { name: string; input: SentenceInput; verdict: string; text: string }[] = [
    {
      name: 'smaller: a cut that matters, with a comparator from the same baseline',
      input: base({ comparators: [{ name: 'a US rapid-reinforcement backstop', diff: -0.165 }] }),
      verdict: 'matters',
      text: `${A}${BOTH} cut the chance of renewed war within 10 years from 42.0% to 26.0% (−16.0 points; 95% interval −17.0 to −15.0 points): large enough to matter, since its whole interval is beyond ${DEFAULT}. From the same baseline, a US rapid-reinforcement backstop cuts it by 16.5 points.`,
    },
    {
      name: 'bigger: one change raises the chance',
      input: base({ current: { share: 0.5, name: 'Bluff and pray' }, changes: [TROOPS], diffCI: [0.06, 0.1], comparators: [{ name: 'Sanctions only', diff: 0.03 }] }),
      verdict: 'matters',
      text: `${A}European troops in Ukraine at 100,000 troops instead of 25,000 troops raises the chance of renewed war within 10 years from 42.0% to 50.0% (+8.0 points; 95% interval +6.0 to +10.0 points): large enough to matter, since its whole interval is beyond ${DEFAULT}. From the same baseline, Sanctions only raises it by 3.0 points.`,
    },
    {
      name: 'not detectable, and too small either way: the interval includes zero and stays under the threshold',
      input: base({ current: { share: 0.424, name: null }, diffCI: [-0.002, 0.01] }),
      verdict: 'not-detectable',
      text: `${A}${BOTH} put the chance of renewed war within 10 years at 42.4%, against 42.0% (+0.4 points; 95% interval −0.2 to +1.0 point). With these trials that difference cannot be told apart from chance, and its whole interval is under ${DEFAULT}: whichever way it goes, it is too small to matter.`,
    },
    {
      name: 'not detectable, and it might matter: run more trials',
      input: base({ current: { share: 0.44, name: null }, diffCI: [-0.01, 0.05] }),
      verdict: 'not-detectable',
      text: `${A}${BOTH} put the chance of renewed war within 10 years at 44.0%, against 42.0% (+2.0 points; 95% interval −1.0 to +5.0 points). With these trials that difference cannot be told apart from chance: run more trials before reading anything into it.`,
    },
    {
      name: 'detectable but small: its whole interval under the default threshold',
      input: base({ current: { share: 0.416, name: null }, diffCI: [-0.006, -0.002] }),
      verdict: 'too-small',
      text: `${A}${BOTH} cut the chance of renewed war within 10 years from 42.0% to 41.6% (−0.4 points; 95% interval −0.6 to −0.2 points). These trials detect the difference, but its whole interval is under ${DEFAULT}.`,
    },
    {
      name: 'detectable, with an interval either side of the threshold',
      input: base({ current: { share: 0.445, name: null }, changes: [TROOPS, POSTURE, TROOPS], diffCI: [0.01, 0.04], threshold: 0.02 }),
      verdict: 'may-matter',
      text: `${A}the 3 changes listed below raise the chance of renewed war within 10 years from 42.0% to 44.5% (+2.5 points; 95% interval +1.0 to +4.0 points). These trials detect the difference, but its interval straddles ${DEFAULT}: run more trials to tell whether it matters.`,
    },
    {
      name: 'no baseline: the figure and how to compare',
      input: base({ baseline: null, diffCI: null, current: { share: 0.262, name: 'Full package' }, horizonYears: 1 }),
      verdict: 'no-baseline',
      text: 'With “Full package”, the chance of renewed war within 1 year is 26.2%. Pin it as a baseline, change a lever, and this sentence says what the change does.',
    },
    {
      name: 'same inputs as the baseline',
      input: base({ changes: [], current: { share: 0.42, name: null }, diffCI: [0, 0] }),
      verdict: 'same',
      text: "The current inputs are the baseline's (Coalition tripwire): the chance of renewed war within 10 years is 42.0% in both. Change a lever or a model assumption to compare.",
    },
    {
      name: 'a threshold the reader raised turns a detectable 3-point cut into too small, in their words',
      input: base({ current: { share: 0.39, name: null }, changes: [TROOPS], diffCI: [-0.04, -0.02], threshold: 0.05, thresholdUserSet: true }),
      verdict: 'too-small',
      text: `${A}European troops in Ukraine at 100,000 troops instead of 25,000 troops cuts the chance of renewed war within 10 years from 42.0% to 39.0% (−3.0 points; 95% interval −4.0 to −2.0 points). These trials detect the difference, but its whole interval is under 5 points, the smallest difference you said matters.`,
    },
    {
      name: 'comparators each said in their own words, whichever way they go',
      input: base({ comparators: [{ name: 'Russian veto', diff: 0.05 }, { name: 'Steel porcupine', diff: -0.08 }, { name: 'ignored third', diff: 0 }] }),
      verdict: 'matters',
      text: `${A}${BOTH} cut the chance of renewed war within 10 years from 42.0% to 26.0% (−16.0 points; 95% interval −17.0 to −15.0 points): large enough to matter, since its whole interval is beyond ${DEFAULT}. From the same baseline, Russian veto raises it by 5.0 points and Steel porcupine cuts it by 8.0 points.`,
    },
    {
      name: 'a share of zero never reads as 0.0 when it is not',
      input: base({ baseline: null, diffCI: null, current: { share: 0.0003, name: 'Steel porcupine' } }),
      verdict: 'no-baseline',
      text: 'With “Steel porcupine”, the chance of renewed war within 10 years is under 0.1%. Pin it as a baseline, change a lever, and this sentence says what the change does.',
    },
  ];
  for (const c of cases) {
    it(`writes the ${c.name} case`, () => {
      const r = resultSentence(c.input);
      expect(r.verdict).toBe(c.verdict);
      expect(r.text).toBe(c.text);
    });
  }

  const errors: { name: string; input: SentenceInput; message: string }[] = [
    { name: 'a share above 1', input: base({ current: { share: 1.2, name: null } }), message: 'current.share: 1.2 is not a share; expected 0–1' },
    { name: 'a NaN baseline', input: base({ baseline: { share: NaN, name: 'x' } }), message: 'baseline.share: NaN is not a share; expected 0–1' },
    { name: 'a threshold in points, not a share', input: base({ threshold: 2 }), message: 'threshold: 2 is not a share; expected above 0 and at most 1 (0.02 = 2 points)' },
    { name: 'a baseline without an interval', input: base({ diffCI: null }), message: 'diffCI: is missing' },
    { name: 'a zero horizon', input: base({ horizonYears: 0 }), message: 'horizonYears: 0 must be above 0' },
  ];
  for (const c of errors) {
    it(`refuses ${c.name}, naming the field`, () => {
      expect(() => resultSentence(c.input)).toThrow(c.message);
    });
  }
});

describe('sentence formatting', () => {
  it('percent writes one decimal, as the headline does, so a sentence never rounds a figure the headline shows differently', () => {
    expect([percent(0.4249), percent(0.063), percent(0.004), percent(0), percent(0.0002), percent(1)]).toEqual(['42.5%', '6.3%', '0.4%', '0.0%', 'under 0.1%', '100.0%']);
  });
  it('points signs differences and says point for exactly one', () => {
    expect([points(0.031), points(-0.004), points(0), points(0.01)]).toEqual(['+3.1 points', '−0.4 points', '±0.0 points', '+1.0 point']);
  });
});

describe('leverChanges', () => {
  it('names the changed levers in registry order, in sentence case with their units', () => {
    const a = defaultLevers();
    const b = { ...a, euPosture: 'combat' as const, euTroops: 100_000, secondarySanctions: !a.secondarySanctions };
    expect(leverChanges(a, b)).toEqual([
      { label: 'European troops in Ukraine', from: '30,000 troops', to: '100,000 troops' },
      { label: 'posture of the European force', from: 'tripwire', to: 'combat' },
      { label: 'secondary sanctions in the snapback', from: a.secondarySanctions ? 'on' : 'off', to: a.secondarySanctions ? 'off' : 'on' },
    ]);
    expect(leverChanges(a, a)).toEqual([]);
  });
  it('keeps the capital of names', () => {
    expect([inSentence('US backstop'), inSentence("Ukraine's standing army"), inSentence('Horizon')]).toEqual(['US backstop', "Ukraine's standing army", 'horizon']);
  });
  it('lists a different seed or trial count', () => {
    expect(runChanges({ seed: '1', trials: 10_000 }, { seed: '2', trials: 20_000 })).toEqual([
      { label: 'the seed', from: '“1”', to: '“2”' },
      { label: 'the trials', from: '10,000', to: '20,000' },
    ]);
  });
});
