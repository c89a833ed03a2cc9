// Fuzzing the page's own link keys and its local store's assumptions: any `a.*`, `base.a.*`, `cmp`,
// `base`, `ref`, `worlds`, `worldTrials` value decodes without throwing; every problem is named;
// what is kept is valid (each compared scenario once, a reference inside the list, worlds options in
// range, assumptions in range); the stored assumptions keep every good value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSUMPTION_KEYS, ASSUMPTIONS, checkAssumptionValue, defaultLevers, type AssumptionKey } from '../../src/engine';
import { decodeUrlState } from '../../src/engine/io/urlState';
import { baselineAssumptions, decodePageLink, scenarioToken } from '../../src/ui/state/linkState';
import { PAGE_KEYS, WORLDS_RANGE, WORLD_TRIALS_RANGE, decodeWorldsOptions } from '../../src/ui/state/pageOptions';
import { STORE_KEY, readStore, serializeStore } from '../../src/ui/state/store';
import { MAX_URL_ERRORS, capUrlErrors } from '../../src/ui/state/urlErrors';
import { FEW, NUMBER_NOTATIONS, expectFieldErrors, expectPrototypeUntouched, hostileString, prototypeSnapshot, runs } from './helpers';

const d = defaultLevers();
const presets = [
  { id: 'baseline', title: 'Baseline', resolved: d },
  { id: 'full-package', title: 'Full package', resolved: { ...d, euTroops: 60_000 } },
];
const key = fc.constantFrom(...ASSUMPTION_KEYS);
const value = fc.oneof(fc.constantFrom(...NUMBER_NOTATIONS), hostileString(12), fc.double({ noNaN: false }).map(String));
const token = fc.oneof(fc.constantFrom('baseline', 'full-package', 'current', '~', '~euTroops:5', '~euTroops:-1', '~nope:1', 'x'), hostileString(10));
const pair: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(key.map((k) => `a.${k}`), value),
  fc.tuple(fc.oneof(key, hostileString(6)).map((k) => `base.a.${k}`), value),
  fc.tuple(fc.constant('cmp'), fc.array(token, { maxLength: 9 }).map((t) => t.join('|'))),
  fc.tuple(fc.constantFrom('base', 'ref', 'worlds', 'worldTrials', 'matter', 'preset', 'baseSeed', 'baseTrials'), fc.oneof(token, value)),
);
const query = fc.array(pair, { maxLength: 12 }).map((ps) => new URLSearchParams(ps).toString());

describe('page link keys under fuzzing', () => {
  it('decode without throwing, name every problem and keep only valid values', () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(query, (q) => {
        const run = decodeUrlState(q, PAGE_KEYS);
        const { link, errors } = decodePageLink(q, presets);
        const worlds = decodeWorldsOptions(q, 118);
        for (const list of [run.errors, errors, worlds.errors]) if (list.length) expectFieldErrors(list);
        const problems: string[] = [];
        const tokens = link.compare.map(scenarioToken);
        if (new Set(tokens).size !== tokens.length || tokens.length > 6) problems.push(`compare ${tokens.join('|')}`);
        if (link.reference !== null && (link.reference < 0 || link.reference >= link.compare.length)) problems.push(`ref ${link.reference}`);
        const o = worlds.options;
        if (!Number.isInteger(o.worlds) || o.worlds < WORLDS_RANGE.min || o.worlds > 118) problems.push(`worlds ${o.worlds}`);
        if (!Number.isInteger(o.trials) || o.trials < WORLD_TRIALS_RANGE.min || o.trials > WORLD_TRIALS_RANGE.max) problems.push(`worldTrials ${o.trials}`);
        const both = link.baseline ? baselineAssumptions(link.baseline.assumptions, run.state.assumptions) : (run.state.assumptions ?? {});
        for (const [k, v] of Object.entries(both)) if (!checkAssumptionValue(k as AssumptionKey, v).ok) problems.push(`assumption ${k}=${v}`);
        if (capUrlErrors([...run.errors, ...errors, ...worlds.errors]).length > MAX_URL_ERRORS + 1) problems.push('uncapped');
        if (problems.length) expect(problems, q).toEqual([]);
      }),
      runs(FEW),
    );
    expectPrototypeUntouched(before);
  });
});

describe('stored assumptions under fuzzing', () => {
  const kept = { levers: d, seed: '1', trials: 1000, view: 'explore' as const, scenarios: [], current: null };
  const entry = fc.tuple(fc.oneof(key, hostileString(8), fc.constant('__proto__')), fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.boolean()));
  it('keep exactly the valid values and report each bad one', () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const stored = Object.fromEntries(entries);
        const text = JSON.stringify({ ...JSON.parse(serializeStore(kept)), assumptions: stored });
        const r = readStore(() => ({ getItem: (k) => (k === STORE_KEY ? text : null), setItem: () => {}, removeItem: () => {} }));
        const got = r.state!.assumptions ?? {};
        const want = Object.entries(stored).filter(([k, v]) => k in ASSUMPTIONS && Object.hasOwn(ASSUMPTIONS, k) && checkAssumptionValue(k as AssumptionKey, v).ok && v !== ASSUMPTIONS[k as AssumptionKey].value);
        const problems: string[] = [];
        for (const [k, v] of want) if (!Object.is(got[k as AssumptionKey], v === 0 ? 0 : v)) problems.push(`lost ${k}`);
        if (Object.keys(got).length !== want.length) problems.push(`kept ${Object.keys(got).join()}`);
        const bad = Object.keys(stored).length - Object.entries(stored).filter(([k, v]) => Object.hasOwn(ASSUMPTIONS, k) && checkAssumptionValue(k as AssumptionKey, v).ok).length;
        if (r.problems.length !== bad) problems.push(`${r.problems.length} problems for ${bad} bad values`);
        if (r.problems.length) expectFieldErrors(r.problems);
        if (problems.length) expect(problems, text).toEqual([]);
      }),
      runs(FEW),
    );
    expectPrototypeUntouched(before);
  });
});
