import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUrlState, defaultLevers, type Levers } from '../../src/engine';
import { PAGE_KEYS } from '../../src/ui/state/pageOptions';
import { EMPTY_LINK, decodePageLink, encodePageLink, leversOf, pageLinkOf, parseScenarioToken, scenarioToken, type PageLink } from '../../src/ui/state/linkState';

const d = defaultLevers();
const presets = [
  { id: 'baseline', title: 'Baseline', resolved: d },
  { id: 'full-package', title: 'Full package', resolved: { ...d, euTroops: 60_000 } },
];
const query = (link: PageLink) => new URLSearchParams(encodePageLink(link)).toString();

describe('page links', () => {
  it('an empty link writes nothing and reads back empty', () => {
    expect(encodePageLink(EMPTY_LINK)).toEqual([]);
    expect(decodePageLink('', presets)).toEqual({ link: EMPTY_LINK, errors: [] });
  });

  it('round-trips the preset, modified flag, baseline, compare list, reference and threshold', () => {
    const custom: Levers = { ...d, euTroops: 100_000, euPosture: 'combat', article5Like: true, ceasefireStart: '2027-03' };
    const link: PageLink = {
      preset: 'full-package',
      modified: true,
      baseline: { scenario: { kind: 'levers', levers: custom }, seed: 'other', trials: 20_000, assumptions: {} },
      compare: [{ kind: 'preset', id: 'baseline' }, { kind: 'current' }, { kind: 'levers', levers: custom }],
      reference: 2,
      threshold: 0.05,
    };
    const q = query(link);
    expect(q).toBe(
      'preset=full-package&modified=1&base=%7EeuTroops%3A100000%2CeuPosture%3Acombat%2Carticle5Like%3Atrue%2CceasefireStart%3A2027-03&baseSeed=other&baseTrials=20000&cmp=baseline%7Ccurrent%7C%7EeuTroops%3A100000%2CeuPosture%3Acombat%2Carticle5Like%3Atrue%2CceasefireStart%3A2027-03&ref=3&matter=5',
    );
    expect(decodePageLink(q, presets)).toEqual({ link, errors: [] });
  });

  it('round-trips any levers as a scenario token', () => {
    const arb = fc.record({ euTroops: fc.integer({ min: 0, max: 200_000 }), article5Like: fc.boolean(), usTier: fc.constantFrom('none', 'air-power', 'rapid-reinforcement') });
    fc.assert(
      fc.property(arb, (p) => {
        const levers = { ...d, ...p } as Levers;
        const back = parseScenarioToken(scenarioToken({ kind: 'levers', levers }), 'base', presets, false);
        expect(back).toEqual({ value: { kind: 'levers', levers }, errors: [] });
      }),
      { seed: 13, numRuns: 100 },
    );
    expect(scenarioToken({ kind: 'levers', levers: d })).toBe('~');
  });

  const bad: { name: string; search: string; field: string; message: RegExp }[] = [
    { name: 'an unknown preset', search: 'preset=nope', field: 'preset', message: /^"nope" is not a preset; expected one of baseline, full-package$/ },
    { name: 'a bad modified flag', search: 'preset=baseline&modified=yes', field: 'modified', message: /expected 1 or 0/ },
    { name: '"current" as the baseline', search: 'base=current', field: 'base', message: /cannot be the baseline/ },
    { name: 'an unknown lever in a baseline', search: 'base=~euTroop:5', field: 'base: euTroop', message: /euTroops/ },
    { name: 'an out-of-range lever in the compare list', search: 'cmp=baseline|~euTroops:-5', field: 'cmp 2: euTroops', message: /0–200,000/ },
    { name: 'a lever without a value', search: 'cmp=~euTroops', field: 'cmp 1: euTroops', message: /expected key:value/ },
    { name: 'too many compared scenarios', search: 'cmp=baseline|baseline|baseline|baseline|baseline|baseline|baseline', field: 'cmp', message: /at most 6/ },
    { name: 'a reference outside the list', search: 'cmp=baseline|current&ref=3', field: 'ref', message: /expected 1–2/ },
    { name: 'a threshold out of range', search: 'matter=80', field: 'matter', message: /expected 0.1–50 points/ },
    { name: 'bad baseline trials', search: 'base=baseline&baseTrials=5', field: 'baseTrials', message: /100/ },
  ];
  for (const c of bad) {
    it(`reports ${c.name}, naming the field, and keeps the rest`, () => {
      const { link, errors } = decodePageLink(`${c.search}&matter=3`.replace('&matter=3', c.search.includes('matter') ? '' : '&matter=3'), presets);
      const e = errors.find((x) => x.field === c.field);
      expect(e, JSON.stringify(errors)).toBeDefined();
      expect(e!.message).toMatch(c.message);
      if (!c.search.includes('matter')) expect(link.threshold).toBe(0.03);
    });
  }

  it('drops a scenario with a bad lever whole but keeps the good ones', () => {
    const { link } = decodePageLink('cmp=baseline|~euTroops:-5|current', presets);
    expect(link.compare).toEqual([{ kind: 'preset', id: 'baseline' }, { kind: 'current' }]);
  });
});

describe('the page link of what the page shows', () => {
  const view = {
    loadedPreset: 'full-package',
    modified: true,
    baseline: { levers: { ...d, euTroops: 60_000 }, seed: '1', trials: 10_000 },
    run: { seed: '1', trials: 10_000 },
    compare: [
      { kind: 'preset' as const, key: 'baseline', levers: d },
      { kind: 'saved' as const, key: 'saved-x', levers: { ...d, usTier: 'none' as const } },
      { kind: 'current' as const, key: 'current', levers: d },
    ],
    reference: 'current',
    threshold: 0.02,
    defaultThreshold: 0.02,
  };
  it('names a baseline by the preset its levers equal, carries saved scenarios as levers, and omits defaults', () => {
    const link = pageLinkOf(view, presets);
    expect(link).toEqual({
      preset: 'full-package',
      modified: true,
      baseline: { scenario: { kind: 'preset', id: 'full-package' }, seed: null, trials: null, assumptions: {} },
      compare: [{ kind: 'preset', id: 'baseline' }, { kind: 'levers', levers: { ...d, usTier: 'none' } }, { kind: 'current' }],
      reference: 2,
      threshold: null,
    });
    expect(decodePageLink(new URLSearchParams(encodePageLink(link)).toString(), presets).link).toEqual(link);
  });
  it('keeps a baseline of another seed and trials, and a threshold that is not the default', () => {
    const link = pageLinkOf({ ...view, baseline: { levers: { ...d, euTroops: 1 }, seed: 'b', trials: 500 }, threshold: 0.04 }, presets);
    expect(link.baseline).toEqual({ scenario: { kind: 'levers', levers: { ...d, euTroops: 1 } }, seed: 'b', trials: 500, assumptions: {} });
    expect(link.threshold).toBe(0.04);
  });
  it('the run decoder skips the page keys and keeps the run keys', () => {
    const { state, errors } = decodeUrlState('?v=1&seed=2&preset=baseline&base=~&cmp=current&ref=1&matter=3&modified=1&euTroops=5', PAGE_KEYS);
    expect(errors).toEqual([]);
    expect(state).toEqual({ levers: { ...d, euTroops: 5 }, seed: '2', trials: 10_000 });
    expect(leversOf({ kind: 'preset', id: 'full-package' }, presets, d).euTroops).toBe(60_000);
    expect(leversOf({ kind: 'current' }, presets, { ...d, euTroops: 7 }).euTroops).toBe(7);
  });
});
