// Fuzzing scenario files (parseScenario, validateScenario): any text or value is either a valid
// scenario whose levers all pass checkLeverValue, or a list of field errors naming the field and
// what it accepts. Nothing throws, hangs or reaches Object.prototype.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARTICLES,
  LEVERS,
  LEVER_KEYS,
  MAX_SCENARIO_BYTES,
  checkLeverValue,
  describeAllowed,
  leverSpec,
  parseScenario,
  utf8Bytes,
  validateScenario,
  type LoadedScenario,
  type Result,
} from '../../src/engine';
import { leverValueArb } from '../engine/arbitraries';
import { errorFor, expectFieldErrors, expectPrototypeUntouched, hostileString, prototypeSnapshot, runs } from './helpers';

const FILE = ARTICLES[0].file;
const valid = {
  id: 'fuzz-case',
  title: 'A fuzz case',
  summary: 'A valid scenario that the fuzz breaks one field at a time.',
  sources: [{ file: FILE, claim: 'A claim.' }],
  levers: { euTroops: 30000 },
  notes: { euTroops: 'A note (000).' },
};

/** parseScenario, checking the shape of any result. */
function parse(text: string): Result<LoadedScenario> {
  const r = parseScenario(text);
  if (r.ok) expectValidScenario(r.value);
  else expectFieldErrors(r.errors);
  return r;
}

/** An accepted scenario really is valid: every resolved lever passes its check, notes are lever keys. */
function expectValidScenario(s: LoadedScenario): void {
  // Problems are collected and compared once: thousands of cases, so few expect() calls each.
  const problems: string[] = [];
  if (typeof s.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(s.id)) problems.push('id');
  if (typeof s.title !== 'string' || s.title.trim() === '') problems.push('title');
  if (typeof s.summary !== 'string' || s.summary.trim() === '') problems.push('summary');
  if (Object.keys(s.resolved).join() !== LEVER_KEYS.join()) problems.push('resolved keys');
  for (const spec of LEVERS) if (!checkLeverValue(spec, s.resolved[spec.key]).ok) problems.push(`resolved.${spec.key}`);
  for (const [k, v] of Object.entries(s.levers)) if (!leverSpec(k) || v !== s.resolved[k as keyof typeof s.resolved]) problems.push(`levers.${k}`);
  for (const src of s.sources) if (!ARTICLES.some((a) => a.file === src.file)) problems.push('sources');
  for (const [k, v] of Object.entries(s.notes ?? {})) if (!leverSpec(k) || typeof v !== 'string') problems.push(`notes.${k}`);
  expect(problems).toEqual([]);
}

/** Raw JSON value texts, some of them not JSON at all (NaN, Infinity…). */
const RAW_VALUES = [
  'NaN', '-NaN', 'Infinity', '-Infinity', '"NaN"', '"Infinity"', '"-Infinity"', '"1e999"', '1e999', '-1e999', '1e-999', '-0', '0', '1',
  '-1', '0.5', '1e308', '-1e308', '12345678901234567890', '9007199254740993', '1.5', '200000', '200001', '2e5', '"30000"', '" 12 "',
  '"0x10"', '0x10', '"true"', 'true', 'false', 'null', 'undefined', '[]', '[1]', '{}', '{"a":1}', '{"__proto__":{"polluted":1}}', '""',
  '"   "', '"\\u0000"', '"\\ud800"', '"combat"', '"Combat"', '"2030-06"', '"2027-13"', `"${'x'.repeat(3000)}"`, `"${'é'.repeat(250)}"`,
  '"=HYPERLINK(\\"http://x\\",\\"y\\")"', '"fuzz-case"', '"Bad Id"', `"${FILE}"`, '"../../etc/passwd"', '[[[[[[[[[[]]]]]]]]]]',
  '"١٢٣"', '"３００００"', '"😀"', '[' + '['.repeat(1000) + ']'.repeat(1000) + ']',
];

const rawValue = fc.oneof(
  { arbitrary: fc.constantFrom(...RAW_VALUES), weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'), weight: 2 },
  { arbitrary: hostileString().map((s) => JSON.stringify(s)), weight: 1 },
  { arbitrary: fc.double().map((x) => String(x)), weight: 1 },
);

/** The value of a raw JSON text, or `invalid` if JSON.parse refuses it. */
function jsonOf(raw: string): { value: unknown } | 'invalid' {
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return 'invalid';
  }
}

const isText = (v: unknown, max: number) => typeof v === 'string' && v.trim() !== '' && v.length <= max;

