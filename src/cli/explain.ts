#!/usr/bin/env node
// `npm run explain -- --trial N`: why one trial broke (or held), replayed through the itemised model.
import {
  ENGINE_VERSION,
  addMonths,
  allocateResults,
  assumptionSet,
  compileModel,
  monthName,
  replayTrial,
  runTrials,
  type MonthStory,
  type TrialStory,
} from '../engine/index';
import { parseWhole } from './analysisArgs';
import { ASSUME_HELP, parseArgs } from './args';
import { CliError, assumptionListText, isMainModule, resolveRun, runAsProcess, withOutput } from './common';

const HELP = `Usage: npm run explain -- --trial N [--scenario FILE] [--set key=value]... [--assume key=value]... [--trials N] [--seed S]
                          [--format json|table] [--out FILE]

Replays one Monte Carlo trial through the itemised model and tells its story: the trial's draws,
each US election and incident, any grey-zone probe, and month by month the parts of Moscow's
calculation (its resolve, what it expects of Europe and the US, expected gain, odds of success,
expected costs, the value of peace, the margin of war over peace and the chance of war), and
whether a war was chosen deliberately or tipped by the tremble, and which window opened.
An explorable model, not a forecast.

  --trial N         the trial to replay, 0 to trials − 1 (required)
  --scenario FILE   a scenario JSON file (see scenarios/); its levers apply over the defaults
  --set key=value   set one lever (repeatable; applies over the scenario)
${ASSUME_HELP}
  --trials N        trials in the run, 100–1,000,000 (default 10,000): only bounds --trial, since a
                    trial's draws depend on the seed and its index alone
  --seed S          random seed (default "1")
  --format F        table (default: the narrative and the months around the resumption) or json
                    (the whole story)
  --out FILE        write to FILE instead of standard output
`;

const SHORT: Record<string, string> = { greyZone: 'grey', limited: 'limited', fullScale: 'full' };

const num = (x: number, d = 3) => x.toFixed(d);
const pct = (x: number, d = 2) => `${(100 * x).toFixed(d)}%`;

/** The months to show: the war and the 6 before it, or around the month war came closest to paying. */
function shownMonths(story: TrialStory): MonthStory[] {
  const ms = story.months;
  if (story.outcome.war) return ms.slice(Math.max(0, ms.length - 7));
  let peak = 0;
  for (let i = 1; i < ms.length; i++) if (ms[i].modes[ms[i].best].margin > ms[peak].modes[ms[peak].best].margin) peak = i;
  return ms.slice(Math.max(0, peak - 3), peak + 4);
}

