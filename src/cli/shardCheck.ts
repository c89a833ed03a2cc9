// The checks a robustness shard file passes before its cells are merged: every field of a known
// shape and range, nothing unknown, the cells possible. A shard file is untrusted input.
import {
  ASSUMPTION_KEYS,
  LEVER_KEYS,
  RUN_SETTINGS,
  SCENARIO_ID_RE,
  assumptionSpec,
  checkAssumptionValue,
  checkLeverValue,
  checkSeed,
  clipName,
  controlCharacterError,
  leverSpec,
  resolveLevers,
  type AssumptionKey,
  type FieldError,
} from '../engine/index';

/** What `kind` says in a shard file, and the version of its layout (2: cells hashed, assumptions pinned). */
export const SHARD_KIND = 'ceasefire-robustness-shard';
export const SHARD_FORMAT = 2;

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

/** The most worlds a study may have (a shard's `worlds`, and so its shard count): 100,000. */
export const MAX_STUDY_WORLDS = 100_000;
/** The most packages a shard may hold. */
export const MAX_STUDY_PACKAGES = 1_000;
/** At most this many problems are collected from one file; the rest are counted. */
const MAX_FILE_ERRORS = 20;

const TOP_FIELDS = [
  'kind', 'format', 'engineVersion', 'seed', 'trials', 'shard', 'worlds', 'slice', 'assumptions',
  'worldsHash', 'packagesHash', 'cellsHash', 'keys', 'packages', 'shardWorlds', 'pResumption', 'pWar',
] as const;
const HASH_RE = /^[0-9a-f]{64}$/;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isWhole = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/**
 * A share of `trials` trials: a number in 0–1 that is a whole count over trials (k / trials, as the
 * engine computes it). A hand-set 0.99 of 2,000 trials is 1,980 / 2,000 and passes; 0.123456 does not.
 */
export function isShareOf(x: unknown, trials: number): x is number {
  return typeof x === 'number' && x >= 0 && x <= 1 && Math.round(x * trials) / trials === x;
}

/** The fields of `o` not among `known`, as errors (names clipped). */
function unknownFields(o: Record<string, unknown>, known: readonly string[], field: string): FieldError[] {
  return Object.keys(o)
    .filter((k) => !known.includes(k))
    .slice(0, 5)
    .map((k) => ({ field: `${field}.${clipName(k, 40)}`, message: `is not a shard field; expected only ${known.join(', ')}` }));
}

/** A collector that stops listing after MAX_FILE_ERRORS and counts the rest. */
class Problems {
  readonly list: FieldError[] = [];
  #more = 0;
  constructor(readonly file: string) {}
  add(name: string, message: string): void {
    if (this.list.length < MAX_FILE_ERRORS) this.list.push({ field: `${this.file}: ${name}`, message });
    else this.#more++;
  }
  get full(): boolean {
    return this.list.length >= MAX_FILE_ERRORS;
  }
  result(): FieldError[] {
    return this.#more ? [...this.list, { field: this.file, message: `has ${this.#more.toLocaleString('en-GB')} more problems not listed` }] : this.list;
  }
}

/**
 * Check one parsed shard file: its shape, every value's range, and the invariants of its cells
 * (shares of the trials, war never above any resumption). Returns its problems, each naming the
 * file and the field, at most MAX_FILE_ERRORS of them plus a count. Hashes are checked by the merge.
 */
