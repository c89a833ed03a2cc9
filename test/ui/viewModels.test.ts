import { csvParse } from 'd3-dsv';
import { describe, expect, test } from 'vitest';
import { LEVERS, defaultLevers, simulate, summarize, survivalBand, type Summary } from '../../src/engine';
import { yearTicks, zoomFloor } from '../../src/ui/charts/chartTheme';
import { duration, pct, pp } from '../../src/ui/format';
import { binMonthsFor, histogramBins, histogramEvents } from '../../src/ui/state/histogram';
import { loadPresets } from '../../src/ui/state/presets';
import { SUMMARY_CSV_COLUMNS, summaryCsv } from '../../src/ui/controls/summaryCsv';

function run(seed = 'vm', trials = 4_000): Summary & { results: ReturnType<typeof simulate>['results'] } {
  const { model, results } = simulate(defaultLevers(), { seed, trials });
  return { ...summarize(model, results, seed), results };
}

describe('histogramBins()', () => {
  test('counts every resumption once, in the bin of its month, by mode', () => {
    const s = run();
    const bins = histogramBins(s.results, s.horizonMonths);
    expect(bins).toHaveLength(10);
    const total = bins.reduce((a, b) => a + b.counts.greyZone + b.counts.limited + b.counts.fullScale, 0);
    expect(total).toBe(Math.round(s.pResumption * s.trials));
    expect(bins.reduce((a, b) => a + b.shares.greyZone, 0)).toBeCloseTo(s.modeShares.greyZone, 12);
    // Share resumed in year 1 equals 1 − survival at month 12.
    expect(bins[0].total).toBeCloseTo(1 - s.survival[12], 12);
  });

  test('histogramEvents() counts each trial once: its war if it had one, else its probe', () => {
    const s = run();
    const ev = histogramEvents(s.results);
    const bins = histogramBins(ev, s.horizonMonths);
    const warCount = (k: 'limited' | 'fullScale') => bins.reduce((a, b) => a + b.counts[k], 0);
    expect(warCount('limited')).toBe(Math.round(s.warModeShares.limited * s.trials));
    expect(warCount('fullScale')).toBe(Math.round(s.warModeShares.fullScale * s.trials));
    // Probes of trials that later went to war are counted at the war.
    let probeOnly = 0;
    for (let i = 0; i < s.trials; i++) if (s.results.mode[i] === 1 && s.results.warMode[i] === 0) probeOnly++;
    expect(bins.reduce((a, b) => a + b.counts.greyZone, 0)).toBe(probeOnly);
    expect(probeOnly).toBeGreaterThan(0);
    // Wars in year 1 equal 1 − war survival at month 12.
    expect(bins[0].shares.limited + bins[0].shares.fullScale).toBeCloseTo(1 - s.survivalWar[12], 12);
    const hand = histogramEvents({
      trials: 4,
      month: new Uint16Array([0, 3, 2, 5]),
      mode: new Uint8Array([0, 2, 1, 1]),
      warMonth: new Uint16Array([0, 3, 9, 0]),
      warMode: new Uint8Array([0, 2, 3, 0]),
    });
    expect(Array.from(hand.month)).toEqual([0, 3, 9, 5]);
    expect(Array.from(hand.mode)).toEqual([0, 2, 3, 1]);
  });

  test('bins are half-years up to five years and years beyond', () => {
    expect(binMonthsFor(60)).toBe(6);
    expect(binMonthsFor(61)).toBe(12);
    const bins = histogramBins({ trials: 3, month: new Uint16Array([1, 6, 7]), mode: new Uint8Array([1, 2, 3]) }, 24);
    expect(bins.map((b) => [b.x0, b.x1, b.counts.greyZone, b.counts.limited, b.counts.fullScale])).toEqual([
      [0, 6, 1, 1, 0],
      [6, 12, 0, 0, 1],
      [12, 18, 0, 0, 0],
      [18, 24, 0, 0, 0],
    ]);
  });
});

