// Engine benchmark: `npm run bench`. Prints throughput for the baseline at 5, 10 and 20 years, the
// ratio to a floor loop of the same size measured in the same run, and memory per 100,000 trials.
// Timings on shared machines vary ±30–40% between processes: compare the ratios, not the seconds.
import seedrandom from 'seedrandom';
import {
  BYTES_PER_TRIAL,
  allocateResults,
  compileModel,
  defaultLevers,
  runTrials,
  worstCaseHalfWidth,
} from '../src/engine/index';

const TRIALS = 100_000;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The least any month-by-month engine does: per trial-month two seeded draws and one exp. */
function floorLoop(trials: number, months: number): number {
  const rng = seedrandom.alea('floor');
  let acc = 0;
  for (let i = 0; i < trials; i++) {
    for (let t = 0; t < months; t++) acc += Math.exp(-rng()) * rng();
  }
  return acc;
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

console.log(`Engine benchmark: ${fmt(TRIALS)} trials, single thread, median of ${REPEATS} runs (Node ${process.version})\n`);
// Memory: the results of 100,000 trials, measured as the growth of ArrayBuffer memory.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const memModel = compileModel(defaultLevers());
const out = allocateResults(TRIALS);
runTrials(memModel, 'mem', 0, TRIALS, out);
gc?.();
const after = process.memoryUsage();
const perTrial = (after.arrayBuffers - before.arrayBuffers) / TRIALS;
console.log(
  `Memory per trial: ${BYTES_PER_TRIAL} bytes of results by layout; measured ${fmt(perTrial, 1)} bytes of array buffers (results plus the compiled model's tables)` +
    `${gc ? '' : ' [run with --expose-gc for a steadier figure]'}; ${fmt(((after.arrayBuffers - before.arrayBuffers) / 1e6) * 1, 2)} MB per 100,000 trials; ` +
    `peak RSS ${fmt(after.rss / 1e6, 0)} MB.`,
);
console.log('');
console.log('horizon  compile ms  engine ms  trials/s     trial-months/s  floor ms  engine/floor  resumed');
for (const years of [5, 10, 20]) {
  const levers = { ...defaultLevers(), horizonYears: years };
  const months = years * 12;
  const engine: number[] = [];
  const compile: number[] = [];
  const floor: number[] = [];
  let resumed = 0;
  // Warm up both loops once so the JIT has compiled them.
  runTrials(compileModel(levers), 'warm', 0, 5_000, allocateResults(5_000));
  floorLoop(5_000, months);
  for (let r = 0; r < REPEATS; r++) {
    let model = compileModel(levers);
    compile.push(time(() => (model = compileModel(levers))));
    const out = allocateResults(TRIALS);
    engine.push(time(() => runTrials(model, String(r), 0, TRIALS, out)));
    resumed = out.month.reduce((n, m) => n + (m > 0 ? 1 : 0), 0) / TRIALS;
    floor.push(time(() => floorLoop(TRIALS, months)));
  }
  const e = median(engine);
  const f = median(floor);
  console.log(
    `${String(years).padStart(2)} years  ${fmt(median(compile), 1).padStart(10)}  ${fmt(e, 0).padStart(9)}  ${fmt((TRIALS / e) * 1000).padStart(10)}  ${fmt(
      ((TRIALS * months) / e) * 1000,
    ).padStart(14)}  ${fmt(f, 0).padStart(8)}  ${fmt(e / f, 2).padStart(12)}  ${(100 * resumed).toFixed(1)}%`,
  );
}

console.log(`\nPrecision: 20,000 trials give a worst-case 95% CI of ±${(100 * worstCaseHalfWidth(20_000)).toFixed(2)} percentage points.`);
if (out.month.length !== TRIALS) process.exitCode = 1;

// Sweep: a 20 × 20 grid at 2,000 trials a cell on the default horizon, as `npm run sweep` runs it.
{
  const { runJobs, defaultWorkers } = await import('../src/cli/pool');
  const { parseAxis } = await import('../src/engine/index');
  const ax = (t: string) => {
    const r = parseAxis(t, 'axis');
    if (!r.ok) throw new Error(r.errors[0].message);
    return r.value;
  };
  const x = ax('euTroops:0:200000:20');
  const y = ax('usCredibility:0:1:20');
  const levers = defaultLevers();
  const jobs = y.values.flatMap((_, j) => x.values.map((_, i) => ({ type: 'sweepCell' as const, levers, x, y, i, j, seed: '1', trials: 2000 })));
  for (const workers of [1, defaultWorkers()]) {
    const t0 = performance.now();
    await runJobs(jobs, workers);
    const s = (performance.now() - t0) / 1000;
    console.log(`Sweep 20 × 20 × 2,000 trials (120 months) with ${workers} worker thread${workers > 1 ? 's' : ''}: ${s.toFixed(2)} s (target under 6 s)`);
  }
}

// Across plausible worlds: the headline's band (the current levers, 100 worlds × 1,000 trials) and
// the robustness study (13 presets × 100 worlds × 2,000 trials), both on 2 worker threads, with
// the cells compared across 1, 2 and 4 threads (they must be bit-identical).
{
  const { runJobs } = await import('../src/cli/pool');
  const { WORLDS_FILE } = await import('../src/engine/model/worlds');
  const { prepare } = await import('../src/cli/robustness');
  const worlds = WORLDS_FILE.worlds.slice(0, 100);
  const band = worlds.map((world) => ({ type: 'world' as const, levers: defaultLevers(), world, seed: '1', trials: 1000 }));
  let t0 = performance.now();
  await runJobs(band, 2);
  const bandS = (performance.now() - t0) / 1000;
  console.log(`\nWorlds band: the current levers × ${worlds.length} worlds × 1,000 trials on 2 worker threads: ${bandS.toFixed(2)} s, including starting the threads under tsx (the target, within 2 s of the main result, is the page's: npm run bench:ui)`);
  const prepared = prepare([]);
  if (prepared.help || prepared.mode !== 'run') throw new Error('robustness: expected a run');
  const packages = prepared.packages;
  const study = packages.flatMap((p) => worlds.map((world) => ({ type: 'world' as const, levers: p.levers, world, seed: '1', trials: 2000 })));
  const sig = (cells: { pWar: number; pResumption: number }[]) => cells.map((c) => `${c.pWar},${c.pResumption}`).join(';');
  const signatures: string[] = [];
  for (const workers of [2, 1, 4]) {
    t0 = performance.now();
    const cells = (await runJobs(study, workers)).map((o) => o.cell);
    const s = (performance.now() - t0) / 1000;
    signatures.push(sig(cells));
    console.log(`Robustness study: ${packages.length} presets × ${worlds.length} worlds × 2,000 trials on ${workers} worker thread${workers > 1 ? 's' : ''}: ${s.toFixed(1)} s${workers === 2 ? ' (target under 60 s)' : ''}`);
  }
  const same = signatures.every((x) => x === signatures[0]);
  console.log(`Robustness cells with 1, 2 and 4 threads: ${same ? 'bit-identical' : 'DIFFERENT'}`);
  if (!same) process.exitCode = 1;
}