export function shardErrors(file: string, s: unknown): FieldError[] {
  const field = `--merge ${clipName(file)}`;
  if (!isObj(s) || s.kind !== 'ceasefire-robustness-shard') {
    return [{ field, message: `is not a robustness shard file (no "kind": "${SHARD_KIND}"); expected a file written by npm run robustness -- --shard i/n` }];
  }
  if (s.format !== SHARD_FORMAT) {
    const shown = typeof s.format === 'number' ? String(s.format) : 'missing or not a number';
    return [{ field, message: `is shard format ${shown}; this command reads format ${SHARD_FORMAT} (run the shards again with this version)` }];
  }
  const p = new Problems(field);
  for (const e of unknownFields(s, TOP_FIELDS, 'shard file')) p.add(e.field, e.message);
  if (typeof s.engineVersion !== 'string' || s.engineVersion.length === 0 || s.engineVersion.length > 32 || controlCharacterError(s.engineVersion)) {
    p.add('engineVersion', 'is missing or malformed; expected a version such as "2.4.0"');
  }
  if (typeof s.seed !== 'string' || !checkSeed(s.seed).ok) p.add('seed', `is missing or malformed; expected 1–${RUN_SETTINGS.seed.maxLength} printable characters`);
  const trialsOk = isWhole(s.trials, 100, 1_000_000);
  if (!trialsOk) p.add('trials', 'is missing or out of range; expected a whole number from 100–1,000,000');
  const worldsOk = isWhole(s.worlds, 1, MAX_STUDY_WORLDS);
  if (!worldsOk) p.add('worlds', `is missing or out of range; expected a whole number from 1–${MAX_STUDY_WORLDS.toLocaleString('en-GB')}`);
  const N = worldsOk ? (s.worlds as number) : MAX_STUDY_WORLDS;
  const sh = s.shard;
  let shardOk = false;
  if (!isObj(sh) || !isWhole(sh.count, 1, N) || !isWhole(sh.index, 0, (sh.count as number) - 1) || unknownFields(sh, ['index', 'count'], 'shard').length) {
    p.add('shard', `is missing or out of range; expected { index, count } with 1 ≤ count ≤ worlds (${worldsOk ? N.toLocaleString('en-GB') : 'at most ' + MAX_STUDY_WORLDS.toLocaleString('en-GB')}) and 0 ≤ index < count`);
  } else shardOk = true;
  const sl = s.slice;
  let W = -1;
  if (!isObj(sl) || !isWhole(sl.from, 0, N) || !isWhole(sl.to, 0, N) || unknownFields(sl, ['from', 'to'], 'slice').length) {
    p.add('slice', 'is missing or malformed; expected { from, to }');
  } else if (shardOk && worldsOk) {
    const want = shardSlice(sh as { index: number; count: number }, N);
    if (sl.from !== want.from || sl.to !== want.to) p.add('slice', `holds worlds ${sl.from}–${(sl.to as number) - 1}; shard ${(sh as { index: number }).index}/${(sh as { count: number }).count} of ${N} worlds holds ${want.from}–${want.to - 1}`);
    else W = want.to - want.from;
  }
  for (const h of ['worldsHash', 'packagesHash', 'cellsHash'] as const) {
    if (typeof s[h] !== 'string' || !HASH_RE.test(s[h] as string)) p.add(h, 'is missing or malformed; expected 64 hexadecimal digits (SHA-256)');
  }
  const pins = checkPins(s.assumptions, p);
  checkKeys(s.keys, pins, p);
  const P = checkPackages(s.packages, p);
  if (W >= 0) checkWorlds(s.shardWorlds, W, (sl as { from: number }).from, pins, p);
  if (P > 0 && W >= 0 && trialsOk && !p.full) checkCells(s.pResumption, s.pWar, P, W, s.trials as number, p);
  return p.result();
}

/** The pinned assumptions: an object of known keys with values in range. */
function checkPins(a: unknown, p: Problems): Record<string, number> | undefined {
  if (!isObj(a)) {
    p.add('assumptions', 'is missing or malformed; expected an object of the assumptions pinned in every world (may be empty)');
    return undefined;
  }
  for (const k of Object.keys(a)) {
    if (!assumptionSpec(k)) p.add(`assumptions.${clipName(k, 40)}`, 'is not an assumption; see --list-assumptions');
    else {
      const r = checkAssumptionValue(k as AssumptionKey, a[k], `assumptions.${k}`);
      if (!r.ok) p.add(r.errors[0].field, r.errors[0].message);
    }
  }
  return a as Record<string, number>;
}

/** PRIM's feature keys: distinct assumptions, none pinned; at least one unless assumptions are pinned. */
function checkKeys(keys: unknown, pins: Record<string, number> | undefined, p: Problems): void {
  const pinned = pins ? Object.keys(pins).length : 0;
  if (!Array.isArray(keys) || keys.length > ASSUMPTION_KEYS.length || (keys.length === 0 && pinned === 0)) {
    p.add('keys', `is missing or malformed; expected a list of 1–${ASSUMPTION_KEYS.length} assumption keys (PRIM's features)`);
    return;
  }
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    // An own-property test: "constructor" or "toString" is not an assumption.
    if (typeof k !== 'string' || !assumptionSpec(k)) p.add(`keys[${i}]`, `${typeof k === 'string' ? `"${clipName(k, 40)}"` : 'it'} is not an assumption key; see --list-assumptions`);
    else if (seen.has(k)) p.add(`keys[${i}]`, `"${k}" is listed twice; expected each key once`);
    else if (pins && own(pins, k)) p.add(`keys[${i}]`, `"${k}" is pinned in every world, so it cannot decide anything; expected it left out of keys`);
    seen.add(k as string);
  });
}

