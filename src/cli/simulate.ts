#!/usr/bin/env node
// The command line: the same engine as the page, for batch runs and scripts.
import { scenarioLabel, simulate, summarize, trialRowsCsv } from '../engine/index';
import { helpText, parseArgs } from './args';
import { CliError, isMainModule, resolveRun, runAsProcess, withOutput } from './common';
import { formatTable } from './table';

export { CliError };

/** Run the command line with `argv`; returns the exit code. Output goes to `stdout` or --out. */
export function main(argv: readonly string[], stdout: (s: string) => void): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) throw new CliError(parsed.errors);
  const opts = parsed.value;
  if (opts.help) {
    stdout(helpText());
    return 0;
  }
  const { levers, seed, trials, scenario } = resolveRun(opts);
  const { model, results } = simulate(levers, { seed, trials });
  withOutput(opts.out, stdout, (write) => {
    switch (opts.format) {
      case 'json':
        write(JSON.stringify(summarize(model, results, seed), null, 2) + '\n');
        break;
      case 'table':
        write(formatTable(summarize(model, results, seed), scenario?.title));
        break;
      case 'csv':
        // In slices, so a million rows never sit in one string.
        for (let from = 0; from < trials; from += 20_000) {
          write(trialRowsCsv(model, results, seed, from, Math.min(trials, from + 20_000), from === 0, scenarioLabel(scenario, levers)));
        }
        break;
      default:
        return opts.format satisfies never;
    }
  });
  return 0;
}

if (isMainModule(import.meta.url)) await runAsProcess(main);