/** An independent statement of what each place in a scenario accepts. */
// One-line text (ids, titles) is printable as seeds are; text of several lines may hold tabs and
// line breaks but no other control character (a terminal acts on ESC, BEL, CSI…).
// eslint-disable-next-line no-control-regex
const ONE_LINE_BAD = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const LINES_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const oneLine = (v: unknown) => typeof v === 'string' && !ONE_LINE_BAD.test(v);
const lines = (v: unknown) => typeof v === 'string' && !LINES_BAD.test(v);

function acceptable(path: string, v: unknown): boolean {
  if (path === 'id') return isText(v, 64) && /^[a-z0-9][a-z0-9-]{0,63}$/.test(v as string);
  if (path === 'title') return isText(v, 200) && oneLine(v);
  if (path === 'summary') return isText(v, 2000) && lines(v);
  if (path === 'sources[0].file') return ARTICLES.some((a) => a.file === v);
  if (path === 'sources[0].claim') return isText(v, 2000) && lines(v);
  if (path.startsWith('notes.')) return typeof v === 'string' && v.length <= 2000 && lines(v);
  const spec = leverSpec(path.slice('levers.'.length))!;
  switch (spec.kind) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v >= spec.min && v <= spec.max && (!spec.integer || Number.isInteger(v));
    case 'boolean':
      return typeof v === 'boolean';
    case 'choice':
      return spec.options.some((o) => o.value === v);
    case 'month':
      return typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) && v >= spec.min && v <= spec.max;
  }
}

/** The valid scenario's JSON with the value at `path` replaced by the raw text `raw`. */
function withRaw(path: string, raw: string): string {
  const MARK = '"@@MARK@@"';
  const copy = JSON.parse(JSON.stringify(valid));
  const [head, tail] = path.split('.');
  if (path.startsWith('sources[0].')) copy.sources[0][tail] = '@@MARK@@';
  else if (tail) copy[head][tail] = '@@MARK@@';
  else copy[head] = '@@MARK@@';
  const text = JSON.stringify(copy);
  expect(text).toContain(MARK);
  return text.replace(MARK, () => raw);
}

const PATHS = ['id', 'title', 'summary', 'sources[0].file', 'sources[0].claim', ...LEVER_KEYS.map((k) => `levers.${k}`), ...LEVER_KEYS.map((k) => `notes.${k}`)];

