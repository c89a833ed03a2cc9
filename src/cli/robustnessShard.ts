// Shard files of `npm run robustness`: one slice of the worlds computed on its own (a Kubernetes
// Indexed Job's pod, a Slurm array task), then merged into output identical to the unsharded run.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import {
  ASSUMPTIONS,
  ENGINE_VERSION,
  clipName,
  fail,
  ok,
  type AssumptionKey,
  type FieldError,
  type Levers,
  type RobustnessMatrix,
  type RobustnessPackage,
  type Result,
} from '../engine/index';
import type { World } from '../engine/model/world';
import { CliError } from './cliError';
import { regularFileError } from './output';

/** What `kind` says in a shard file, and the version of its layout. */
export const SHARD_KIND = 'ceasefire-robustness-shard';
export const SHARD_FORMAT = 1;

/** The largest shard file read (64 MB: 13 packages × 100,000 worlds fit). */
export const MAX_SHARD_BYTES = 64 * 1024 * 1024;

export interface ShardSpec {
  /** 0-based, as JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID. */
  index: number;
  count: number;
}

/**
 * The worlds of shard i of n among `worlds`: the contiguous block [⌊i·N/n⌋, ⌊(i+1)·N/n⌋), so the
 * blocks are disjoint, cover every world in order and differ in size by at most one.
 */
export function shardSlice(shard: ShardSpec, worlds: number): { from: number; to: number } {
  return { from: Math.floor((shard.index * worlds) / shard.count), to: Math.floor(((shard.index + 1) * worlds) / shard.count) };
}

/** Parse `--shard i/n`: 0 ≤ i < n, 1 ≤ n ≤ maxCount (the number of worlds). */
export function parseShard(text: string, maxCount: number): Result<ShardSpec> {
  const field = '--shard';
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const form = 'expected i/n: shard i (counted from 0, as JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID) of n shards';
  if (!m) return fail([{ field, message: `${JSON.stringify(clipName(text))} is not i/n; ${form}` }]);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > maxCount) {
    return fail([{ field, message: `${count} shards is out of range; expected 1–${maxCount.toLocaleString('en-GB')} shards (at most one per world)` }]);
  }
  if (index >= count) return fail([{ field, message: `shard ${index} of ${count} does not exist; expected 0–${count - 1} (shards are counted from 0)` }]);
  return ok({ index, count });
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const ASSUMPTION_KEYS = Object.keys(ASSUMPTIONS) as AssumptionKey[];

/** A world as written in a shard: id, decisionNoise and every assumption (ASSUMPTIONS order), no anchors. */
export function plainWorld(w: World): World {
  return { id: w.id, decisionNoise: w.decisionNoise, assumptions: Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, w.assumptions[k]])) as Record<AssumptionKey, number> };
}

/** Hash of the study's worlds (in order) and PRIM's feature keys: shards of one study agree on it. */
export function worldsHash(worlds: readonly World[], keys: readonly AssumptionKey[]): string {
  return sha256(JSON.stringify({ keys, worlds: worlds.map((w) => [w.id, w.decisionNoise, ...ASSUMPTION_KEYS.map((k) => w.assumptions[k])]) }));
}

/** Hash of the packages (ids, titles, every lever in registry order). */
export function packagesHash(packages: readonly RobustnessPackage[]): string {
  return sha256(JSON.stringify(packages.map((p) => [p.id, p.title, p.levers])));
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
  worldsHash: string;
  packagesHash: string;
  /** PRIM's feature keys (the worlds file's keys). */
  keys: AssumptionKey[];
  packages: RobustnessPackage[];
  /** This shard's worlds, in order. */
  shardWorlds: World[];
  /** Per package (in order), its figure in each of this shard's worlds. */
  pResumption: number[][];
  pWar: number[][];
}

