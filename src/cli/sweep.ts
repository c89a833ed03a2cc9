#!/usr/bin/env node
// npm run sweep: a two-lever grid (the heatmap) from the command line, cells over worker threads.
import {
  ENGINE_VERSION,
  assumptionSet,
  checkAnalysisSize,
  defaultAxes,
  formatLeverValue,
  leverSpec,
  parseAxis,
  sweepCsv,
  type SweepAxis,
  type SweepResult,
} from '../engine/index';
import { ASSUME_HELP, parseArgs, type CliOptions } from './args';
import { CliError, assumptionListText, isMainModule, resolveRun, runAsProcess, withOutput, type ResolvedRun } from './common';
import { MEMORY_HELP, defaultWorkers, runJobs, workersWithin } from './pool';
import { parseShare, parseWhole } from './analysisArgs';

const HELP = `Usage: npm run sweep -- [--x key:min:max:steps] [--y key:min:max:steps] [--scenario FILE]
                        [--set key=value]... [--assume key=value]... [--trials N] [--seed S] [--threshold P] [--workers N]
                        [--format json|csv|table] [--out FILE]

Runs a grid over two levers with the same seed in every cell (common random numbers) and reports the
probability of war (a limited or full-scale offensive) within the horizon per cell. Defaults: --x euTroops:0:200000:11
--y usCredibility:0:1:11, 2,000 trials per cell, --threshold 0.2 (the frontier marked in the table).
Choices: key:first:last (e.g. usTier:none:rapid-reinforcement); on/off levers: just the key. At most
40 steps per axis, and 50,000,000 trials in all.
${ASSUME_HELP}
${MEMORY_HELP}
`;

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** The grid as a table: one row per y value (top = highest), a * where the cell is at or below the threshold. */
export function formatSweepTable(r: SweepResult, threshold: number): string {
  const xs = leverSpec(r.x.key)!;
  const ys = leverSpec(r.y.key)!;
  const w = 7;
  const lines = [
    `War within the horizon by ${r.x.key} (columns) and ${r.y.key} (rows); seed ${JSON.stringify(r.seed)}, ${r.trials.toLocaleString('en-GB')} trials per cell.`,
    `* marks cells at or below ${pct(threshold)}: the deterrence frontier.`,
    '',
    `${''.padStart(22)}${r.x.values.map((v) => short(formatLeverValue(xs, v)).padStart(w)).join('')}`,
  ];
  for (let j = r.y.values.length - 1; j >= 0; j--) {
    const row = r.x.values.map((_, i) => {
      const c = r.cells[j * r.x.values.length + i];
      return `${pct(c.pWar)}${c.pWar <= threshold ? '*' : ' '}`.padStart(w);
    });
    lines.push(`${short(formatLeverValue(ys, r.y.values[j])).padStart(22)}${row.join('')}`);
  }
  return lines.join('\n') + '\n';
}

function short(s: string): string {
  return s.replace(' troops', '').replace(/,000$/, 'k').replace(/^(\d+),(\d)00k$/, '$1.$2m');
}

/** Everything the command needs before it runs: flags parsed and checked, levers resolved. Throws CliError. */
export function prepare(
  argv: readonly string[],
): { help: true; text: string } | { help: false; opts: CliOptions; run: ResolvedRun; x: SweepAxis; y: SweepAxis; threshold: number; workers: number } {
  const parsed = parseArgs(argv, {
    extra: {
      '--x': (t) => parseAxis(t, '--x'),
      '--y': (t) => parseAxis(t, '--y'),
      '--threshold': (t) => parseShare('--threshold', t, 0, 1, true),
      '--workers': (t) => parseWhole('--workers', t, 1, 16),
    },
  });
  if (!parsed.ok) throw new CliError(parsed.errors);
  const opts = parsed.value;
  if (opts.help) return { help: true, text: HELP };
  if (opts.listAssumptions) return { help: true, text: assumptionListText(opts.format) };
  const axes = defaultAxes();
  const x = (opts.extra['--x'] as SweepAxis | undefined) ?? axes.x;
  const y = (opts.extra['--y'] as SweepAxis | undefined) ?? axes.y;
  if (x.key === y.key) throw new CliError([{ field: '--y', message: `sweeps the same lever as --x (${x.key}); choose two different levers` }]);
  const run = resolveRun(opts, 2_000);
  const size = checkAnalysisSize(x.values.length * y.values.length, run.trials, 'cells', '--trials');
  if (!size.ok) throw new CliError(size.errors);
  const threshold = (opts.extra['--threshold'] as number | undefined) ?? 0.2;
  const workers = workersWithin(run.trials, (opts.extra['--workers'] as number | undefined) ?? defaultWorkers());
  return { help: false, opts, run, x, y, threshold, workers };
}

export async function main(argv: readonly string[], stdout: (s: string) => void): Promise<number> {
  const p = prepare(argv);
  if (p.help) {
    stdout(p.text);
    return 0;
  }
  const { opts, run, x, y, threshold, workers } = p;
  const jobs = y.values.flatMap((_, j) =>
    x.values.map((_, i) => ({ type: 'sweepCell' as const, levers: run.levers, assumptions: run.assumptions, x, y, i, j, seed: run.seed, trials: run.trials })),
  );
  const cells = (await runJobs(jobs, workers)).map((o) => o.cell);
  const result: SweepResult = { seed: run.seed, trials: run.trials, x, y, cells };
  withOutput(opts.out, stdout, (write) => {
    if (opts.format === 'json') write(JSON.stringify({ engineVersion: ENGINE_VERSION, params: { ...run.levers, assumptions: assumptionSet(run.assumptions) }, ...result }, null, 2) + '\n');
    // The same bytes as the page's sweep download (test/browser/determinism.test.ts); the JSON's params record the inputs.
    else if (opts.format === 'csv') write(sweepCsv(x, y, cells, run.seed, run.trials) + '\n');
    else write(formatSweepTable(result, threshold));
  });
  return 0;
}

if (isMainModule(import.meta.url)) await runAsProcess(main);
