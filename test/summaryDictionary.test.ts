// Issue 20 item 10: every key the summary CSV writes is in its data dictionary, with a unit.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { ASSUMPTION_KEYS, LEVER_KEYS, defaultLevers, simulate, summarize, survivalBand } from '../src/engine';
import { SUMMARY_KEYS, SUMMARY_UNITS, summaryDictionaryMarkdown, summaryKeyOf, summaryNumber } from '../src/engine/io/summaryColumns';
import { summaryCsv } from '../src/ui/controls/summaryCsv';
import { HEADLINE, headlineDifference } from '../src/ui/state/headlineMetric';

const ROOT = resolve(import.meta.dirname, '..');

function csvWithBaseline() {
  const run = (levers = defaultLevers(), assumptions = {}) => {
    const { model, results } = simulate(levers, { seed: 'dict', trials: 1_000, assumptions });
    return { summary: summarize(model, results, 'dict'), results, input: { seed: 'dict', trials: 1_000 } };
  };
  const base = run(defaultLevers(), { peaceBaseValue: 0.2 });
  const cur = run({ ...defaultLevers(), euTroops: 90_000 });
  const difference = headlineDifference(base, cur);
  return csvParse(
    summaryCsv(cur.summary, survivalBand(cur.summary), 'x', { name: 'b', summary: base.summary, metric: HEADLINE.key, baselineValue: HEADLINE.share(base.summary), difference, threshold: 0.02 }),
  );
}

describe('the summary CSV data dictionary', () => {
  it('documents every metric the summary CSV writes, and each row carries its unit', () => {
    const rows = csvWithBaseline();
    const metrics = new Set(rows.map((r) => r.metric));
    expect(metrics.has('baseline:assumption:peaceBaseValue')).toBe(true);
    for (const r of rows) {
      const key = summaryKeyOf(r.metric);
      expect(key, `${r.metric} is not documented`).toBeDefined();
      expect(r.unit).toBe(key!.unit);
    }
    // Every documented key is written by a run with a baseline (no dead entries).
    for (const k of SUMMARY_KEYS) expect([...metrics].some((m) => summaryKeyOf(m) === k), k.key).toBe(true);
  });

  it('matches placeholders only to real lever and assumption keys', () => {
    expect(summaryKeyOf(`lever:${LEVER_KEYS[0]}`)?.key).toBe('lever:<lever>');
    expect(summaryKeyOf(`baseline:assumption:${ASSUMPTION_KEYS[0]}`)?.key).toBe('baseline:assumption:<assumption>');
    expect(summaryKeyOf('lever:notALever')).toBeUndefined();
    expect(summaryKeyOf('pWarr')).toBeUndefined();
  });

  it('writes shares to 6 significant digits and says in the dictionary that they are shares from 0 to 1', () => {
    expect([summaryNumber(0.17013540183078724, 'share'), summaryNumber(-0.023456789, 'shareDifference'), summaryNumber(12_345_678, 'count'), summaryNumber(null, 'share')]).toEqual([
      '0.170135',
      '-0.0234568',
      '12345678',
      '',
    ]);
    const md = summaryDictionaryMarkdown();
    expect(md).toContain('a share of trials from 0 to 1');
    for (const k of SUMMARY_KEYS) expect(md).toContain(`\`${k.key}\``);
    for (const u of Object.keys(SUMMARY_UNITS)) expect(md).toContain(`\`${u}\``);
  });

  it('docs/summary-dictionary.md is current (run npm run docs)', () => {
    expect(readFileSync(join(ROOT, 'docs/summary-dictionary.md'), 'utf8')).toBe(summaryDictionaryMarkdown());
  });
});
