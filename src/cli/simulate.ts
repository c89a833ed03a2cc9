#!/usr/bin/env node
// The command line: the same engine as the page, for batch runs and scripts.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import {
  formatErrors,
  parseScenario,
  resolveLevers,
  simulate,
  summarize,
  trialRowsCsv,
  type FieldError,
} from '../engine/index';
import { helpText, parseArgs } from './args';
import { formatTable } from './table';

class CliError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(formatErrors(errors));
  }
}

function readScenario(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError([{ field: '--scenario', message: `cannot read ${JSON.stringify(file)} (${code ?? (e as Error).message})` }]);
  }
  const r = parseScenario(text);
  if (!r.ok) throw new CliError(r.errors.map((e) => ({ field: `${file}: ${e.field}`, message: e.message })));
  return r.value;
}

/** Run the command line with `argv`; returns the exit code. Output goes to `stdout` or --out. */
export function main(argv: readonly string[], stdout: (s: string) => void): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) throw new CliError(parsed.errors);
  const opts = parsed.value;
  if (opts.help) {
    stdout(helpText());
    return 0;
  }
  const scenario = opts.scenario ? readScenario(opts.scenario) : undefined;
  const levers = resolveLevers(opts.set, scenario?.resolved);
  if (!levers.ok) throw new CliError(levers.errors);
  const seed = opts.seed ?? '1';
  const trials = opts.trials ?? 10_000;
  const { model, results } = simulate(levers.value, { seed, trials });

  let fd: number | undefined;
  if (opts.out) {
    try {
      fd = openSync(opts.out, 'w');
    } catch (e) {
      throw new CliError([{ field: '--out', message: `cannot write ${JSON.stringify(opts.out)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
    }
  }
  const write = fd === undefined ? stdout : (s: string) => void writeSync(fd!, s);
  try {
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
          write(trialRowsCsv(model, results, seed, from, Math.min(trials, from + 20_000), from === 0));
        }
        break;
      default:
        return opts.format satisfies never;
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return 0;
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  try {
    process.exitCode = main(process.argv.slice(2), (s) => void writeSync(1, s));
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message.split('\n').join('\nerror: ')}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${(e as Error).message ?? String(e)}\n`);
      process.exitCode = 1;
    }
  }
}

