// Issue 22, "Hardening round three": the command line's, the shards' and the files' items, each as
// the behaviour the fix guarantees. No figure of the model is asserted: only relationships.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { CliError, MAX_LISTED_ERRORS, listedErrors } from '../../src/cli/cliError';
import { assumptionListText, resolveRun } from '../../src/cli/common';
import { main as robustnessMain, prepare as prepareRobustness } from '../../src/cli/robustness';
import { mergeShards, parseShard } from '../../src/cli/robustnessShard';
import { formatSensitivityTable, main as sensitivityMain, sensitivityCsv } from '../../src/cli/sensitivity';
import { main as simulateMain } from '../../src/cli/simulate';
import { formatTable } from '../../src/cli/table';
import { parseWhole } from '../../src/cli/analysisArgs';
import { ASSUMPTIONS, escapeControls, parseAssumePairs, quoteName, summarize, simulate, validateScenario, defaultLevers } from '../../src/engine/index';
import { asyncCommandRunner } from '../cliHarness';
import { syntheticWorldsFile } from '../worldsFixture';
import { TRIALS, copy, makeShards, rehash, root, writeShards } from './shardFixture';

// The commands' jobs run on this thread (test/inProcessPool.ts): no test here is about the worker
// threads (test/cli/robustness.test.ts and test/jobs.test.ts are), and each thread costs about a second.
vi.mock('../../src/cli/pool', async (real) => (await import('../inProcessPool')).inProcessPool(await real()));

