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
import { Z95, article, formatLeverValue, leverSpec, wilson, worstCaseHalfWidth, type LeverKey } from '../src/engine';
import { runChecks, type CheckResult } from './reportChecks';
import { MONTHS_10Y, MONTHS_5Y, REPORT_SEED, REPORT_TRIALS, loadPresets, runPresets, type PresetRun, type ShareWithCi } from './reportData';
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
export function withCi(r: ShareWithCi | null): string {
  if (!r) return '—';
  return `${pct1(r.p)} (${f1(r.ci[0] * 100)}–${pct1(r.ci[1])})`;
}

/** Median months to war, or "> horizon". */
function median(run: PresetRun): string {
  const m = run.summary.medianMonthsToWar;
  return m === null ? `> ${run.summary.horizonMonths} (horizon)` : `${m} (${f1(m / 12)} yr)`;
}

/** A share of wars (or of trials), or a dash when there were none. */
function shareOrDash(share: number | null): string {
  return share === null ? '—' : pct0(share);
}

/** Markdown table cells may not contain a bare pipe. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The table's column headings, in order (test/report.test.ts checks the table against them). */
export const TABLE_HEAD = [
  'Preset',
  'War within 5 years (95% CI)',
  'War within 10 years (95% CI)',
  'Median months to war',
  'Limited offensive',
  'Full-scale offensive',
  'Grey-zone campaign',
  'Deliberate wars',
  'Wars (tests)',
  'Europe engaged when tested',
  'US engaged when tested',
  'Any resumption within 10 years',
] as const;

function resultsTable(runs: readonly PresetRun[]): string {
  const rows = runs.map((r) => {
    const s = r.summary;
    const g = s.guarantorsTested;
    return [
      `[${cell(r.shortName)}](#${r.scenario.id}) \`${r.scenario.id}\``,
      withCi(r.war5),
      withCi(r.war10),
      median(r),
      pct1(s.warModeShares.limited),
      pct1(s.warModeShares.fullScale),
      pct1(s.pGreyZone),
      shareOrDash(s.deliberateShare),
      int(g.tests),
      shareOrDash(g.europeEngaged),
      shareOrDash(g.usEngaged),
      pct1(r.any10.p),
    ];
  });
  const align = ['---', ...TABLE_HEAD.slice(1).map(() => '---:')];
  return [[...TABLE_HEAD], align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function precisionNote(): string {
  const n = REPORT_TRIALS;
  const half = worstCaseHalfWidth(n);
  const [lo, hi] = wilson(n / 2, n);
  return [
    `Each preset runs ${int(n)} trials with the seed \`"${REPORT_SEED}"\`. The widest 95% interval is at p = 0.5:`,
    `the normal approximation gives a half-width of z·√(p(1 − p)/n) = ${format('.2f')(Z95)} × √(0.5 × 0.5 / ${int(n)}) = ${format('.2f')(Z95)} × ${format('.3f')(Math.sqrt(0.25 / n))} = ${format('.4f')(Z95 * Math.sqrt(0.25 / n))},`,
    `and the Wilson interval the table uses is [${format('.4f')(lo)}, ${format('.4f')(hi)}], a half-width of ${format('.4f')(half)}: under ±1 percentage point for any preset.`,
    `Every other share of all trials in the table is closer to 0 or 1 and so more precise. The 5-year interval is the Wilson interval of the count at war by month ${MONTHS_5Y}, that is (1 − survivalWar[${MONTHS_5Y}]) × ${int(n)} trials; the 10-year one likewise at month ${MONTHS_10Y}.`,
    'The deliberate and engaged columns are shares of the wars, not of all trials, and are as precise as the number of wars allows.',
    'All presets share the seed, so each trial draws the same hidden quantities under every preset (common random numbers):',
    'differences between presets are paired comparisons and are less noisy than two independent intervals suggest.',
  ].join('\n');
}

function orderingSection(runs: readonly PresetRun[]): string {
  const byAny = [...runs].sort((a, b) => a.any10.p - b.any10.p || (a.scenario.id < b.scenario.id ? -1 : 1));
  const byGrey = [...runs].sort((a, b) => b.summary.pGreyZone - a.summary.pGreyZone || (a.scenario.id < b.scenario.id ? -1 : 1));
  const most = runs[0];
  const least = runs[runs.length - 1];
  const delib = runs.filter((r) => r.summary.deliberateShare !== null).map((r) => r.summary.deliberateShare!);
  const thin = runs.filter((r) => r.summary.guarantorsTested.tests > 0 && r.summary.guarantorsTested.tests < 200);
  const thinText = thin.length
    ? `Where Moscow rarely goes to war the engaged shares rest on few wars and are imprecise: ${thin
        .map((r) => {
          const g = r.summary.guarantorsTested;
          const [lo, hi] = wilson(Math.round(g.europeEngaged! * g.tests), g.tests);
          return `${r.shortName}, Europe engaged in ${pct0(g.europeEngaged!)} of ${int(g.tests)} wars (95% CI ${pct0(lo)}–${pct0(hi)})`;
        })
        .join('; ')}.`
    : '';
  const sameOrder = byAny.every((r, i) => r === runs[i]);
  return [
    '### The ordering in brief',
    '',
    `By the share at war within 10 years, from the most to the least robust: ${runs.map((r) => `${r.shortName} (${pct1(r.war10.p)})`).join(', ')}.`,
    '',
    `Grey-zone campaigns (sabotage, proxies, cognitive warfare) are probes: the trial goes on after them, and they are not wars. Strong packages change how Moscow presses as well as whether it goes to war: ${pct1(most.summary.pGreyZone)} of trials under ${most.shortName} see a grey-zone campaign, against ${pct1(least.summary.pGreyZone)} under ${least.shortName}. By that share, from the most to the fewest: ${byGrey.map((r) => `${r.shortName} (${pct1(r.summary.pGreyZone)})`).join(', ')}.`,
    '',
    `Counting the first resumption of any mode (a grey-zone campaign or a war), as the last column does, ${sameOrder ? 'gives the same order' : `the order is: ${byAny.map((r) => `${r.shortName} (${pct1(r.any10.p)})`).join(', ')}`}.`,
    '',
    delib.length
      ? `${Math.min(...delib) >= 0.5 ? "Wars are mostly Moscow's choices, not the model's noise" : 'In some presets many wars are tipped by the tremble in Moscow\u2019s choice rather than chosen'}: across the presets with a war, ${pct0(Math.min(...delib))}–${pct0(Math.max(...delib))} of wars are deliberate (Moscow would have gone to war that month with no tremble in its choice).`
      : 'No preset had a war in this run.',
    ...(thinText ? ['', thinText] : []),
  ].join('\n');
}

function checksSection(checks: readonly CheckResult[]): string {
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
    `Each row is an expectation drawn from the source articles (\`src/engine/io/articles.ts\`) or from the studies the model cites (\`docs/model.md\`, \`docs/calibration.md\`), checked against this run. The verdicts are computed by \`scripts/reportChecks.ts\` on war (a limited or full-scale offensive; on grey-zone campaigns where the expectation is about how Moscow presses), so they stay honest when the engine is recalibrated. Some rows compare a preset with a counterfactual (the same levers with one or two changed), run with the same seed and trials. In this run the model agrees with ${agree} of ${checks.length}.`,
    '',
    table,
    '',
    '### Disagreements, for the model owner',
    '',
    'The presets encode the articles as written and have not been bent to fit the model. Where the model and the literature part ways, and which of the model\u2019s mechanisms (`docs/model.md`) makes it so:',
    '',
    notes,
    '',
    'The engine\u2019s calibrated assumptions (`src/engine/model/calibrated.ts`, written by `npm run calibrate`; see `docs/calibration.md`) and its fixed ones (`src/engine/model/assumptions.ts`, `src/engine/model/modes.ts`) may be retuned. `npm run report` then regenerates this file and the chart, and `test/report.test.ts` fails until it has been rerun, so the figures and verdicts above always describe the committed engine.',
  ].join('\n');
}

/** A preset's source by its article's number and title ("article 000, Opinion piece by …"), never by a file path. */
export function sourceTitle(file: string): string {
  const a = article(file);
  if (!a) throw new Error(`a preset cites "${file}", which is not one of the source articles (src/engine/io/articles.ts)`);
  return `article ${a.id} (${a.kind})`;
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
    for (const src of s.sources) parts.push(`- ${sourceTitle(src.file)}: ${src.claim}`);
  }
  return parts.join('\n');
}

