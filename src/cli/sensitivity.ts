#!/usr/bin/env node
// npm run sensitivity: the tornado from the command line, runs spread over worker threads.
import { csvFormatRows } from 'd3-dsv';
import {
  ENGINE_VERSION,
  checkAnalysisSize,
  combineSensitivity,
  formatLeverValue,
  leverSpec,
  planSensitivity,
  safeCsvText,
  formatAssumptionValue,
  assumptionSet,
  defaultLevers,
  escapeControls,
  type AssumptionValues,
  type Levers,
  type LeverSwing,
  type SensitivityResult,
} from '../engine/index';
import { parseShare, parseWhole } from './analysisArgs';
import { ASSUME_HELP, parseArgs, type CliOptions } from './args';
import { CliError, assumptionListText, isMainModule, resolveRun, runAsProcess, withOutput, type ResolvedRun } from './common';
import { assumptionsText, changedLeversText } from './runRecord';
import { MEMORY_HELP, defaultWorkers, runJobs, workersWithin } from './pool';

const HELP = `Usage: npm run sensitivity -- [--scenario FILE] [--set key=value]... [--assume key=value]... [--trials N] [--seed S]
                              [--swing SHARE] [--workers N] [--format json|csv|table] [--out FILE]

Swings each lever to the ends of its range (or by ± SHARE of its range) with the same seed and
reports the change in the probability of war (a limited or full-scale offensive) within the horizon, largest
first, with paired 95% CIs. Default 5,000 trials per run; at most 50,000,000 trials in all.
${ASSUME_HELP}
${MEMORY_HELP}
`;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;

/** An end's value as the page shows it: a lever's with its unit ("30,000 troops", "on"), an assumption's as a number. */
export function swingValueText(s: Pick<LeverSwing, 'key' | 'kind'>, value: unknown): string {
  return s.kind === 'lever' ? formatLeverValue(leverSpec(s.key)!, value) : formatAssumptionValue(value as number);
}

const GROUP_TITLES = {
  policy: 'Policy levers (what the guarantors, Ukraine and the agreement choose)',
  model: "Model assumptions, Moscow's levers and decision noise (what no one chooses; each over its plausible range)",
} as const;

/** What a run starts from: its levers and its assumption changes (the base every swing moves away from). */
export interface SensitivityBase {
  levers: Levers;
  assumptions: AssumptionValues;
}

export function formatSensitivityTable(r: SensitivityResult, base?: SensitivityBase): string {
  const lines = [
    `Sensitivity of the probability of war (a limited or full-scale offensive) (seed ${JSON.stringify(r.seed)}, ${r.trials.toLocaleString('en-GB')} trials per run)`,
    `Base: ${pct(r.base.pWar)} (95% CI ${pct(r.base.pWarCI95[0])}–${pct(r.base.pWarCI95[1])}). Changes in percentage points, paired 95% CI.`,
  ];
  if (base) {
    const levers = changedLeversText(base.levers);
    const assumed = assumptionsText(base.assumptions);
    lines.push(levers ? `Levers changed from the defaults: ${levers.replaceAll('; ', ', ')}` : 'All levers at their defaults.');
    lines.push(assumed ? `Assumptions changed from the calibrated defaults: ${assumed.replaceAll('; ', ', ')}` : 'All model assumptions at their calibrated defaults.');
  }
  for (const group of ['policy', 'model'] as const) {
    const rows = r.swings.filter((s) => s.group === group);
    if (!rows.length) continue;
    lines.push('', GROUP_TITLES[group], `${'key'.padEnd(26)} ${'low value'.padEnd(26)} ${'change'.padStart(22)}   ${'high value'.padEnd(26)} ${'change'.padStart(22)}`);
    for (const s of rows) {
      const cell = (e: typeof s.low) => `${signed(e.delta)} (${signed(e.deltaCI95[0])} to ${signed(e.deltaCI95[1])})`;
      const key = s.isSwitch ? `${s.key} (on/off)` : s.key;
      lines.push(
        `${key.padEnd(26)} ${swingValueText(s, s.low.value).padEnd(26)} ${cell(s.low).padStart(22)}   ${swingValueText(s, s.high.value).padEnd(26)} ${cell(s.high).padStart(22)}`,
      );
    }
  }
  return escapeControls(lines.join('\n'), true) + '\n';
}

