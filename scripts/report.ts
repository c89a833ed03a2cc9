/**
 * The scenario report: runs every preset in scenarios/ with a fixed seed and writes
 * docs/scenarios.md (table, chart, discussion) and docs/scenarios-survival.svg.
 *
 *   npm run report
 *
 * `buildReport()` is pure (apart from reading the presets) and deterministic, byte for byte: no
 * dates, no timings, fixed number formats. test/report.test.ts regenerates it in memory and
 * compares it with the committed files. Files are written only when this module is run directly.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'd3-format';
import { Z95, formatLeverValue, leverSpec, wilson, worstCaseHalfWidth, type LeverKey } from '../src/engine';
import { runChecks } from './reportChecks';
import { MONTHS_5Y, REPORT_SEED, REPORT_TRIALS, loadPresets, runPresets, type PresetRun } from './reportData';
import { survivalSvg, xml } from './survivalChart';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCENARIO_DIR = path.join(ROOT, 'scenarios');
export const MARKDOWN_PATH = path.join(ROOT, 'docs', 'scenarios.md');
export const SVG_PATH = path.join(ROOT, 'docs', 'scenarios-survival.svg');
const SVG_NAME = path.basename(SVG_PATH);

const pct1 = format('.1%');
const pct0 = format('.0%');
const int = format(',');
const f1 = format('.1f');

/** "21.6% (20.8–22.4%)": a share with its 95% interval. */
function withCi(r: { p: number; ci: [number, number] } | null): string {
  if (!r) return '—';
  return `${pct1(r.p)} (${f1(r.ci[0] * 100)}–${pct1(r.ci[1])})`;
}

/** Median months to resumption, or "> horizon". */
function median(run: PresetRun): string {
  const m = run.summary.medianMonthsToResumption;
  return m === null ? `> ${run.summary.horizonMonths} (horizon)` : `${m} (${f1(m / 12)} yr)`;
}

/** A share of conventional tests, or a dash when there were none. */
function engaged(share: number | null): string {
  return share === null ? '—' : pct0(share);
}

/** Markdown table cells may not contain a bare pipe. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

function resultsTable(runs: readonly PresetRun[]): string {
  const head = [
    'Preset',
    'Resumed within 5 years (95% CI)',
    'Resumed within 10 years (95% CI)',
    'Median months to resumption',
    'Grey zone',
    'Limited',
    'Full scale',
    'Conventional tests',
    'Europe engaged when tested',
    'US engaged when tested',
  ];
  const rows = runs.map((r) => {
    const s = r.summary;
    return [
      `[${cell(r.shortName)}](#${r.scenario.id}) \`${r.scenario.id}\``,
      withCi(r.within5),
      withCi(r.within10),
      median(r),
      pct1(s.modeShares.greyZone),
      pct1(s.modeShares.limited),
      pct1(s.modeShares.fullScale),
      int(s.guarantorsTested.tests),
      engaged(s.guarantorsTested.europeEngaged),
      engaged(s.guarantorsTested.usEngaged),
    ];
  });
  const align = ['---', ...head.slice(1).map(() => '---:')];
  return [head, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function precisionNote(): string {
  const n = REPORT_TRIALS;
  const half = worstCaseHalfWidth(n);
  const [lo, hi] = wilson(n / 2, n);
  return [
    `Each preset runs ${int(n)} trials with the seed \`"${REPORT_SEED}"\`. The widest 95% interval is at p = 0.5:`,
    `the normal approximation gives a half-width of z·√(p(1 − p)/n) = ${format('.2f')(Z95)} × √(0.5 × 0.5 / ${int(n)}) = ${format('.2f')(Z95)} × ${format('.3f')(Math.sqrt(0.25 / n))} = ${format('.4f')(Z95 * Math.sqrt(0.25 / n))},`,
    `and the Wilson interval the table uses is [${format('.4f')(lo)}, ${format('.4f')(hi)}], a half-width of ${format('.4f')(half)}: under ±1 percentage point for any preset.`,
    `Every other share in the table is closer to 0 or 1 and so more precise. The 5-year interval is the Wilson interval of the count resumed by month ${MONTHS_5Y}, that is (1 − survival[${MONTHS_5Y}]) × ${int(n)} trials.`,
    'All presets share the seed, so each trial draws the same hidden quantities under every preset (common random numbers):',
    'differences between presets are paired comparisons and are less noisy than two independent intervals suggest.',
  ].join('\n');
}

/** Share of trials ending in a limited or full-scale offensive. */
const conventional = (r: PresetRun) => r.summary.modeShares.limited + r.summary.modeShares.fullScale;
const greyOfResumed = (r: PresetRun) => (r.summary.pResumption ? r.summary.modeShares.greyZone / r.summary.pResumption : 0);

