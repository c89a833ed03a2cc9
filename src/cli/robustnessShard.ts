// Shard files of `npm run robustness`: one slice of the worlds computed on its own (a Kubernetes
// Indexed Job's pod, a Slurm array task), then merged into output identical to the unsharded run.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import {
  ASSUMPTIONS,
  ENGINE_VERSION,
  clipName,
  quoteName,
  fail,
  ok,
  type AssumptionKey,
  type AssumptionValues,
  type FieldError,
  type Levers,
  type RobustnessMatrix,
  type RobustnessPackage,
  type Result,
} from '../engine/index';
import type { World } from '../engine/model/world';
import { CliError } from './cliError';
import { regularFileError } from './output';

import { SHARD_FORMAT, SHARD_KIND, shardErrors, shardSlice, type ShardSpec } from './shardCheck';

export { SHARD_FORMAT, SHARD_KIND, shardSlice, type ShardSpec };

/** The largest shard file read (64 MB: 13 packages × 100,000 worlds fit). */
export const MAX_SHARD_BYTES = 64 * 1024 * 1024;

/** Parse `--shard i/n`: 0 ≤ i < n, 1 ≤ n ≤ maxCount (the number of worlds). */
export function parseShard(text: string, maxCount: number): Result<ShardSpec> {
  const field = '--shard';
  // Any number of digits: "0/1000000" is a shard count out of range, not a malformed i/n.
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const form = 'expected i/n: shard i (counted from 0, as JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID) of n shards';
  if (!m) return fail([{ field, message: `${quoteName(text)} is not i/n; ${form}` }]);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > maxCount) {
    return fail([{ field, message: `${clipName(m[2].replace(/^0+(?=\d)/, ''), 20)} shards is out of range; expected 1–${maxCount.toLocaleString('en-GB')} shards (at most one per world)` }]);
  }
  if (index >= count) return fail([{ field, message: `shard ${clipName(m[1].replace(/^0+(?=\d)/, ''), 20)} of ${count} does not exist; expected 0–${count - 1} (shards are counted from 0)` }]);
  return ok({ index, count });
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const ASSUMPTION_KEYS = Object.keys(ASSUMPTIONS) as AssumptionKey[];

/** A world as written in a shard: id, decisionNoise and every assumption (ASSUMPTIONS order), no anchors. */
export function plainWorld(w: World): World {
  return { id: w.id, decisionNoise: w.decisionNoise, assumptions: Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, w.assumptions[k]])) as Record<AssumptionKey, number> };
}

/** A world with `pins` (assumption key → value) put in place of its own values: the same in every world. */
export function pinWorld(w: World, pins: AssumptionValues): World {
  return { ...w, assumptions: { ...w.assumptions, ...pins } };
}

/**
 * Hash of the study's worlds (in order), PRIM's feature keys and the assumptions pinned in every
 * world: shards of one study agree on it.
 */
export function worldsHash(worlds: readonly World[], keys: readonly AssumptionKey[], pins: AssumptionValues = {}): string {
  return sha256(JSON.stringify({ keys, pins: ASSUMPTION_KEYS.filter((k) => pins[k] !== undefined).map((k) => [k, pins[k]]), worlds: worlds.map((w) => [w.id, w.decisionNoise, ...ASSUMPTION_KEYS.map((k) => w.assumptions[k])]) }));
}

/** Hash of the packages (ids, titles, every lever in registry order). */
export function packagesHash(packages: readonly RobustnessPackage[]): string {
  return sha256(JSON.stringify(packages.map((p) => [p.id, p.title, p.levers])));
}

/**
 * Hash of one shard's cells, bound to its study (seed, trials, the other two hashes) and its place
 * (shard, slice): a cell edited by hand, or moved from another shard or study, no longer matches.
 */
export function cellsHash(s: Pick<ShardFile, 'seed' | 'trials' | 'shard' | 'slice' | 'worldsHash' | 'packagesHash' | 'pResumption' | 'pWar'>): string {
  return sha256(JSON.stringify([s.seed, s.trials, s.shard.index, s.shard.count, s.slice.from, s.slice.to, s.worldsHash, s.packagesHash, s.pResumption, s.pWar]));
}

