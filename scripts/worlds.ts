// Plausible worlds by history matching (src/engine/analysis/historyMatch.ts): generate them and
// write src/engine/model/worlds.ts (`npm run calibrate`, or `npm run calibrate -- --worlds-only`),
// or check the committed file without regenerating it (`npm run calibrate -- --check`).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENGINE_VERSION } from '../src/engine/version';
import { trialRng } from '../src/engine/math/rng';
import { ASSUMPTIONS, type AssumptionKey } from '../src/engine/model/assumptions';
import { WORLD_DECISION_NOISE, WORLD_KEYS, type KeptWorld, type WorldsFile } from '../src/engine/model/world';
import { CALIBRATION_CASES } from '../src/engine/analysis/calibration';
import { asFigures, historyMatch, implausibilities, type BatchEvaluator, type Figures, type WavePlan } from '../src/engine/analysis/historyMatch';
import { anchorPower, inputSpans } from '../src/engine/analysis/historyMatchReport';
import { WORLD_TRIALS } from '../src/engine/analysis/worlds';
import { pointToWorld, round4, worldRanges, WORLD_ANCHORS } from './worldsEval';
import { runJobs } from '../src/cli/pool';

export const WORLDS_SEED = 'worlds';
/**
 * The waves (docs/calibration.md). Wave 1 screens the full plausible ranges with a Latin hypercube
 * at few trials (a larger code variance, so a tolerant implausibility); each later wave resamples
 * the survivors of the one before with jitter, at more trials, so the samples fill the region the
 * evidence leaves open and the Monte Carlo error shrinks as it closes in. Sized to run in at most
 * 20 minutes on 2 worker threads.
 */
export const WORLD_WAVES: WavePlan[] = [
  { samples: 3000, trials: 200, cutoff: 3 },
  { samples: 1500, trials: 400, cutoff: 3, bandwidth: 0.5 },
  { samples: 2600, trials: 1000, cutoff: 3, bandwidth: 0.5 },
];
/** The final judgement runs each anchor at WORLD_TRIALS (the engine's, the committed figures' count) with this cutoff. */
export const WORLD_CUTOFF = 3;
/** The least number of kept worlds: fewer and the generation fails (grow the last wave). */
export const MIN_WORLDS = 200;
/** Worlds the check re-evaluates (evenly spaced, deterministic). */
export const CHECK_WORLDS = 10;

/** 3 significant digits; an infinite implausibility (a figure undefined, say a ratio of two zero shares) is stored as 999. */
const r3 = (x: number) => (Number.isFinite(x) ? Math.min(999, Number(x.toPrecision(3))) : 999);

/** Sampled points' calibration figures over `workers` threads (the command line's pool), in the points' order. */
const overThreads =
  (workers: number): BatchEvaluator =>
  (xs, trials) =>
    runJobs(
      xs.map((x) => ({ type: 'worldFigures' as const, world: pointToWorld(x), trials })),
      workers,
    ).then((outs) => outs.map((o) => o.figures));

