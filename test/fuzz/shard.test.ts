// Fuzzing the robustness shard file, the input `--merge` reads from other machines. Any mutation of a
// valid study is either merged with results identical to the untouched study's, or refused with a
// CliError whose message is bounded (exit 2); never another error, never unbounded time. With the
// hashes recomputed after the mutation (a deliberate edit), whatever is accepted must still
// summarise without an error: every value that reaches the analysis was checked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError, MAX_LISTED_ERRORS } from '../../src/cli/cliError';
import { mergeShards, type MergedStudy, type ShardFile } from '../../src/cli/robustnessShard';
import { summarizeRobustness } from '../../src/engine/index';
import { copy, makeShards, rehash } from '../cli/shardFixture';
import { expectPrototypeUntouched, hostileString, prototypeSnapshot, runs } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'shard-fuzz-'));
const FILES = [join(tmp, 'a.json'), join(tmp, 'b.json')];
const STUDY = makeShards(2, 4);
/** Cases per property: each merge reads, checks and hashes two files (about 10 ms). */
const CASES = 400;

/** A merged study as comparable text: every input and every cell. */
const semantics = (m: MergedStudy) =>
  JSON.stringify({ ...m, matrix: { ...m.matrix, pResumption: Array.from(m.matrix.pResumption), pWar: Array.from(m.matrix.pWar) } });
const REFERENCE = (() => {
  STUDY.forEach((s, i) => writeFileSync(FILES[i], JSON.stringify(s)));
  return semantics(mergeShards(FILES));
})();

type Path = (string | number)[];

/** Every path into a value (objects and arrays, not the root), breadth first. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k])]);
}
const PATHS = pathsOf(STUDY[0]);

const HOSTILE_VALUES: unknown[] = [
  null, true, false, 0, -0, 1, -1, 0.5, 0.99, 1.5, 100, 1e-300, 1e15, 1e300, -1e300, 40_000_000, 2 ** 53 + 1, '', ' ', '0', '1/2',
  '\u001b]0;pwned\u0007\u001b[2J', '\u009b2J', 'x'.repeat(10_000), '__proto__', 'constructor', 'toString', 'hasOwnProperty', [], [[]], {}, { index: 0, count: 1 },
  { from: 0, to: 1 }, ['constructor'], ['euWarCost', 'euWarCost'],
];
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_VALUES), weight: 4 },
  { arbitrary: hostileString(30), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
);
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'prototype', 'extra', 'cellsHash', ''), hostileString(10));

type Mutation =
  | { op: 'set'; file: number; path: Path; value: unknown }
  | { op: 'delete'; file: number; path: Path }
  | { op: 'add'; file: number; path: Path; key: string; value: unknown }
  | { op: 'scale'; file: number; path: Path; by: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), file: fc.nat(1), path: fc.constantFrom(...PATHS), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), file: fc.nat(1), path: fc.constantFrom(...PATHS) }),
  fc.record({ op: fc.constant('add' as const), file: fc.nat(1), path: fc.constantFrom<Path>([], ...PATHS), key: hostileKey, value: hostileValue }),
  fc.record({ op: fc.constant('scale' as const), file: fc.nat(1), path: fc.constantFrom(...PATHS), by: fc.constantFrom(-1, 0.5, 2, 1 + 1e-12, 1e6) }),
);

/** The study with one mutation applied (on a copy). Own properties only, so "__proto__" is a key like any other. */
function mutate(m: Mutation): ShardFile[] {
  const shards = copy(STUDY);
  const root = shards[m.file] as unknown as Record<string | number, unknown>;
  const parentPath = m.op === 'add' ? m.path : m.path.slice(0, -1);
  let parent: Record<string | number, unknown> = root;
  for (const k of parentPath) parent = parent[k] as Record<string | number, unknown>;
  if (m.op === 'add') {
    if (typeof parent === 'object' && parent !== null && !Array.isArray(parent)) {
      Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    }
    return shards;
  }
  const key = m.path[m.path.length - 1];
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (m.op === 'set') {
    Object.defineProperty(parent, key, { value: m.value, enumerable: true, writable: true, configurable: true });
  } else if (typeof parent[key] === 'number') parent[key] = (parent[key] as number) * m.by;
  return shards;
}

/** Merge the shards as written to disk: the merged study, or the refusal. Anything else fails the test. */
function merge(shards: unknown[]): MergedStudy | CliError {
  shards.forEach((s, i) => writeFileSync(FILES[i], typeof s === 'string' ? s : JSON.stringify(s)));
  const start = performance.now();
  try {
    return mergeShards(FILES);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return e;
  } finally {
    const ms = performance.now() - start;
    if (ms > 5_000) expect(ms, 'a merge took too long').toBeLessThan(5_000);
  }
}

/** A refusal is short: at most 50 lines, each bounded. */
function expectBounded(e: CliError): void {
  const lines = e.message.split('\n');
  if (lines.length > MAX_LISTED_ERRORS || lines.some((l) => l.length > 4_500) || e.errors.length === 0) {
    expect({ lines: lines.length, longest: Math.max(...lines.map((l) => l.length)) }).toEqual('bounded');
  }
}

describe('shard files, fuzzed', () => {
  it('the fixture merges', () => {
    expect(JSON.parse(REFERENCE).worlds).toHaveLength(4);
  });

  it('any one mutation: merged with identical results, or refused with a bounded message', () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(mutation, (m) => {
        const r = merge(mutate(m));
        if (r instanceof CliError) expectBounded(r);
        else if (semantics(r) !== REFERENCE) expect(semantics(r)).toBe(REFERENCE);
      }),
      runs(CASES),
    );
    expectPrototypeUntouched(before);
  });

  it('any one mutation with the hashes recomputed: refused with a bounded message, or summarised without an error', () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(mutation, (m) => {
        const shards = mutate(m);
        try {
          rehash(shards);
        } catch {
          // A mutation that breaks the shape also breaks recomputing the hashes: merge it as it is.
        }
        const r = merge(shards);
        if (r instanceof CliError) expectBounded(r);
        else summarizeRobustness(r.packages, r.worlds, r.matrix, r, { keys: r.keys });
      }),
      runs(CASES),
    );
    expectPrototypeUntouched(before);
  });

  it('any text as a shard file: refused with a bounded message, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), hostileString(200), fc.json({ maxDepth: 3 }), fc.constantFrom('', '{}', '[]', 'null', '{"kind":"ceasefire-robustness-shard","format":2}', '['.repeat(100_000))), (text) => {
        const r = merge([text, STUDY[1]]);
        expect(r).toBeInstanceOf(CliError);
        expectBounded(r as CliError);
      }),
      runs(CASES),
    );
  });
});