const worldsFile = syntheticWorldsFile(6);
const robustness = asyncCommandRunner((argv, write) => robustnessMain(argv, write, worldsFile));
const simulateCli = asyncCommandRunner(simulateMain);
const scenarioFile = (name: string, extra: Record<string, unknown>) => {
  const [f] = writeShards([{ id: name, title: `Scenario ${name}`, summary: 'S', sources: [], levers: {}, ...extra }]);
  return f;
};
const ESC_TITLE = 'Mine \u001b]0;pwned\u0007\u001b[2J';
/** The merge's refusal of these shard objects (after writing them), or a failure if it accepts them. */
const mergeError = (shards: unknown[]): CliError => {
  try {
    mergeShards(writeShards(shards));
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('expected the merge to refuse');
};

describe('robustness --list-assumptions (M2)', () => {
  it('lists the assumptions and runs nothing, in every format', async () => {
    for (const format of ['table', 'json', 'csv']) {
      expect(await robustness.run(['--list-assumptions', '--format', format])).toBe(assumptionListText(format));
    }
    expect(prepareRobustness(['--list-assumptions'], worldsFile)).toMatchObject({ help: true });
  });
});

describe('robustness pins --assume and the scenarios\u2019 assumptions in every world (M3)', () => {
  const baseline = join(root, 'scenarios', 'baseline.json');
  it('pins --assume in every world, records it, and takes it out of PRIM\u2019s features', () => {
    const p = prepareRobustness(['--scenario', baseline, '--assume', 'euWarCost=0.5', '--trials', '100'], worldsFile);
    if (p.help || p.mode !== 'run') throw new Error('expected a run');
    expect(p.assumptions).toEqual({ euWarCost: 0.5 });
    expect(p.worlds.every((w) => w.assumptions.euWarCost === 0.5)).toBe(true);
    // The other assumptions still vary as the worlds file has them.
    expect(new Set(p.worlds.map((w) => w.assumptions.peaceBaseValue)).size).toBeGreaterThan(1);
    expect(p.keys).not.toContain('euWarCost');
  });
  it('pins a scenario file\u2019s assumptions block, and --assume wins over it, even at the default', () => {
    const f = scenarioFile('with-assumptions', { assumptions: { euWarCost: 0.5 } });
    const p = prepareRobustness(['--scenario', f], worldsFile);
    if (p.help || p.mode !== 'run') throw new Error('expected a run');
    expect(p.assumptions).toEqual({ euWarCost: 0.5 });
    const d = ASSUMPTIONS.euWarCost.value;
    const q = prepareRobustness(['--scenario', f, '--assume', `euWarCost=${d}`], worldsFile);
    if (q.help || q.mode !== 'run') throw new Error('expected a run');
    expect(q.assumptions).toEqual({ euWarCost: d });
    expect(q.worlds.every((w) => w.assumptions.euWarCost === d)).toBe(true);
  });
  it('refuses packages whose assumptions disagree, unless --assume decides', async () => {
    const a = scenarioFile('pins-a', { assumptions: { euWarCost: 0.5 } });
    expect(await robustness.errorOf(['--scenario', a, '--scenario', baseline])).toMatch(/--scenario: ".*" sets assumption euWarCost to 0\.5 but ".*baseline\.json" leaves it to the worlds; .*--assume euWarCost=VALUE/);
    expect(() => prepareRobustness(['--scenario', a, '--scenario', baseline, '--assume', 'euWarCost=0.4'], worldsFile)).not.toThrow();
  });
  it('records the pins in every format, and a run with them equals its merged shards', async () => {
    const argv = ['--scenario', baseline, '--assume', 'euWarCost=0.5', '--worlds', '2', '--trials', '100', '--workers', '1'];
    const jsonText = await robustness.run([...argv, '--format', 'json']);
    const json = JSON.parse(jsonText);
    expect(json.assumptions).toEqual({ euWarCost: 0.5 });
    expect(await robustness.run([...argv, '--format', 'csv'])).toMatch(/,assumptions\n.*,euWarCost=0\.5\n$/);
    const table = await robustness.run(argv);
    expect(table).toMatch(/Assumptions pinned in every world: euWarCost = 0\.5/);
    const files = writeShards([0, 1].map(() => ''));
    for (const [i, f] of files.entries()) await robustness.run([...argv, '--shard', `${i}/2`, '--out', f]);
    expect(JSON.parse(readFileSync(files[0], 'utf8')).assumptions).toEqual({ euWarCost: 0.5 });
    expect(await robustness.run(['--merge', ...files, '--format', 'json'])).toBe(jsonText);
  });
  it('lists --assume and --list-assumptions in --help, and refuses --assume with --merge', async () => {
    const help = await robustness.run(['--help']);
    expect(help).toMatch(/--assume key=value {2}pin one model assumption/);
    expect(help).toMatch(/--list-assumptions/);
    expect(await robustness.errorOf(['--merge', 'a.json', '--assume', 'euWarCost=0.5'])).toMatch(/--assume: cannot be combined with --merge/);
  });
});

describe('--assume at the calibrated default overrides a scenario file (M4)', () => {
  it('keeps a pair equal to its default, so it can undo the scenario\u2019s value', () => {
    const d = ASSUMPTIONS.euWarCost.value;
    const r = parseAssumePairs([`euWarCost=${d}`]);
    expect(r.ok && r.value).toEqual({ euWarCost: d });
    const f = scenarioFile('override-me', { assumptions: { euWarCost: 0.5, peaceBaseValue: 0.1 } });
    const opts = parseArgs(['--scenario', f, '--assume', `euWarCost=${d}`]);
    if (!opts.ok) throw new Error(JSON.stringify(opts.errors));
    // Only the changes from the defaults remain: euWarCost is back at its default.
    expect(resolveRun(opts.value).assumptions).toEqual({ peaceBaseValue: 0.1 });
  });
  it('in every command that reads a scenario: simulate\u2019s summary runs at the default', async () => {
    const d = ASSUMPTIONS.peaceBaseValue.value;
    const f = scenarioFile('override-sim', { assumptions: { peaceBaseValue: 0.1 } });
    const plain = JSON.parse(await simulateCli.run(['--trials', '100', '--format', 'json']));
    const undone = JSON.parse(await simulateCli.run(['--scenario', f, '--assume', `peaceBaseValue=${d}`, '--trials', '100', '--format', 'json']));
    expect(undone.params.assumptions.peaceBaseValue).toBe(d);
    expect(undone.pWar).toBe(plain.pWar);
  });
});

describe('a shard\u2019s keys are looked up as own properties (M5)', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('"%s" in keys is refused, naming keys (hash recomputed)', (key) => {
    const [s] = makeShards(1);
    const t = copy(s);
    t.keys = [...t.keys.slice(0, 2), key as never];
    const e = mergeError(rehash([t]));
    expect(e.message).toMatch(/keys\[2\]: .* is not an assumption key/);
  });
});