/** The built report: the two files' texts, and the runs and checks they were made from (for tests). */
export interface Report {
  /** The text of docs/scenarios.md. */
  markdown: string;
  /** The text of docs/scenarios-survival.svg. */
  svg: string;
  /** The presets' runs, most robust first, as the table orders them. */
  runs: PresetRun[];
  checks: CheckResult[];
}

/** Build the report: the markdown of docs/scenarios.md and the SVG of docs/scenarios-survival.svg. */
export function buildReport(): Report {
  const runs = runPresets(loadPresets(SCENARIO_DIR));
  const checks = runChecks(runs);
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
    `Rows run from the most to the least robust package: the share of trials at **war** within 10 years, war being a limited or a full-scale offensive. A grey-zone campaign (sabotage, proxies, cognitive warfare) is a probe, not a war: the trial goes on after it. The two offensive columns are shares of all trials and add up to the 10-year war figure. "Grey-zone campaign" is the share of trials with at least one, before their war if any. "Deliberate wars" is the share of wars Moscow would have started that month with no tremble in its choice. "Wars (tests)" counts the wars; the engaged columns are the share of them in which Europe, or the US, actually fought. The last column counts the first resumption of any mode (a grey-zone campaign or a war) by month ${MONTHS_10Y}, for comparison with reports of engine 1.`,
    '',
    resultsTable(runs),
    '',
    '### Precision',
    '',
    precisionNote(),
    '',
    '## Survival',
    '',
    `![${xml('War survival curves: share of trials with no limited or full-scale offensive yet, months 0–120, one line per preset')}](${SVG_NAME})`,
    '',
    'The line labels and the legend give the share of trials with no war after 10 years (100% minus the 10-year war column above). Grey-zone campaigns do not end a line.',
    '',
    '## Discussion',
    '',
    orderingSection(runs),
    '',
    checksSection(checks),
    '',
    presetDetails(runs),
    '',
  ].join('\n');
  return { markdown, svg, runs, checks };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { markdown, svg } = buildReport();
  writeFileSync(MARKDOWN_PATH, markdown);
  writeFileSync(SVG_PATH, svg);
  console.log(`wrote ${path.relative(process.cwd(), MARKDOWN_PATH)} and ${path.relative(process.cwd(), SVG_PATH)}`);
}
