// `npm run calibrate -- --check`: the generated files against today's inputs, cheaply. First the
// stamps (a stale file fails at once, before any evaluation); then the calibrated point, whose
// figures at the search's trials must come out exactly as stamped; then the worlds file's checks and
// a sample of its worlds re-evaluated exactly.
import type { WorldsFile } from '../src/engine/model/world';
import { calibrationLoss } from '../src/engine/analysis/calibrationFit';
import { calibratedFigures, SEARCH_TRIALS, type CalibrationStamp } from './calibrationSearch';
import { checkSample, recheckWorlds, worldsFileProblems } from './worlds';

export interface CheckInput {
  calibrated: Readonly<Record<string, number>>;
  stamp: CalibrationStamp | undefined;
  worlds: WorldsFile;
  /** Today's hashes (calibrationStamp.ts). */
  calibrationHash: string;
  worldsHash: string;
  workers: number;
  /** The least number of worlds the file must hold (the generation's MIN_WORLDS by default). */
  minWorlds?: number;
}

export interface CheckResult {
  /** True when a stamp is missing or differs: nothing was evaluated. */
  stale: boolean;
  problems: string[];
  worldsChecked: number;
}

export async function checkGenerated(i: CheckInput): Promise<CheckResult> {
  const stale: string[] = [];
  if (!i.stamp) stale.push('src/engine/model/calibrated.ts carries no hash stamp (it was written before stamps)');
  else if (i.stamp.hash !== i.calibrationHash) stale.push(`src/engine/model/calibrated.ts was made from other inputs (hash ${i.stamp.hash}, today's ${i.calibrationHash}: the engine version, an anchor, a range, a start or a setting changed)`);
  if (!i.worlds.hash) stale.push('src/engine/model/worlds.ts carries no hash stamp (it was written before stamps)');
  else if (i.worlds.hash !== i.worldsHash) stale.push(`src/engine/model/worlds.ts was made from other inputs (hash ${i.worlds.hash}, today's ${i.worldsHash}: the calibration, an anchor, a range, the seed or a setting changed)`);
  if (stale.length) return { stale: true, problems: stale, worldsChecked: 0 };
  const problems: string[] = [];
  const figures = calibratedFigures(i.calibrated);
  if (JSON.stringify(figures) !== JSON.stringify(i.stamp!.figures) || calibrationLoss(figures) !== i.stamp!.loss) {
    problems.push(`the calibrated point no longer reproduces its figures at ${SEARCH_TRIALS} trials: now ${JSON.stringify(figures)}, stamped ${JSON.stringify(i.stamp!.figures)}`);
  }
  const ids = checkSample(i.worlds);
  problems.push(...worldsFileProblems(i.worlds, i.minWorlds), ...(await recheckWorlds(i.worlds, ids, i.workers)));
  return { stale: false, problems, worldsChecked: ids.length };
}
