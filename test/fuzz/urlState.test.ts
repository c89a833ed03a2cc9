// Fuzzing the URL state (decodeUrlState): any query string decodes without throwing; each bad field
// is named, with what it accepts, and takes its default; good fields are kept; a valid state
// round-trips exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LEVERS,
  LEVER_KEYS,
  RUN_SETTINGS,
  checkLeverValue,
  checkSeed,
  checkTrials,
  defaultLevers,
  describeAllowed,
  leverSpec,
  parseLeverText,
  type FieldError,
  type RunInput,
} from '../../src/engine';
import { decodeUrlState, encodeUrlState, type DecodedUrlState } from '../../src/engine/io/urlState';
import { leversArb } from '../engine/arbitraries';
import { expectFieldErrors, expectPrototypeUntouched, hostileChar, hostileString, prototypeSnapshot, runs } from './helpers';

/** decodeUrlState, checking that whatever it returns is a valid state and well-formed errors. */
function decode(query: string): DecodedUrlState {
  const d = decodeUrlState(query);
  const problems: string[] = [];
  if (Object.keys(d.state.levers).join() !== LEVER_KEYS.join()) problems.push('lever keys');
  for (const spec of LEVERS) if (!checkLeverValue(spec, d.state.levers[spec.key]).ok) problems.push(spec.key);
  if (!checkTrials(d.state.trials).ok) problems.push('trials');
  if (!checkSeed(d.state.seed).ok) problems.push('seed');
  if (d.engine !== null && typeof d.engine !== 'string') problems.push('engine');
  if (problems.length) expect(problems).toEqual([]);
  if (d.errors.length) expectFieldErrors(d.errors);
  return d;
}

/** A seed checkSeed must accept: 1–64 characters, none of them a control character or a lone surrogate half. */
const validSeed = hostileString(64).filter(
  (s) => s.length >= 1 && s.length <= 64 && !/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s),
);
const stateArb: fc.Arbitrary<RunInput> = fc.record({
  levers: leversArb(),
  seed: fc.oneof(validSeed, fc.constantFrom('1', '=1+1', 'a&b=c', '%E0%A4%A', '+', '😀', 'ש١٢٣', '?v=2')),
  trials: fc.oneof(fc.integer({ min: RUN_SETTINGS.trials.min, max: RUN_SETTINGS.trials.max }), fc.constantFrom(100, 1_000_000)),
});

/** What decodeUrlState must do with a query, stated independently of it (one lever parser). */
function expected(query: string): { levers: Record<string, unknown>; badLevers: Set<string> } {
  const levers: Record<string, unknown> = { ...defaultLevers() };
  const badLevers = new Set<string>();
  const seen = new Set<string>();
  for (const [k, v] of new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)) {
    if (seen.has(k)) continue;
    seen.add(k);
    const spec = leverSpec(k);
    if (!spec) continue;
    const r = parseLeverText(spec, v);
    if (r.ok) levers[k] = r.value;
    else badLevers.add(k);
  }
  return { levers, badLevers };
}

function expectAsExpected(query: string, d: DecodedUrlState): void {
  const { levers, badLevers } = expected(query);
  // Differences collected, then one expect: this runs tens of thousands of times.
  const problems: string[] = [];
  for (const k of LEVER_KEYS) if (!Object.is(d.state.levers[k], levers[k])) problems.push(`${k}: ${String(d.state.levers[k])} instead of ${String(levers[k])}`);
  for (const k of badLevers) {
    const e = d.errors.find((x: FieldError) => x.field === k);
    if (!e) problems.push(`no error naming ${k}`);
    else if (!e.message.includes(`expected ${describeAllowed(leverSpec(k)!)}`)) problems.push(`${k}: ${e.message}`);
  }
  if (problems.length) expect(problems, query).toEqual([]);
}

/** Percent-encoding as a form would write it; lone surrogate halves become U+FFFD (encodeURIComponent throws). */
const enc = (s: string) => new URLSearchParams({ x: s }).toString().slice(2);

const percentGarbage = fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%C0%AF', '%ED%A0%80', '%FF%FE', '%25', '%2', '%%', '%u0041', '%F0%9F%98');

