import { LEVERS, type LeverSpec, type Levers } from '../levers';
import { MODE_CODE, MODE_KEYS, MODES } from '../model/modes';
import type { CompiledModel } from '../model/compile';
import {
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
} from '../model/response';
import { STORED_TERMS, type TrialResults } from '../run/trialResults';
import { addMonths } from '../model/time';
import { ENGINE_VERSION } from '../version';
import { changedAssumptions } from '../model/assumptions';
import { describeAllowed } from './format';

/**
 * The trial-row CSV's columns in ONE table: key (the header), meaning, unit, the values a cell can
 * take, and how to write it. The CSV writer and the data dictionary (docs/data-dictionary.md and
 * the page's "Data dictionary" download) are both generated from it, so they cannot drift apart.
 *
 * Conventions, the same in every column: booleans are `true` or `false`; a cell that does not apply
 * (a held trial has no month of resumption) is empty; numbers are plain numbers.
 */

/** What a cell is written from: the run, the trial's index, and text made safe for spreadsheets. */
export interface RowContext {
  model: CompiledModel;
  results: TrialResults;
  seed: string;
  /** The loaded scenario's title, "(modified)" when changed; '' when none. */
  scenario: string;
  /** Formula-safe text (csv.ts's safeCsvText), passed in so this table does not own that rule. */
  text: (s: string) => string;
}

export interface TrialColumn {
  key: string;
  /** Which part of the row: the trial's outcome, its hidden draws, the run's settings, or a lever. */
  group: 'outcome' | 'draw' | 'run' | 'lever';
  meaning: string;
  unit: string;
  values: string;
  cell(c: RowContext, i: number): string;
}

const MODE_NAMES = ['none', ...MODE_KEYS] as const;
const round = (x: number) => String(Math.round(x * 1e6) / 1e6);
const bool = (b: boolean) => (b ? 'true' : 'false');
const resumed = (c: RowContext, i: number) => c.results.month[i] > 0;
const war = (c: RowContext, i: number) => c.results.warMonth[i] > 0;
const grey = (c: RowContext, i: number) => c.results.mode[i] === MODE_CODE.greyZone;
/** A flag bit as true/false, or empty when `applies` is false (no war, no probe). */
const flag = (applies: (c: RowContext, i: number) => boolean, bit: number) => (c: RowContext, i: number) => (applies(c, i) ? bool((c.results.flags[i] & bit) !== 0) : '');
const modeList = MODE_KEYS.map((k) => `\`${k}\` (${MODES[k].label.toLowerCase()})`).join(', ');
const WHEN_WAR = '`true` or `false`; empty when there was no war';
const WHEN_PROBE = '`true` or `false`; empty when the first resumption was not a grey-zone probe';

