import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkGenerated, type CheckInput } from '../scripts/calibrationCheck';
import { calibratedFigures, SEARCH_TRIALS } from '../scripts/calibrationSearch';
import { evaluateWorld, pointToWorld, worldCenter, WORLD_ANCHORS } from '../scripts/worldsEval';
import { CALIBRATION_CASES } from '../src/engine/analysis/calibration';
import { calibrationLoss } from '../src/engine/analysis/calibrationFit';
import { implausibilities } from '../src/engine/analysis/historyMatch';
import { CALIBRATED } from '../src/engine/model/calibrated';
import { WORLD_KEYS, type WorldsFile } from '../src/engine/model/world';
import { ENGINE_VERSION } from '../src/engine/version';

// `npm run calibrate -- --check` on files built here: a stale stamp fails before any evaluation;
// current stamps re-evaluate the calibrated point and a sample of worlds, which must reproduce exactly.
describe('calibrate --check', async () => {
  const figures = calibratedFigures(CALIBRATED);
  const stamp = { hash: 'cal-hash', loss: calibrationLoss(figures), evaluations: 1, trials: SEARCH_TRIALS, figures };
  const trials = 100;
  const worlds = [worldCenter(), { ...worldCenter(), decisionNoise: 0.2 }].map((x, id) => {
    const w = pointToWorld(x, id);
    const f = evaluateWorld(w, trials);
    return { ...w, anchors: f.values, implausibility: Math.max(0, ...implausibilities(WORLD_ANCHORS, f)) };
  });
  const file: WorldsFile = {
    engineVersion: ENGINE_VERSION,
    hash: 'worlds-hash',
    seed: 'test',
    trials,
    cutoff: 1e9,
    sampled: 2,
    kept: 2,
    waves: [],
    anchors: CALIBRATION_CASES.map((c) => ({ id: c.id, band: [...c.band] as [number, number], discrepancy: c.discrepancy })),
    keys: [...WORLD_KEYS],
    worlds,
  };
  const input: CheckInput = { calibrated: CALIBRATED, stamp, worlds: file, calibrationHash: 'cal-hash', worldsHash: 'worlds-hash', workers: 1, minWorlds: 1 };

  it('passes current files whose calibrated point and worlds reproduce their figures', async () => {
    expect(await checkGenerated(input)).toEqual({ stale: false, problems: [], worldsChecked: 2 });
  });
  it('fails a stale or missing stamp at once, naming the file, without evaluating anything', async () => {
    const t0 = performance.now();
    const r = await checkGenerated({ ...input, calibrationHash: 'other', worlds: { ...file, hash: undefined } });
    expect(r.stale).toBe(true);
    expect(r.problems).toEqual([expect.stringContaining('calibrated.ts was made from other inputs'), expect.stringContaining('worlds.ts carries no hash stamp')]);
    expect(performance.now() - t0).toBeLessThan(100);
  });
  it('fails when the calibrated point no longer gives its stamped figures', async () => {
    const r = await checkGenerated({ ...input, stamp: { ...stamp, figures: figures.map((v, i) => (i === 0 ? v + 1 : v)) } });
    expect(r.problems).toEqual([expect.stringContaining('the calibrated point no longer reproduces its figures')]);
  });
  it('fails when a world no longer gives its stored figures, naming the world and the anchor', async () => {
    const bad = { ...file, worlds: file.worlds.map((w, i) => (i === 1 ? { ...w, anchors: w.anchors.map((v, a) => (a === 2 ? v + 0.5 : v)) } : w)) };
    const r = await checkGenerated({ ...input, worlds: bad });
    expect(r.problems).toEqual([`world 1: ${CALIBRATION_CASES[2].id} is now ${file.worlds[1].anchors[2]}, the file says ${file.worlds[1].anchors[2] + 0.5}`]);
  });
  it('on the command line, says "rerun npm run calibrate" and fails when the committed files are stale', async () => {
    const root = resolve(import.meta.dirname, '..');
    const { WORLDS_FILE } = await import('../src/engine/model/worlds');
    const { calibrationHash, currentCalibrationInputs, currentWorldsInputs, worldsHash } = await import('../scripts/calibrationStamp');
    const cal = (await import('../src/engine/model/calibrated')) as Record<string, unknown>;
    const current = (cal.CALIBRATION_STAMP as { hash?: string } | undefined)?.hash === calibrationHash(currentCalibrationInputs()) && WORLDS_FILE.hash === worldsHash(currentWorldsInputs());
    if (current) return; // the committed files are current: nothing stale to report here (the other tests cover it)
    const err = await promisify(execFile)(process.execPath, ['--import', 'tsx', resolve(root, 'scripts/calibrate.ts'), '--check'], { cwd: root }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain('rerun npm run calibrate');
  });
});
