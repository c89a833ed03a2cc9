import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/robustness';
import { shardSlice } from '../../src/cli/robustnessShard';
import { ENGINE_VERSION } from '../../src/engine/index';
import { asyncCommandRunner } from '../cliHarness';
import { threads } from '../inProcessPool';
import { syntheticWorldsFile } from '../worldsFixture';

const root = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'robustness-test-'));
// Seven synthetic worlds (the tests do not depend on the committed worlds file).
const worldsFile = syntheticWorldsFile(7);
const { run, errorOf } = asyncCommandRunner((argv, write) => main(argv, write, worldsFile));

const scenarios = ['baseline', 'full-package', 'steel-porcupine'].flatMap((s) => ['--scenario', join(root, 'scenarios', `${s}.json`)]);
// The commands' jobs run on this thread (test/inProcessPool.ts): each worker thread loads tsx and
// the engine anew, about a second of CPU a command. The test of one, two and four workers below is
// the one about threads: it runs them on real threads and compares their bytes with this thread's.
vi.mock('../../src/cli/pool', async (real) => (await import('../inProcessPool')).inProcessPool(await real()));
const study = [...scenarios, '--trials', '200', '--seed', 'rob-✓', '--workers', '1'];

describe('the robustness command', () => {
  it('prints the JSON contract: one entry per package, in the order given', async () => {
    const r = JSON.parse(await run([...study, '--format', 'json']));
    expect(Object.keys(r)).toEqual(['engineVersion', 'seed', 'trials', 'worlds', 'assumptions', 'failure', 'packages', 'decides', 'valueOfInformation']);
    expect(r.valueOfInformation).toMatchObject({ total: expect.any(Number), unit: 'points' });
    expect(r.valueOfInformation.byAssumption[0]).toEqual({ key: expect.any(String), label: expect.any(String), value: expect.any(Number) });
    expect(r.valueOfInformation.byAssumption[0].value).toBeLessThanOrEqual(r.valueOfInformation.total + 1e-9);
    expect(r).toMatchObject({ engineVersion: ENGINE_VERSION, seed: 'rob-✓', trials: 200, worlds: 7, assumptions: {}, failure: { kind: 'above-median' } });
    expect(r.packages.map((p: { id: string }) => p.id)).toEqual(['baseline', 'full-package', 'steel-porcupine']);
    expect(Object.keys(r.packages[0])).toEqual(['id', 'title', 'pResumption', 'pWar', 'bestShare', 'worstWorld', 'maxRegret', 'maxRegretWorld']);
    expect(Object.keys(r.packages[0].pWar)).toEqual(['min', 'p10', 'median', 'p90', 'max']);
    expect(r.packages.reduce((s: number, p: { bestShare: number }) => s + p.bestShare, 0)).toBeCloseTo(1, 12);
    expect(r.decides).toHaveLength(3);
  });
  it('adds every cell with --cells', async () => {
    const r = JSON.parse(await run([...study, '--cells']));
    expect(r.cells.worldIds).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.cells.pWar).toHaveLength(3);
    expect(r.cells.pWar[1]).toHaveLength(7);
    expect(Math.max(...r.cells.pWar[1])).toBe(r.packages[1].pWar.max);
  });
  it('writes one CSV row per package', async () => {
    const rows = csvParse(await run([...study, '--format', 'csv']));
    expect(rows.map((r) => r.id)).toEqual(['baseline', 'full-package', 'steel-porcupine']);
    expect(rows[0].engineVersion).toBe(ENGINE_VERSION);
    expect(rows[0].worlds).toBe('7');
  });
  it('prints a readable table by default', async () => {
    const t = await run(study);
    expect(t).toMatch(/^Robustness across 7 plausible worlds/);
    expect(t).toMatch(/Which assumptions decide/);
  });
  it('runs every preset when no --scenario is given', async () => {
    const r = JSON.parse(await run(['--worlds', '2', '--trials', '100', '--format', 'json', '--workers', '1']));
    expect(r.packages).toHaveLength(13);
    expect(r.packages[0].id).toBe('baseline');
  });
  it('prints the same bytes with one, two and four workers', async () => {
    const argv = [...scenarios, '--trials', '200', '--format', 'json', '--cells'];
    // On this thread, as every other test of the file runs its commands.
    const here = await run([...argv, '--workers', '1']);
    threads.on = true;
    try {
      const one = await run([...argv, '--workers', '1']);
      expect(one).toBe(here);
      expect(await run([...argv, '--workers', '2'])).toBe(one);
      expect(await run([...argv, '--workers', '4'])).toBe(one);
    } finally {
      threads.on = false;
    }
  });
});