const OUTCOME: TrialColumn[] = [
  { key: 'trial', group: 'outcome', meaning: "The trial's index in the run; with the seed it names the trial's own random stream.", unit: 'index', values: '0 to trials − 1', cell: (_, i) => String(i) },
  {
    key: 'resumed',
    group: 'outcome',
    meaning: 'Whether Moscow resumed hostilities in any mode (a grey-zone probe or a war) by the horizon.',
    unit: '—',
    values: '`true` or `false`',
    cell: (c, i) => bool(resumed(c, i)),
  },
  {
    key: 'month',
    group: 'outcome',
    meaning: 'Month after the ceasefire of the first resumption, in any mode (month 1 is the first month of the ceasefire).',
    unit: 'months after the ceasefire',
    values: '1 to the horizon in months; empty when nothing resumed',
    cell: (c, i) => (resumed(c, i) ? String(c.results.month[i]) : ''),
  },
  {
    key: 'date',
    group: 'outcome',
    meaning: 'Calendar month of the first resumption: the ceasefire start plus `month`.',
    unit: 'YYYY-MM',
    values: 'a month; empty when nothing resumed',
    cell: (c, i) => (resumed(c, i) ? addMonths(c.model.levers.ceasefireStart, c.results.month[i]) : ''),
  },
  { key: 'mode', group: 'outcome', meaning: 'How hostilities first resumed.', unit: '—', values: `\`none\` (held), ${modeList}`, cell: (c, i) => MODE_NAMES[c.results.mode[i]] },
  {
    key: 'war',
    group: 'outcome',
    meaning: 'Whether the trial saw renewed war, a limited or full-scale offensive, by the horizon (grey-zone probes alone do not count).',
    unit: '—',
    values: '`true` or `false`',
    cell: (c, i) => bool(war(c, i)),
  },
  { key: 'warMonth', group: 'outcome', meaning: 'Month after the ceasefire of the first limited or full-scale offensive.', unit: 'months after the ceasefire', values: '1 to the horizon in months; empty when there was no war', cell: (c, i) => (war(c, i) ? String(c.results.warMonth[i]) : '') },
  { key: 'warDate', group: 'outcome', meaning: 'Calendar month of the war: the ceasefire start plus `warMonth`.', unit: 'YYYY-MM', values: 'a month; empty when there was no war', cell: (c, i) => (war(c, i) ? addMonths(c.model.levers.ceasefireStart, c.results.warMonth[i]) : '') },
  { key: 'warMode', group: 'outcome', meaning: 'Which offensive the war was.', unit: '—', values: '`none` (no war), `limited` (limited offensive), `fullScale` (full-scale offensive)', cell: (c, i) => MODE_NAMES[c.results.warMode[i]] },
  {
    key: 'deliberate',
    group: 'outcome',
    meaning: 'Whether Moscow would have chosen the war with no decision noise in the same state: a deliberate choice rather than one tipped by the tremble.',
    unit: '—',
    values: WHEN_WAR,
    cell: flag(war, FLAG_DELIBERATE),
  },
  { key: 'europeEngaged', group: 'outcome', meaning: 'Whether the European force engaged when the war began.', unit: '—', values: WHEN_WAR, cell: flag(war, FLAG_EUROPE) },
  { key: 'usEngaged', group: 'outcome', meaning: 'Whether the US honoured its backstop tier when the war began.', unit: '—', values: WHEN_WAR, cell: flag(war, FLAG_US) },
  { key: 'snapback', group: 'outcome', meaning: 'Whether sanctions snapped back when the war began.', unit: '—', values: WHEN_WAR, cell: flag(war, FLAG_SNAPBACK) },
  {
    key: 'warOutcome',
    group: 'outcome',
    meaning: "How the offensive went: whether it succeeded against the forces that actually fought (Russia's true capacity, not Moscow's view of it, against Ukraine and the guarantors that engaged).",
    unit: '—',
    values: '`succeeded` or `failed`; empty when there was no war',
    cell: (c, i) => (war(c, i) ? ((c.results.flags[i] & FLAG_SUCCEEDED) !== 0 ? 'succeeded' : 'failed') : ''),
  },
  {
    key: 'misjudged',
    group: 'outcome',
    meaning: "Whether the war was misjudged: with the true balance and the guarantors' true types, at no decision noise, Moscow would not have attacked. Still a deliberate choice, on wrong beliefs.",
    unit: '—',
    values: WHEN_WAR,
    cell: flag(war, FLAG_MISJUDGED),
  },
  {
    key: 'misjudgedBalance',
    group: 'outcome',
    meaning: 'Whether the true balance alone (Moscow keeping its beliefs about the guarantors) would have stopped the war.',
    unit: '—',
    values: WHEN_WAR,
    cell: flag(war, FLAG_WRONG_BALANCE),
  },
  {
    key: 'misjudgedGuarantors',
    group: 'outcome',
    meaning: "Whether knowing the guarantors' true types alone (Moscow keeping its view of the balance) would have stopped the war.",
    unit: '—',
    values: WHEN_WAR,
    cell: flag(war, FLAG_WRONG_GUARANTORS),
  },
  {
    key: 'beliefEurope',
    group: 'outcome',
    meaning: 'What Moscow believed, when it went to war, of the chance that Europe would fight (before the mode’s trigger).',
    unit: 'share',
    values: '0–1; empty when there was no war',
    cell: (c, i) => (war(c, i) ? round(c.results.warBeliefEurope[i]) : ''),
  },
  {
    key: 'beliefUs',
    group: 'outcome',
    meaning: 'What Moscow believed, when it went to war, of the chance that the US administration in office would honour its tier.',
    unit: 'share',
    values: '0–1; empty when there was no war',
    cell: (c, i) => (war(c, i) ? round(c.results.warBeliefUs[i]) : ''),
  },
  { key: 'greyZone', group: 'outcome', meaning: 'Whether the first resumption was a grey-zone probe (proxies, sabotage, cognitive warfare); the trial then ran on.', unit: '—', values: '`true` or `false`', cell: (c, i) => bool(grey(c, i)) },
  { key: 'greyEuropeResponded', group: 'outcome', meaning: 'Whether Europe responded to that first grey-zone probe.', unit: '—', values: WHEN_PROBE, cell: flag(grey, FLAG_GREY_EUROPE) },
  { key: 'greyUsResponded', group: 'outcome', meaning: 'Whether the US responded to that first grey-zone probe.', unit: '—', values: WHEN_PROBE, cell: flag(grey, FLAG_GREY_US) },
];

