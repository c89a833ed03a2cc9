// Shard files of a small study, built in this thread (no workers): two packages, six synthetic worlds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readScenario } from '../../src/cli/common';
import { buildShard, cellsHash, packagesHash, pinWorld, plainWorld, shardSlice, worldsHash, type ShardFile } from '../../src/cli/robustnessShard';
import { robustnessMatrix, type AssumptionValues, type RobustnessPackage } from '../../src/engine/index';
import type { World } from '../../src/engine/model/world';
import { WORLD_KEYS } from '../../src/engine/model/world';
import { syntheticWorlds } from '../worldsFixture';

export const root = resolve(__dirname, '../..');
export const SEED = 'shard-✓';
export const TRIALS = 100;

export const fixturePackages: RobustnessPackage[] = ['baseline', 'full-package'].map((id) => {
  const s = readScenario(join(root, 'scenarios', `${id}.json`));
  return { id: s.id, title: s.title, levers: s.resolved };
});

/** The shards 0…n−1 of the study over `worlds` synthetic worlds, with `pins` in every world. */
export function makeShards(n: number, worlds = 6, pins: AssumptionValues = {}): ShardFile[] {
  const all: World[] = syntheticWorlds(worlds).map((w) => pinWorld(plainWorld(w), pins));
  const keys = WORLD_KEYS.filter((k) => pins[k] === undefined);
  return Array.from({ length: n }, (_, index) => {
    const slice = shardSlice({ index, count: n }, all.length);
    const m = robustnessMatrix(fixturePackages, all.slice(slice.from, slice.to), SEED, TRIALS);
    return buildShard({ seed: SEED, trials: TRIALS, assumptions: pins }, { index, count: n }, fixturePackages, all, keys, m);
  });
}

/** Recompute a study's hashes after an edit, as someone who meant to pass the checks would. */
export function rehash(shards: ShardFile[]): ShardFile[] {
  const ordered = [...shards].sort((a, b) => a.shard.index - b.shard.index);
  const wh = Array.isArray(ordered[0].keys) ? worldsHash(ordered.flatMap((s) => s.shardWorlds), ordered[0].keys, ordered[0].assumptions) : 'x';
  for (const s of shards) {
    s.worldsHash = wh;
    s.packagesHash = packagesHash(s.packages);
    s.cellsHash = cellsHash(s);
  }
  return shards;
}

const tmp = mkdtempSync(join(tmpdir(), 'shard-fixture-'));
let written = 0;

/** Write shard objects (or any JSON) to fresh files; their paths. */
export function writeShards(shards: unknown[]): string[] {
  return shards.map((s) => {
    const f = join(tmp, `s${written++}.json`);
    writeFileSync(f, typeof s === 'string' ? s : JSON.stringify(s));
    return f;
  });
}

/** A deep copy. */
export const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
