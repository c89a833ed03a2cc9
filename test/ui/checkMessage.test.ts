// The page's checks of what a simulation worker sends back: every trial array of the one schema
// (TRIAL_ARRAYS), its type, its length and its values, so a garbled chunk counts as a crash.
import { describe, expect, test } from 'vitest';
import { LEVERS, TRIAL_ARRAYS, defaultLevers, simulate, type Levers, type TrialResults } from '../../src/engine';
import { isChunk, isWorkerResponse } from '../../src/workers/checkMessage';

const n = 400;
// Three years, so that some trials probe, some go to war and some hold.
const clean = simulate({ ...defaultLevers(), horizonYears: 3, ruResolve: 0.9 }, { seed: 'check', trials: n }).results;

/** A deep copy of the clean chunk, changed by `edit`. */
function edited(edit: (r: Record<string, unknown> & TrialResults) => void): TrialResults {
  const r = { trials: clean.trials } as Record<string, unknown> & TrialResults;
  for (const { key } of TRIAL_ARRAYS) (r as Record<string, unknown>)[key] = clean[key].slice();
  edit(r);
  return r;
}

const result = (results: unknown, from = 0, to = n) => ({ type: 'result', runId: 1, from, to, results, ms: 1 });
const firstWar = () => clean.warMonth.findIndex((m) => m > 0);
const firstHeld = () => clean.month.findIndex((m) => m === 0);

describe('isWorkerResponse', () => {
  test('accepts a chunk the engine wrote, and the chunk has a war, a probe or war, and a held trial to test against', () => {
    expect(isWorkerResponse(result(clean))).toBe(true);
    expect(firstWar()).toBeGreaterThanOrEqual(0);
    expect(firstHeld()).toBeGreaterThanOrEqual(0);
  });

  /** Every number and choice lever at one end of its range (switches all on or all off). */
  const extreme = (end: 'min' | 'max'): Levers => {
    const out: Record<string, unknown> = { ...defaultLevers() };
    for (const l of LEVERS) {
      if (l.kind === 'number') out[l.key] = l[end];
      else if (l.kind === 'boolean') out[l.key] = end === 'max';
      else if (l.kind === 'choice') out[l.key] = l.options[end === 'min' ? 0 : l.options.length - 1].value;
    }
    return out as unknown as Levers;
  };
  test.each(['min', 'max'] as const)('accepts what the engine writes with every lever at its %s (the ranges checked are the engine\'s own)', (end) => {
    const r = simulate(extreme(end), { seed: 'ends', trials: 200 }).results;
    expect(isWorkerResponse(result(r, 0, 200))).toBe(true);
  });

  test('checks every array of the schema, warMonth and warMode among them', () => {
    expect(TRIAL_ARRAYS.map((a) => a.key)).toEqual(expect.arrayContaining(['month', 'mode', 'warMonth', 'warMode']));
  });

  test.each(TRIAL_ARRAYS.map((a) => a.key))('rejects a chunk whose %s is missing, of another type, or of another length', (key) => {
    expect(isWorkerResponse(result(edited((r) => delete (r as Record<string, unknown>)[key])))).toBe(false);
    expect(isWorkerResponse(result(edited((r) => ((r as Record<string, unknown>)[key] = Array.from(clean[key])))))).toBe(false);
    const other = clean[key] instanceof Float64Array ? Float32Array : Float64Array;
    expect(isWorkerResponse(result(edited((r) => ((r as Record<string, unknown>)[key] = new other(clean[key])))))).toBe(false);
    expect(isWorkerResponse(result(edited((r) => ((r as Record<string, unknown>)[key] = clean[key].subarray(1)))))).toBe(false);
  });

  const BAD_VALUES: [string, (r: TrialResults) => void][] = [
    ['a war month past the longest horizon', (r) => (r.warMonth[firstWar()] = 241)],
    ['a month past the longest horizon', (r) => (r.month[firstWar()] = 241)],
    ['a grey-zone code as the mode of war', (r) => (r.warMode[firstWar()] = 1)],
    ['a mode code that is none of the modes', (r) => (r.mode[firstWar()] = 4)],
    ['a war month with no mode of war', (r) => (r.warMode[firstWar()] = 0)],
    ['a mode of war with no war month', (r) => (r.warMonth[firstWar()] = 0)],
    ['a resumption mode with no month', (r) => (r.mode[firstHeld()] = 1)],
    ['a trial class past the last class', (r) => (r.cls[0] = 25)],
    ['a NaN resolve', (r) => (r.resolve[0] = NaN)],
    ['a uniform above 1', (r) => (r.uEurope[0] = 1.5)],
    ['a negative credibility', (r) => (r.usCredibility[3] = -0.1)],
    ['an infinite credibility', (r) => (r.usCredibility[3] = Infinity)],
  ];
  test.each(BAD_VALUES)('rejects a chunk with %s', (_, edit) => {
    expect(isWorkerResponse(result(edited(edit)))).toBe(false);
  });

  test('rejects a chunk whose trial count is not its range', () => {
    expect(isWorkerResponse(result(clean, 0, n - 1))).toBe(false);
    expect(isChunk(clean, n + 1)).toBe(false);
  });

  test('accepts progress and errors, and rejects anything else', () => {
    expect(isWorkerResponse({ type: 'progress', runId: 1, done: 2, total: 3 })).toBe(true);
    expect(isWorkerResponse({ type: 'progress', runId: 1, done: 4, total: 3 })).toBe(false);
    expect(isWorkerResponse({ type: 'error', runId: 1, message: 'x' })).toBe(true);
    expect(isWorkerResponse({ type: 'results', runId: 1 })).toBe(false);
    expect(isWorkerResponse(null)).toBe(false);
  });
});
