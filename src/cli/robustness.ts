#!/usr/bin/env node
// npm run robustness: every package in every plausible world, cells over worker threads; shards
// for a cluster and their merge.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ENGINE_VERSION,
  RUN_SETTINGS,
  checkAnalysisSize,
  escapeControls,
  quoteName,
  matrixFromCells,
  planRobustness,
  summarizeRobustness,
  type AssumptionKey,
  type AssumptionValues,
  type FailureRule,
  type FieldError,
  type RobustnessMatrix,
  type RobustnessPackage,
  type RobustnessResult,
  type Spread,
} from '../engine/index';
import type { World, WorldsFile } from '../engine/model/world';
import { WORLDS_FILE } from '../engine/model/worlds';
import { parseShare, parseWhole } from './analysisArgs';
import { parseArgs, type CliOptions } from './args';
import { CliError, assumptionListText, isMainModule, readScenario, runAsProcess, withOutput } from './common';
import { checkOutPath } from './output';
import { MEMORY_HELP, defaultWorkers, runJobs, workersWithin } from './pool';
import { buildShard, mergeShards, parseShard, pinWorld, plainWorld, shardSlice, type ShardSpec } from './robustnessShard';
import { pinsLine, robustnessCsvWithPins, studyPins } from './robustnessPins';

const HELP = `Usage: npm run robustness -- [--scenario FILE]... [--assume key=value]... [--worlds N] [--trials N] [--seed S]
                             [--workers N] [--fail-above P] [--cells]
                             [--format json|csv|table] [--out FILE]
       npm run robustness -- --shard i/n [--scenario FILE]... [--assume key=value]... [--worlds N] [--trials N] [--seed S]
                             [--workers N] [--out FILE]
       npm run robustness -- --merge FILE... [--fail-above P] [--cells] [--format json|csv|table] [--out FILE]
       npm run robustness -- --list-assumptions [--format json|csv|table]

Runs every package of levers in every plausible world (src/engine/model/worlds.ts: a full set of
assumptions and decisionNoise each) with the same seed in every cell (common random numbers), and
compares the packages across the worlds: the spread of their probability of war and of any
resumption (min, 10th percentile, median, 90th percentile, max), the share of worlds in which each
is best (lowest probability of war; ties shared), its worst case and its maximum regret (its
probability of war minus the best package's, at worst). Then, per package, which assumptions decide:
PRIM over the worlds' parameters finds where it fails. Last, what is worth knowing: the expected
value of perfect information (the war, in points, that choosing the best package in each world would
save against the best package on average) and each assumption's partial value, by binning the
worlds on it (JSON: "valueOfInformation": { total, byAssumption: [{ key, label, value }] }, in
points). An explorable model, not a forecast.

  --scenario FILE   a package (repeatable). Given once or more, the packages are exactly these
                    files, in order; without it, every preset in scenarios/ (file-name order).
                    To add your own to the presets: --scenario mine.json --scenario scenarios/*.json
  --assume key=value  pin one model assumption to this value in every world (repeatable; within its
                    plausible range, see --list-assumptions). A scenario file's "assumptions" block
                    is pinned the same way; packages must then agree on it (or --assume decides).
                    Pinned worlds are no longer checked against the historical anchors, and a
                    pinned assumption cannot decide anything, so it leaves PRIM's features. The
                    output records the pins ("assumptions" in JSON, a column in CSV, a line in the table).
  --list-assumptions  print every assumption: key, label, value, min, max, source, and stop
  --worlds N        the first N worlds of the worlds file (default all)
  --trials N        trials per cell, 100–1,000,000 (default 2,000)
  --seed S          random seed, any text up to 64 characters (default "${RUN_SETTINGS.seed.default}")
  --workers N       worker threads, 1–16 (default: the machine's cores, at most 8)
  --fail-above P    a package fails in a world where its probability of war is above P (0–1);
                    default: "does worse than usual", above its own median over the worlds
  --cells           json only: add every cell (package × world) as "cells"
  --format F        table (default), json, or csv (one row per package)
  --out FILE        write to FILE (atomically) instead of standard output
  --shard i/n       compute only shard i (0…n−1) of n: the worlds ⌊i·N/n⌋ to ⌊(i+1)·N/n⌋ − 1, and
                    write a shard file (JSON) with its cells and provenance
  --merge FILE...   join shard files 0…n−1 of one study (checked: same engine, seed, trials,
                    packages, worlds; every shard once) into the output of the unsharded run
${MEMORY_HELP}
`;

/** Flags that take a value (their value is never read as a flag). */
const VALUE_FLAGS = ['--worlds', '--trials', '--seed', '--workers', '--format', '--out', '--shard', '--fail-above', '--set', '--assume'];

interface Split {
  rest: string[];
  scenarios: string[];
  merge: string[] | null;
  cells: boolean;
  formatGiven: boolean;
  errors: FieldError[];
}

