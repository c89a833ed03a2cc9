import { describe, expect, it } from 'vitest';
import { CALIBRATION_CASES, evaluateCalibrationCase } from '../src/engine/index';

describe('calibration against the anchors of MODEL.md', () => {
  it.each(CALIBRATION_CASES.map((c) => [c.label, c] as const))('%s lies in its band', (_, c) => {
    const v = evaluateCalibrationCase(c);
    expect(v).not.toBeNull();
    expect(v!).toBeGreaterThanOrEqual(c.band[0]);
    expect(v!).toBeLessThanOrEqual(c.band[1]);
  });
});
