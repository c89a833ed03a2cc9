import { ASSUMPTION_KEYS } from '../model/assumptions';
import { LEVER_KEYS } from '../levers';

/**
 * The data dictionary of the summary CSV (the page's "Summary CSV"): one row per figure, with the
 * columns `metric, month, date, value, unit, ci95Low, ci95High`. Every `metric` the writer writes is
 * a key here (a test checks it), so the file is documented from the same list it is written from.
 */

/** What a `value` (and its interval) is measured in: the `unit` column. */
export type SummaryUnit = 'text' | 'count' | 'months' | 'share' | 'shareDifference' | 'boolean' | 'lever' | 'assumption' | 'verdict';

export const SUMMARY_UNITS: Readonly<Record<SummaryUnit, string>> = {
  text: 'text (formula-safe: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `\'`)',
  count: 'a whole number',
  months: 'months after the ceasefire starts (whole months); empty when there is none',
  share: 'a share of trials from 0 to 1 (0.0632 = 6.32%), written to 6 significant digits; empty when there is none',
  shareDifference: 'a difference of two shares, from −1 to 1 (0.023 = +2.3 percentage points), written to 6 significant digits',
  boolean: '`true` or `false`',
  lever: "the lever's value as the scenario JSON writes it (see docs/levers.md for its unit)",
  assumption: "the model assumption's value (see docs/model.md for its unit)",
  verdict: '`not-detectable`, `too-small`, `may-matter` or `matters` (see difference:matters)',
};

export interface SummaryKey {
  /** The `metric` cell; `<lever>` and `<assumption>` stand for any lever's or model assumption's key. */
  key: string;
  unit: SummaryUnit;
  meaning: string;
  /** Written once per month (the `month` and `date` columns are filled). */
  perMonth?: boolean;
  /** The `ci95Low` and `ci95High` columns hold its 95% interval. */
  ci?: boolean;
}

export const SUMMARY_KEYS: readonly SummaryKey[] = [
  { key: 'engineVersion', unit: 'text', meaning: 'Version of the simulation engine that made the run.' },
  { key: 'seed', unit: 'text', meaning: 'The seed: the same seed, trials and inputs give the same figures.' },
  { key: 'scenario', unit: 'text', meaning: "Title of the scenario the levers came from (marked when changed); empty when none." },
  { key: 'trials', unit: 'count', meaning: 'Number of simulated trials.' },
  { key: 'horizonMonths', unit: 'count', meaning: 'Months simulated after the ceasefire starts.' },
  { key: 'lever:<lever>', unit: 'lever', meaning: 'Every lever as set for the run, in registry order.' },
  { key: 'assumption:<assumption>', unit: 'assumption', meaning: 'Every model assumption as used in the run (calibrated value unless changed).' },
  { key: 'pWar', unit: 'share', ci: true, meaning: 'THE HEADLINE: share of trials with renewed war (a limited or full-scale offensive) by the horizon, with its Wilson 95% interval.' },
  { key: 'medianMonthsToWar', unit: 'months', meaning: 'Months until half the trials were at war; empty when fewer than half were by the horizon.' },
  { key: 'warModeShare:limited', unit: 'share', meaning: 'Share of all trials whose war was a limited offensive.' },
  { key: 'warModeShare:fullScale', unit: 'share', meaning: 'Share of all trials whose war was a full-scale offensive (the two sum to pWar).' },
  { key: 'deliberateShare', unit: 'share', meaning: 'Among wars, the share Moscow chose deliberately (war worth more than peace); empty when no trial went to war.' },
  { key: 'misjudgedShare', unit: 'share', meaning: "Among wars, the share Moscow would not have started with the true balance and the guarantors' true types, at no decision noise (deliberate choices on wrong beliefs); empty when no trial went to war." },
  { key: 'misjudgedBy:balance', unit: 'share', meaning: 'Among wars, the share the true balance alone would have stopped (Moscow keeping its beliefs about the guarantors); empty when none.' },
  { key: 'misjudgedBy:guarantors', unit: 'share', meaning: "Among wars, the share knowing the guarantors' true types alone would have stopped (Moscow keeping its view of the balance); empty when none." },
  { key: 'offensiveSuccessShare', unit: 'share', meaning: 'Among wars, the share in which the offensive succeeded against the forces that actually fought; empty when no trial went to war.' },
  { key: 'pGreyZone', unit: 'share', meaning: 'Share of trials with at least one grey-zone campaign (short of war) by the horizon.' },
  { key: 'pResumption', unit: 'share', ci: true, meaning: 'Share of trials with any resumption, grey zone or war, by the horizon, with its Wilson 95% interval.' },
  { key: 'medianMonthsToResumption', unit: 'months', meaning: 'Months until half the trials had resumed in any mode; empty when fewer than half had.' },
  { key: 'modeShare:greyZone', unit: 'share', meaning: 'Share of all trials whose first resumption was a grey-zone campaign.' },
  { key: 'modeShare:limited', unit: 'share', meaning: 'Share of all trials whose first resumption was a limited offensive.' },
  { key: 'modeShare:fullScale', unit: 'share', meaning: 'Share of all trials whose first resumption was a full-scale offensive (the three sum to pResumption).' },
  { key: 'guarantorsTested:tests', unit: 'count', meaning: 'Number of wars, in which the guarantors were tested.' },
  { key: 'guarantorsTested:europeEngaged', unit: 'share', meaning: 'Among wars, the share in which Europe engaged; empty when there was none.' },
  { key: 'guarantorsTested:usEngaged', unit: 'share', meaning: 'Among wars, the share in which the US engaged; empty when there was none.' },
  { key: 'guarantorsTested:snapback', unit: 'share', meaning: 'Among wars, the share in which sanctions snapped back; empty when there was none.' },
  { key: 'guarantorsTested:greyZone:probes', unit: 'count', meaning: 'Number of trials with a grey-zone probe.' },
  { key: 'guarantorsTested:greyZone:europeResponded', unit: 'share', meaning: 'Among first grey-zone probes, the share Europe answered; empty when there was none.' },
  { key: 'guarantorsTested:greyZone:usResponded', unit: 'share', meaning: 'Among first grey-zone probes, the share the US answered; empty when there was none.' },
  { key: 'guarantorsTested:greyZone:snapback', unit: 'share', meaning: 'Among first grey-zone probes, the share answered by sanctions snapping back; empty when there was none.' },
  { key: 'usElection', unit: 'text', perMonth: true, meaning: 'A US presidential election inside the horizon: its month and date (value empty).' },
  { key: 'baseline:scenario', unit: 'text', meaning: 'When comparing with a pinned baseline: its name.' },
  { key: 'baseline:seed', unit: 'text', meaning: "The baseline's seed." },
  { key: 'baseline:trials', unit: 'count', meaning: "The baseline's number of trials." },
  { key: 'baseline:lever:<lever>', unit: 'lever', meaning: "A lever whose value in the baseline differs from the run's: the baseline's value." },
  { key: 'baseline:assumption:<assumption>', unit: 'assumption', meaning: "A model assumption whose value in the baseline differs from the run's: the baseline's value." },
  { key: 'baseline:pWar', unit: 'share', meaning: "The baseline's headline share (pWar)." },
  { key: 'difference:pWar', unit: 'shareDifference', ci: true, meaning: 'The run minus the baseline on the headline, with its 95% interval (paired trial by trial when seed and trials match).' },
  { key: 'difference:paired', unit: 'boolean', meaning: 'The difference was measured trial by trial on the same draws (same seed and trials).' },
  { key: 'difference:detectable', unit: 'boolean', meaning: "The difference's 95% interval excludes zero." },
  { key: 'difference:threshold', unit: 'share', meaning: 'The smallest difference that matters (0.02 = 2 points), as set in the page.' },
  { key: 'difference:thresholdSetByUser', unit: 'boolean', meaning: 'The threshold was changed from its default (2 points).' },
  { key: 'difference:matters', unit: 'boolean', meaning: "`true` when the difference's whole 95% interval is at least the threshold from zero, `false` when all of it is under, empty when it straddles the threshold." },
  { key: 'difference:verdict', unit: 'verdict', meaning: 'The verdict the page prints, decided from the interval: not detectable, too small to matter, may or may not matter, or matters.' },
  { key: 'survivalWar', unit: 'share', perMonth: true, ci: true, meaning: 'Per month (0 = the ceasefire): share of trials with no war yet, with its pointwise Wilson 95% band.' },
  { key: 'survival', unit: 'share', perMonth: true, meaning: 'Per month: share of trials with no resumption of any kind yet (grey-zone probes count).' },
];