/**
 * Take out what parseArgs cannot read: repeated --scenario, --merge with its list of files, and the
 * switch --cells. Values of the other flags pass through untouched (a seed may be "--cells").
 */
export function splitArgs(argv: readonly string[]): Split {
  const s: Split = { rest: [], scenarios: [], merge: null, cells: false, formatGiven: false, errors: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--scenario') {
      const v = inline ?? argv[++i];
      if (v === undefined) s.errors.push({ field: '--scenario', message: 'needs a value' });
      else s.scenarios.push(v);
    } else if (flag === '--merge') {
      const files = inline !== undefined ? [inline] : [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) files.push(argv[++i]);
      if (!files.length) s.errors.push({ field: '--merge', message: 'needs at least one shard file' });
      s.merge = [...(s.merge ?? []), ...files];
    } else if (flag === '--cells') {
      if (inline !== undefined) s.errors.push({ field: '--cells', message: 'is a switch and takes no value' });
      s.cells = true;
    } else if (VALUE_FLAGS.includes(flag)) {
      if (flag === '--format') s.formatGiven = true;
      s.rest.push(a);
      if (inline === undefined && i + 1 < argv.length) s.rest.push(argv[++i]);
    } else s.rest.push(a);
  }
  return s;
}

/** The presets in scenarios/, in file-name order. */
export function presetFiles(dir = fileURLToPath(new URL('../../scenarios/', import.meta.url))): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

export type Prepared =
  | { help: true; text: string }
  | {
      help: false;
      mode: 'run';
      opts: CliOptions;
      cells: boolean;
      failure: FailureRule;
      packages: RobustnessPackage[];
      /** Pinned in every world (registry order): the packages' scenario blocks, then --assume over them. */
      assumptions: AssumptionValues;
      /** The worlds, pins in place. */
      worlds: World[];
      keys: AssumptionKey[];
      seed: string;
      trials: number;
      workers: number;
      shard: ShardSpec | null;
    }
  | { help: false; mode: 'merge'; opts: CliOptions; cells: boolean; failure: FailureRule; files: string[] };