/** A deterministic shuffle (Fisher–Yates on one seeded stream), so the first n kept worlds are a fair sample of them all. */
function shuffled<T>(xs: readonly T[], seed: string): T[] {
  const a = [...xs];
  const rng = trialRng(`order/${seed}`, 0);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export interface WorldsSettings {
  waves: readonly WavePlan[];
  trials: number;
  cutoff: number;
  seed: string;
  minWorlds: number;
}

export const WORLDS_SETTINGS: WorldsSettings = { waves: WORLD_WAVES, trials: WORLD_TRIALS, cutoff: WORLD_CUTOFF, seed: WORLDS_SEED, minWorlds: MIN_WORLDS };

export async function generateWorlds(workers: number, log: (s: string) => void, hash: string, settings: WorldsSettings = WORLDS_SETTINGS): Promise<WorldsFile> {
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(0);
  const ranges = worldRanges();
  const res = await historyMatch({
    ranges,
    anchors: WORLD_ANCHORS,
    waves: settings.waves,
    finalTrials: settings.trials,
    finalCutoff: settings.cutoff,
    seed: settings.seed,
    round: (k, v) => round4(v, ranges[k]),
    evaluate: overThreads(workers),
    onWave: (w) =>
      log(
        w.wave === 'final'
          ? `final: ${w.samples.length} judged at ${w.trials} trials, ${w.kept.filter(Boolean).length} non-implausible at cutoff ${w.cutoff} (${secs()} s)`
          : `wave ${w.wave}: ${w.samples.length} at ${w.trials} trials, ${w.kept.filter(Boolean).length} non-implausible at cutoff ${w.cutoff}, ${w.inBand.filter(Boolean).length} in every band (${secs()} s)`,
      ),
  });
  if (res.kept.length < settings.minWorlds) {
    const counts = res.waves.map((w) => `wave ${w.wave}: ${w.kept.filter(Boolean).length} of ${w.samples.length}`).join(', ');
    const hint = (res.waves[0]?.kept.filter(Boolean).length ?? 0) < 5 ? 'grow wave 1, or see which anchor rules out everything (the anchors\' discrepancies)' : 'grow the last wave';
    throw new Error(`calibrate: only ${res.kept.length} worlds kept, at least ${settings.minWorlds} wanted (non-implausible: ${counts}): ${hint} (WORLD_WAVES in scripts/worlds.ts)`);
  }
  const w1 = res.waves[0];
  const anchorStats = anchorPower(w1).map((s, a) => ({
    id: CALIBRATION_CASES[a].id,
    ruledOut: r3(s.ruledOut),
    ruledOutAlone: r3(s.ruledOutAlone),
    outOfBand: r3(s.outOfBand),
    median: r3(s.median),
    p90: r3(s.p90),
    max: r3(s.max),
  }));
  const kept = shuffled(res.kept, settings.seed);
  const worlds: KeptWorld[] = kept.map(({ x, values, implausibility }, id) => ({ ...pointToWorld(x, id), anchors: values, implausibility: r3(implausibility) }));
  const spans = inputSpans(kept.map((k) => k.x), ranges).map((s) => ({ key: s.key, span: r3(s.span), central: r3(s.central), openness: s.openness }));
  return {
    engineVersion: ENGINE_VERSION,
    hash,
    seed: settings.seed,
    trials: settings.trials,
    cutoff: settings.cutoff,
    sampled: res.waves.reduce((s, w) => s + w.samples.length, 0),
    kept: worlds.length,
    waves: [
      ...res.waves.map((w) => ({ samples: w.samples.length, kept: w.kept.filter(Boolean).length, trials: w.trials, cutoff: w.cutoff })),
      { samples: res.final.samples.length, kept: worlds.length, trials: res.final.trials, cutoff: res.final.cutoff },
    ],
    anchors: CALIBRATION_CASES.map((c) => ({ id: c.id, band: [...c.band] as [number, number], discrepancy: c.discrepancy })),
    keys: [...WORLD_KEYS],
    worlds,
    anchorStats,
    spans,
    seconds: Math.round((performance.now() - t0) / 1000),
  };
}

/** The file's source; `seconds` (wall-clock) is left out so that a reproduction compares exactly. */
export function worldsSource(f: WorldsFile): string {
  const json = (v: unknown) => JSON.stringify(v);
  const lines = [
    '// Generated by `npm run calibrate` (scripts/calibrate.ts → scripts/worlds.ts): the plausible worlds, by',
    `// history matching (src/engine/analysis/historyMatch.ts) of every assumption with a range and decisionNoise`,
    `// against the calibration anchors (seed "${f.seed}"): ${f.waves
      .slice(0, -1)
      .map((w, i) => `${i === 0 ? 'a Latin hypercube of ' : 'resampled with jitter, '}${w.samples} at ${w.trials} trials, ${w.kept} under implausibility ${w.cutoff}`)
      .join('; then ')};`,
    `// the last wave's survivors rounded to 4 significant digits and judged at ${f.trials} trials per run (seed`,
    `// CALIBRATION_RUN.seed): ${f.kept} non-implausible at cutoff ${f.cutoff}, kept, in a seeded random order. Do not edit by`,
    '// hand; `npm run calibrate -- --check` compares the hash with today\'s inputs and re-evaluates a sample of the worlds.',
    "import type { WorldsFile } from './world';",
    '',
    'export const WORLDS_FILE: WorldsFile = {',
    `  engineVersion: ${json(f.engineVersion)},`,
    `  hash: ${json(f.hash)},`,
    `  seed: ${json(f.seed)},`,
    `  trials: ${f.trials},`,
    `  cutoff: ${f.cutoff},`,
    `  sampled: ${f.sampled},`,
    `  kept: ${f.kept},`,
    `  waves: ${json(f.waves)},`,
    `  anchors: ${json(f.anchors)},`,
    `  anchorStats: [`,
    ...(f.anchorStats ?? []).map((s) => `    ${json(s)},`),
    '  ],',
    `  spans: [`,
    ...(f.spans ?? []).map((s) => `    ${json(s)},`),
    '  ],',
    `  keys: ${json(f.keys)},`,
    '  worlds: [',
    ...f.worlds.map((w) => `    ${json(w)},`),
    '  ],',
    '};',
    '',
  ];
  return lines.join('\n');
}

export const WORLDS_PATH = resolve(import.meta.dirname, '../src/engine/model/worlds.ts');

export async function writeWorlds(workers: number, log: (s: string) => void, hash: string, settings?: WorldsSettings, path = WORLDS_PATH): Promise<WorldsFile> {
  const file = await generateWorlds(workers, log, hash, settings);
  writeFileSync(path, worldsSource(file));
  log(`wrote ${path}: ${file.kept} worlds of ${file.sampled} samples (${file.seconds} s, ${workers} threads)`);
  return file;
}

/** File checks (no evaluation): the problems found, empty if none. */
export function worldsFileProblems(f: WorldsFile, minWorlds = MIN_WORLDS): string[] {
  const p: string[] = [];
  if (f.engineVersion !== ENGINE_VERSION) p.push(`engineVersion ${f.engineVersion} is not ENGINE_VERSION ${ENGINE_VERSION}`);
  const anchors = CALIBRATION_CASES.map((c) => ({ id: c.id, band: [...c.band], discrepancy: c.discrepancy }));
  if (JSON.stringify(f.anchors) !== JSON.stringify(anchors)) p.push('the anchors (ids, bands and discrepancies) are not CALIBRATION_CASES');
  if (JSON.stringify(f.keys) !== JSON.stringify(WORLD_KEYS)) p.push('the keys are not WORLD_KEYS');
  if (f.worlds.length < minWorlds) p.push(`only ${f.worlds.length} worlds (at least ${minWorlds} wanted)`);
  if (f.kept !== f.worlds.length) p.push(`kept ${f.kept} but ${f.worlds.length} worlds`);
  const cutoff = f.cutoff ?? 0;
  f.worlds.forEach((w, i) => {
    if (w.id !== i) p.push(`world ${i} has id ${w.id}`);
    if (!(w.decisionNoise >= WORLD_DECISION_NOISE.min && w.decisionNoise <= WORLD_DECISION_NOISE.max)) p.push(`world ${i}: decisionNoise ${w.decisionNoise} out of range`);
    for (const k of Object.keys(ASSUMPTIONS) as AssumptionKey[]) {
      const v = w.assumptions[k];
      if (!(v >= ASSUMPTIONS[k].min && v <= ASSUMPTIONS[k].max)) p.push(`world ${i}: ${k} = ${v} out of range`);
    }
    if (w.anchors.length !== f.anchors.length) p.push(`world ${i}: ${w.anchors.length} anchor figures for ${f.anchors.length} anchors`);
    if (!((w.implausibility ?? 0) <= cutoff)) p.push(`world ${i}: implausibility ${w.implausibility} above the cutoff ${cutoff}`);
  });
  return p;
}

/** The worlds the check re-evaluates: n evenly spaced ids (deterministic). */
export function checkSample(f: WorldsFile, n = CHECK_WORLDS): number[] {
  const m = f.worlds.length;
  return Array.from(new Set(Array.from({ length: Math.min(n, m) }, (_, i) => Math.floor(((i + 0.5) * m) / Math.min(n, m)))));
}

/** Re-evaluate the sample of worlds; the problems found (a figure differing, or the world now implausible). */
export async function recheckWorlds(f: WorldsFile, ids: number[], workers: number): Promise<string[]> {
  const xs = ids.map((i) => ({ ...f.worlds[i].assumptions, decisionNoise: f.worlds[i].decisionNoise }));
  const figs = await overThreads(workers)(xs, f.trials);
  const p: string[] = [];
  ids.forEach((id, j) => {
    const got = asFigures(figs[j]);
    got.values.forEach((v, a) => {
      if (v !== f.worlds[id].anchors[a]) p.push(`world ${id}: ${f.anchors[a]?.id ?? a} is now ${v}, the file says ${f.worlds[id].anchors[a]}`);
    });
    const worst = Math.max(0, ...implausibilities(WORLD_ANCHORS, got));
    if (!(worst <= (f.cutoff ?? 0))) p.push(`world ${id}: implausibility ${r3(worst)} above the cutoff ${f.cutoff ?? 0}`);
  });
  return p;
}