function orderingSection(runs: readonly PresetRun[]): string {
  const byConv = [...runs].sort((a, b) => conventional(a) - conventional(b) || (a.scenario.id < b.scenario.id ? -1 : 1));
  const most = runs[0];
  const least = runs[runs.length - 1];
  const thin = runs.filter((r) => r.summary.guarantorsTested.tests > 0 && r.summary.guarantorsTested.tests < 200);
  const thinText = thin.length
    ? `Where Moscow rarely resumes conventionally the engaged shares rest on few tests and are imprecise: ${thin
        .map((r) => {
          const g = r.summary.guarantorsTested;
          const [lo, hi] = wilson(Math.round(g.europeEngaged! * g.tests), g.tests);
          return `${r.shortName}, Europe engaged in ${pct0(g.europeEngaged!)} of ${int(g.tests)} tests (95% CI ${pct0(lo)}–${pct0(hi)})`;
        })
        .join('; ')}.`
    : '';
  return [
    '### The ordering in brief',
    '',
    `By the share resumed within 10 years, from the most to the least robust: ${runs.map((r) => `${r.shortName} (${pct1(r.within10.p)})`).join(', ')}.`,
    '',
    `That share counts grey-zone campaigns (sabotage, proxies, cognitive warfare) as resumptions. Strong packages change how Moscow resumes as well as whether: ${pct0(greyOfResumed(most))} of resumptions under ${most.shortName} are grey-zone, against ${pct0(greyOfResumed(least))} under ${least.shortName}. Counting only limited and full-scale offensives within 10 years, the order is: ${byConv.map((r) => `${r.shortName} (${pct1(conventional(r))})`).join(', ')}.`,
    ...(thinText ? ['', thinText] : []),
  ].join('\n');
}

function checksSection(runs: readonly PresetRun[]): string {
  const checks = runChecks(runs);
  const agree = checks.filter((c) => c.agrees).length;
  const table = [
    '| Expectation | Source | This run | Model agrees? |',
    '|---|---|---|---|',
    ...checks.map((c) => `| ${cell(c.expectation)} | ${cell(c.source)} | ${cell(c.figures)} | ${c.agrees ? 'yes' : '**no**'} |`),
  ].join('\n');
  const disagreements = checks.filter((c) => !c.agrees);
  const notes = disagreements.length
    ? disagreements.map((c) => `- **${c.expectation}** ${c.figures} ${c.why}`).join('\n')
    : '- None in this run.';
  return [
    '### Does the ordering match the articles and the literature?',
    '',
    `Each row is an expectation drawn from the source articles or from the studies MODEL.md cites, checked against this run. The verdicts are computed by \`scripts/reportChecks.ts\`, so they stay honest when the engine is recalibrated. Some rows compare a preset with a counterfactual (the same levers with one or two changed), run with the same seed and trials. In this run the model agrees with ${agree} of ${checks.length}.`,
    '',
    table,
    '',
    '### Disagreements, for the model owner',
    '',
    'The engine (`src/engine/`) belongs to another engineer; the presets encode the articles as written and have not been bent to fit the model. Where the model and the literature part ways:',
    '',
    notes,
    '',
    'The engine\u2019s calibration constants (`src/engine/assumptions.ts`, `src/engine/modes.ts`) may be retuned. `npm run report` then regenerates this file and the chart, and `test/report.test.ts` fails until it has been rerun, so the figures and verdicts above always describe the committed engine.',
  ].join('\n');
}