/** Everything the command needs before it runs: flags parsed and checked, packages read. Throws CliError. */
export function prepare(argv: readonly string[], worldsFile: WorldsFile = WORLDS_FILE): Prepared {
  const split = splitArgs(argv);
  const total = worldsFile.worlds.length;
  const parsed = parseArgs(split.rest, {
    extra: {
      '--worlds': (t) => parseWhole('--worlds', t, 1, Math.max(1, total)),
      '--workers': (t) => parseWhole('--workers', t, 1, 16),
      '--shard': (t) => parseShard(t, Math.max(1, total)),
      '--fail-above': (t) => parseShare('--fail-above', t, 0, 1),
    },
  });
  const errors = [...split.errors, ...(parsed.ok ? [] : parsed.errors)];
  if (errors.length) throw new CliError(errors);
  if (!parsed.ok) throw new CliError(parsed.errors);
  const opts = parsed.value;
  if (opts.help) return { help: true, text: HELP };
  if (opts.listAssumptions) {
    const stray: [boolean, string][] = [[split.scenarios.length > 0, '--scenario'], [split.merge !== null, '--merge'], [split.cells, '--cells']];
    const given = stray.filter(([g]) => g).map(([, f]) => f);
    if (given.length) throw new CliError([{ field: '--list-assumptions', message: `lists the assumptions to standard output and runs nothing, so ${given.join(', ')} would do nothing; leave ${given.length > 1 ? 'them' : 'it'} out` }]);
    return { help: true, text: assumptionListText(opts.format) };
  }
  const extra = opts.extra as { '--worlds'?: number; '--workers'?: number; '--shard'?: ShardSpec; '--fail-above'?: number };
  if (Object.keys(opts.set).length) {
    errors.push({ field: '--set', message: 'is not available here: each package keeps its own levers; put a change in a scenario file and pass it with --scenario' });
  }
  const failAbove = extra['--fail-above'];
  const failure: FailureRule = failAbove === undefined ? { kind: 'above-median' } : { kind: 'above', threshold: failAbove };
  if (split.cells && split.formatGiven && opts.format !== 'json') errors.push({ field: '--cells', message: `adds the cells to the JSON output only; expected --format json (not ${opts.format})` });
  const format = split.cells && !split.formatGiven ? 'json' : opts.format;
  const o = { ...opts, format } as CliOptions;

  if (split.merge) {
    const taken: [boolean, string][] = [
      [split.scenarios.length > 0, '--scenario'],
      [extra['--worlds'] !== undefined, '--worlds'],
      [opts.trials !== undefined, '--trials'],
      [opts.seed !== undefined, '--seed'],
      [extra['--workers'] !== undefined, '--workers'],
      [extra['--shard'] !== undefined, '--shard'],
      [Object.keys(opts.assumptions).length > 0, '--assume'],
    ];
    for (const [given, flag] of taken) if (given) errors.push({ field: flag, message: 'cannot be combined with --merge: the shard files carry the study\u2019s settings' });
    if (errors.length) throw new CliError(errors);
    if (o.out) {
      checkOutPath(o.out);
      const target = statOrNone(o.out);
      for (const f of split.merge) {
        const input = statOrNone(f);
        if (target && input && input.dev === target.dev && input.ino === target.ino) {
          throw new CliError([{ field: '--out', message: `${quoteName(o.out)} is one of the shard files given to --merge; writing it would destroy an input. Choose another file` }]);
        }
      }
    }
    return { help: false, mode: 'merge', opts: o, cells: split.cells, failure, files: split.merge };
  }

  const shard = extra['--shard'] ?? null;
  if (shard) {
    if (split.formatGiven && opts.format !== 'json') errors.push({ field: '--format', message: `a shard is always written as JSON (the merge step chooses the format); leave out --format ${opts.format}` });
    if (split.cells) errors.push({ field: '--cells', message: 'a shard file always holds its cells; give --cells to --merge' });
    if (failAbove !== undefined) errors.push({ field: '--fail-above', message: 'applies when the shards are merged; give it to --merge' });
  }
  if (total === 0) errors.push({ field: 'worlds file', message: 'holds no worlds; run npm run calibrate -- --worlds to make them' });
  const n = extra['--worlds'] ?? total;
  if (shard && shard.count > n) errors.push({ field: '--shard', message: `${shard.count} shards for ${n} worlds; expected at most ${n} shards (one world each)` });
  if (errors.length) throw new CliError(errors);
  if (o.out) for (const f of split.scenarios.length ? split.scenarios : [undefined]) checkOutPath(o.out, f);
  const files = split.scenarios.length ? split.scenarios : presetFiles();
  const read = files.map((f) => readScenario(f));
  const packages = read.map((s) => ({ id: s.id, title: s.title, levers: s.resolved }));
  const pins = studyPins(read.map((s) => s.assumptions ?? {}), files, opts.assumptions);
  if (!pins.ok) errors.push(...pins.errors);
  const seen = new Map<string, number>();
  packages.forEach((p, i) => {
    const j = seen.get(p.id);
    if (j !== undefined) errors.push({ field: '--scenario', message: `${quoteName(files[j])} and ${quoteName(files[i])} are both package "${p.id}"; expected each package once (ids must differ)` });
    else seen.set(p.id, i);
  });
  const pinned = pins.ok ? pins.value : {};
  const worlds = worldsFile.worlds.slice(0, n).map((w) => pinWorld(plainWorld(w), pinned));
  const trials = opts.trials ?? 2_000;
  const inShard = shard ? shardSlice(shard, n) : { from: 0, to: n };
  const size = checkAnalysisSize(packages.length * (inShard.to - inShard.from), trials, 'cells', '--trials');
  if (!size.ok) errors.push(...size.errors);
  if (errors.length) throw new CliError(errors);
  const workers = workersWithin(trials, extra['--workers'] ?? defaultWorkers());
  return {
    help: false,
    mode: 'run',
    opts: o,
    cells: split.cells,
    failure,
    packages,
    assumptions: pinned,
    worlds,
    // A pinned assumption is the same in every world: it cannot be a feature of PRIM.
    keys: worldsFile.keys.filter((k) => pinned[k] === undefined),
    seed: opts.seed ?? RUN_SETTINGS.seed.default,
    trials,
    workers,
    shard,
  };
}