describe('a shard\u2019s counts are bounded (M6)', () => {
  it.each([1_000_000, 40_000_000, 1e15])('shard.count %d is refused at once, in one short message', (count) => {
    const [s] = makeShards(1);
    const t = copy(s);
    t.shard = { index: 0, count };
    t.worlds = count;
    const start = performance.now();
    const e = mergeError([t]);
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(e.message.length).toBeLessThan(2_000);
    expect(e.message).toMatch(/worlds: is missing or out of range; expected a whole number from 1–100,000/);
  });
  it('a count within the worlds names at most 20 missing shards, then counts the rest', () => {
    const shards = makeShards(25, 25);
    const e = mergeError([shards[0]]);
    expect(e.message).toMatch(/24 shards are missing: 1\/25, 2\/25, .*, 20\/25 and 4 more; expected all 25 shards \(0–24\)/);
  });
  it('any number of problems gives at most 50 lines', () => {
    const errors = Array.from({ length: 100_000 }, (_, i) => ({ field: `f${i}`, message: 'bad' }));
    const e = new CliError(errors);
    expect(e.message.split('\n')).toHaveLength(MAX_LISTED_ERRORS);
    expect(e.message).toMatch(/input: has 99,951 more problems not listed$/);
    expect(listedErrors([{ field: 'f', message: 'x'.repeat(100_000) }])[0].message.length).toBeLessThan(2_100);
  });
});

describe('a shard\u2019s cells are hashed and possible (M7)', () => {
  it('a hand-edited cell no longer matches the cells\u2019 hash', () => {
    const shards = makeShards(2);
    const t = copy(shards[0]);
    // Possible figures (shares of the trials, war within resumption), but not the ones computed.
    t.pResumption[0][0] = 1;
    t.pWar[0][0] = 0.99;
    expect(mergeError([t, shards[1]]).message).toMatch(/do not match its cellsHash: the file was changed/);
  });
  it('impossible cells are refused even with the hashes recomputed', () => {
    const [s] = makeShards(1);
    const above = copy(s);
    above.pResumption[0][0] = 0.1;
    above.pWar[0][0] = 0.2;
    expect(mergeError(rehash([above])).message).toMatch(/pWar\[0\]\[0\]: is 0\.2, above pResumption 0\.1/);
    const notShare = copy(s);
    notShare.pResumption[1][2] = 0.12345;
    expect(mergeError(rehash([notShare])).message).toMatch(new RegExp(`pResumption\\[1\\]\\[2\\]: is 0\\.12345; expected a share of the ${TRIALS} trials`));
    const negative = copy(s);
    negative.pWar[0][1] = -0;
    negative.pWar[0][1] = -0.01;
    expect(mergeError(rehash([negative])).message).toMatch(/pWar\[0\]\[1\]: is -0\.01/);
  });
});