const DRAWS: TrialColumn[] = [
  {
    key: 'resolve',
    group: 'draw',
    meaning: "Moscow's resolve in this trial: the `ruResolve` lever plus the trial's own deviation, clipped.",
    unit: 'share',
    values: '0–1 (higher: more willing to pay for gains)',
    cell: (c, i) => round(c.results.resolve[i]),
  },
  {
    key: 'europeDraw',
    group: 'draw',
    meaning: 'The uniform draw behind "would Europe really fight": Europe engages if it falls below its engagement probability, so low values mean a Europe that fights.',
    unit: 'share',
    values: '0–1',
    cell: (c, i) => round(c.results.uEurope[i]),
  },
  {
    key: 'perceivedStrength',
    group: 'draw',
    meaning: "How much stronger Moscow believed its offensive to be than it was (its view of the balance; 1 = the truth), in the war's year, or in the last year if there was no war.",
    unit: 'multiplier',
    values: 'about 0.6–2.5 (above 1: optimistic)',
    cell: (c, i) => round(c.results.perceivedStrength[i]),
  },
  {
    key: 'reliefLevel',
    group: 'draw',
    meaning: "The trial's pace of sanctions relief, as a level around the `sanctionsReliefPerYear` lever.",
    unit: 'level',
    values: '0 (slowest) to 4 (fastest); 2 is the lever itself',
    cell: (c, i) => String(Math.floor(c.results.cls[i] / 5)),
  },
  {
    key: 'reconstitutionLevel',
    group: 'draw',
    meaning: "The trial's time for Russia to rebuild its forces, as a level around the `ruReconstitutionYears` lever.",
    unit: 'level',
    values: '0 (fastest rebuild) to 4 (slowest); 2 is the lever itself',
    cell: (c, i) => String(c.results.cls[i] % 5),
  },
  ...Array.from({ length: STORED_TERMS }, (_, k): TrialColumn => ({
    key: `usCredibilityTerm${k + 1}`,
    group: 'draw',
    meaning: `Credibility of the US administration elected at the ${ordinal(k + 1)} presidential election after the ceasefire (the one in office at the ceasefire has the \`usCredibility\` lever's value); empty when that election falls past the horizon.`,
    unit: 'share',
    values: '0–1; empty past the horizon',
    cell: (c, i) => {
      const v = c.results.usCredibility[i * STORED_TERMS + k];
      return Number.isNaN(v) ? '' : round(v);
    },
  })),
];