export interface ShardFile {
  kind: typeof SHARD_KIND;
  format: typeof SHARD_FORMAT;
  engineVersion: string;
  seed: string;
  trials: number;
  shard: ShardSpec;
  /** Worlds in the whole study, and this shard's block [from, to) of them. */
  worlds: number;
  slice: { from: number; to: number };
  /** Assumptions pinned in every world (--assume, and the packages' scenario files); may be empty. */
  assumptions: AssumptionValues;
  worldsHash: string;
  packagesHash: string;
  cellsHash: string;
  /** PRIM's feature keys (the worlds file's keys, less the pinned ones). */
  keys: AssumptionKey[];
  packages: RobustnessPackage[];
  /** This shard's worlds, in order, with the pinned assumptions in place. */
  shardWorlds: World[];
  /** Per package (in order), its figure in each of this shard's worlds. */
  pResumption: number[][];
  pWar: number[][];
}

/** The shard file for one slice: `cells` is the slice's matrix (packages × slice worlds); `allWorlds` are pinned already. */
export function buildShard(
  run: { seed: string; trials: number; assumptions: AssumptionValues },
  shard: ShardSpec,
  packages: readonly RobustnessPackage[],
  allWorlds: readonly World[],
  keys: readonly AssumptionKey[],
  cells: RobustnessMatrix,
): ShardFile {
  const slice = shardSlice(shard, allWorlds.length);
  const W = slice.to - slice.from;
  const rows = (a: Float64Array) => packages.map((_, p) => Array.from(a.subarray(p * W, (p + 1) * W)));
  const file: Omit<ShardFile, 'cellsHash'> & { cellsHash: string } = {
    kind: SHARD_KIND,
    format: SHARD_FORMAT,
    engineVersion: ENGINE_VERSION,
    seed: run.seed,
    trials: run.trials,
    shard,
    worlds: allWorlds.length,
    slice,
    assumptions: { ...run.assumptions },
    worldsHash: worldsHash(allWorlds, keys, run.assumptions),
    packagesHash: packagesHash(packages),
    cellsHash: '',
    keys: [...keys],
    packages: packages.map((p) => ({ id: p.id, title: p.title, levers: p.levers })),
    shardWorlds: allWorlds.slice(slice.from, slice.to).map(plainWorld),
    pResumption: rows(cells.pResumption),
    pWar: rows(cells.pWar),
  };
  file.cellsHash = cellsHash(file);
  return file;
}

/** What merging the shards gives: the whole study's inputs and its matrix. */
export interface MergedStudy {
  seed: string;
  trials: number;
  assumptions: AssumptionValues;
  packages: RobustnessPackage[];
  worlds: World[];
  keys: AssumptionKey[];
  matrix: RobustnessMatrix;
}

