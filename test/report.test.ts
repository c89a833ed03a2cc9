import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { wilson, type Summary } from '../src/engine';
import { MARKDOWN_PATH, SCENARIO_DIR, SVG_PATH, buildReport } from '../scripts/report';
import { REPORT_TRIALS, loadPresets, resumedWithin, shortName } from '../scripts/reportData';
import { dodge, xml } from '../scripts/survivalChart';

let report: { markdown: string; svg: string };
beforeAll(() => {
  report = buildReport();
});

describe('the scenario report', () => {
  it('is current: the committed docs/scenarios.md equals a fresh build (if not, run npm run report)', () => {
    expect(report.markdown === readFileSync(MARKDOWN_PATH, 'utf8'), 'the committed report is current; run npm run report').toBe(true);
  });

  it('is current: the committed docs/scenarios-survival.svg equals a fresh build (if not, run npm run report)', () => {
    expect(report.svg === readFileSync(SVG_PATH, 'utf8'), 'the committed chart is current; run npm run report').toBe(true);
  });

  it('is byte-for-byte the same when built twice', () => {
    const again = buildReport();
    expect(again.markdown).toBe(report.markdown);
    expect(again.svg).toBe(report.svg);
  });

  it('has one table row per preset and embeds the chart', () => {
    const ids = loadPresets(SCENARIO_DIR).map((s) => s.id);
    for (const id of ids) expect(report.markdown).toContain(`\`${id}\` |`);
    expect(report.markdown).toContain('](scenarios-survival.svg)');
    expect(report.markdown).toMatch(/npm run report/);
  });

  it('contains no dates or timings', () => {
    expect(report.markdown).not.toMatch(/\b20\d\d-\d\d-\d\d\b|\d+ ?ms\b/);
    expect(report.svg).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });
});

describe('the survival chart', () => {
  it('is an accessible SVG with a title and a description', () => {
    expect(report.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(report.svg).toContain('role="img"');
    expect(report.svg).toMatch(/<title id="survival-title">[^<]+<\/title>/);
    expect(report.svg).toMatch(/<desc id="survival-desc">[^<]+<\/desc>/);
    expect(report.svg).toContain('aria-labelledby="survival-title survival-desc"');
  });

  it('draws one survival line per preset, each named in a tooltip', () => {
    const presets = loadPresets(SCENARIO_DIR);
    const lines = report.svg.match(/<path d="M[^"]+" stroke="[^"]+" stroke-width="\d"[^>]*><title>[^<]+<\/title><\/path>/g) ?? [];
    expect(lines).toHaveLength(presets.length);
    for (const p of presets) expect(report.svg).toContain(`<title>${xml(shortName(p.title))}</title>`);
  });

  it('labels the axes with their units', () => {
    expect(report.svg).toContain('Months since the ceasefire started');
    expect(report.svg).toContain('Ceasefire still holding (% of trials)');
    expect(report.svg).toContain('>120</text>');
    expect(report.svg).toContain('>100%</text>');
  });
});

describe('dodge()', () => {
  it('spreads crowded labels to the minimum gap and keeps them in bounds', () => {
    const out = dodge([100, 101, 102, 300], 16, 0, 400);
    expect(out).toEqual([100, 116, 132, 300]);
  });

  it('pushes labels back up when they would run past the bottom', () => {
    expect(dodge([390, 395, 399], 16, 0, 400)).toEqual([368, 384, 400]);
  });

  it('leaves labels that are already apart where they are', () => {
    expect(dodge([10, 50, 90], 16, 0, 400)).toEqual([10, 50, 90]);
  });
});

describe('resumedWithin()', () => {
  const fake = { trials: 10_000, horizonMonths: 120, survival: Array.from({ length: 121 }, (_, t) => 1 - t / 200) } as unknown as Summary;

  it('reads the share resumed from the survival curve, with the Wilson interval of that count', () => {
    const r = resumedWithin(fake, 60)!;
    expect(r.p).toBeCloseTo(0.3, 12);
    expect(r.ci).toEqual(wilson(3000, 10_000));
  });

  it('returns null past the horizon', () => {
    expect(resumedWithin(fake, 121)).toBeNull();
  });

  it('keeps the worst-case 95% half-width under one point at the report\u2019s trial count', () => {
    const [lo, hi] = wilson(REPORT_TRIALS / 2, REPORT_TRIALS);
    expect((hi - lo) / 2).toBeLessThan(0.01);
  });
});

describe('xml()', () => {
  it('escapes markup characters in chart text', () => {
    expect(xml('A & B <"c">')).toBe('A &amp; B &lt;&quot;c&quot;&gt;');
  });
});
