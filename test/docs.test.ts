import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalibrationDocs, buildLeverDocs } from '../scripts/docs';
import { ASSUMPTIONS, LEVER_KEYS } from '../src/engine/index';

const read = (f: string) => readFileSync(resolve(__dirname, '..', f), 'utf8');

describe('generated docs', () => {
  it('docs/levers.md is current (run npm run docs)', () => {
    expect(read('docs/levers.md')).toBe(buildLeverDocs());
  });
  it('docs/calibration.md is current (run npm run docs)', () => {
    expect(read('docs/calibration.md')).toBe(buildCalibrationDocs());
  });
});

describe('the model docs', () => {
  const model = read('docs/model.md');
  it('name every lever', () => {
    for (const key of LEVER_KEYS) expect(model, key).toContain(`\`${key}\``);
  });
  it('name every assumption', () => {
    for (const key of Object.keys(ASSUMPTIONS)) expect(model, key).toContain(`\`${key}\``);
  });
  it('say it is an explorable model, not a forecast', () => {
    expect(model).toMatch(/explorable model, not a forecast/);
  });
});