describe('shards and their merge', () => {
  // Each split of the study is computed once and shared by the tests (they only read the files).
  const made = new Map<number, Promise<string[]>>();
  const shardFiles = (n: number) => {
    if (!made.has(n)) {
      made.set(
        n,
        Promise.all(
          Array.from({ length: n }, async (_, i) => {
            const f = join(tmp, `shard-${n}-${i}.json`);
            await run([...study, '--shard', `${i}/${n}`, '--out', f]);
            return f;
          }),
        ),
      );
    }
    return made.get(n)!;
  };

  it('split the worlds into contiguous disjoint blocks that cover them all', () => {
    for (const [N, n] of [[7, 3], [100, 7], [5, 5], [3, 1]]) {
      const blocks = Array.from({ length: n }, (_, i) => shardSlice({ index: i, count: n }, N));
      expect(blocks[0].from).toBe(0);
      expect(blocks[n - 1].to).toBe(N);
      for (let i = 1; i < n; i++) expect(blocks[i].from).toBe(blocks[i - 1].to);
      for (const b of blocks) expect(b.to - b.from).toBeGreaterThanOrEqual(Math.floor(N / n));
    }
  });
  it('merge into output byte-for-byte identical to the unsharded run, in every format', async () => {
    const files = await shardFiles(3);
    const shard = JSON.parse(readFileSync(files[1], 'utf8'));
    expect(shard).toMatchObject({ kind: 'ceasefire-robustness-shard', engineVersion: ENGINE_VERSION, seed: 'rob-✓', trials: 200, shard: { index: 1, count: 3 }, worlds: 7, slice: { from: 2, to: 4 } });
    expect(shard.shardWorlds.map((w: { id: number }) => w.id)).toEqual([2, 3]);
    for (const format of [['--format', 'json'], ['--format', 'csv'], ['--format', 'table'], ['--cells'], ['--format', 'csv', '--fail-above', '0.1']]) {
      const whole = await run([...study, ...format]);
      // Shards in any order.
      expect(await run(['--merge', files[2], files[0], files[1], ...format]), format.join(' ')).toBe(whole);
    }
  });
  it('merge to a file atomically', async () => {
    const files = await shardFiles(2);
    const out = join(tmp, 'merged.csv');
    await run(['--merge', ...files, '--format', 'csv', '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(await run([...study, '--format', 'csv']));
  });
  it('refuse shards of different studies, naming the files and what differs', async () => {
    const files = await shardFiles(2);
    const other = join(tmp, 'other-seed.json');
    await run([...scenarios, '--trials', '200', '--seed', 'another', '--shard', '1/2', '--out', other, '--workers', '1']);
    expect(await errorOf(['--merge', files[0], other])).toMatch(/--merge: ".*other-seed\.json" and ".*shard-2-0\.json" are not shards of one study: their seed differ \("another" and "rob-✓"\)/);
    const fewerTrials = join(tmp, 'other-trials.json');
    await run([...scenarios, '--trials', '300', '--seed', 'rob-✓', '--shard', '1/2', '--out', fewerTrials, '--workers', '1']);
    expect(await errorOf(['--merge', files[0], fewerTrials])).toMatch(/their trials differ \(300 and 200\)/);
  });
  it('refuse a missing, doubled or foreign shard', async () => {
    const files = await shardFiles(3);
    expect(await errorOf(['--merge', files[0], files[2]])).toMatch(/--merge: shard 1\/3 is missing; expected all 3 shards \(0–2\)/);
    expect(await errorOf(['--merge', files[0], files[1], files[1], files[2]])).toMatch(/--merge: shard 1\/3 is given twice/);
    const two = await shardFiles(2);
    expect(await errorOf(['--merge', files[0], two[1]])).toMatch(/their number of shards differ \(2 and 3\)/);
    const junk = join(tmp, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    expect(await errorOf(['--merge', junk])).toMatch(/--merge .*junk\.json: is not a robustness shard file/);
    writeFileSync(junk, 'not json');
    expect(await errorOf(['--merge', junk])).toMatch(/--merge .*junk\.json: is not valid JSON/);
    expect(await errorOf(['--merge', join(tmp, 'absent.json')])).toMatch(/--merge: cannot read ".*absent\.json" \(ENOENT\)/);
  });
  it('refuse a shard whose cells were edited', async () => {
    const files = await shardFiles(3);
    const s = JSON.parse(readFileSync(files[0], 'utf8'));
    s.packages[0].levers.euTroops = 1;
    const edited = join(tmp, 'edited.json');
    writeFileSync(edited, JSON.stringify(s));
    expect(await errorOf(['--merge', edited, files[1], files[2]])).toMatch(/do not match its packagesHash/);
    const t = JSON.parse(readFileSync(files[0], 'utf8'));
    t.shardWorlds[0].decisionNoise = 0.99;
    writeFileSync(edited, JSON.stringify(t));
    expect(await errorOf(['--merge', edited, files[1], files[2]])).toMatch(/worlds do not match their worldsHash/);
  });
});

describe('the robustness command refuses', () => {
  const refusals: [string[], RegExp][] = [
    [['--shard', '3/2'], /--shard: shard 3 of 2 does not exist; expected 0–1 \(shards are counted from 0\)/],
    [['--shard', '0/0'], /--shard: 0 shards is out of range; expected 1–7 shards/],
    [['--shard', 'x'], /--shard: "x" is not i\/n; expected i\/n: shard i \(counted from 0/],
    [['--shard', '0/8'], /--shard: 8 shards is out of range; expected 1–7/],
    [['--worlds', '3', '--shard', '0/4'], /--shard: 4 shards for 3 worlds; expected at most 3/],
    [['--worlds', '8'], /--worlds: 8 is out of range; expected 1–7/],
    [['--worlds', '0'], /--worlds: 0 is out of range; expected 1–7/],
    [['--trials', '50'], /--trials: 50 is out of range/],
    [['--workers', '17'], /--workers: 17 is out of range; expected 1–16/],
    [['--fail-above', '1.5'], /--fail-above: "1\.5" is not allowed; expected a number greater than 0 and less than 1/],
    [['--format', 'xml'], /--format: "xml" is not a format; expected one of json, csv, table/],
    [['--set', 'euTroops=1000'], /--set: is not available here/],
    [['--shard', '0/2', '--format', 'csv'], /--format: a shard is always written as JSON/],
    [['--shard', '0/2', '--cells'], /--cells: a shard file always holds its cells/],
    [['--cells', '--format', 'table'], /--cells: adds the cells to the JSON output only/],
    [['--merge'], /--merge: needs at least one shard file/],
    [['--merge', 'a.json', '--trials', '300'], /--trials: cannot be combined with --merge/],
    [['--merge', 'a.json', '--shard', '0/2'], /--shard: cannot be combined with --merge/],
    [['--scenario', join(root, 'scenarios', 'baseline.json'), '--scenario', join(root, 'scenarios', 'baseline.json')], /--scenario: .* are both package "baseline"/],
    [['--scenario', join(tmp, 'nope.json')], /--scenario: cannot read/],
    [['--trials', '1000000'], /--trials: 13 cells × 1,000,000 trials|--trials: 91 cells × 1,000,000 trials/],
    [['--bogus'], /--bogus: unknown flag/],
  ];
  it.each(refusals)('%j with a message naming the flag', async (argv, message) => {
    expect(await errorOf(argv)).toMatch(message);
  });
  it('with exit status 2 from the command line', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/robustness.ts'), '--shard', '3/2'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --shard: shard 3 of 2 does not exist/);
  });
});