/** One row per swing end; `baseLevers` and `baseAssumptions` record what the run started from (changes from the defaults, `key=value; …`). */
export function sensitivityCsv(r: SensitivityResult, base: SensitivityBase = { levers: defaultLevers(), assumptions: {} }): string {
  const rows = [['key', 'kind', 'group', 'switch', 'end', 'value', 'pWar', 'delta', 'deltaLo', 'deltaHi', 'basePWar', 'seed', 'trials', 'engineVersion', 'baseLevers', 'baseAssumptions']];
  const levers = safeCsvText(changedLeversText(base.levers));
  const assumed = safeCsvText(assumptionsText(base.assumptions));
  for (const s of r.swings) {
    for (const [end, e] of [['low', s.low], ['high', s.high]] as const) {
      rows.push([s.key, s.kind, s.group, String(s.isSwitch), end, typeof e.value === 'string' ? safeCsvText(e.value) : String(e.value), String(e.pWar), String(e.delta), String(e.deltaCI95[0]), String(e.deltaCI95[1]), String(r.base.pWar), safeCsvText(r.seed), String(r.trials), ENGINE_VERSION, levers, assumed]);
    }
  }
  return csvFormatRows(rows) + '\n';
}

/** Everything the command needs before it runs: flags parsed and checked, levers resolved. Throws CliError. */
export function prepare(argv: readonly string[]): { help: true; text: string } | { help: false; opts: CliOptions; run: ResolvedRun; swing: number | null; workers: number } {
  const parsed = parseArgs(argv, {
    extra: { '--swing': (t) => parseShare('--swing', t, 0, 1, true), '--workers': (t) => parseWhole('--workers', t, 1, 16) },
  });
  if (!parsed.ok) throw new CliError(parsed.errors);
  const opts = parsed.value;
  if (opts.help) return { help: true, text: HELP };
  if (opts.listAssumptions) return { help: true, text: assumptionListText(opts.format) };
  const run = resolveRun(opts, 5_000);
  const swing = (opts.extra['--swing'] as number | undefined) ?? null;
  const runs = planSensitivity(run.levers, { seed: run.seed, trials: run.trials, swing, assumptions: run.assumptions }).runs.length;
  const size = checkAnalysisSize(runs, run.trials, 'runs', '--trials');
  if (!size.ok) throw new CliError(size.errors);
  const workers = workersWithin(run.trials, (opts.extra['--workers'] as number | undefined) ?? defaultWorkers());
  return { help: false, opts, run, swing, workers };
}

export async function main(argv: readonly string[], stdout: (s: string) => void): Promise<number> {
  const p = prepare(argv);
  if (p.help) {
    stdout(p.text);
    return 0;
  }
  const { opts, run, swing, workers } = p;
  const plan = planSensitivity(run.levers, { seed: run.seed, trials: run.trials, swing, assumptions: run.assumptions });
  const war = await runJobs(
    plan.runs.map((r) => ({ type: 'war' as const, levers: r.levers, assumptions: r.assumptions, seed: plan.seed, trials: plan.trials })),
    workers,
  );
  const resumed = war.map((o) => o.war);
  const result = combineSensitivity(plan, resumed);
  withOutput(opts.out, stdout, (write) => {
    // The run's levers and assumptions are recorded, as sweep and discover record theirs.
    const base = { levers: run.levers, assumptions: run.assumptions };
    if (opts.format === 'json') write(JSON.stringify({ engineVersion: ENGINE_VERSION, params: { ...run.levers, assumptions: assumptionSet(run.assumptions) }, ...result }, null, 2) + '\n');
    else if (opts.format === 'csv') write(sensitivityCsv(result, base));
    else write(formatSensitivityTable(result, base));
  });
  return 0;
}

if (isMainModule(import.meta.url)) await runAsProcess(main);
