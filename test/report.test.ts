import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, ASSUMPTIONS, LEVER_KEYS, wilson, type Summary } from '../src/engine';
import { MARKDOWN_PATH, SCENARIO_DIR, SVG_PATH, TABLE_HEAD, buildReport, withCi, type Report } from '../scripts/report';
import { MONTHS_10Y, REPORT_TRIALS, loadPresets, resumedWithin, shortName, warWithin } from '../scripts/reportData';
import { art } from '../scripts/reportChecks';
import { dodge, xml } from '../scripts/survivalChart';

// Building the report runs every preset and every counterfactual at 10,000 trials: well past the default hook timeout.
const BUILD_MS = 180_000;

let report: Report;
beforeAll(() => {
  report = buildReport();
}, BUILD_MS);

/** The lines of the markdown section that starts with `heading`, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `the report has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The cells of the markdown table rows in `lines` (header, alignment and body rows). */
function tableRows(lines: readonly string[]): string[][] {
  return lines
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
}

const pct1 = (p: number) => `${(p * 100).toFixed(1)}%`;

describe('the scenario report', () => {
  it('is current: the committed docs/scenarios.md equals a fresh build (if not, run npm run report)', () => {
    expect(report.markdown === readFileSync(MARKDOWN_PATH, 'utf8'), 'the committed report is current; run npm run report').toBe(true);
  });

  it('is current: the committed docs/scenarios-survival.svg equals a fresh build (if not, run npm run report)', () => {
    expect(report.svg === readFileSync(SVG_PATH, 'utf8'), 'the committed chart is current; run npm run report').toBe(true);
  });

  it(
    'is byte-for-byte the same when built twice',
    () => {
      const again = buildReport();
      expect(again.markdown).toBe(report.markdown);
      expect(again.svg).toBe(report.svg);
    },
    BUILD_MS,
  );

  it('embeds the chart and says how it is regenerated', () => {
    expect(report.markdown).toContain('](scenarios-survival.svg)');
    expect(report.markdown).toMatch(/npm run report/);
  });

  it('contains no dates or timings', () => {
    expect(report.markdown).not.toMatch(/\b20\d\d-\d\d-\d\d\b|\d+ ?ms\b/);
    expect(report.svg).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });
});

describe('the results table', () => {
  const rows = () => tableRows(section(report.markdown, '## Results'));

  it('has the war columns, in order, and one row per preset', () => {
    const [head, align, ...body] = rows();
    expect(head).toEqual([...TABLE_HEAD]);
    expect(align).toHaveLength(TABLE_HEAD.length);
    const ids = loadPresets(SCENARIO_DIR).map((s) => s.id);
    expect(body).toHaveLength(ids.length);
    expect(body.map((r) => r[0].match(/`([^`]+)`$/)![1]).sort()).toEqual([...ids].sort());
    for (const r of body) expect(r).toHaveLength(TABLE_HEAD.length);
  });

  it('ranks the presets by war within 10 years, most robust first', () => {
    const body = rows().slice(2);
    const war10 = body.map((r) => Number.parseFloat(r[2]));
    for (let i = 1; i < war10.length; i++) expect(war10[i]).toBeGreaterThanOrEqual(war10[i - 1]);
    expect(report.runs.map((r) => r.scenario.id)).toEqual(body.map((r) => r[0].match(/`([^`]+)`$/)![1]));
  });

  it('reads war from survivalWar, with Wilson intervals of the integer counts, and the last column from any resumption', () => {
    const body = rows().slice(2);
    report.runs.forEach((run, i) => {
      const s = run.summary;
      const wars = s.trials - Math.round(s.survivalWar[MONTHS_10Y] * s.trials);
      expect(run.war10.ci).toEqual(wilson(wars, s.trials));
      expect(body[i][2]).toBe(withCi(run.war10));
      expect(body[i][1]).toBe(withCi(run.war5));
      expect(body[i][8].replace(/,/g, '')).toBe(String(s.guarantorsTested.tests));
      // At a 10-year horizon the wars by month 120 are all the run's wars: the tests.
      if (s.horizonMonths === MONTHS_10Y) expect(wars).toBe(s.guarantorsTested.tests);
      expect(body[i][4]).toBe(pct1(s.warModeShares.limited));
      expect(body[i][5]).toBe(pct1(s.warModeShares.fullScale));
      expect(body[i][6]).toBe(pct1(s.pGreyZone));
      expect(body[i][11]).toBe(pct1(run.any10.p));
      // A war is a resumption, so the first resumption of any mode comes no later than the war.
      expect(run.any10.p).toBeGreaterThanOrEqual(run.war10.p);
      expect(run.war5!.p).toBeLessThanOrEqual(run.war10.p);
      if (s.horizonMonths === MONTHS_10Y) expect(s.warModeShares.limited + s.warModeShares.fullScale).toBeCloseTo(run.war10.p, 12);
    });
  });
});

