// Fuzzing the command line: random argv from each command's real flags mixed with junk values.
// Every refusal is a CliError whose fields name a flag (or the stray argument, or the scenario
// file and its field); nothing else is ever thrown; what is accepted runs with valid levers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main as discoverMain } from '../../src/cli/discover';
import { main as explainMain } from '../../src/cli/explain';
import { prepare as prepareSensitivity } from '../../src/cli/sensitivity';
import { CliError, main as simulateMain } from '../../src/cli/simulate';
import { prepare as prepareSweep } from '../../src/cli/sweep';
import { LEVERS, MAX_SWEEP_STEPS, checkLeverValue, clipName, trialCsvHeader, type Levers } from '../../src/engine';
import { parseShare, parseWhole } from '../../src/cli/analysisArgs';
import { NUMBER_NOTATIONS, expectFieldErrors, hostileString, runs } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'cli-fuzz-'));
const scenarios = resolve(__dirname, '../../scenarios');
mkdirSync(join(tmp, 'dir'));
const write = (name: string, text: string) => {
  writeFileSync(join(tmp, name), text);
  return join(tmp, name);
};
const SCENARIO_FILES = [
  join(scenarios, 'baseline.json'),
  join(scenarios, 'robust-reassurance.json'),
  write('hostile.json', JSON.stringify({ id: 'hostile', title: '=HYPERLINK("http://x","y")', summary: 'S', sources: [], levers: { horizonYears: 1 }, notes: { horizonYears: '@SUM(A1)' } })),
  write('broken.json', '{ "id": '),
  write('proto.json', '{"id":"p","title":"P","summary":"S","sources":[],"levers":{"__proto__":{"polluted":1}}}'),
  write('big.json', ' '.repeat(300_000)),
  join(tmp, 'missing.json'),
  join(tmp, 'dir'),
  '/dev/null',
  '',
];
/** --out only ever points into the temporary folder: a fuzzed path must not litter the repository. */
const OUT_FILES = [join(tmp, 'out.txt'), join(tmp, 'no/such/dir.txt'), join(tmp, 'dir')];

const JUNK = [
  '', ' ', '--', '-', '=', '==', '-1', '-0', '0', '1e309', '-1e309', '0x10', 'NaN', 'Infinity', '١٢٣', '３', '😀', 'ש', '\u202e', '\u0000', '\n',
  '--help=1', '--trials', '--set', '--seed=', '--=', '-h', 'x'.repeat(10_000), '-'.repeat(50), '%E0%A4%A', '__proto__', 'constructor', 'baseline.json',
];

/** Good and near-miss values for each flag. Trials stay ≤ 500 and sweep steps ≤ 3, so accepted runs are quick. */
const VALUES: Record<string, string[]> = {
  '--scenario': SCENARIO_FILES,
  '--set': ['euTroops=50000', 'usTier=none', 'article5Like=true', 'horizonYears=1', 'ceasefireStart=2030-06', 'euTroops=', '=5', 'euTroop=5', 'trials=100', 'euTroops=1e309', 'usCredibility=0x1', '__proto__=1', 'euPosture=Combat', 'x'.repeat(5000) + '=1'],
  '--trials': ['100', '200', '500', '99', '1_000_000_0', '1e2', '100.0', ' 100 ', '+100'],
  '--seed': ['1', 'abc', '😀', '=cmd()', 'x'.repeat(64), 'x'.repeat(65), '\ud800'],
  '--format': ['json', 'csv', 'table', 'xml', 'JSON'],
  '--out': OUT_FILES,
  '--swing': ['0.5', '1', '0', '1.5', '0x1', '0b1', '1e-1', '.5'],
  '--workers': ['1', '2', '0', '17', '1.5'],
  '--x': ['euTroops:0:200000:2', 'usTier', 'article5Like', 'usCredibility:0:1:3', 'ceasefireStart', 'euTroops:0:200000:41', 'euTroops:5:1:2', 'usTier:air-power:none', 'euTroop', 'euTroops:0:1e309:2', 'euTroops:0:200000:0x2'],
  '--y': ['usCredibility:0:1:2', 'article5Like', 'euPosture:monitoring:tripwire', 'euTroops:0:200000:3', 'usTier:none', ':::'],
  '--threshold': ['0.2', '1', '0', '2'],
  '--alpha': ['0.1', '0.5', '0', '0x0'],
  '--min-support': ['0.05', '1', '0'],
  '--min-coverage': ['0.5', '1', '0'],
  '--boxes': ['1', '5', '6', '0'],
  '--trial': ['0', '99', '499', '500', '-1', '1_0'],
};

