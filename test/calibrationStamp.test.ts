import { describe, expect, it } from 'vitest';
import { calibrationHash, canonical, currentCalibrationInputs, currentWorldsInputs, hashOf, worldsHash, type CalibrationInputs } from '../scripts/calibrationStamp';
import { WORLDS_SETTINGS } from '../scripts/worlds';
import { shareFigure, type CalibrationCase } from '../src/engine/analysis/calibration';

// The generated files carry a hash of everything they were made from; `npm run calibrate -- --check`
// fails at once ("rerun npm run calibrate") when it differs from today's inputs.
describe('the hash stamp of the calibration and the worlds', () => {
  const cal = currentCalibrationInputs();
  const worlds = currentWorldsInputs();
  const withCase = (i: CalibrationInputs, f: (c: CalibrationCase) => CalibrationCase): CalibrationInputs => ({ ...i, anchors: i.anchors.map((c, k) => (k === 0 ? f(c) : c)) });

  it('is the same for the same inputs, whatever the order of keys', () => {
    expect(calibrationHash(currentCalibrationInputs())).toBe(calibrationHash(cal));
    expect(worldsHash(currentWorldsInputs())).toBe(worldsHash(worlds));
    expect(hashOf({ a: 1, b: [2, { c: 3, d: 4 }] })).toBe(hashOf({ b: [2, { d: 4, c: 3 }], a: 1 }));
  });
  it('catches a changed anchor band, and both files go stale', () => {
    const moved = withCase(cal, (c) => ({ ...c, band: [c.band[0], c.band[1] + 1] }));
    expect(calibrationHash(moved)).not.toBe(calibrationHash(cal));
    expect(worldsHash({ ...worlds, calibration: moved })).not.toBe(worldsHash(worlds));
  });
  it("catches a changed anchor discrepancy, and a summary anchor's figure function by its source", () => {
    expect(calibrationHash(withCase(cal, (c) => ({ ...c, discrepancy: c.discrepancy * 2 })))).not.toBe(calibrationHash(cal));
    const a = withCase(cal, (c) => ({ ...c, metric: { kind: 'summary', figure: (s, n) => shareFigure(s.pWar, n) } }));
    const b = withCase(cal, (c) => ({ ...c, metric: { kind: 'summary', figure: (s, n) => shareFigure(s.pGreyZone, n) } }));
    expect(calibrationHash(a)).not.toBe(calibrationHash(b));
    expect(canonical(() => 1)).toMatch(/^function:/);
  });
  it('catches a changed range', () => {
    const key = Object.keys(cal.assumptions)[0];
    const spec = cal.assumptions[key];
    const widened = { ...cal, assumptions: { ...cal.assumptions, [key]: { ...spec, max: spec.max * 1.1 + 1 } } };
    expect(calibrationHash(widened)).not.toBe(calibrationHash(cal));
    expect(worldsHash({ ...worlds, decisionNoise: { ...worlds.decisionNoise, max: 0.4 } })).not.toBe(worldsHash(worlds));
  });
  it('catches a changed engine version', () => {
    expect(calibrationHash({ ...cal, engineVersion: '99.0.0' })).not.toBe(calibrationHash(cal));
    expect(worldsHash({ ...worlds, calibration: { ...cal, engineVersion: '99.0.0' } })).not.toBe(worldsHash(worlds));
  });
  it("catches a changed seed or wave, and not the calibrated assumptions' own output in the calibration's hash", () => {
    expect(worldsHash(currentWorldsInputs({ ...WORLDS_SETTINGS, seed: 'other' }))).not.toBe(worldsHash(worlds));
    expect(worldsHash(currentWorldsInputs({ ...WORLDS_SETTINGS, waves: WORLDS_SETTINGS.waves.map((w) => ({ ...w, samples: w.samples + 1 })) }))).not.toBe(worldsHash(worlds));
    const key = cal.calibratedKeys[0];
    const moved = { ...cal, assumptions: { ...cal.assumptions, [key]: { ...cal.assumptions[key], value: cal.assumptions[key].value + 0.01 } } };
    expect(calibrationHash(moved)).toBe(calibrationHash(cal));
    expect(worldsHash({ ...worlds, calibrated: { ...worlds.calibrated, [key]: 0.123 } })).not.toBe(worldsHash(worlds));
  });
});
