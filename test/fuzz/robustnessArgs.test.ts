// Fuzzing robustness's flags (its own parser sits in front of the common one): random argv from its
// real flags, near misses and junk. Each is either prepared (a run, a merge, help or the list) with
// checked settings, or refused with a CliError naming a flag, an argument or a file; nothing else.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cliError';
import { prepare } from '../../src/cli/robustness';
import { ASSUMPTIONS, clipName } from '../../src/engine/index';
import { syntheticWorldsFile } from '../worldsFixture';
import { expectFieldErrors, hostileString, runs } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'robustness-args-'));
const scenarios = resolve(__dirname, '../../scenarios');
const worldsFile = syntheticWorldsFile(6);
const pinned = join(tmp, 'pinned.json');
writeFileSync(pinned, JSON.stringify({ id: 'pinned', title: 'Pinned', summary: 'S', sources: [], levers: {}, assumptions: { euWarCost: 0.5 } }));
const escaped = join(tmp, 'escaped.json');
writeFileSync(escaped, JSON.stringify({ id: 'escaped', title: 'T\u001b]0;x\u0007', summary: 'S', sources: [], levers: {} }));

const FILES = [join(scenarios, 'baseline.json'), join(scenarios, 'full-package.json'), pinned, escaped, join(tmp, 'missing.json'), tmp, ''];
const VALUES: Record<string, string[]> = {
  '--scenario': FILES,
  '--merge': [join(tmp, 'missing.json'), pinned],
  '--assume': ['euWarCost=0.5', `euWarCost=${ASSUMPTIONS.euWarCost.value}`, 'euWarCost=9', 'constructor=1', '__proto__=1', 'euWarCst=0.3', '=1', 'peaceBaseValue=0.1', ''],
  '--worlds': ['1', '3', '6', '7', '0', '1e2', ''],
  '--shard': ['0/2', '1/2', '2/2', '0/6', '0/7', '0/1000000', 'x', '1/0', ''],
  '--trials': ['100', '200', '99', '1000000'],
  '--seed': ['1', '😀', '\u001b[2J', ''],
  '--workers': ['1', '2', '0', '17'],
  '--fail-above': ['0.2', '1.5', '0x1'],
  '--format': ['json', 'csv', 'table', 'xml'],
  '--out': [join(tmp, 'out.json'), pinned, tmp],
  '--set': ['euTroops=1000'],
};
const SWITCHES = ['--cells', '--list-assumptions', '--help', '--bogus', 'stray'];
const FLAGS = [...Object.keys(VALUES), ...SWITCHES];

const item = fc.oneof(
  { arbitrary: fc.constantFrom(...Object.keys(VALUES)).chain((f) => fc.constantFrom(...VALUES[f]).map((v) => [f, v])), weight: 8 },
  { arbitrary: fc.constantFrom(...Object.keys(VALUES)).chain((f) => fc.constantFrom(...VALUES[f]).map((v) => [`${f}=${v}`])), weight: 2 },
  { arbitrary: fc.constantFrom(...SWITCHES).map((s) => [s]), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...Object.keys(VALUES)), hostileString(12)).map(([f, v]) => [f, v]), weight: 1 },
);
const argvArb = fc.array(item, { maxLength: 6 }).map((items) => items.flat());

/** Every field of a refusal names a flag, an argument given, a file given, or the worlds file. */
function expectNamed(e: unknown, argv: readonly string[]): void {
  if (!(e instanceof CliError)) throw e;
  expectFieldErrors(e.errors);
  const named = (field: string) =>
    FLAGS.includes(field) ||
    FLAGS.some((f) => field.startsWith(`${f} `) || field.startsWith(`${f}: `)) ||
    argv.some((a) => clipName(a) === field || field.startsWith(`${clipName(a)}: `)) ||
    field === 'worlds file' ||
    field === 'input';
  const unnamed = e.errors.filter((x) => !named(x.field));
  if (unnamed.length) expect(unnamed, JSON.stringify(argv)).toEqual([]);
  // However many problems, the message stays bounded.
  if (e.message.length > 200_000) expect(e.message.length).toBeLessThan(200_000);
}

describe('robustness flags, fuzzed', () => {
  it('prepared with checked settings, or refused naming the flag', () => {
    let prepared = 0;
    fc.assert(
      fc.property(argvArb, (argv) => {
        let p: ReturnType<typeof prepare>;
        try {
          p = prepare(argv, worldsFile);
        } catch (e) {
          return expectNamed(e, argv);
        }
        prepared++;
        if (p.help || p.mode === 'merge') return;
        expect(p.trials).toBeGreaterThanOrEqual(100);
        expect(p.worlds.length).toBeGreaterThanOrEqual(1);
        expect(p.worlds.length).toBeLessThanOrEqual(6);
        for (const [k, v] of Object.entries(p.assumptions)) {
          if (!p.worlds.every((w) => w.assumptions[k as keyof typeof w.assumptions] === v)) expect(`${k} not pinned`).toBe('');
          if (p.keys.includes(k as never)) expect(`${k} pinned and a feature`).toBe('');
        }
        if (p.shard) expect(p.shard.count).toBeLessThanOrEqual(p.worlds.length);
      }),
      runs(500),
    );
    expect(prepared).toBeGreaterThan(20);
  });
});