/** The story as text for the terminal. */
export function formatStory(story: TrialStory, check: { agrees: boolean }): string {
  const d = story.draws;
  const lines = [
    `Ceasefire deterrence model ${ENGINE_VERSION}: an explorable model, not a forecast.`,
    `Seed ${JSON.stringify(story.seed)}, trial ${story.trial}, horizon ${story.horizon} months from ${story.ceasefireStart}.`,
    '',
    story.narrative,
    '',
    'Draws:',
    `  resolve ${num(d.resolve)} (z ${num(d.zResolve, 2)}); Europe draw ${num(d.uEurope)}; US draws ${d.uUs.map((u) => num(u, 2)).join(' ')} (one per administration); Europe fights: ${d.europeFights ? 'yes' : 'no'}; snapback draw ${num(d.uSnapback)}`,
    `  resolve by year: ${d.resolveByYear.slice(0, Math.ceil(story.horizon / 12)).map((r) => num(r, 2)).join(' ')}`,
    `  incidents in months: ${d.incidentMonths.filter((m) => m <= story.horizon).join(', ') || 'none within the horizon'}`,
    `  sanctions relief level ${d.reliefLevel} (${pct(d.reliefPerYear, 1)} a year); reconstitution level ${d.reconstitutionLevel} (${num(d.reconstitutionYears, 2)} years)`,
    `  administrations' credibility: at the ceasefire ${num(d.credibilities[0], 2)}` +
      story.elections.map((e, k) => `, elected ${monthName(addMonths(story.ceasefireStart, e))} ${num(d.credibilities[k + 1], 2)}`).join(''),
    '',
  ];
  const cols = ['month', 'date', 'resolve', 'US cred', 'exp. EU', 'exp. US', 'capac.', 'UA def.', 'peace', 'war opt.', 'E[gain]', 'P(succ)', 'cost EU', 'cost US', 'cost san', 'cost war', 'margin', 'P(war)', 'draw', ''];
  const rows: string[][] = [cols];
  for (const m of shownMonths(story)) {
    const b = m.modes[m.best];
    const election = story.elections.includes(m.month) ? 'election' : '';
    rows.push([
      String(m.month),
      m.date,
      num(m.resolve, 2),
      num(m.usCredibility, 2),
      num(m.bEurope, 2),
      num(m.bUs, 2),
      num(m.capacity, 2),
      num(m.uaDefence, 2),
      num(m.peace),
      SHORT[m.best === 1 ? 'limited' : 'fullScale'],
      num(b.expectedGain),
      num(b.successExpected),
      num(b.costEurope),
      num(b.costUs),
      num(b.costSanctions),
      num(b.costWar),
      num(b.margin),
      pct(m.pWar),
      num(m.draw, 4),
      [m.choice === 'peace' ? '' : m.choice === 'greyZone' ? 'GREY-ZONE PROBE' : `WAR (${SHORT[m.choice]})`, m.incident ? 'incident' : '', election].filter(Boolean).join(', '),
    ]);
  }
  const widths = cols.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  lines.push(
    story.outcome.war
      ? 'The months up to the war (components of the better war option, utility units; exp. = what Moscow expects of each guarantor):'
      : 'The months around the one where war came closest to paying (components of the better war option, utility units):',
  );
  for (const r of rows) lines.push('  ' + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padStart(widths[c]))).join('  ').trimEnd());
  lines.push('', `Fast kernel's row for this trial: ${check.agrees ? 'the same months, modes and responses' : 'DIFFERENT (please report this as a bug)'}.`);
  return lines.join('\n') + '\n';
}

/** Run the command with `argv`; returns the exit code. Problems throw a CliError (exit 2). */
export function main(argv: readonly string[], write: (s: string) => void): number {
  const parsed = parseArgs(argv, { formats: ['json', 'table'], extra: { '--trial': (t) => parseWhole('--trial', t, 0, 999_999) } });
  if (!parsed.ok) throw new CliError(parsed.errors);
  const opts = parsed.value;
  if (opts.help) {
    write(HELP);
    return 0;
  }
  if (opts.listAssumptions) {
    write(assumptionListText(opts.format));
    return 0;
  }
  const trial = opts.extra['--trial'] as number | undefined;
  const trials = opts.trials ?? 10_000;
  const errors = [];
  if (trial === undefined) errors.push({ field: '--trial', message: 'is required: which trial to replay (0 to trials − 1)' });
  else if (trial >= trials) errors.push({ field: '--trial', message: `${trial} is out of range; this run has ${trials} trials, numbered 0–${trials - 1}` });
  if (errors.length) throw new CliError(errors);
  const { levers, assumptions, seed } = resolveRun(opts);
  const model = compileModel(levers, assumptions);
  const story = replayTrial(model, seed, trial!);
  const row = allocateResults(1);
  runTrials(model, seed, trial!, trial! + 1, row);
  const agrees =
    row.month[0] === story.outcome.month &&
    row.mode[0] === story.outcome.modeCode &&
    row.warMonth[0] === story.outcome.warMonth &&
    row.warMode[0] === story.outcome.warModeCode &&
    row.flags[0] === story.outcome.flags;
  withOutput(opts.out, write, (out) => {
    switch (opts.format) {
      case 'json':
        out(JSON.stringify({ engineVersion: ENGINE_VERSION, trials, params: { ...levers, assumptions: assumptionSet(assumptions) }, kernelAgrees: agrees, ...story }, null, 2) + '\n');
        break;
      case 'table':
        out(formatStory(story, { agrees }));
        break;
      default:
        // parseArgs accepted only json and table for this command.
        throw new CliError([{ field: '--format', message: `${opts.format} is not available here; expected json or table` }]);
    }
  });
  return 0;
}

if (isMainModule(import.meta.url)) await runAsProcess(main);