const COMMON = ['--scenario', '--set', '--trials', '--seed', '--format', '--out'];
const COMMANDS = {
  simulate: { flags: COMMON },
  sensitivity: { flags: [...COMMON, '--swing', '--workers'] },
  sweep: { flags: [...COMMON, '--x', '--y', '--threshold', '--workers'] },
  discover: { flags: [...COMMON, '--alpha', '--min-support', '--min-coverage', '--boxes'] },
  explain: { flags: [...COMMON, '--trial'] },
} as const;

const junk = fc.oneof({ arbitrary: fc.constantFrom(...JUNK), weight: 3 }, { arbitrary: hostileString(12), weight: 1 });

/** argv for a command: flags with their values (separate or with =), bare flags, junk, --help now and then. */
function argvArb(flags: readonly string[], required: string[] = []): fc.Arbitrary<string[]> {
  const flag = fc.constantFrom(...flags);
  const item = fc.oneof(
    { arbitrary: flag.chain((f) => fc.constantFrom(...VALUES[f]).map((v) => [f, v])), weight: 8 },
    { arbitrary: fc.tuple(flag, junk).map(([f, v]) => [f, v]), weight: 2 },
    { arbitrary: flag.chain((f) => fc.constantFrom(...VALUES[f]).map((v) => [`${f}=${v}`])), weight: 2 },
    { arbitrary: flag.map((f) => [f]), weight: 1 },
    { arbitrary: junk.map((j) => [j]), weight: 1 },
    { arbitrary: fc.constantFrom(['--help'], ['-h'], ['--trails', '100'], ['--sed', 'x'], ['--out']), weight: 1 },
  );
  // A command's required flag (explain's --trial) is given two times in three.
  const head = fc.constantFrom<string[][]>([], required, required);
  return fc.tuple(head, fc.array(item, { maxLength: 7 })).map(([first, items]) => {
    const argv = [...first, ...items.flat()];
    // Whatever ends up as --out's value is a path in the temporary folder.
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--out' && i + 1 < argv.length && !OUT_FILES.includes(argv[i + 1])) argv[i + 1] = OUT_FILES[0];
      if (argv[i].startsWith('--out=') && !OUT_FILES.includes(argv[i].slice(6))) argv[i] = `--out=${OUT_FILES[0]}`;
    }
    // Keep accepted runs small: 100 trials unless the argv says otherwise.
    if (!argv.some((a) => a === '--trials' || a.startsWith('--trials='))) argv.push('--trials', '100');
    return argv;
  });
}

/** A refusal's fields each name a flag of the command, a token of argv, or a scenario file and its field. */
function expectNamedRefusal(e: unknown, argv: readonly string[], flags: readonly string[]): void {
  if (!(e instanceof CliError)) throw e; // anything else is a bug: let it fail the property as it is
  expectFieldErrors(e.errors);
  const files = argv.filter((a) => SCENARIO_FILES.includes(a) || SCENARIO_FILES.includes(a.replace(/^--scenario=/, ''))).map((a) => clipName(a.replace(/^--scenario=/, '')));
  const unnamed = e.errors.filter(
    (x) =>
      !(
        [...flags, '--help'].includes(x.field) ||
        x.field.startsWith('--set ') ||
        argv.some((a) => clipName(a) === x.field) ||
        files.some((f) => x.field.startsWith(`${f}: `))
      ),
  );
  if (unnamed.length) expect(unnamed, JSON.stringify(argv)).toEqual([]);
  // The message printed is "field: message" per problem, so it names each field.
  for (const x of e.errors) if (!e.message.includes(`${x.field}: ${x.message}`)) expect(e.message).toContain(`${x.field}: ${x.message}`);
}

function expectValidLevers(levers: Levers): void {
  const bad = LEVERS.filter((l) => !checkLeverValue(l, levers[l.key]).ok).map((l) => l.key);
  if (bad.length) expect(bad).toEqual([]);
}

/** Runs a command in process; resolves to its output or the refusal. */
async function runCommand(main: (argv: readonly string[], w: (s: string) => void) => number | Promise<number>, argv: string[]): Promise<{ out: string } | { error: unknown }> {
  let out = '';
  try {
    const code = await main(argv, (s) => (out += s));
    expect(code).toBe(0);
    return { out };
  } catch (error) {
    return { error };
  }
}