/** The shard file for one slice: `cells` is the slice's matrix (packages × slice worlds). */
export function buildShard(
  run: { seed: string; trials: number },
  shard: ShardSpec,
  packages: readonly RobustnessPackage[],
  allWorlds: readonly World[],
  keys: readonly AssumptionKey[],
  cells: RobustnessMatrix,
): ShardFile {
  const slice = shardSlice(shard, allWorlds.length);
  const W = slice.to - slice.from;
  const rows = (a: Float64Array) => packages.map((_, p) => Array.from(a.subarray(p * W, (p + 1) * W)));
  return {
    kind: SHARD_KIND,
    format: SHARD_FORMAT,
    engineVersion: ENGINE_VERSION,
    seed: run.seed,
    trials: run.trials,
    shard,
    worlds: allWorlds.length,
    slice,
    worldsHash: worldsHash(allWorlds, keys),
    packagesHash: packagesHash(packages),
    keys: [...keys],
    packages: packages.map((p) => ({ id: p.id, title: p.title, levers: p.levers })),
    shardWorlds: allWorlds.slice(slice.from, slice.to).map(plainWorld),
    pResumption: rows(cells.pResumption),
    pWar: rows(cells.pWar),
  };
}

/** What merging the shards gives: the whole study's inputs and its matrix. */
export interface MergedStudy {
  seed: string;
  trials: number;
  packages: RobustnessPackage[];
  worlds: World[];
  keys: AssumptionKey[];
  matrix: RobustnessMatrix;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isShare = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;

/** Check one parsed shard's shape; returns its problems, each naming the file and field. */
function shapeErrors(file: string, s: unknown): FieldError[] {
  const field = `--merge ${clipName(file)}`;
  const bad = (message: string) => [{ field, message }];
  if (!isObj(s) || s.kind !== SHARD_KIND) return bad(`is not a robustness shard file (no "kind": "${SHARD_KIND}"); expected a file written by npm run robustness -- --shard i/n`);
  if (s.format !== SHARD_FORMAT) return bad(`is shard format ${JSON.stringify(s.format)}; this command reads format ${SHARD_FORMAT}`);
  const errors: FieldError[] = [];
  const need = (cond: boolean, name: string, what: string) => {
    if (!cond) errors.push({ field: `${field}: ${name}`, message: `is missing or malformed; expected ${what}` });
  };
  need(typeof s.engineVersion === 'string', 'engineVersion', 'a string');
  need(typeof s.seed === 'string', 'seed', 'a string');
  need(Number.isInteger(s.trials) && (s.trials as number) > 0, 'trials', 'a whole number');
  need(Number.isInteger(s.worlds) && (s.worlds as number) > 0, 'worlds', 'a whole number');
  const sh = s.shard as ShardSpec;
  need(isObj(sh) && Number.isInteger(sh.index) && Number.isInteger(sh.count) && sh.index >= 0 && sh.index < sh.count, 'shard', '{ index, count } with 0 ≤ index < count');
  const sl = s.slice as { from: number; to: number };
  need(isObj(sl) && Number.isInteger(sl.from) && Number.isInteger(sl.to) && sl.from <= sl.to, 'slice', '{ from, to }');
  need(typeof s.worldsHash === 'string' && typeof s.packagesHash === 'string', 'worldsHash, packagesHash', 'strings');
  need(Array.isArray(s.keys) && s.keys.every((k) => typeof k === 'string' && k in ASSUMPTIONS), 'keys', 'assumption keys');
  const pk = s.packages as RobustnessPackage[];
  need(Array.isArray(pk) && pk.length > 0 && pk.every((p) => isObj(p) && typeof p.id === 'string' && typeof p.title === 'string' && isObj(p.levers)), 'packages', 'a list of { id, title, levers }');
  const ws = s.shardWorlds as World[];
  need(
    Array.isArray(ws) &&
      ws.every((w) => isObj(w) && Number.isInteger(w.id) && typeof w.decisionNoise === 'number' && isObj(w.assumptions) && ASSUMPTION_KEYS.every((k) => typeof w.assumptions[k] === 'number')),
    'shardWorlds',
    'a list of worlds with every assumption',
  );
  if (errors.length) return errors;
  const W = ws.length;
  for (const name of ['pResumption', 'pWar'] as const) {
    const m = s[name];
    need(Array.isArray(m) && m.length === pk.length && m.every((r) => Array.isArray(r) && r.length === W && r.every(isShare)), name, `one row of ${W} shares per package`);
  }
  need(sl.to - sl.from === W, 'slice', `as many worlds as shardWorlds holds (${W})`);
  return errors;
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
    throw new CliError([{ field: '--merge', message: `cannot read ${JSON.stringify(clipName(file))} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError([{ field, message: `is not valid JSON (${(e as Error).message}); expected a shard file written by npm run robustness -- --shard i/n` }]);
  }
}

/**
 * Read, check and join shard files: they must be of this engine, agree on every setting (seed,
 * trials, packages, worlds, shard count) and together hold each shard 0…n−1 exactly once, each
 * with exactly its block of worlds. Every problem names the files. Throws CliError.
 */
export function mergeShards(files: readonly string[]): MergedStudy {
  const parsed = files.map((f) => readShardFile(f));
  const shapes = files.flatMap((f, i) => shapeErrors(f, parsed[i]));
  if (shapes.length) throw new CliError(shapes);
  const shards = parsed as ShardFile[];
  const errors: FieldError[] = [];
  const first = shards[0];
  const q = (f: string) => JSON.stringify(clipName(f));
  // Every setting that makes two shards one study; the first file is the reference.
  const settings: [string, (s: ShardFile) => unknown, string][] = [
    ['engineVersion', (s) => s.engineVersion, 'engine version'],
    ['seed', (s) => s.seed, 'seed'],
    ['trials', (s) => s.trials, 'trials'],
    ['worlds', (s) => s.worlds, 'number of worlds'],
    ['shard count', (s) => s.shard.count, 'number of shards'],
    ['worldsHash', (s) => s.worldsHash, 'worlds (their hash)'],
    ['packagesHash', (s) => s.packagesHash, 'packages (their hash)'],
  ];
  shards.forEach((s, i) => {
    if (i === 0) return;
    for (const [, get, what] of settings) {
      if (get(s) !== get(first)) {
        errors.push({ field: '--merge', message: `${q(files[i])} and ${q(files[0])} are not shards of one study: their ${what} differ (${JSON.stringify(get(s))} and ${JSON.stringify(get(first))})` });
      }
    }
  });
  if (first.engineVersion !== ENGINE_VERSION) {
    errors.push({ field: '--merge', message: `${q(files[0])} was made by engine ${first.engineVersion}; this is engine ${ENGINE_VERSION}: merge with the same version that ran the shards` });
  }
  shards.forEach((s, i) => {
    if (packagesHash(s.packages) !== s.packagesHash) errors.push({ field: `--merge ${clipName(files[i])}`, message: 'its packages do not match its packagesHash: the file was changed after it was written' });
  });
  if (errors.length) throw new CliError(errors);
  const n = first.shard.count;
  const N = first.worlds;
  const byIndex = new Map<number, number>();
  shards.forEach((s, i) => {
    const seen = byIndex.get(s.shard.index);
    if (seen !== undefined) errors.push({ field: '--merge', message: `shard ${s.shard.index}/${n} is given twice (${q(files[seen])} and ${q(files[i])}); expected each shard once` });
    else byIndex.set(s.shard.index, i);
    const want = shardSlice(s.shard, N);
    if (s.slice.from !== want.from || s.slice.to !== want.to) {
      errors.push({ field: `--merge ${clipName(files[i])}`, message: `shard ${s.shard.index}/${n} holds worlds ${s.slice.from}–${s.slice.to - 1}; expected ${want.from}–${want.to - 1}` });
    }
  });
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) {
    errors.push({ field: '--merge', message: `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; expected all ${n} shards (0–${n - 1}) of the study` });
  }
  if (errors.length) throw new CliError(errors);
  const ordered = Array.from({ length: n }, (_, i) => shards[byIndex.get(i)!]);
  const worlds = ordered.flatMap((s) => s.shardWorlds);
  const keys = first.keys;
  if (worldsHash(worlds, keys) !== first.worldsHash) {
    throw new CliError([{ field: '--merge', message: 'the shards\u2019 worlds do not match their worldsHash: a file was changed after it was written' }]);
  }
  const P = first.packages.length;
  const matrix: RobustnessMatrix = { packages: P, worlds: N, pResumption: new Float64Array(P * N), pWar: new Float64Array(P * N) };
  for (const s of ordered) {
    for (let p = 0; p < P; p++) {
      matrix.pResumption.set(s.pResumption[p], p * N + s.slice.from);
      matrix.pWar.set(s.pWar[p], p * N + s.slice.from);
    }
  }
  const packages = first.packages.map((p) => ({ id: p.id, title: p.title, levers: p.levers as Levers }));
  return { seed: first.seed, trials: first.trials, packages, worlds, keys, matrix };
}