describe('a shard\u2019s metadata is checked (L5)', () => {
  const cases: [string, (s: ReturnType<typeof makeShards>[number]) => void, RegExp][] = [
    ['trials 1e300', (s) => (s.trials = 1e300), /trials: is missing or out of range; expected a whole number from 100–1,000,000/],
    ['a 5 MB title', (s) => (s.packages[0].title = 'x'.repeat(5_000_000)), /packages\[0\]\.title: is missing or malformed; expected a non-empty string of at most 200 characters/],
    ['a title with terminal escapes', (s) => (s.packages[0].title = ESC_TITLE), /packages\[0\]\.title: holds a control character \(U\+001B\)/],
    ['duplicate package ids', (s) => (s.packages[1].id = s.packages[0].id), /packages\[1\]\.id: "baseline" is given twice/],
    ['a world value out of range', (s) => (s.shardWorlds[0].assumptions.euWarCost = 1e9), /shardWorlds\[0\]\.assumptions\.euWarCost: 1000000000 is out of range/],
    ['a world\u2019s decision noise out of range', (s) => (s.shardWorlds[1].decisionNoise = 7), /shardWorlds\[1\]\.decisionNoise: is missing or out of range/],
    ['empty keys', (s) => (s.keys = []), /keys: is missing or malformed; expected a list of 1–\d+ assumption keys/],
    ['an unknown field', (s) => ((s as unknown as Record<string, unknown>).extra = 1), /shard file\.extra: is not a shard field/],
    ['an unknown field in a package', (s) => ((s.packages[0] as unknown as Record<string, unknown>).note = 'x'), /packages\[0\]\.note: is not a shard field/],
    ['a seed with a control character', (s) => (s.seed = 'a\u001bb'), /seed: is missing or malformed; expected 1–64 printable characters/],
    ['a lever out of range', (s) => ((s.packages[0].levers as unknown as Record<string, unknown>).euTroops = -5), /packages\[0\]\.levers\.euTroops: -5 is out of range/],
    ['worlds out of order', (s) => (s.shardWorlds[0].id = 5), /shardWorlds\[0\]\.id: is 5; expected 0 \(worlds in order\)/],
  ];
  it.each(cases)('%s is refused, naming the field (hashes recomputed)', (_, edit, message) => {
    const [s] = makeShards(1);
    const t = copy(s);
    edit(t);
    const e = mergeError(rehash([t]));
    expect(e.message).toMatch(message);
    expect(e.message.length).toBeLessThan(20_000);
  });
  it('a format-1 shard is refused with the reason', () => {
    const [s] = makeShards(1);
    expect(mergeError([{ ...s, format: 1 }]).message).toMatch(/is shard format 1; this command reads format 2/);
  });
  it('an untouched study still merges', () => {
    expect(() => mergeShards(writeShards(makeShards(3)))).not.toThrow();
  });
});

describe('terminal escapes (M10)', () => {
  it('a scenario title, file name or note holding controls is refused', () => {
    const r = validateScenario({ id: 'x', title: ESC_TITLE, summary: 'S', sources: [], levers: {}, notes: { euTroops: 'a\u009b2J' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['title', 'notes.euTroops']);
    expect(r.errors[0].message).toMatch(/holds a control character \(U\+001B\); expected printable text/);
    // A summary may run over lines: tabs and line breaks are allowed there, ESC is not.
    expect(validateScenario({ id: 'x', title: 'T', summary: 'one\n\ttwo', sources: [], levers: {} }).ok).toBe(true);
    expect(validateScenario({ id: 'x', title: 'T', summary: 'one\u001b[2J', sources: [], levers: {} }).ok).toBe(false);
  });
  it('text printed from input has every control escaped', () => {
    expect(escapeControls(ESC_TITLE)).toBe('Mine \\u001b]0;pwned\\u0007\\u001b[2J');
    expect(escapeControls('a\nb\u009bc\u202ed', true)).toBe('a\nb\\u009bc\\u202ed');
    expect(quoteName('a\u009b\u0085')).toBe('"a\\u009b\\u0085"');
    const { model, results } = simulate(defaultLevers(), { seed: '1', trials: 100 });
    // formatTable itself is plain text; simulate escapes it before it is written.
    expect(formatTable(summarize(model, results, '1'), ESC_TITLE)).toContain('\u001b');
  });
  it('simulate\u2019s table and a refusal on standard error carry no raw control character', async () => {
    const f = scenarioFile('escaped', {});
    expect(await simulateCli.run(['--scenario', f, '--trials', '100'])).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const bad = join(root, 'no-such-\u001b]0;x\u0007.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/simulate.ts'), '--scenario', bad], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --scenario: cannot read ".*no-such-\\u001b\]0;x\\u0007\.json" \(ENOENT\)/);
    expect(r.stderr).not.toMatch(/[\u001b\u0007]/);
  });
});

