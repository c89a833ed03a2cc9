// Trial rows as CSV: header from the registry, one row per trial, numbers that parse back, and text
// a spreadsheet would run as a formula neutralised.
import { csvParse } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENGINE_VERSION,
  FLAG_DELIBERATE,
  FLAG_EUROPE,
  FLAG_GREY_EUROPE,
  FLAG_GREY_US,
  FLAG_MISJUDGED,
  FLAG_SNAPBACK,
  FLAG_SUCCEEDED,
  FLAG_US,
  FLAG_WRONG_BALANCE,
  FLAG_WRONG_GUARANTORS,
  LEVERS,
  MODE_KEYS,
  STORED_TERMS,
  addMonths,
  defaultLevers,
  safeCsvText,
  simulate,
  trialCsvHeader,
  trialRowsCsv,
} from '../../src/engine';
import { leversArb } from './arbitraries';

describe('trialRowsCsv', () => {
  const seed = '=cmd()';
  const trials = 300;
  const levers = { ...defaultLevers(), horizonYears: 5, decisionNoise: 0.6 };
  const { model, results } = simulate(levers, { seed, trials });
  const text = trialRowsCsv(model, results, seed);
  const rows = csvParse(text);

  it('starts with the header of trialCsvHeader()', () => {
    expect(rows.columns).toEqual(trialCsvHeader());
    expect(text.split('\n')[0]).toBe(trialCsvHeader().join(','));
  });

  it('has one line per trial after the header', () => {
    expect(rows.length).toBe(trials);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n').length).toBe(trials + 1);
  });

  it('ends the header with the run metadata and every lever in registry order', () => {
    const h = trialCsvHeader();
    expect(h.slice(0, 22)).toEqual([
      'trial', 'resumed', 'month', 'date', 'mode',
      'war', 'warMonth', 'warDate', 'warMode', 'deliberate', 'europeEngaged', 'usEngaged', 'snapback',
      'warOutcome', 'misjudged', 'misjudgedBalance', 'misjudgedGuarantors', 'beliefEurope', 'beliefUs',
      'greyZone', 'greyEuropeResponded', 'greyUsResponded',
    ]);
    expect(h).toContain('perceivedStrength');
    expect(h.slice(-LEVERS.length)).toEqual(LEVERS.map((l) => l.key));
    expect(h).toContain(`usCredibilityTerm${STORED_TERMS}`);
    expect(new Set(h).size).toBe(h.length);
  });

  it('writes numbers that parse back to the run’s results, booleans as true/false and empty cells where a field does not apply', () => {
    expect(rows.some((r) => r.resumed === 'true')).toBe(true);
    expect(rows.some((r) => r.resumed === 'false')).toBe(true);
    expect(rows.some((r) => r.war === 'true')).toBe(true);
    expect(rows.some((r) => r.greyZone === 'true' && r.war === 'false')).toBe(true);
    const bools = new Set(rows.flatMap((r) => [r.resumed, r.war, r.deliberate, r.europeEngaged, r.usEngaged, r.snapback, r.misjudged, r.misjudgedBalance, r.misjudgedGuarantors, r.greyZone, r.greyEuropeResponded, r.greyUsResponded, r.article5Like, r.secondarySanctions]));
    expect([...bools].sort()).toEqual(['', 'false', 'true']);
    rows.forEach((r, i) => {
      const month = results.month[i];
      const war = results.warMonth[i];
      const grey = results.mode[i] === 1;
      const f = results.flags[i];
      const bit = (on: boolean, flag: number) => (on ? String((f & flag) !== 0) : '');
      expect(Number(r.trial)).toBe(i);
      expect(r.resumed).toBe(String(month > 0));
      // A held trial has an empty month, not 0.
      expect(r.month).toBe(month > 0 ? String(month) : '');
      expect(r.date).toBe(month > 0 ? addMonths(levers.ceasefireStart, month) : '');
      expect(r.mode).toBe(['none', ...MODE_KEYS][results.mode[i]]);
      expect(r.war).toBe(String(war > 0));
      expect(r.warMonth).toBe(war > 0 ? String(war) : '');
      expect(r.warDate).toBe(war > 0 ? addMonths(levers.ceasefireStart, war) : '');
      expect(r.warMode).toBe(['none', ...MODE_KEYS][results.warMode[i]]);
      expect(r.deliberate).toBe(bit(war > 0, FLAG_DELIBERATE));
      expect(r.europeEngaged).toBe(bit(war > 0, FLAG_EUROPE));
      expect(r.usEngaged).toBe(bit(war > 0, FLAG_US));
      expect(r.snapback).toBe(bit(war > 0, FLAG_SNAPBACK));
      // Engine 3: the war's course and what Moscow believed when it started it.
      expect(r.warOutcome).toBe(war > 0 ? ((f & FLAG_SUCCEEDED) !== 0 ? 'succeeded' : 'failed') : '');
      expect(r.misjudged).toBe(bit(war > 0, FLAG_MISJUDGED));
      expect(r.misjudgedBalance).toBe(bit(war > 0, FLAG_WRONG_BALANCE));
      expect(r.misjudgedGuarantors).toBe(bit(war > 0, FLAG_WRONG_GUARANTORS));
      if (war > 0) {
        expect(Math.abs(Number(r.beliefEurope) - results.warBeliefEurope[i])).toBeLessThanOrEqual(5e-7);
        expect(Math.abs(Number(r.beliefUs) - results.warBeliefUs[i])).toBeLessThanOrEqual(5e-7);
      } else {
        expect([r.beliefEurope, r.beliefUs]).toEqual(['', '']);
      }
      expect(Math.abs(Number(r.perceivedStrength) - results.perceivedStrength[i])).toBeLessThanOrEqual(5e-7);
      expect(r.greyZone).toBe(String(grey));
      expect(r.greyEuropeResponded).toBe(bit(grey, FLAG_GREY_EUROPE));
      expect(r.greyUsResponded).toBe(bit(grey, FLAG_GREY_US));
      expect(Math.abs(Number(r.resolve) - results.resolve[i])).toBeLessThanOrEqual(5e-7);
      expect(Math.abs(Number(r.europeDraw) - results.uEurope[i])).toBeLessThanOrEqual(5e-7);
      expect(Number(r.reliefLevel)).toBe(Math.floor(results.cls[i] / 5));
      expect(Number(r.reconstitutionLevel)).toBe(results.cls[i] % 5);
      for (let k = 1; k <= STORED_TERMS; k++) {
        const v = results.usCredibility[i * STORED_TERMS + k - 1];
        // Every administration's credibility is drawn and written, used only within the horizon.
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(Math.abs(Number(r[`usCredibilityTerm${k}`]) - v)).toBeLessThanOrEqual(5e-7);
      }
      expect(r.engineVersion).toBe(ENGINE_VERSION);
      expect(Number(r.trials)).toBe(trials);
      expect(Number(r.euTroops)).toBe(levers.euTroops);
      expect(Number(r.horizonYears)).toBe(5);
      expect(r.article5Like).toBe(String(levers.article5Like));
      expect(r.ceasefireStart).toBe(levers.ceasefireStart);
    });
  });

  it('neutralises a seed a spreadsheet would run as a formula', () => {
    expect(rows[0].seed).toBe("'=cmd()");
    expect(text).not.toMatch(/(^|,)=cmd\(\)/m);
  });

  it('writes a slice of trials without a header when asked', () => {
    const part = trialRowsCsv(model, results, seed, 10, 20, false);
    const lines = part.trimEnd().split('\n');
    expect(lines.length).toBe(10);
    expect(lines[0].split(',')[0]).toBe('10');
    expect(part).toBe(text.split('\n').slice(11, 21).join('\n') + '\n');
  });
});

