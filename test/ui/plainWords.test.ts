import { describe, expect, it } from 'vitest';
import { COMPONENT_KEYS, DEFAULT_PARAMS, defaultLevers, modelParams, reconstitutionYears, reliefPace } from '../../src/engine';
import { drawMeaning, num, plainConditions, plainLimit } from '../../src/ui/views/discoverView';
import { COMPONENT_MEANINGS } from '../../src/ui/views/whyView';

const d = defaultLevers();
const limit = (key: string, lo: number | null, hi: number | null, label = key) => ({ key, label, lo, hi, text: '' });

describe('conditions for war in plain words', () => {
  const cases: [ReturnType<typeof limit>, string][] = [
    [limit('resolve', 0.834, null), "Moscow's resolve is at least 0.83"],
    [limit('europeDraw', null, 0.4), "Europe's reluctance to fight is at most 0.40"],
    [limit('resolve', 0.2, 0.6), "Moscow's resolve is between 0.20 and 0.60"],
    [limit('reconstitutionLevel', null, 3), `Russia rebuilds within ${reconstitutionYears(DEFAULT_PARAMS, d.ruReconstitutionYears, 3).toFixed(1)} years`],
    [limit('reliefLevel', 2, null), `sanctions are lifted at ${(100 * reliefPace(DEFAULT_PARAMS, d.sanctionsReliefPerYear, 2)).toFixed(0)}% a year or faster`],
    [limit('usCredibilityTerm1', null, -0.0001, 'US credibility (elected November 2028)'), 'the US credibility (elected November 2028) is at most 0.00'],
  ];
  for (const [l, text] of cases) it(`writes ${l.key} ${l.lo ?? ''}–${l.hi ?? ''} as "${text}"`, () => expect(plainLimit(l, d)).toBe(text));

  it('reads the run’s own assumptions when given them (a plausible world’s reconstitution spread)', () => {
    const p = modelParams({ reconstitutionSpread: 0.6 });
    const l = limit('reconstitutionLevel', null, 3);
    expect(plainLimit(l, d, p)).toBe(`Russia rebuilds within ${reconstitutionYears(p, d.ruReconstitutionYears, 3).toFixed(1)} years`);
    expect(plainLimit(l, d, p)).not.toBe(plainLimit(l, d));
  });

  it('never writes "level" jargon or a negative zero', () => {
    const all = plainConditions([limit('reconstitutionLevel', 1, 3), limit('reliefLevel', null, 1), limit('europeDraw', -0.0001, null)], d);
    expect(all).not.toMatch(/level|−0\.00|-0\.00/);
    expect(all.split('; and ')).toHaveLength(3);
    expect(all).toMatch(/^Russia rebuilds in/);
    expect(plainConditions([], d)).toBe('in all trials');
    expect([num(-0.001), num(-0.5), num(0.25, 1)]).toEqual(['0.00', '−0.50', '0.3']);
  });

  it('defines every draw and every component of the calculation', () => {
    for (const k of ['resolve', 'europeDraw', 'reliefLevel', 'reconstitutionLevel', 'usCredibilityTerm2']) expect(drawMeaning(k).means.length).toBeGreaterThan(30);
    for (const k of COMPONENT_KEYS) expect(COMPONENT_MEANINGS[k].length, k).toBeGreaterThan(30);
  });
});