describe('simulate says what it does with --worlds (L3, L4)', () => {
  it('refuses --worlds with csv, and --world-trials without --worlds', async () => {
    expect(await simulateCli.errorOf(['--worlds', '2', '--format', 'csv'])).toMatch(/--worlds: adds the range across plausible worlds to the json and table output/);
    expect(await simulateCli.errorOf(['--world-trials', '200'])).toMatch(/--world-trials: sets the trials per world for --worlds; give --worlds N too/);
  });
  it('says that --assume does not apply to the worlds\u2019 range, in the table and the JSON', async () => {
    const argv = ['--worlds', '1', '--world-trials', '100', '--trials', '100', '--assume', 'euWarCost=0.5'];
    const json = JSON.parse(await simulateCli.run([...argv, '--format', 'json']));
    expect(json.acrossWorlds.assumptionsNotApplied).toEqual({ euWarCost: 0.5 });
    expect(json.params.assumptions.euWarCost).toBe(0.5);
    expect(await simulateCli.run(argv)).toMatch(/Each world brings its own model assumptions and decision noise, which replace the run's, so your 1 assumption change \(--assume or the scenario's "assumptions"\) does not apply to this range\./);
  });
});

describe('sensitivity records the levers and assumptions it ran with (L9)', () => {
  it('in the JSON, the table and the CSV', async () => {
    const run = asyncCommandRunner(sensitivityMain);
    const argv = ['--set', 'euTroops=50000', '--assume', 'euWarCost=0.5', '--trials', '100', '--workers', '1'];
    const json = JSON.parse(await run.run([...argv, '--format', 'json']));
    expect(json.params.euTroops).toBe(50000);
    expect(json.params.assumptions.euWarCost).toBe(0.5);
    const base = { levers: { ...defaultLevers(), euTroops: 50000 }, assumptions: { euWarCost: 0.5 } };
    const table = formatSensitivityTable(json, base);
    expect(table).toMatch(/Levers changed from the defaults: euTroops=50000/);
    expect(table).toMatch(/Assumptions changed from the calibrated defaults: euWarCost=0\.5/);
    expect(formatSensitivityTable(json, { levers: defaultLevers(), assumptions: {} })).toMatch(/All levers at their defaults\.\nAll model assumptions at their calibrated defaults\./);
    const csv = sensitivityCsv(json, base);
    expect(csv.split('\n')[0]).toMatch(/,baseLevers,baseAssumptions$/);
    expect(csv.split('\n')[1]).toMatch(/,euTroops=50000,euWarCost=0\.5$/);
  }, 180_000);
});

describe('--list-assumptions runs nothing, so a flag for a run beside it is refused (L3\u2019s kind)', () => {
  it('in the common flags and in robustness', async () => {
    const r = parseArgs(['--list-assumptions', '--trials', '500', '--set', 'euTroops=1']);
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual(['lists the assumptions to standard output and runs nothing, so --trials, --set would do nothing; leave them out']);
    expect(parseArgs(['--list-assumptions', '--format', 'json']).ok).toBe(true);
    expect(await robustness.errorOf(['--list-assumptions', '--scenario', 'x.json'])).toMatch(/--list-assumptions: .* so --scenario would do nothing; leave it out/);
  });
});

describe('messages (L10)', () => {
  it('show an empty value as "", not "\\"\\""', () => {
    const r = parseWhole('--worlds', '', 1, 7);
    expect(!r.ok && r.errors[0].message).toBe('"" is not a whole number; expected 1–7');
    const f = parseArgs(['--format', '']);
    expect(!f.ok && f.errors[0].message).toMatch(/^"" is not a format/);
    const a = parseAssumePairs(['']);
    expect(!a.ok && a.errors[0].message).toMatch(/^"" is not key=value/);
  });
  it('call a shard count of any size out of range, not "not i/n"', () => {
    const r = parseShard('0/1000000', 7);
    expect(!r.ok && r.errors[0].message).toBe('1000000 shards is out of range; expected 1–7 shards (at most one per world)');
    const big = parseShard('3/99999999999999999999999', 7);
    expect(!big.ok && big.errors[0].message).toMatch(/^99999999999999999999… shards is out of range/);
    expect(!parseShard('1/2/3', 7).ok).toBe(true);
  });
});

describe('SECURITY.md', () => {
  it('states the guarantees of this round', () => {
    const text = readFileSync(join(root, 'SECURITY.md'), 'utf8');
    for (const phrase of ['## Shard files and terminal output', 'cellsHash', 'control character', 'at most 50 in all']) expect(text).toContain(phrase);
  });
});