describe('scenario JSON, fuzzed', () => {
  it('the fixture is valid', () => {
    expect(parse(JSON.stringify(valid)).ok).toBe(true);
  });

  it('any text at all: a valid scenario or field errors, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), hostileString(200), fc.string({ unit: 'binary' }), fc.json()), (text) => {
        parse(text);
      }),
      runs(),
    );
  });

  it('any JSON-ish value given to validateScenario: a valid scenario or field errors', () => {
    fc.assert(
      fc.property(
        fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withDate: true, withBigInt: true }),
        (value) => {
          const r = validateScenario(value);
          if (r.ok) expectValidScenario(r.value);
          else expectFieldErrors(r.errors);
        },
      ),
      runs(),
    );
  });

  it('one field replaced by a hostile value: kept if allowed, otherwise named with what is allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), rawValue, (path, raw) => {
        const text = withRaw(path, raw);
        const r = parse(text);
        const json = jsonOf(raw);
        if (json === 'invalid') {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(errorFor(r.errors, 'scenario').message).toMatch(/^is not valid JSON \([\s\S]*\); expected a JSON object/);
          return;
        }
        const v = json.value;
        if (acceptable(path, v)) {
          expect(r.ok ? [] : r.errors).toEqual([]);
          if (!r.ok) return;
          if (path.startsWith('levers.')) expect(r.value.resolved[path.slice(7) as keyof LoadedScenario['resolved']]).toBe(v === 0 ? 0 : v);
          if (path.startsWith('notes.')) expect(r.value.notes![path.slice(6)]).toBe(v);
          if (['id', 'title', 'summary'].includes(path)) expect(r.value[path as 'id']).toBe(v);
          return;
        }
        expect(r.ok).toBe(false);
        if (r.ok) return;
        const e = errorFor(r.errors, path);
        if (path.startsWith('levers.')) expect(e.message).toContain(`expected ${describeAllowed(leverSpec(path.slice(7))!)}`);
        else expect(e.message).toMatch(/expected/);
      }),
      runs(),
    );
  });

  it('a whole valid scenario round-trips: any levers, with notes on the levers set', () => {
    // Arbitraries built once: building them inside chain() for every case is what costs time.
    const noteText = hostileString(100).filter(lines);
    const leversAndNotes = fc
      .subarray([...LEVERS])
      .chain((specs) =>
        fc.tuple(
          fc.record(Object.fromEntries(specs.map((s) => [s.key, leverValueArb(s)]))),
          fc.record(Object.fromEntries(specs.map((s) => [s.key, noteText]))),
        ),
      );
    const arb = fc.record({
      id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/),
      title: hostileString(200).filter((t) => t.trim() !== '' && oneLine(t)),
      summary: fc.string({ minLength: 1, maxLength: 300 }).filter((t) => t.trim() !== ''),
      sources: fc.array(fc.record({ file: fc.constantFrom(...ARTICLES.map((a) => a.file)), claim: fc.string({ minLength: 1 }).filter((t) => t.trim() !== '') }), { maxLength: 3 }),
      leversAndNotes,
    }).map(({ leversAndNotes: [levers, notes], ...rest }) => ({ ...rest, levers, notes }));
    fc.assert(
      fc.property(arb, (s) => {
        const r = parse(JSON.stringify(s));
        expect(r.ok ? [] : r.errors).toEqual([]);
        if (!r.ok) return;
        for (const [k, v] of Object.entries(s.levers)) expect(r.value.resolved[k as keyof LoadedScenario['resolved']]).toBe(v === 0 ? 0 : v);
        expect(r.value.title).toBe(s.title);
        expect(r.value.notes).toEqual(s.notes);
      }),
      runs(),
    );
  });

  describe('unknown and prototype keys', () => {
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', '', ' ', 'euTroop', 'EUTROOPS', 'x'.repeat(100_000)),
      hostileString(30),
    );
    const value = fc.oneof(fc.constantFrom('{"polluted":1}', '{"euTroops":1}', '1', '"x"', 'null', '[]'), rawValue);
    const places = ['top', 'levers', 'notes', 'sources[0]'] as const;

    it('are each reported at their place, and nothing reaches Object.prototype', () => {
      const before = prototypeSnapshot();
      fc.assert(
        fc.property(fc.constantFrom(...places), key, value, (place, k, raw) => {
          const known = place === 'top' ? ['id', 'title', 'summary', 'sources', 'levers', 'notes'] : place === 'sources[0]' ? ['file', 'claim'] : LEVER_KEYS;
          fc.pre(!(known as readonly string[]).includes(k));
          const entry = `${JSON.stringify(k)}:${raw}`;
          const base = JSON.stringify(valid);
          const text =
            place === 'top'
              ? base.replace(/^\{/, () => `{${entry},`)
              : place === 'levers'
                ? base.replace('"levers":{', () => `"levers":{${entry},`)
                : place === 'notes'
                  ? base.replace('"notes":{', () => `"notes":{${entry},`)
                  : base.replace('"sources":[{', () => `"sources":[{${entry},`);
          const r = parse(text);
          expectPrototypeUntouched(before);
          if (jsonOf(raw) === 'invalid') return;
          expect(r.ok).toBe(false);
          if (r.ok) return;
          const shown = k === '' ? '""' : k.length > 80 ? `${k.slice(0, 80)}…` : k;
          const field = place === 'top' ? shown : `${place}.${shown}`;
          const e = errorFor(r.errors, field);
          if (place === 'levers' || place === 'notes') expect(e.message).toContain('unknown lever');
          else expect(e.message).toMatch(/unknown (scenario )?field; expected/);
        }),
        runs(),
      );
      expectPrototypeUntouched(before);
    });

    it('a note on a misspelt lever suggests the lever', () => {
      const r = parse(JSON.stringify({ ...valid, notes: { euTroopz: 'x' } }));
      expect(!r.ok && r.errors).toEqual([{ field: 'notes.euTroopz', message: 'unknown lever "euTroopz" (did you mean "euTroops"?)' }]);
    });

    it('validateScenario reads own properties only, never inherited ones', () => {
      const inherited = Object.create({ ...valid, levers: { euTroops: 1 } });
      const r = validateScenario(inherited);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const f of ['id', 'title', 'summary', 'sources', 'levers']) errorFor(r.errors, f);
    });
  });

  describe('deep nesting', () => {
    const depth = 100_000;
    const arrays = '['.repeat(depth) + ']'.repeat(depth);
    // Six bytes a level: 40,000 levels stay under the size limit.
    const objects = '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000);
    it.each([
      ['the whole file', arrays, 'scenario'],
      ['the whole file (40,000 objects)', objects, 'a'],
      ['the whole file (100,000 objects, 600 KB)', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), 'scenario'],
      ['levers', withRaw('levers', arrays), 'levers'],
      ['title', withRaw('title', arrays), 'title'],
      ['notes', withRaw('notes', arrays), 'notes'],
      ['a lever', withRaw('levers.euTroops', arrays), 'levers.euTroops'],
      ['a note (40,000 objects)', withRaw('notes.euTroops', objects), 'notes.euTroops'],
      ['a source', JSON.stringify(valid).replace(`"sources":[`, `"sources":[${'['.repeat(50_000)}${']'.repeat(50_000)},`), 'sources[0]'],
    ])('%s: nested deep is a field error, not a throw', (_, text, field) => {
      const r = parse(text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // JSON.parse reads deep arrays but may run out of stack on deep objects (a RangeError):
      // then the file as a whole is refused, saying why.
      const tooDeep = r.errors.find((e) => e.field === 'scenario' && e.message.includes('nested too deeply'));
      if (!tooDeep) expect(errorFor(r.errors, field).message).toMatch(/expected|allowed/);
    });

    it('a RangeError from JSON.parse is reported as a field error', () => {
      const parse = JSON.parse;
      JSON.parse = () => {
        throw new RangeError('Maximum call stack size exceeded');
      };
      try {
        expect(parseScenario('{}')).toEqual({
          ok: false,
          errors: [{ field: 'scenario', message: 'is not valid JSON (it is nested too deeply to read); expected a JSON object with id, title, summary, sources and levers' }],
        });
      } finally {
        JSON.parse = parse;
      }
    });
  });

  describe('size', () => {
    const pad = (bytes: number) => {
      const base = JSON.stringify(valid);
      return base.slice(0, -1) + ' '.repeat(bytes - utf8Bytes(base)) + '}';
    };

    it(`accepts a file of exactly ${MAX_SCENARIO_BYTES} bytes and refuses one byte more, naming the size and the limit`, () => {
      expect(parse(pad(MAX_SCENARIO_BYTES)).ok).toBe(true);
      const r = parse(pad(MAX_SCENARIO_BYTES + 1));
      expect(!r.ok && r.errors).toEqual([{ field: 'scenario', message: 'is 262,145 bytes; at most 262,144 bytes (256 KB) allowed' }]);
    });

    it('counts bytes of UTF-8, not characters', () => {
      const text = JSON.stringify({ ...valid, summary: '€'.repeat(90_000) });
      expect(text.length).toBeLessThan(MAX_SCENARIO_BYTES);
      const r = parse(text);
      expect(!r.ok && r.errors[0].field).toBe('scenario');
      expect(!r.ok && r.errors[0].message).toContain('at most 262,144 bytes');
    });

    it('utf8Bytes agrees with TextEncoder on any text, lone surrogates included', () => {
      fc.assert(
        fc.property(fc.oneof(hostileString(50), fc.string({ unit: 'binary' })), (s) => {
          expect(utf8Bytes(s)).toBe(new TextEncoder().encode(s).length);
        }),
        runs(),
      );
    });

    it('refuses huge files at once (50 MB never reaches JSON.parse)', () => {
      const huge = '{"id":"' + 'x'.repeat(50_000_000) + '"}';
      // "At once": refused on its size, before any parsing (a stopwatch here failed on a loaded machine).
      const real = JSON.parse;
      let parsed = 0;
      JSON.parse = (...args: Parameters<typeof JSON.parse>) => {
        parsed++;
        return real(...args);
      };
      try {
        expect(parseScenario(JSON.stringify(valid)).ok).toBe(true);
        expect(parsed, 'a file of normal size is parsed (the count sees it)').toBe(1);
        const r = parse(huge);
        expect(parsed, 'the huge file was handed to JSON.parse').toBe(1);
        expect(!r.ok && r.errors[0].message).toContain(`is ${huge.length.toLocaleString('en-GB')} bytes; at most`);
      } finally {
        JSON.parse = real;
      }
    });

    it('a file of many bad fields lists at most 50 problems, then counts the rest', () => {
      const levers = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`bad${i}`, i]));
      const r = parse(JSON.stringify({ ...valid, levers }));
      expect(!r.ok && r.errors.length).toBe(50);
      expect(!r.ok && r.errors[49]).toEqual({ field: 'scenario', message: 'has 451 more problems not listed' });
    });

    it('a very long unknown key is reported quickly and clipped', () => {
      const t = performance.now();
      const r = parse(JSON.stringify({ ...valid, levers: { ['k'.repeat(200_000)]: 1 } }));
      expect(performance.now() - t).toBeLessThan(200);
      expect(!r.ok && r.errors[0].field).toBe(`levers.${'k'.repeat(80)}…`);
    });
  });
});
