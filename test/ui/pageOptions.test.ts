import { describe, expect, test } from 'vitest';
import { decodeUrlState } from '../../src/engine/io/urlState';
import { PAGE_KEYS, pageQuery, parsePageOptions } from '../../src/ui/state/pageOptions';

describe('parsePageOptions()', () => {
  test.each([
    ['', { view: null, workers: null }],
    ['?view=sweep', { view: 'sweep', workers: null }],
    ['view=model&workers=2', { view: 'model', workers: 2 }],
    ['?v=1&euTroops=5000&workers=1', { view: null, workers: 1 }],
  ])('%j gives %j', (search, want) => expect(parsePageOptions(search)).toEqual(want));

  test.each([
    ['?view=bogus', 'a view that does not exist'],
    ['?view=', 'an empty view'],
    ['?view=EXPLORE', 'a view in the wrong case'],
    ['?workers=0', 'zero workers'],
    ['?workers=-2', 'negative workers'],
    ['?workers=1.5', 'a fraction of a worker'],
    ['?workers=many', 'text'],
    ['?workers=', 'an empty count'],
  ])('%j (%s) counts as absent', (search) => {
    expect(parsePageOptions(search)).toEqual({ view: null, workers: null });
  });
});

describe('pageQuery()', () => {
  test('writes only the options that are set, and parses back to them', () => {
    expect(pageQuery({ view: null, workers: null })).toBe('');
    expect(pageQuery({ view: 'why', workers: 3 })).toBe('&view=why&workers=3');
    expect(parsePageOptions(pageQuery({ view: 'discover', workers: null }))).toEqual({ view: 'discover', workers: null });
  });
});

describe("the engine's link decoder and the page's keys", () => {
  test('the engine does not know the page keys: unnamed, they are unknown levers', () => {
    const { errors } = decodeUrlState('?v=1&view=sweep&workers=2');
    expect(errors.map((e) => e.field)).toEqual(['view', 'workers']);
    expect(errors[0].message).toBe('unknown lever "view"');
  });

  test('named by the page, they are skipped and the run state is read as usual', () => {
    const { errors, state } = decodeUrlState('?v=1&view=sweep&workers=2&euTroops=50000', PAGE_KEYS);
    expect(errors).toEqual([]);
    expect(state.levers.euTroops).toBe(50_000);
  });
});
