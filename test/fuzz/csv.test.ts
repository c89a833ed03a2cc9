// CSV safety: hostile scenario titles and seeds go through every export (trial rows, summary,
// sweep grid, tornado) and come back through d3-dsv's csvParse exactly as safeCsvText wrote them,
// every row as wide as the header, no text cell starting with a formula character, and numbers
// (negative ones included) still plain numbers.
import { csvParse, csvParseRows } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sensitivityCsv } from '../../src/cli/sensitivity';
import {
  LEVERS,
  defaultLevers,
  safeCsvText,
  scenarioLabel,
  simulate,
  summarize,
  survivalBand,
  sweepCsv,
  trialCsvHeader,
  trialRowsCsv,
  type SensitivityResult,
  type SweepAxis,
  type SweepCell,
} from '../../src/engine';
import { summaryCsv } from '../../src/ui/controls/summaryCsv';
import { hostileString, runs } from './helpers';

/**
 * A cell some spreadsheet could run as a formula: a leading tab or CR, or =, +, -, @ (or a form
 * NFKC folds into one, or the minus sign) as the first character left once leading white space,
 * control and invisible characters are trimmed, as spreadsheets variously do.
 */
const FORMULA = {
  test(cell: string): boolean {
    if (/^[\t\r]/.test(cell)) return true;
    const visible = [...cell].find((ch) => !/[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(ch));
    return visible !== undefined && /^[=+\-@\u2212]/.test(visible.normalize('NFKC'));
  },
};
/** A plain decimal number, as String(number) writes one. */
const NUMBER = /^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/;

const FIXED_TITLES = [
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '-2',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  '=1',
  '"quoted", with a comma',
  'line one\nline two',
  'crlf\r\nline',
  '""',
  ',',
  "'already quoted",
  ' =1',
  'ＳＵＭ＝１',
  'نص عربي =1',
  '😀 emoji',
  '\u202e=1',
  // Issue 12: formulas behind characters a spreadsheet may trim, and full-width forms.
  '\u00a0@SUM(1)',
  '\n=1+1',
  '\u200b+1',
  '＝1+1',
  '＋1+1',
  '\ufeff\u2060=1',
  '-',
  '',
];
const titleArb = fc.oneof(fc.constantFrom(...FIXED_TITLES), hostileString(60), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }));

/** Every problem with a parsed CSV: ragged rows, and text cells (outside `numeric` columns) that a spreadsheet would run. */
function csvProblems(text: string, numeric: (column: string) => boolean): string[] {
  const problems: string[] = [];
  const rows = csvParseRows(text.replace(/\n$/, ''));
  const header = rows[0];
  rows.forEach((row, i) => {
    if (row.length !== header.length) problems.push(`row ${i} has ${row.length} cells, the header ${header.length}`);
    row.forEach((cell, j) => {
      if (!FORMULA.test(cell)) return;
      if (numeric(header[j]) && NUMBER.test(cell)) return;
      problems.push(`row ${i} ${header[j]}: ${JSON.stringify(cell)} starts with a formula character`);
    });
  });
  return problems;
}

describe('trial rows CSV', () => {
  const levers = { ...defaultLevers(), horizonYears: 1 };
  const TEXT = new Set(['date', 'mode', 'engineVersion', 'seed', 'scenario', ...LEVERS.filter((l) => l.kind !== 'number').map((l) => l.key)]);
  const sims = new Map<string, ReturnType<typeof simulate>>();
  const sim = (seed: string) => {
    if (!sims.has(seed)) sims.set(seed, simulate(levers, { seed, trials: 100 }));
    return sims.get(seed)!;
  };

  it('has a scenario column next to the seed', () => {
    const h = trialCsvHeader();
    expect(h[h.indexOf('seed') + 1]).toBe('scenario');
  });

  it('round-trips any title and seed: the cell is the neutralised text exactly, rows are whole, nothing runs as a formula', () => {
    fc.assert(
      fc.property(titleArb, fc.constantFrom('1', '=cmd()', '-1', '+x', '@a', 'a,b', '"q"'), (title, seed) => {
        const { model, results } = sim(seed);
        const text = trialRowsCsv(model, results, seed, 0, 3, true, title);
        const rows = csvParse(text);
        expect(rows.columns).toEqual(trialCsvHeader());
        expect(rows.length).toBe(3);
        for (const r of rows) {
          expect(r.scenario).toBe(safeCsvText(title));
          expect(r.seed).toBe(safeCsvText(seed));
        }
        const problems = csvProblems(text, (c) => !TEXT.has(c));
        if (problems.length) expect(problems).toEqual([]);
      }),
      runs(),
    );
  });

  it('leaves the scenario column empty when no scenario is loaded', () => {
    const { model, results } = sim('1');
    expect(csvParse(trialRowsCsv(model, results, '1', 0, 2)).every((r) => r.scenario === '')).toBe(true);
  });
});

