// npm run calibrate: search the calibrated assumptions against every calibration anchor (coordinate
// descent from the committed starting values, scripts/calibrationSearch.ts) and write
// src/engine/model/calibrated.ts; then generate the plausible worlds by history matching
// (scripts/worlds.ts) and write src/engine/model/worlds.ts; then the docs. Both files carry a hash of
// everything they were made from (scripts/calibrationStamp.ts). Flags:
//   --search-only     only the search (calibrated.ts, docs)
//   --worlds-only     only the worlds (worlds.ts, docs), from the committed calibration
//   --workers N       worker threads for the worlds (default: the machine's cores; results do not depend on it)
//   --samples A,B,C   the waves' sample counts instead of WORLD_WAVES's (a trial run: they enter the hash)
//   --out FILE        write the worlds to FILE instead of src/engine/model/worlds.ts (and no docs)
//   --check           fast (under 30 s): fail at once with "rerun npm run calibrate" if either file's hash
//                     is not the hash of today's inputs; else re-evaluate the calibrated point and a
//                     sample of the worlds, which must reproduce every stored figure exactly
//   --reproduce       the full reproduction: rerun the search and the history matching and fail if
//                     either committed file differs from the result
// Deterministic: fixed seeds, trials and step order.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorldsFile } from '../src/engine/model/world';
import { calibratedFigures, calibratedSource, search, SEARCH_TRIALS, type CalibrationStamp } from './calibrationSearch';
import { calibrationHash, currentCalibrationInputs, currentWorldsInputs, worldsHash } from './calibrationStamp';
import { generateWorlds, worldsSource, writeWorlds, WORLDS_PATH, WORLDS_SETTINGS, type WorldsSettings } from './worlds';
import { checkGenerated } from './calibrationCheck';

const ROOT = resolve(import.meta.dirname, '..');
const FILE = resolve(ROOT, 'src/engine/model/calibrated.ts');
const RERUN = 'rerun npm run calibrate';

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const value = (f: string) => (args.indexOf(f) >= 0 ? args[args.indexOf(f) + 1] : undefined);
const check = flag('--check');
const reproduce = flag('--reproduce');
const searchOnly = flag('--search-only');
const worldsOnly = flag('--worlds-only');
const out = value('--out');
const workers = value('--workers') !== undefined ? Math.max(1, Number(value('--workers')) || 1) : availableParallelism();
const samples = value('--samples');
let settings: WorldsSettings = WORLDS_SETTINGS;
if (samples !== undefined) {
  const n = samples.split(',').map(Number);
  if (n.length !== WORLDS_SETTINGS.waves.length || n.some((x) => !Number.isInteger(x) || x < 1)) {
    console.error(`calibrate: --samples must be ${WORLDS_SETTINGS.waves.length} whole numbers of at least 1, comma-separated (got ${JSON.stringify(samples)})`);
    process.exit(2);
  }
  settings = { ...WORLDS_SETTINGS, waves: WORLDS_SETTINGS.waves.map((w, i) => ({ ...w, samples: n[i] })), minWorlds: 1 };
}
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const fail = (lines: string[]): never => {
  for (const l of lines) console.error(l);
  process.exit(1);
};
const t0 = performance.now();

if (check) {
  const { CALIBRATED, ...cal } = (await import('../src/engine/model/calibrated')) as Record<string, unknown> & { CALIBRATED: Record<string, number> };
  const { WORLDS_FILE } = (await import('../src/engine/model/worlds')) as { WORLDS_FILE: WorldsFile };
  const r = await checkGenerated({
    calibrated: CALIBRATED,
    stamp: cal.CALIBRATION_STAMP as CalibrationStamp | undefined,
    worlds: WORLDS_FILE,
    calibrationHash: calibrationHash(currentCalibrationInputs()),
    worldsHash: worldsHash(currentWorldsInputs()),
    workers: Math.min(workers, 2),
  });
  if (r.problems.length) fail([`calibrate --check: ${r.stale ? 'stale generated files' : 'the committed files do not reproduce'}: ${RERUN}.`, ...r.problems.slice(0, 20).map((p) => `  ${p}`)]);
  console.log(`calibrate --check: both stamps are current, the calibrated point and ${r.worldsChecked} of the ${WORLDS_FILE.worlds.length} worlds reproduce their figures (${secs(t0)} s)`);
  process.exit(0);
}

if (reproduce) {
  const { values, loss, evaluations } = search();
  const source = calibratedSource(values, { hash: calibrationHash(currentCalibrationInputs()), loss, evaluations, trials: SEARCH_TRIALS, figures: calibratedFigures(values) });
  if (readFileSync(FILE, 'utf8') !== source) fail([`calibrate --reproduce: the committed src/engine/model/calibrated.ts is not the search's result: ${RERUN}.`, source]);
  console.log(`calibrate --reproduce: calibrated.ts is the search's result (${evaluations} evaluations, ${secs(t0)} s)`);
  const file = await generateWorlds(workers, (s) => console.log(s), worldsHash(currentWorldsInputs()));
  if (readFileSync(WORLDS_PATH, 'utf8') !== worldsSource(file)) fail([`calibrate --reproduce: the committed src/engine/model/worlds.ts is not the history matching's result: ${RERUN}.`]);
  console.log(`calibrate --reproduce: worlds.ts is the history matching's result (${file.kept} worlds, ${secs(t0)} s in all)`);
  process.exit(0);
}

if (!worldsOnly) {
  const { values, loss, evaluations } = search((s) => console.log(s));
  const stamp = { hash: calibrationHash(currentCalibrationInputs()), loss, evaluations, trials: SEARCH_TRIALS, figures: calibratedFigures(values) };
  writeFileSync(FILE, calibratedSource(values, stamp));
  console.log(`wrote ${FILE}: loss ${loss.toFixed(4)} after ${evaluations} evaluations (${secs(t0)} s)`);
}
if (!searchOnly) {
  if (!worldsOnly) {
    // A fresh process, so the worlds are matched under the calibrated values just written.
    execFileSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/calibrate.ts'), '--worlds-only', ...args.filter((a, i) => a !== '--search-only' && args[i - 1] !== '--workers' && a !== '--workers'), '--workers', String(workers)], { stdio: 'inherit', cwd: ROOT });
  } else {
    await writeWorlds(workers, (s) => console.log(s), worldsHash(currentWorldsInputs(settings)), settings, out ? resolve(out) : WORLDS_PATH);
  }
}
if ((worldsOnly || searchOnly) && !out) {
  // A fresh process, so the docs are built from the files just written.
  execFileSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/docs.ts')], { stdio: 'inherit', cwd: ROOT });
}