describe('command-line flags, fuzzed', () => {
  it.each([
    ['simulate', simulateMain],
    ['discover', discoverMain],
    ['explain', explainMain],
  ] as const)('%s: runs or refuses with a CliError naming the flag', async (name, main) => {
    const flags = COMMANDS[name].flags;
    let accepted = 0;
    const n = name === 'simulate' ? 1_500 : 700;
    await fc.assert(
      fc.asyncProperty(argvArb(flags, name === 'explain' ? ['--trial', '7'] : []), async (argv) => {
        const r = await runCommand(main, argv);
        if ('error' in r) return expectNamedRefusal(r.error, argv, flags);
        const format = argv.reduce((f, a, i) => (a === '--format' ? argv[i + 1] : a.startsWith('--format=') ? a.slice(9) : f), name === 'simulate' ? 'table' : 'table');
        const toFile = argv.includes('--out') || argv.some((a) => a.startsWith('--out='));
        accepted++;
        if (r.out.startsWith('Usage')) expect(argv.includes('--help') || argv.includes('-h')).toBe(true);
        else if (toFile) expect(r.out).toBe('');
        else if (format === 'json') expectValidLevers(JSON.parse(r.out).params);
        else if (format === 'csv') expect(csvParse(r.out).columns).toEqual(trialCsvHeader());
        else expect(r.out).toMatch(/explorable model, not a forecast/);
      }),
      runs(n),
    );
    // The vocabulary is mostly real flags and values: a good share of the cases must really run.
    expect(accepted).toBeGreaterThan(n * 0.1);
  });

  it.each([
    ['sensitivity', prepareSensitivity],
    ['sweep', prepareSweep],
  ] as const)('%s: flags are checked and levers resolved, or refused with a CliError naming the flag', (name, prepare) => {
    const flags = COMMANDS[name].flags;
    let accepted = 0;
    fc.assert(
      fc.property(argvArb(flags), (argv) => {
        let p: ReturnType<typeof prepare>;
        try {
          p = prepare(argv);
        } catch (e) {
          return expectNamedRefusal(e, argv, flags);
        }
        accepted++;
        if (p.help) return;
        expectValidLevers(p.run.levers);
        expect(p.run.trials).toBeGreaterThanOrEqual(100);
        expect(p.run.trials).toBeLessThanOrEqual(1_000_000);
        expect(p.workers).toBeGreaterThanOrEqual(1);
        if ('x' in p) {
          expect(p.x.key).not.toBe(p.y.key);
          for (const axis of [p.x, p.y]) {
            expect(axis.values.length).toBeGreaterThanOrEqual(2);
            expect(axis.values.length).toBeLessThanOrEqual(MAX_SWEEP_STEPS);
            const spec = LEVERS.find((l) => l.key === axis.key)!;
            for (const v of axis.values) expect(checkLeverValue(spec, v).ok).toBe(true);
          }
        }
      }),
      runs(3_000),
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it('nothing reached Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the commands' number flags, fuzzed", () => {
  const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  const text = fc.oneof(
    fc.constantFrom(...NUMBER_NOTATIONS, '0x1', '0X1', '0b1', '0o1', '1_0', '1__000', '1_000', '10_000'),
    fc.double().map(String),
    fc.double({ min: 0, max: 1 }).map((x) => fc.sample(fc.constantFrom(String(x), x.toExponential(), ` ${x} `, `+${x}`, x.toFixed(2)), { numRuns: 1, seed: Math.floor(x * 1e9) })[0]),
    hostileString(12),
  );

  it('parseShare: accepted text is a plain decimal in range; refused text names the flag and the range', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, hiInclusive) => {
        const r = parseShare('--swing', t, 0, 1, hiInclusive);
        if (r.ok) {
          const ok = DECIMAL.test(t.trim()) && r.value === Number(t) && r.value > 0 && (hiInclusive ? r.value <= 1 : r.value < 1);
          if (!ok) expect(`accepted ${JSON.stringify(t)} as ${r.value}`).toBe('');
          return;
        }
        expect(r.errors).toEqual([{ field: '--swing', message: expect.stringMatching(/ is not allowed; expected a number greater than 0 and (at most|less than) 1$/) }]);
      }),
      runs(),
    );
  });

  it('parseWhole: accepted text is whole digits in range; refused text names the flag and the range', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.integer({ min: -10, max: 30 }).map(String)), (t) => {
        const r = parseWhole('--boxes', t, 1, 16);
        if (r.ok) {
          const ok = /^\d+$|^\d{1,3}(_\d{3})+$/.test(t.trim()) && Number.isInteger(r.value) && r.value >= 1 && r.value <= 16;
          if (!ok) expect(`accepted ${JSON.stringify(t)} as ${r.value}`).toBe('');
          return;
        }
        expect(r.errors).toEqual([{ field: '--boxes', message: expect.stringMatching(/; expected 1–16$/) }]);
      }),
      runs(),
    );
  });
});