function presetDetails(runs: readonly PresetRun[]): string {
  const byFile = [...runs].sort((a, b) => (a.scenario.id < b.scenario.id ? -1 : 1));
  const parts: string[] = ['## The presets', '', 'In alphabetical order of id. Levers not listed take their defaults (`docs/levers.md`).'];
  for (const r of byFile) {
    const s = r.scenario;
    parts.push('', `### ${s.title}`, '', `<a id="${s.id}"></a>\`scenarios/${s.id}.json\`. ${s.summary}`, '');
    const keys = Object.keys(s.levers) as LeverKey[];
    if (keys.length) {
      parts.push('| Lever | Value | Why |', '|---|---|---|');
      for (const k of keys) {
        const spec = leverSpec(k)!;
        parts.push(`| \`${k}\` (${cell(spec.label)}) | ${cell(formatLeverValue(spec, s.levers[k]))} | ${cell(s.notes?.[k] ?? '')} |`);
      }
    } else {
      parts.push('Every lever at its default.');
    }
    parts.push('', 'Sources:', '');
    for (const src of s.sources) parts.push(`- \`${src.file}\`: ${src.claim}`);
  }
  return parts.join('\n');
}

/** Build the report: the markdown of docs/scenarios.md and the SVG of docs/scenarios-survival.svg. */
export function buildReport(): { markdown: string; svg: string } {
  const runs = runPresets(loadPresets(SCENARIO_DIR));
  const svg = survivalSvg(runs, { seed: REPORT_SEED, trials: REPORT_TRIALS });
  const engineVersion = runs[0]?.summary.engineVersion ?? '';
  const markdown = [
    '# Preset scenarios: results',
    '',
    `<!-- Generated by \`npm run report\` (scripts/report.ts) from scenarios/*.json. Do not edit by hand. -->`,
    '',
    `Every preset in \`scenarios/\`, run by engine ${engineVersion} with ${int(REPORT_TRIALS)} trials and the seed \`"${REPORT_SEED}"\`, over each preset's horizon (10 years unless stated). This is an explorable model, not a forecast: the figures say what follows from the model's assumptions, which are listed in \`docs/model.md\` and can all be changed.`,
    '',
    '## Results',
    '',
    'Rows run from the most to the least robust package (share resumed within 10 years). "Resumed" counts any mode: grey-zone campaign, limited offensive or full-scale offensive. The three mode columns are shares of all trials and add up to the 10-year figure. "Conventional tests" counts trials that ended in a limited or full-scale offensive; the engaged columns are the share of those tests in which Europe, or the US, actually fought.',
    '',
    resultsTable(runs),
    '',
    '### Precision',
    '',
    precisionNote(),
    '',
    '## Survival',
    '',
    `![${xml('Survival curves: share of trials in which the ceasefire still holds, months 0–120, one line per preset')}](${SVG_NAME})`,
    '',
    'The line labels and the legend give the share of trials still at peace after 10 years (100% minus the 10-year column above).',
    '',
    '## Discussion',
    '',
    orderingSection(runs),
    '',
    checksSection(runs),
    '',
    presetDetails(runs),
    '',
  ].join('\n');
  return { markdown, svg };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { markdown, svg } = buildReport();
  writeFileSync(MARKDOWN_PATH, markdown);
  writeFileSync(SVG_PATH, svg);
  console.log(`wrote ${path.relative(process.cwd(), MARKDOWN_PATH)} and ${path.relative(process.cwd(), SVG_PATH)}`);
}