describe('summaryCsv()', () => {
  test('writes run settings, every lever, headline figures and the survival table, shares to 6 significant digits with their unit', () => {
    const s = run();
    const rows = csvParse(summaryCsv(s, survivalBand(s)));
    expect(rows.columns).toEqual([...SUMMARY_CSV_COLUMNS]);
    const get = (m: string) => rows.find((r) => r.metric === m);
    const six = (x: number) => Number(x.toPrecision(6));
    expect(get('seed')?.value).toBe('vm');
    expect(Number(get('trials')?.value)).toBe(4_000);
    expect(get('trials')?.unit).toBe('count');
    expect(Number(get('pResumption')?.value)).toBe(six(s.pResumption));
    expect(Number(get('pWar')?.value)).toBe(six(s.pWar));
    expect(get('pWar')?.unit).toBe('share');
    expect(Number(get('pWar')?.ci95Low)).toBe(six(s.pWarCI95[0]));
    expect(Number(get('pWar')?.ci95High)).toBe(six(s.pWarCI95[1]));
    expect(Number(get('pGreyZone')?.value)).toBe(six(s.pGreyZone));
    expect(Number(get('deliberateShare')?.value)).toBe(six(s.deliberateShare!));
    expect(Number(get('warModeShare:limited')?.value)).toBe(six(s.warModeShares.limited));
    expect(Number(get('warModeShare:fullScale')?.value)).toBe(six(s.warModeShares.fullScale));
    expect(Number(get('guarantorsTested:greyZone:probes')?.value)).toBe(s.guarantorsTested.greyZone.probes);
    expect(get('medianMonthsToWar')?.value).toBe(s.medianMonthsToWar === null ? '' : String(s.medianMonthsToWar));
    // No share is written with more than 6 significant digits (0.17013540183078724 was).
    for (const r of rows.filter((x) => x.unit === 'share' && x.value !== '')) expect(r.value.replace(/^0\.0*/, '').replace('.', '').length, r.metric).toBeLessThanOrEqual(6);
    // The pWar row comes before pResumption: war is the headline.
    expect(rows.findIndex((r) => r.metric === 'pWar')).toBeLessThan(rows.findIndex((r) => r.metric === 'pResumption'));
    for (const l of LEVERS) expect(get(`lever:${l.key}`)?.value).toBe(String(s.params[l.key]));
    const band = survivalBand(s);
    const war = rows.filter((r) => r.metric === 'survivalWar');
    expect(war.map((r) => Number(r.value))).toEqual(s.survivalWar.map(six));
    expect(war.map((r) => Number(r.ci95Low))).toEqual(band.lo.map(six));
    expect(war.map((r) => Number(r.ci95High))).toEqual(band.hi.map(six));
    expect(war[12].date).toBe('2028-01');
    const survival = rows.filter((r) => r.metric === 'survival');
    expect(survival.map((r) => Number(r.value))).toEqual(s.survival.map(six));
    expect(survival[12].date).toBe('2028-01');
  });

  test('a seed that looks like a formula is neutralised', () => {
    const s = run('=1+1', 200);
    const rows = csvParse(summaryCsv(s, survivalBand(s)));
    expect(rows.find((r) => r.metric === 'seed')?.value).toBe("'=1+1");
  });
});

describe('loadPresets()', () => {
  const good = { id: 'a', title: 'A', summary: 'S', sources: [], levers: { euTroops: 50_000 } };
  test('validates each module, resolves levers and reports invalid files by name and field', () => {
    const r = loadPresets({
      '/scenarios/a.json': { default: good },
      '/scenarios/baseline.json': { default: { ...good, id: 'baseline', title: 'Z baseline', levers: {} } },
      '/scenarios/bad.json': { default: { ...good, id: 'bad', levers: { euTroops: -1 } } },
      '/scenarios/dup.json': { default: good },
    });
    expect(r.presets.map((p) => p.id)).toEqual(['baseline', 'a']);
    expect(r.presets[1].resolved.euTroops).toBe(50_000);
    expect(r.presets[1].file).toBe('a.json');
    expect(r.invalid.map((f) => f.file).sort()).toEqual(['bad.json', 'dup.json']);
    expect(r.invalid.find((f) => f.file === 'bad.json')?.errors[0].field).toBe('levers.euTroops');
  });
  test('no files gives no presets and no errors', () => {
    expect(loadPresets({})).toEqual({ presets: [], invalid: [] });
  });
});

describe('formatting', () => {
  test('pct, pp and duration read as people write them', () => {
    expect(pct(0.4123)).toBe('41.2%');
    expect(pp(-0.031)).toBe('−3.1 pp');
    expect(pp(0.002)).toBe('+0.2 pp');
    expect(duration(51)).toBe('4 years 3 months');
    expect(duration(12)).toBe('1 year');
    expect(duration(1)).toBe('1 month');
  });
});

describe('chart axes', () => {
  test('yearTicks() puts a tick every year when there is room, and every 2, 5 or 10 years when not', () => {
    expect(yearTicks(120, 800)).toEqual([0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120]);
    expect(yearTicks(120, 250)).toEqual([0, 24, 48, 72, 96, 120]);
    expect(yearTicks(240, 200)).toEqual([0, 60, 120, 180, 240]);
    expect(yearTicks(240, 150)).toEqual([0, 120, 240]);
  });
  test('zoomFloor() starts a zoomed axis at a 5% step below the lowest value', () => {
    expect(zoomFloor([0.63, 0.9], [0.58])).toBe(0.55);
    expect(zoomFloor([0.6])).toBe(0.55);
    expect(zoomFloor([0.01])).toBe(0);
    expect(zoomFloor([])).toBe(0.95);
  });
});
