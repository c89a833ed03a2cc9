import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalibrationDocs, buildLeverDocs } from '../scripts/docs';
import { ASSUMPTIONS, LEVER_KEYS, TRIAL_COLUMNS, dataDictionaryMarkdown, trialCsvHeader } from '../src/engine/index';
import { committedCalibration } from './fixtures/calibration';

const read = (f: string) => readFileSync(resolve(__dirname, '..', f), 'utf8');

describe('generated docs', () => {
  it('docs/levers.md is current (run npm run docs)', () => {
    expect(read('docs/levers.md')).toBe(buildLeverDocs());
  });
  it('docs/data-dictionary.md is current (run npm run docs)', () => {
    expect(read('docs/data-dictionary.md')).toBe(dataDictionaryMarkdown());
  });
  it('the data dictionary describes every trial CSV column, in the order the writer writes them', () => {
    const dict = read('docs/data-dictionary.md');
    const documented = [...dict.matchAll(/^\| `([A-Za-z0-9]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(trialCsvHeader());
    for (const c of TRIAL_COLUMNS) {
      expect(c.meaning.length, c.key).toBeGreaterThan(10);
      expect(c.values, c.key).not.toBe('');
    }
  });
  it('docs cite sources by title or author, never by a path outside the repository', () => {
    for (const f of ['README.md', 'docs/levers.md', 'docs/model.md']) expect(read(f), f).not.toMatch(/\.\.\/shared|shared\/seeds/);
    expect(read('docs/levers.md')).toContain('Amar Singh Bhandal');
    expect(read('docs/levers.md')).toContain('“Ukraine Can Only Rely on Its Own Military, Not Security Guarantees from Trump or Europe”');
  });
  it('docs/calibration.md is current (run npm run docs)', async () => {
    expect(read('docs/calibration.md')).toBe(buildCalibrationDocs(await committedCalibration()));
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