const PLACEHOLDERS: Record<string, readonly string[]> = { '<lever>': LEVER_KEYS, '<assumption>': ASSUMPTION_KEYS };

/** The dictionary entry of a `metric` cell ("lever:euTroops" → "lever:<lever>"), or undefined when it is not documented. */
export function summaryKeyOf(metric: string): SummaryKey | undefined {
  return SUMMARY_KEYS.find((k) => {
    const hole = Object.keys(PLACEHOLDERS).find((p) => k.key.endsWith(p));
    if (!hole) return k.key === metric;
    const prefix = k.key.slice(0, -hole.length);
    return metric.startsWith(prefix) && PLACEHOLDERS[hole].includes(metric.slice(prefix.length));
  });
}

/**
 * A number as the summary CSV writes it in `unit`: shares and differences to 6 significant digits
 * (what 10 million trials can resolve, and what a spreadsheet shows beside the page's percentages),
 * anything else in full. null (none) is empty.
 */
export function summaryNumber(v: number | null, unit: SummaryUnit): string {
  if (v === null) return '';
  if ((unit === 'share' || unit === 'shareDifference') && Number.isFinite(v)) return String(Number(v.toPrecision(6)));
  return String(v);
}

/** The summary CSV's data dictionary as Markdown (docs/summary-dictionary.md and the page's download). */
export function summaryDictionaryMarkdown(): string {
  const esc = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const out = [
    '# Data dictionary: summary CSV',
    '',
    '<!-- Generated by `npm run docs` from src/engine/io/summaryColumns.ts (the list the summary CSV writer checks). Do not edit by hand. -->',
    '',
    'One row per figure ("Summary CSV" in the page), with the columns `metric, month, date, value, unit, ci95Low, ci95High`.',
    '`month` and `date` are filled only for rows written once per month; `ci95Low` and `ci95High` only for figures with a 95% interval.',
    'Shares are written as shares from 0 to 1, not percentages: the page shows 0.0632 as 6.3%.',
    '',
    '## Units (the `unit` column)',
    '',
    '| unit | meaning |',
    '|---|---|',
    ...(Object.entries(SUMMARY_UNITS) as [SummaryUnit, string][]).map(([u, m]) => `| \`${u}\` | ${esc(m)} |`),
    '',
    '## Metrics (the `metric` column)',
    '',
    '`<lever>` stands for any lever\'s key (docs/levers.md), `<assumption>` for any model assumption\'s key (docs/model.md).',
    '',
    '| metric | unit | per month | 95% interval | meaning |',
    '|---|---|---|---|---|',
    ...SUMMARY_KEYS.map((k) => `| \`${k.key}\` | \`${k.unit}\` | ${k.perMonth ? 'yes' : ''} | ${k.ci ? 'yes' : ''} | ${esc(k.meaning)} |`),
    '',
  ];
  return out.join('\n');
}