/** Packages: 1–MAX_STUDY_PACKAGES of { id, title, levers }, ids distinct, every lever present and valid. Returns their count (0 if malformed). */
function checkPackages(pk: unknown, p: Problems): number {
  if (!Array.isArray(pk) || pk.length === 0 || pk.length > MAX_STUDY_PACKAGES) {
    p.add('packages', `is missing or malformed; expected a list of 1–${MAX_STUDY_PACKAGES.toLocaleString('en-GB')} packages { id, title, levers }`);
    return 0;
  }
  const ids = new Set<string>();
  let ok = true;
  pk.forEach((x, i) => {
    if (p.full) return;
    const f = `packages[${i}]`;
    if (!isObj(x)) {
      p.add(f, 'is not an object; expected { id, title, levers }');
      ok = false;
      return;
    }
    for (const e of unknownFields(x, ['id', 'title', 'levers'], f)) p.add(e.field, e.message);
    if (typeof x.id !== 'string' || !SCENARIO_ID_RE.test(x.id)) p.add(`${f}.id`, 'is missing or malformed; expected lower-case letters, digits and hyphens (1–64)');
    else if (ids.has(x.id)) p.add(`${f}.id`, `"${x.id}" is given twice; expected each package once`);
    else ids.add(x.id);
    const title = x.title;
    const titleProblem =
      typeof title !== 'string' || title.trim() === '' || title.length > 200 ? 'is missing or malformed; expected a non-empty string of at most 200 characters' : controlCharacterError(title);
    if (titleProblem) p.add(`${f}.title`, titleProblem);
    if (!isObj(x.levers)) {
      p.add(`${f}.levers`, 'is missing or malformed; expected every lever');
      ok = false;
      return;
    }
    const r = resolveLevers(x.levers);
    if (!r.ok) for (const e of r.errors.slice(0, 3)) p.add(`${f}.levers.${e.field}`, e.message);
    const missing = LEVER_KEYS.filter((k) => !own(x.levers as Record<string, unknown>, k));
    if (missing.length) p.add(`${f}.levers`, `lacks ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}; a shard holds every lever`);
  });
  return ok ? pk.length : 0;
}

/** This shard's worlds: W of them, ids from…from+W−1 in order, every assumption in range, pinned ones at their pin. */
function checkWorlds(ws: unknown, W: number, from: number, pins: Record<string, number> | undefined, p: Problems): void {
  if (!Array.isArray(ws) || ws.length !== W) {
    p.add('shardWorlds', `is missing or malformed; expected the shard's ${W.toLocaleString('en-GB')} worlds`);
    return;
  }
  const noise = leverSpec('decisionNoise')!;
  for (let j = 0; j < W && !p.full; j++) {
    const w = ws[j];
    const f = `shardWorlds[${j}]`;
    if (!isObj(w) || !isObj(w.assumptions)) {
      p.add(f, 'is malformed; expected { id, decisionNoise, assumptions }');
      continue;
    }
    for (const e of unknownFields(w, ['id', 'decisionNoise', 'assumptions'], f)) p.add(e.field, e.message);
    if (w.id !== from + j) p.add(`${f}.id`, `is ${typeof w.id === 'number' ? w.id : 'not a number'}; expected ${from + j} (worlds in order)`);
    if (!checkLeverValue(noise, w.decisionNoise).ok) p.add(`${f}.decisionNoise`, 'is missing or out of range; expected a number from 0–1');
    const a = w.assumptions;
    for (const e of unknownFields(a, ASSUMPTION_KEYS, `${f}.assumptions`)) p.add(e.field, 'is not an assumption');
    for (const k of ASSUMPTION_KEYS) {
      const r = checkAssumptionValue(k, own(a, k) ? a[k] : undefined, `${f}.assumptions.${k}`);
      if (!r.ok) p.add(r.errors[0].field, r.errors[0].message);
      else if (pins && own(pins, k) && a[k] !== pins[k]) p.add(`${f}.assumptions.${k}`, `is ${a[k]}; the study pins it to ${pins[k]} in every world`);
    }
  }
}

/** The cells: per package a row of W shares of the trials, and war never above any resumption. */
function checkCells(pResumption: unknown, pWar: unknown, P: number, W: number, trials: number, p: Problems): void {
  const rows = (m: unknown) => Array.isArray(m) && m.length === P && m.every((r) => Array.isArray(r) && r.length === W);
  for (const [name, m] of [['pResumption', pResumption], ['pWar', pWar]] as const) {
    if (!rows(m)) p.add(name, `is missing or malformed; expected ${P} rows (one per package) of ${W.toLocaleString('en-GB')} shares (one per world)`);
  }
  if (!rows(pResumption) || !rows(pWar)) return;
  const R = pResumption as unknown[][];
  const Wr = pWar as unknown[][];
  for (let i = 0; i < P && !p.full; i++) {
    for (let j = 0; j < W && !p.full; j++) {
      const [r, w] = [R[i][j], Wr[i][j]];
      if (!isShareOf(r, trials)) p.add(`pResumption[${i}][${j}]`, `is ${showCell(r)}; expected a share of the ${trials.toLocaleString('en-GB')} trials (a whole count over ${trials})`);
      else if (!isShareOf(w, trials)) p.add(`pWar[${i}][${j}]`, `is ${showCell(w)}; expected a share of the ${trials.toLocaleString('en-GB')} trials (a whole count over ${trials})`);
      else if (w > r) p.add(`pWar[${i}][${j}]`, `is ${w}, above pResumption ${r}; a war is a resumption, so it cannot be`);
    }
  }
}

const showCell = (x: unknown) => (typeof x === 'number' ? String(x) : x === null ? 'null' : `a ${Array.isArray(x) ? 'list' : typeof x}`);