/** Read one shard file: a regular file of at most MAX_SHARD_BYTES, valid JSON. Throws CliError. */
function readShardFile(file: string): unknown {
  const field = `--merge ${clipName(file)}`;
  let text: string;
  try {
    const notRegular = regularFileError(file, statSync(file));
    if (notRegular) throw new CliError([{ field: '--merge', message: notRegular }]);
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new CliError([{ field: '--merge', message: regularFileError(file, st)! }]);
      if (st.size > MAX_SHARD_BYTES) throw new CliError([{ field, message: `is ${st.size.toLocaleString('en-GB')} bytes; at most ${MAX_SHARD_BYTES.toLocaleString('en-GB')} allowed` }]);
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError([{ field: '--merge', message: `cannot read ${quoteName(file)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  if (text.length > MAX_SHARD_BYTES) throw new CliError([{ field, message: `is more than ${MAX_SHARD_BYTES.toLocaleString('en-GB')} bytes, the most allowed` }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof RangeError ? 'it is nested too deeply to read' : clipName((e as Error).message, 200);
    throw new CliError([{ field, message: `is not valid JSON (${why}); expected a shard file written by npm run robustness -- --shard i/n` }]);
  }
}

/** A setting's value for a message: short, quoted when text. */
const shown = (x: unknown) => (typeof x === 'string' ? quoteName(x, 40) : typeof x === 'number' ? String(x) : JSON.stringify(x).length > 80 ? 'a different value' : JSON.stringify(x));

/** At most this many missing shards are named; the rest are counted. */
const MAX_NAMED_SHARDS = 20;

/**
 * Read, check and join shard files: each is checked field by field (shardCheck.ts), then they must be
 * of this engine, agree on every setting (seed, trials, pinned assumptions, packages, worlds, shard
 * count), match their hashes (packages, cells, and all the worlds together) and together hold each
 * shard 0…n−1 exactly once. Every problem names the files; at most 50 are listed. Throws CliError.
 */
export function mergeShards(files: readonly string[]): MergedStudy {
  const parsed = files.map((f) => readShardFile(f));
  const shapes = files.flatMap((f, i) => shardErrors(f, parsed[i]));
  if (shapes.length) throw new CliError(shapes);
  const shards = parsed as ShardFile[];
  const errors: FieldError[] = [];
  const first = shards[0];
  const q = quoteName;
  // Every setting that makes two shards one study; the first file is the reference.
  const settings: [(s: ShardFile) => unknown, string][] = [
    [(s) => s.engineVersion, 'engine version'],
    [(s) => s.seed, 'seed'],
    [(s) => s.trials, 'trials'],
    [(s) => s.worlds, 'number of worlds'],
    [(s) => s.shard.count, 'number of shards'],
    [(s) => JSON.stringify(ASSUMPTION_KEYS.filter((k) => s.assumptions[k] !== undefined).map((k) => [k, s.assumptions[k]])), 'pinned assumptions'],
    [(s) => s.worldsHash, 'worlds (their hash)'],
    [(s) => s.packagesHash, 'packages (their hash)'],
  ];
  shards.forEach((s, i) => {
    if (i === 0) return;
    for (const [get, what] of settings) {
      if (get(s) !== get(first)) {
        errors.push({ field: '--merge', message: `${q(files[i])} and ${q(files[0])} are not shards of one study: their ${what} differ (${shown(get(s))} and ${shown(get(first))})` });
      }
    }
  });
  if (first.engineVersion !== ENGINE_VERSION) {
    errors.push({ field: '--merge', message: `${q(files[0])} was made by engine ${shown(first.engineVersion)}; this is engine ${ENGINE_VERSION}: merge with the same version that ran the shards` });
  }
  shards.forEach((s, i) => {
    if (packagesHash(s.packages) !== s.packagesHash) errors.push({ field: `--merge ${clipName(files[i])}`, message: 'its packages do not match its packagesHash: the file was changed after it was written' });
    if (cellsHash(s) !== s.cellsHash) errors.push({ field: `--merge ${clipName(files[i])}`, message: 'its cells (pResumption, pWar) do not match its cellsHash: the file was changed after it was written' });
  });
  if (errors.length) throw new CliError(errors);
  const n = first.shard.count;
  const byIndex = new Map<number, number>();
  shards.forEach((s, i) => {
    const seen = byIndex.get(s.shard.index);
    if (seen !== undefined) errors.push({ field: '--merge', message: `shard ${s.shard.index}/${n} is given twice (${q(files[seen])} and ${q(files[i])}); expected each shard once` });
    else byIndex.set(s.shard.index, i);
  });
  if (byIndex.size < n) {
    const missing: number[] = [];
    for (let i = 0; i < n && missing.length <= MAX_NAMED_SHARDS; i++) if (!byIndex.has(i)) missing.push(i);
    const named = missing.slice(0, MAX_NAMED_SHARDS).map((i) => `${i}/${n}`).join(', ');
    const count = n - byIndex.size;
    const more = count > MAX_NAMED_SHARDS ? ` and ${(count - MAX_NAMED_SHARDS).toLocaleString('en-GB')} more` : '';
    const what = count > 1 ? `${count.toLocaleString('en-GB')} shards are missing: ${named}${more}` : `shard ${named} is missing`;
    errors.push({ field: '--merge', message: `${what}; expected all ${n.toLocaleString('en-GB')} shards (0–${n - 1}) of the study` });
  }
  if (errors.length) throw new CliError(errors);
  const ordered = Array.from({ length: n }, (_, i) => shards[byIndex.get(i)!]);
  const worlds = ordered.flatMap((s) => s.shardWorlds);
  const keys = first.keys;
  if (worldsHash(worlds, keys, first.assumptions) !== first.worldsHash) {
    throw new CliError([{ field: '--merge', message: 'the shards\u2019 worlds do not match their worldsHash: a file was changed after it was written' }]);
  }
  const P = first.packages.length;
  const N = first.worlds;
  const matrix: RobustnessMatrix = { packages: P, worlds: N, pResumption: new Float64Array(P * N), pWar: new Float64Array(P * N) };
  for (const s of ordered) {
    for (let p = 0; p < P; p++) {
      matrix.pResumption.set(s.pResumption[p], p * N + s.slice.from);
      matrix.pWar.set(s.pWar[p], p * N + s.slice.from);
    }
  }
  const packages = first.packages.map((p) => ({ id: p.id, title: p.title, levers: p.levers as Levers }));
  const assumptions: AssumptionValues = {};
  for (const k of ASSUMPTION_KEYS) if (first.assumptions[k] !== undefined) assumptions[k] = first.assumptions[k];
  return { seed: first.seed, trials: first.trials, assumptions, packages, worlds, keys, matrix };
}