describe('the checks against the articles and the literature', () => {
  it('reports the number that agree as the table shows them, and lists every disagreement', () => {
    const lines = section(report.markdown, '### Does the ordering match the articles and the literature?');
    const [head, , ...body] = tableRows(lines);
    expect(head).toEqual(['Expectation', 'Source', 'This run', 'Model agrees?']);
    expect(body).toHaveLength(report.checks.length);
    const agree = report.checks.filter((c) => c.agrees).length;
    expect(body.filter((r) => r[3] === 'yes')).toHaveLength(agree);
    expect(body.filter((r) => r[3] === '**no**')).toHaveLength(report.checks.length - agree);
    expect(lines.join('\n')).toContain(`the model agrees with ${agree} of ${report.checks.length}.`);
    const notes = section(report.markdown, '### Disagreements, for the model owner').filter((l) => l.startsWith('- **'));
    const disagreements = report.checks.filter((c) => !c.agrees);
    if (disagreements.length === 0) expect(notes).toEqual([]);
    else expect(notes).toEqual(disagreements.map((c) => `- **${c.expectation}** ${c.figures} ${c.why}`));
  });

  it('explain disagreements with engine 2 mechanisms only: every identifier names a lever, an assumption or a summary field', () => {
    const known = new Set<string>([...LEVER_KEYS, ...Object.keys(ASSUMPTIONS), ...Object.keys(report.runs[0].summary), 'beyondToken']);
    for (const c of report.checks) {
      const text = `${c.expectation} ${c.figures} ${c.why}`;
      expect(text, c.expectation).not.toMatch(/peace ?pain|earlyFragility|sanctionsPeacePain|presence ?scale/i);
      for (const id of text.match(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g) ?? []) expect(known.has(id), `${id} in "${c.expectation}"`).toBe(true);
      expect(c.why.length, c.expectation).toBeGreaterThan(0);
    }
  });

  it('cites source articles by number and title, never by a file path', () => {
    const titles = new Map(ARTICLES.map((a) => [a.id, a.kind]));
    for (const m of report.markdown.matchAll(/article (\d{3}) \(([^)]*)\)/g)) expect(titles.get(m[1]), m[0]).toBe(m[2]);
    expect(report.markdown).not.toMatch(/\.txt\b|\.\.\/|\/work\/|shared\/|MODEL\.md/);
    expect(art('002', 'bluff and pray')).toBe(`article 002 (${titles.get('002')}): bluff and pray`);
    expect(() => art('999')).toThrow(/999/);
  });

  it('lists each preset\u2019s sources by article title and claim', () => {
    for (const p of loadPresets(SCENARIO_DIR)) {
      for (const src of p.sources) {
        const a = ARTICLES.find((x) => x.file === src.file)!;
        expect(report.markdown).toContain(`- article ${a.id} (${a.kind}): ${src.claim}`);
      }
    }
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

  it('draws one war-survival line per preset, each named in a tooltip, ending at its share with no war', () => {
    const presets = loadPresets(SCENARIO_DIR);
    const lines = [...report.svg.matchAll(/<path d="(M[^"]+)" stroke="[^"]+" stroke-width="\d"[^>]*><title>([^<]+)<\/title><\/path>/g)];
    expect(lines).toHaveLength(presets.length);
    for (const p of presets) expect(report.svg).toContain(`<title>${xml(shortName(p.title))}</title>`);
    // The y axis runs from 100% at y = 78 to 0% at y = 518: each line's last point is 1 − war at the horizon.
    for (const [, d, name] of lines) {
      const run = report.runs.find((r) => xml(r.shortName) === name)!;
      const lastY = Number(d.split(/[ML,]/).at(-1));
      const s = run.summary.survivalWar[run.summary.horizonMonths];
      expect(lastY).toBeCloseTo(518 - 440 * s, 1);
      expect(report.svg).toContain(`>${xml(run.shortName)} (${Math.round((1 - run.war10.p) * 100)}%)</text>`);
    }
  });

  it('labels the axes with their units', () => {
    expect(report.svg).toContain('Months since the ceasefire started');
    expect(report.svg).toContain('No war yet (% of trials)');
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

describe('warWithin() and resumedWithin()', () => {
  const fake = {
    trials: 10_000,
    horizonMonths: 120,
    survival: Array.from({ length: 121 }, (_, t) => 1 - t / 200),
    survivalWar: Array.from({ length: 121 }, (_, t) => 1 - t / 400),
  } as unknown as Summary;

  it('read the share from survivalWar and survival respectively, with the Wilson interval of that count', () => {
    const war = warWithin(fake, 60)!;
    expect(war.p).toBeCloseTo(0.15, 12);
    expect(war.ci).toEqual(wilson(1500, 10_000));
    const any = resumedWithin(fake, 60)!;
    expect(any.p).toBeCloseTo(0.3, 12);
    expect(any.ci).toEqual(wilson(3000, 10_000));
  });

  it('return null past the horizon', () => {
    expect(warWithin(fake, 121)).toBeNull();
    expect(resumedWithin(fake, 121)).toBeNull();
  });

  it('keep the worst-case 95% half-width under one point at the report\u2019s trial count', () => {
    const [lo, hi] = wilson(REPORT_TRIALS / 2, REPORT_TRIALS);
    expect((hi - lo) / 2).toBeLessThan(0.01);
  });
});

describe('xml()', () => {
  it('escapes markup characters in chart text', () => {
    expect(xml('A & B <"c">')).toBe('A &amp; B &lt;&quot;c&quot;&gt;');
  });
});