describe('summary CSV', () => {
  const { model, results } = simulate({ ...defaultLevers(), horizonYears: 2 }, { seed: 's', trials: 200 });
  const summary = summarize(model, results, 's');
  const band = survivalBand(summary);
  const TEXT_METRICS = new Set(['engineVersion', 'seed', 'scenario', ...LEVERS.filter((l) => l.kind !== 'number').map((l) => `lever:${l.key}`)]);

  it('round-trips any title in a scenario row after the seed; rows are whole; nothing runs as a formula', () => {
    fc.assert(
      fc.property(titleArb, (title) => {
        const text = summaryCsv(summary, band, title);
        const rows = csvParse(text);
        const metrics = rows.map((r) => r.metric);
        expect(metrics.indexOf('scenario')).toBe(metrics.indexOf('seed') + 1);
        expect(rows.find((r) => r.metric === 'scenario')!.value).toBe(safeCsvText(title));
        // Only the value column holds text; a number-valued metric's value must be a plain number.
        const problems = csvProblems(text, (c) => c !== 'metric' && c !== 'date').filter((p) => !/ value: /.test(p));
        for (const r of rows) {
          if (!FORMULA.test(r.value)) continue;
          if (TEXT_METRICS.has(r.metric) || !NUMBER.test(r.value)) problems.push(`${r.metric}: ${JSON.stringify(r.value)}`);
        }
        if (problems.length) expect(problems).toEqual([]);
      }),
      runs(),
    );
  });

  it('is empty when no scenario is loaded, and number levers stay numbers', () => {
    const rows = csvParse(summaryCsv(summary, band));
    expect(rows.find((r) => r.metric === 'scenario')!.value).toBe('');
    for (const l of LEVERS) {
      const cell = rows.find((r) => r.metric === `lever:${l.key}`)!.value;
      expect(cell, l.key).toBe(String(summary.params[l.key]));
    }
  });
});

describe('scenarioLabel', () => {
  const scenario = { title: 'Robust', resolved: { ...defaultLevers(), euTroops: 100_000 } };
  it('is the title, marked when the run changed a lever, and empty without a scenario', () => {
    expect(scenarioLabel(scenario, scenario.resolved)).toBe('Robust');
    expect(scenarioLabel(scenario, { ...scenario.resolved, euTroops: 90_000 })).toBe('Robust (modified)');
    expect(scenarioLabel(null, defaultLevers())).toBe('');
    expect(scenarioLabel(undefined, defaultLevers())).toBe('');
  });
});

describe('sweep and tornado CSVs', () => {
  const cell = (i: number, j: number): SweepCell => ({
    i,
    j,
    pResumption: 0.25,
    pResumptionCI95: [0.2, 0.3],
    medianMonthsToResumption: null,
    modeShares: { greyZone: 0.1, limited: 0.1, fullScale: 0.05 },
    pWar: 0.15,
    pWarCI95: [0.1, 0.2],
    medianMonthsToWar: null,
    pGreyZone: 0.1,
  });
  const x: SweepAxis = { key: 'euPosture', values: ['monitoring', 'tripwire'] };
  const y: SweepAxis = { key: 'usCredibility', values: [0, 0.5] };

  it('sweep grid: any seed round-trips neutralised; rows are whole; nothing runs as a formula', () => {
    fc.assert(
      fc.property(titleArb.filter((s) => s !== ''), (seed) => {
        const text = sweepCsv(x, y, [cell(0, 0), cell(1, 0), cell(0, 1), null], seed, 200);
        const rows = csvParse(text);
        expect(rows.length).toBe(3);
        for (const r of rows) {
          expect(r.seed).toBe(safeCsvText(seed));
          expect([r.pWar, r.warCiLo, r.warCiHi, r.medianMonthsToWar, r.pGreyZone]).toEqual(['0.15', '0.1', '0.2', '', '0.1']);
        }
        const problems = csvProblems(text + '\n', (c) => !['xLever', 'x', 'yLever', 'seed', 'engineVersion'].includes(c));
        if (problems.length) expect(problems).toEqual([]);
      }),
      runs(),
    );
  });

  it('tornado: negative changes stay plain numbers, text values are neutralised', () => {
    const end = (value: unknown, delta: number) => ({ value, run: 1, pWar: 0.3 + delta, delta, deltaCI95: [delta - 0.01, delta + 0.01] as [number, number] });
    const result = {
      seed: '-1',
      trials: 200,
      base: { pWar: 0.3, pWarCI95: [0.25, 0.35] },
      swings: [
        { key: 'euTroops', label: 'European troops', low: end(0, 0.05), high: end(200_000, -0.05) },
        { key: 'euPosture', label: 'Posture', low: end('monitoring', 0.02), high: end('combat', -0.125) },
      ],
    } as unknown as SensitivityResult;
    const text = sensitivityCsv(result);
    const rows = csvParse(text);
    expect(rows.map((r) => r.delta)).toEqual(['0.05', '-0.05', '0.02', '-0.125']);
    expect(rows.map((r) => r.deltaLo)).toEqual(['0.04', '-0.060000000000000005', '0.01', '-0.135']);
    expect(rows.map((r) => r.value)).toEqual(['0', '200000', 'monitoring', 'combat']);
    expect(rows.map((r) => r.pWar)).toEqual(['0.35', '0.25', '0.32', '0.175']);
    expect(rows.every((r) => r.basePWar === '0.3')).toBe(true);
    expect(rows[0].seed).toBe("'-1");
    expect(text).toMatch(/,-0\.05,/);
    expect(csvProblems(text, (c) => !['lever', 'end', 'value', 'seed', 'engineVersion'].includes(c))).toEqual([]);
  });
});

describe('safeCsvText', () => {
  it('neutralises exactly the text that starts with a formula character', () => {
    fc.assert(
      fc.property(fc.oneof(titleArb, fc.string({ unit: 'binary' })), (s) => {
        const out = safeCsvText(s);
        expect(FORMULA.test(out)).toBe(false);
        expect(out).toBe(FORMULA.test(s) ? `'${s}` : s);
      }),
      runs(),
    );
  });
});