describe('URL state, fuzzed', () => {
  it('any string: a valid state and named errors, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), hostileString(200), fc.string({ unit: 'binary' }), fc.webQueryParameters(), fc.webUrl({ withQueryParameters: true })), (q) => {
        expectAsExpected(q, decode(q));
      }),
      runs(),
    );
  });

  it('query-shaped junk: keys from the real vocabulary and junk, values anything, repeats and percent garbage', () => {
    const key = fc.oneof(
      fc.constantFrom(...LEVER_KEYS, 'v', 'seed', 'trials', 'engine', 'view', 'workers', '__proto__', 'constructor', 'prototype', 'toString', ''),
      hostileString(12),
      percentGarbage,
    );
    const value = fc.oneof(hostileString(20), percentGarbage, fc.constantFrom('1', '0', '-0', '1e999', 'NaN', 'Infinity', 'true', 'combat', '2030-06', '30_000', '١٢٣', '３'));
    const pair = fc.tuple(key, value, fc.boolean()).map(([k, v, raw]) => (raw ? `${k}=${v}` : `${enc(k)}=${v}`));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), fc.constantFrom('', '?', '??'), (pairs, prefix) => {
        const before = prototypeSnapshot();
        const q = prefix + pairs.join('&');
        const d = decode(q);
        expectAsExpected(q, d);
        expectPrototypeUntouched(before);
        // A repeated key is named; the first value is the one used (checked by expectAsExpected).
        const keys = [...new URLSearchParams(q.startsWith('?') ? q.slice(1) : q).keys()];
        const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
        for (const k of repeated) expect(d.errors.some((e) => e.message.includes('appears more than once'))).toBe(true);
      }),
      runs(),
    );
  });

  it('every valid state round-trips through the query string exactly', () => {
    fc.assert(
      fc.property(stateArb, fc.boolean(), (state, mark) => {
        const q = encodeUrlState(state);
        const d = decode(mark ? `?${q}` : q);
        expect(d.errors).toEqual([]);
        expect(d.state).toEqual(state);
      }),
      runs(2_000),
    );
  });

  it('every prefix of a link: good fields kept, a cut field named or read as what remains, never a throw', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const q = encodeUrlState(state);
        for (let n = 0; n <= q.length; n++) {
          const prefix = q.slice(0, n);
          const d = decode(prefix);
          expectAsExpected(prefix, d);
          // Every complete pair before the cut is kept exactly.
          const complete = new URLSearchParams(prefix.slice(0, Math.max(0, prefix.lastIndexOf('&'))));
          const lost: string[] = [];
          for (const [k] of complete) {
            const spec = leverSpec(k);
            if (spec && !Object.is(d.state.levers[spec.key], state.levers[spec.key])) lost.push(k);
            if (k === 'seed' && d.state.seed !== state.seed) lost.push(k);
            if (k === 'trials' && d.state.trials !== state.trials) lost.push(k);
          }
          if (lost.length) expect(lost, prefix).toEqual([]);
        }
      }),
      runs(40), // × 100–700 prefixes each: about 15,000 decodes
    );
  });

  it('one tampered value: that field is named with what it accepts and takes its default; the rest are kept', () => {
    const tamper = fc.oneof(hostileString(16), percentGarbage, fc.constantFrom('', ' ', '1e999', '-1', 'NaN', '0x10', 'Infinity', 'maybe', '2041-01', '١', '９'));
    fc.assert(
      fc.property(stateArb, fc.constantFrom(...LEVER_KEYS, 'trials', 'seed'), tamper, (state, key, text) => {
        const q = new URLSearchParams(encodeUrlState(state));
        q.set(key, text);
        const query = q.toString();
        const d = decode(query);
        const written = new URLSearchParams(query).get(key)!;
        if (key === 'trials' || key === 'seed') {
          const r = key === 'seed' ? checkSeed(written) : decodeUrlState(`v=1&trials=${enc(written)}`).errors.length === 0 ? { ok: true } : { ok: false };
          if (!r.ok) {
            expect(d.errors.map((e) => e.field)).toContain(key);
            expect(d.state[key]).toBe(key === 'seed' ? RUN_SETTINGS.seed.default : RUN_SETTINGS.trials.default);
          }
          expect(d.state.levers).toEqual(state.levers);
          return;
        }
        expectAsExpected(query, d);
        const spec = leverSpec(key)!;
        const r = parseLeverText(spec, written);
        expect(d.state.levers[spec.key]).toEqual(r.ok ? r.value : spec.default);
        for (const other of LEVER_KEYS) if (other !== key) expect(d.state.levers[other]).toEqual(state.levers[other]);
        expect(d.state.seed).toBe(state.seed);
        expect(d.state.trials).toBe(state.trials);
      }),
      runs(2_000),
    );
  });

  it('prototype keys never reach a prototype or the state', () => {
    const before = prototypeSnapshot();
    for (const k of ['__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'hasOwnProperty', 'toString']) {
      const d = decode(`v=1&${k}=1&euTroops=50000`);
      expect(d.errors).toEqual([{ field: k, message: `unknown lever ${JSON.stringify(k)}` }]);
      expect(Object.keys(d.state.levers)).toEqual([...LEVER_KEYS]);
      expect(Object.getPrototypeOf(d.state.levers)).toBe(Object.prototype);
      expect(d.state.levers.euTroops).toBe(50_000);
    }
    expectPrototypeUntouched(before);
  });

  it('a huge query decodes quickly, its long names clipped', () => {
    const t = performance.now();
    const d = decode(`v=1&${'k'.repeat(1_000_000)}=1&euTroops=${'9'.repeat(100_000)}&seed=${'s'.repeat(100_000)}`);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(d.errors.map((e) => e.field)).toEqual([`${'k'.repeat(80)}…`, 'euTroops', 'seed']);
  });

  it('decodes characters the same whatever script they are in', () => {
    fc.assert(
      fc.property(fc.string({ unit: hostileChar, minLength: 1, maxLength: 64 }), (s) => {
        expectAsExpected(`v=1&seed=${enc(s)}`, decode(`v=1&seed=${enc(s)}`));
        expectAsExpected(`v=1&${enc(s)}=${enc(s)}`, decode(`v=1&${enc(s)}=${enc(s)}`));
      }),
      runs(),
    );
  });
});