function statOrNone(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The study as text for the terminal. */
export function formatRobustnessTable(r: RobustnessResult, pins: AssumptionValues = {}): string {
  const title = (s: string) => (s.length > 28 ? s.slice(0, 27) + '…' : s).padEnd(28);
  const five = (s: Spread) => [s.min, s.p10, s.median, s.p90, s.max].map((x) => pct(x).padStart(7)).join('');
  const lines = [
    `Robustness across ${r.worlds.toLocaleString('en-GB')} plausible worlds (engine ${ENGINE_VERSION}, seed ${JSON.stringify(r.seed)}, ${r.trials.toLocaleString('en-GB')} trials per cell, the same draws in every cell)`,
    'An explorable model, not a forecast. Best in a world = the lowest probability of war; regret = its war minus the best package\u2019s in that world.',
    pinsLine(pins),
    '',
    `${''.padEnd(28)} ${'probability of war across worlds'.padEnd(35)}  ${'best in'.padStart(8)} ${'worst'.padStart(7)} ${'max regret'.padStart(11)}`,
    `${'package'.padEnd(28)} ${['min', 'p10', 'median', 'p90', 'max'].map((h) => h.padStart(7)).join('')}  ${'worlds'.padStart(8)} ${'world'.padStart(7)} ${'(points)'.padStart(11)}`,
  ];
  for (const p of r.packages) {
    lines.push(`${title(p.title)} ${five(p.pWar)}  ${pct(p.bestShare).padStart(8)} ${String(p.worstWorld).padStart(7)} ${(100 * p.maxRegret).toFixed(1).padStart(11)}`);
  }
  lines.push('', `Any resumption (grey zone or war) across worlds:`, `${'package'.padEnd(28)} ${['min', 'p10', 'median', 'p90', 'max'].map((h) => h.padStart(7)).join('')}`);
  for (const p of r.packages) lines.push(`${title(p.title)} ${five(p.pResumption)}`);
  const rule = r.failure.kind === 'above' ? `fails = war above ${pct(r.failure.threshold)}` : 'does worse than usual = war above its own median over the worlds';
  lines.push('', `Which assumptions decide (PRIM over the worlds' assumptions and decision noise; ${rule}):`);
  for (const d of r.decides) lines.push(`  ${d.sentence}`);
  const v = r.valueOfInformation;
  lines.push(
    '',
    `What would you most want to know? Knowing which world is true would save ${v.total.toFixed(1)} points of war on average (choosing the best package in each world, against the best on average). Knowing one assumption alone (${v.bins} bins of the worlds; below about ${v.noiseFloor.toFixed(1)} points is what chance binning gives):`,
  );
  for (const a of v.byAssumption.slice(0, 10)) lines.push(`  ${a.value.toFixed(1).padStart(5)} points  ${a.label}`);
  // Titles come from files: escape any control character so none reaches the terminal.
  return escapeControls(lines.join('\n'), true) + '\n';
}

/** The JSON output: the result, and the per-world cells when asked. */
export function robustnessJson(r: RobustnessResult, worlds: readonly World[], m: RobustnessMatrix, cells: boolean, pins: AssumptionValues = {}): string {
  const W = worlds.length;
  const rows = (a: Float64Array) => r.packages.map((_, p) => Array.from(a.subarray(p * W, (p + 1) * W)));
  // "assumptions": the values pinned in every world, after "worlds".
  const { seed, trials, worlds: count, ...rest } = r;
  const out: Record<string, unknown> = { engineVersion: ENGINE_VERSION, seed, trials, worlds: count, assumptions: { ...pins }, ...rest };
  if (cells) out.cells = { worldIds: worlds.map((w) => w.id), packageIds: r.packages.map((p) => p.id), pResumption: rows(m.pResumption), pWar: rows(m.pWar) };
  return JSON.stringify(out, null, 2) + '\n';
}

function write(opts: CliOptions, stdout: (s: string) => void, r: RobustnessResult, worlds: readonly World[], m: RobustnessMatrix, cells: boolean, pins: AssumptionValues): void {
  withOutput(opts.out, stdout, (w) => {
    if (opts.format === 'json') w(robustnessJson(r, worlds, m, cells, pins));
    else if (opts.format === 'csv') w(robustnessCsvWithPins(r, pins));
    else w(formatRobustnessTable(r, pins));
  });
}

export async function main(argv: readonly string[], stdout: (s: string) => void, worldsFile: WorldsFile = WORLDS_FILE): Promise<number> {
  const p = prepare(argv, worldsFile);
  if (p.help) {
    stdout(p.text);
    return 0;
  }
  if (p.mode === 'merge') {
    const study = mergeShards(p.files);
    const r = summarizeRobustness(study.packages, study.worlds, study.matrix, study, { failure: p.failure, keys: study.keys });
    write(p.opts, stdout, r, study.worlds, study.matrix, p.cells, study.assumptions);
    return 0;
  }
  const { packages, assumptions, worlds, keys, seed, trials, workers, shard } = p;
  const slice = shard ? shardSlice(shard, worlds.length) : { from: 0, to: worlds.length };
  const mine = worlds.slice(slice.from, slice.to);
  const jobs = planRobustness(packages, mine, seed, trials).map((j) => ({ type: 'world' as const, ...j }));
  const cells = (await runJobs(jobs, workers)).map((o) => o.cell);
  const matrix = matrixFromCells(packages.length, mine.length, cells);
  if (shard) {
    const file = buildShard({ seed, trials, assumptions }, shard, packages, worlds, keys, matrix);
    withOutput(p.opts.out, stdout, (w) => w(JSON.stringify(file) + '\n'));
    return 0;
  }
  const r = summarizeRobustness(packages, worlds, matrix, { seed, trials }, { failure: p.failure, keys });
  write(p.opts, stdout, r, worlds, matrix, p.cells, assumptions);
  return 0;
}

if (isMainModule(import.meta.url)) await runAsProcess(main);