const RUN: TrialColumn[] = [
  { key: 'engineVersion', group: 'run', meaning: 'Version of the simulation engine that made the file; other versions may give other figures.', unit: '—', values: 'a version such as 1.0.0', cell: () => ENGINE_VERSION },
  { key: 'seed', group: 'run', meaning: "The run's seed: the same seed and levers give the same trials, bit for bit.", unit: '—', values: '1–64 printable characters', cell: (c) => c.text(c.seed) },
  {
    key: 'scenario',
    group: 'run',
    meaning: 'Title of the scenario the levers came from, with "(modified)" if a lever was changed after loading it.',
    unit: '—',
    values: 'text; empty when no scenario was loaded',
    cell: (c) => c.text(c.scenario),
  },
  { key: 'trials', group: 'run', meaning: 'Trials in the run.', unit: 'trials', values: '100–1,000,000', cell: (c) => String(c.results.trials) },
  {
    key: 'assumptions',
    group: 'run',
    meaning: 'Model assumptions changed from their calibrated defaults for this run (docs/levers.md lists every assumption, its default and range), as `key=value` pairs in registry order separated by `;`.',
    unit: '—',
    values: 'text such as `euWarCost=0.4;noiseScale=0.01`; empty when every assumption is at its default',
    cell: (c) => assumptionsCell(c.model),
  },
];

const assumptionsText = new WeakMap<CompiledModel, string>();
/** The run's changed assumptions as `key=value;…` (computed once per model, not once per row). */
function assumptionsCell(model: CompiledModel): string {
  let s = assumptionsText.get(model);
  if (s === undefined) {
    s = Object.entries(changedAssumptions(model.assumptions))
      .map(([k, v]) => `${k}=${v}`)
      .join(';');
    assumptionsText.set(model, s);
  }
  return s;
}

function ordinal(n: number): string {
  return `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
}

function leverUnit(l: LeverSpec): string {
  switch (l.kind) {
    case 'number':
      return l.unit;
    case 'boolean':
      return '—';
    case 'choice':
      return '—';
    case 'month':
      return 'YYYY-MM';
    default:
      return l satisfies never;
  }
}

const leverColumn = (l: LeverSpec): TrialColumn => ({
  key: l.key,
  group: 'lever',
  meaning: `Lever "${l.label}": ${l.description}`,
  unit: leverUnit(l),
  values: l.kind === 'boolean' ? '`true` or `false`' : describeAllowed(l),
  cell: (c) => {
    const v = c.model.levers[l.key as keyof Levers];
    return typeof v === 'string' ? c.text(v) : String(v);
  },
});

/** Every column of the trial-row CSV, in file order. */
export const TRIAL_COLUMNS: readonly TrialColumn[] = [...OUTCOME, ...DRAWS, ...RUN, ...LEVERS.map(leverColumn)];

/** The data dictionary of the trial-row CSV as Markdown (docs/data-dictionary.md and the page's download). */
export function dataDictionaryMarkdown(): string {
  const esc = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const out = [
    '# Data dictionary: trial rows CSV',
    '',
    '<!-- Generated by `npm run docs` from src/engine/io/trialColumns.ts (the table the CSV writer uses). Do not edit by hand. -->',
    '',
    'One row per trial (`npm run simulate -- --format csv`, or "Trial rows CSV" in the page). Booleans are `true` or `false`',
    'everywhere; a cell that does not apply (a held trial has no month) is empty; numbers are plain numbers. Text a spreadsheet',
    'would run as a formula (a leading `=`, `+`, `-`, `@`, tab or carriage return) is written with a leading `\'`.',
    'The file carries its run settings, every lever and the assumptions changed from their defaults, so it says on its own how it was made.',
    '',
  ];
  const groups: [TrialColumn['group'], string][] = [
    ['outcome', "The trial's outcome"],
    ['draw', "The trial's hidden draws (the same for every lever setting: common random numbers)"],
    ['run', 'The run'],
    ['lever', 'Every lever, as set for the run'],
  ];
  for (const [g, title] of groups) {
    out.push(`## ${title}`, '', '| column | meaning | unit | values |', '|---|---|---|---|');
    for (const c of TRIAL_COLUMNS.filter((x) => x.group === g)) out.push(`| \`${c.key}\` | ${esc(c.meaning)} | ${esc(c.unit)} | ${esc(c.values)} |`);
    out.push('');
  }
  return out.join('\n');
}
