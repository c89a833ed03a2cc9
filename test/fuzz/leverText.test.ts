// Fuzzing the numbers typed into the page's inputs: parseLeverText for every lever, parseTrialsText
// and checkSeed for the run settings. Accepted text gives a value of the right kind within range;
// refused text names the lever, the text and what is allowed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LEVERS,
  RUN_SETTINGS,
  checkLeverValue,
  checkSeed,
  choiceValues,
  describeAllowed,
  formatLeverValue,
  parseLeverText,
  parseTrialsText,
  type LeverSpec,
} from '../../src/engine';
import { leverValueArb } from '../engine/arbitraries';
import { NUMBER_NOTATIONS, expectFieldErrors, hostileString, runs } from './helpers';

/** Text for a lever: its allowed values written in every notation, near misses, and junk. */
function textArb(spec: LeverSpec): fc.Arbitrary<string> {
  const pad = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00a0', '\u3000');
  const written = leverValueArb(spec).chain((v) =>
    typeof v === 'number'
      ? fc.constantFrom(String(v), v.toExponential(), v.toFixed(3), v.toPrecision(3), `+${v}`, `-${v}`, String(v * 10), String(v + 0.5), `${v}_000`, v.toLocaleString('en-GB'), v.toString(16))
      : fc.constantFrom(String(v), String(v).toUpperCase(), ` ${String(v)} `, String(v).slice(0, -1), `${String(v)}x`),
  );
  return fc.oneof(
    { arbitrary: fc.tuple(pad, written, pad).map(([a, b, c]) => a + b + c), weight: 4 },
    { arbitrary: fc.constantFrom(...NUMBER_NOTATIONS), weight: 3 },
    { arbitrary: fc.double().map(String), weight: 2 },
    { arbitrary: fc.integer({ min: -1e9, max: 1e9 }).map(String), weight: 1 },
    { arbitrary: hostileString(30), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
  );
}

const DECIMAL = /^[+-]?(\d+(_\d{3})*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// What JavaScript's trim() removes (the page's input trims the same way).
const trimmed = (s: string) => s.trim();

/** Checks one text against one lever; returns a problem or null (one expect per case outside). */
function problem(spec: LeverSpec, text: string): string | null {
  const r = parseLeverText(spec, text);
  const t = trimmed(text);
  if (r.ok) {
    const v = r.value;
    if (!checkLeverValue(spec, v).ok) return `accepted ${String(v)}, which checkLeverValue refuses`;
    formatLeverValue(spec, v);
    switch (spec.kind) {
      case 'number':
        if (typeof v !== 'number' || Object.is(v, -0)) return `accepted ${String(v)} (not a plain number)`;
        // Only plain ASCII decimals are read, and read as what they say.
        if (!DECIMAL.test(t)) return `accepted ${JSON.stringify(text)}, not a plain decimal`;
        if (v !== Number(t.replaceAll('_', '')) + 0) return `read ${JSON.stringify(text)} as ${v}`;
        return null;
      case 'boolean':
        return ['true', 'on', 'yes', '1', 'false', 'off', 'no', '0'].includes(t.toLowerCase()) && v === ['true', 'on', 'yes', '1'].includes(t.toLowerCase())
          ? null
          : `read ${JSON.stringify(text)} as ${String(v)}`;
      case 'choice':
        return choiceValues(spec).includes(t) && v === t ? null : `read ${JSON.stringify(text)} as ${String(v)}`;
      case 'month':
        return /^\d{4}-(0[1-9]|1[0-2])$/.test(t) && v === t ? null : `read ${JSON.stringify(text)} as ${String(v)}`;
    }
  }
  expectFieldErrors(r.errors);
  if (r.errors.length !== 1) return `${r.errors.length} errors`;
  const e = r.errors[0];
  if (e.field !== spec.key) return `field ${e.field}`;
  if (!e.message.endsWith(`; expected ${describeAllowed(spec)}`)) return `message without the allowed range: ${e.message}`;
  // The message names the value as typed (trimmed, clipped): a number exactly as written, never the
  // number read from it rounded ("1.0000000000000002", not "1"; issue 12), other text quoted.
  const clip = (x: string) => (x.length > 40 ? x.slice(0, 40) + '…' : x);
  if (!e.message.startsWith(`${JSON.stringify(clip(text))} `) && !e.message.startsWith(`${JSON.stringify(clip(t))} `) && !e.message.startsWith(`${clip(t)} `)) return `message does not name the value: ${e.message}`;
  return null;
}

describe('typed lever values, fuzzed', () => {
  it.each(LEVERS.map((l) => [l.key, l] as const))('%s: accepted text is in range and of the right kind; refused text names the lever and its range', (_, spec) => {
    fc.assert(
      fc.property(textArb(spec), (text) => {
        const p = problem(spec, text);
        if (p) expect(p, JSON.stringify(text)).toBeNull();
      }),
      runs(1_000),
    );
  });

  it('every notation for every lever', () => {
    const problems: string[] = [];
    for (const spec of LEVERS) {
      for (const text of NUMBER_NOTATIONS) {
        const p = problem(spec, text);
        if (p) problems.push(`${spec.key} ${JSON.stringify(text)}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ['euTroops', ' 12 ', 12],
    ['euTroops', '30_000', 30_000],
    ['euTroops', '1e5', 100_000],
    ['euTroops', '-0', 0],
    ['usCredibility', '-0.0', 0],
    ['usCredibility', '1e-999', 0],
  ])('%s reads %j as %j (and -0 as 0)', (key, text, value) => {
    const r = parseLeverText(LEVERS.find((l) => l.key === key)!, text);
    expect(r.ok && Object.is(r.value, value)).toBe(true);
  });

  it.each(['0x1F', 'Infinity', '', '١٢٣', '１２３', '1e999', '30,000', 'NaN', '1\u00a0000'])('euTroops refuses %j, naming the text', (text) => {
    const spec = LEVERS.find((l) => l.key === 'euTroops')!;
    const named = text === '1e999' ? text : JSON.stringify(text);
    expect(parseLeverText(spec, text)).toEqual({
      ok: false,
      errors: [{ field: 'euTroops', message: expect.stringMatching(new RegExp(`^${named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is (not a number|out of range); expected a whole number from 0–200,000 troops$`)) }],
    });
  });

  it.each([
    ['usCredibility', '1.0000000000000002', '1.0000000000000002 is out of range; expected a number from 0–1'],
    ['usCredibility', '-5e-324', '-5e-324 is out of range; expected a number from 0–1'],
    ['usCredibility', ' 1.00000000001 ', '1.00000000001 is out of range; expected a number from 0–1'],
    ['euTroops', '200000.4', '200000.4 is out of range; expected a whole number from 0–200,000 troops'],
    ['euTroops', '1_000_000', '1_000_000 is out of range; expected a whole number from 0–200,000 troops'],
  ])('%s refuses %j naming the value as typed, not rounded', (key, text, message) => {
    expect(parseLeverText(LEVERS.find((l) => l.key === key)!, text)).toEqual({ ok: false, errors: [{ field: key, message }] });
  });

  it.each([
    [1.0000000000000002, '1.0000000000000002 is out of range; expected a number from 0–1'],
    [-5e-324, '-5e-324 is out of range; expected a number from 0–1'],
  ])('a typed value %d from a file is named exactly, not rounded', (value, message) => {
    expect(checkLeverValue(LEVERS.find((l) => l.key === 'usCredibility')!, value)).toEqual({ ok: false, errors: [{ field: 'usCredibility', message }] });
  });
});

describe('the run settings typed in the page, fuzzed', () => {
  const { min, max } = RUN_SETTINGS.trials;
  it('trials: accepted text is a whole number in range read as written; refused text names trials and the range', () => {
    const written = fc.integer({ min: 0, max: 2_000_000 }).chain((n) =>
      fc.constantFrom(String(n), n.toLocaleString('en-GB'), n.toLocaleString('en-GB').replaceAll(',', '_'), ` ${n} `, `${n}.0`, n.toExponential(), `+${n}`, `-${n}`, `0${n}`),
    );
    fc.assert(
      fc.property(fc.oneof(written, fc.constantFrom(...NUMBER_NOTATIONS), hostileString(20), fc.string({ unit: 'binary', maxLength: 20 })), (text) => {
        const r = parseTrialsText(text);
        const t = text.trim();
        if (r.ok) {
          const grouped = /^\d+$|^\d{1,3}([,_]\d{3})+$/.test(t);
          const ok = grouped && Number.isInteger(r.value) && r.value >= min && r.value <= max && r.value === Number(t.replace(/[,_]/g, ''));
          if (!ok) expect(`accepted ${JSON.stringify(text)} as ${r.value}`).toBe('');
          return;
        }
        expectFieldErrors(r.errors);
        expect(r.errors).toHaveLength(1);
        expect(r.errors[0].field).toBe('trials');
        expect(r.errors[0].message).toMatch(/ is not allowed; expected a whole number from 100–1,000,000$/);
      }),
      runs(),
    );
  });

  it('seed: accepted text is kept exactly and printable; refused text names seed and what is allowed', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(80), fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00', '😀', 'x'.repeat(64), 'x'.repeat(65))), (text) => {
        const r = checkSeed(text);
        if (r.ok) {
          const printable = !/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
          if (!(r.value === text && text.length >= 1 && text.length <= 64 && printable)) expect(`accepted ${JSON.stringify(text)}`).toBe('');
          return;
        }
        expectFieldErrors(r.errors);
        expect(r.errors).toEqual([{ field: 'seed', message: expect.stringMatching(/ is not allowed; expected 1–64 printable characters$/) }]);
      }),
      runs(),
    );
  });
});