describe('the lever columns of trialRowsCsv', () => {
  it('parse back to the run’s levers for any allowed levers and seed', () => {
    fc.assert(
      fc.property(leversArb({ horizonYears: fc.constant(1) }), fc.string({ minLength: 1, maxLength: 12 }), (levers, seed) => {
        const { model, results } = simulate(levers, { seed, trials: 100 });
        const rows = csvParse(trialRowsCsv(model, results, seed, 0, 2));
        expect(rows.length).toBe(2);
        const row = rows[1];
        expect(row.seed).toBe(safeCsvText(seed));
        for (const spec of LEVERS) {
          const cell = row[spec.key];
          const v = levers[spec.key];
          if (spec.kind === 'number') expect(Number(cell), spec.key).toBe(v);
          else expect(cell, spec.key).toBe(String(v));
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('safeCsvText', () => {
  it.each([
    ['=cmd()', "'=cmd()"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
  ])('prefixes %j with a quote', (input, out) => {
    expect(safeCsvText(input)).toBe(out);
  });
  it.each([
    // Formulas behind what a spreadsheet may trim or ignore, and full-width forms (issue 12).
    [' =1+1'],
    ['\u00a0@SUM(1)'],
    ['\n=1+1'],
    ['\u200b+1'],
    ['\ufeff=1'],
    ['\u3000\u2060-1'],
    ['\u00ad=1'],
    ['\ufe0f=1'],
    ['\u0000=1'],
    ['＝1+1'],
    ['＋1+1'],
    ['－1'],
    ['＠SUM(1)'],
    ['﹦1'],
    ['\u2212 1'],
    [' \t =HYPERLINK("http://x")'],
  ])('prefixes %j, a formula behind invisible characters or in another form, with a quote', (input) => {
    expect(safeCsvText(input)).toBe(`'${input}`);
  });
  it.each([['1'], ['golden'], ['a=b'], [''], ['   '], [' a=1'], ['\u200b'], ['x＝1'], ['Ꭺ=1']])('leaves %j alone', (input) => {
    expect(safeCsvText(input)).toBe(input);
  });
  it('neutralises every string whose first visible, normalised character starts a formula, and only those', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(' ', '\u00a0', '\n', '\u200b', '\ufeff', '\u2028', '\u0007', '\u3000'), { maxLength: 4 }),
        fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', 'a', '1', '"', "'"),
        fc.string({ maxLength: 8 }),
        (lead, head, rest) => {
          const s = lead.join('') + head + rest;
          expect(safeCsvText(s)).toBe('=+-@＝＋－＠'.includes(head) ? `'${s}` : s);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});
