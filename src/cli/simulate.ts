#!/usr/bin/env node
// The command line: the same engine as the page, for batch runs and scripts.
import { acrossWorlds, allocateResults, escapeControls, type FieldError, chunkedTrials, compileModel, scenarioLabel, simulate, summarize, trialRowsCsv, WORLD_TRIALS, type Levers, type WorldCell } from '../engine/index';
import { defaultWorkers, runJobs, workersWithin } from './pool';
import { WORLDS_FILE } from '../engine/model/worlds';
import { parseWhole } from './analysisArgs';
import { helpText, parseArgs } from './args';
import { CliError, assumptionListText, isMainModule, resolveRun, runAsProcess, withOutput, withOutputAsync } from './common';
import { formatTable } from './table';

export { CliError };

/**
 * Trials simulated, then written, per slice of the CSV: rows go out as their trials complete, so
 * only one slice of text is held at a time (a million rows would be 250 MB as one string).
 */
export const CSV_SLICE = 10_000;

/** A turn of the event loop, so SIGINT/SIGTERM can stop a long write and remove its temporary file. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Run the command line with `argv`; resolves to the exit code. Output goes to `stdout` or --out. */
export async function main(argv: readonly string[], stdout: (s: string) => void): Promise<number> {
  const parsed = parseArgs(argv, {
    extra: {
      '--worlds': (t) => parseWhole('--worlds', t, 1, WORLDS_FILE.worlds.length),
      '--world-trials': (t) => parseWhole('--world-trials', t, 100, 100_000),
    },
  });
  if (!parsed.ok) throw new CliError(parsed.errors);
  const opts = parsed.value;
  if (opts.help) {
    stdout(helpText());
    return 0;
  }
  if (opts.listAssumptions) {
    stdout(assumptionListText(opts.format));
    return 0;
  }
  const worlds = opts.extra['--worlds'] as number | undefined;
  const worldTrials = opts.extra['--world-trials'] as number | undefined;
  // Flags that would otherwise be dropped without a word.
  const unused: FieldError[] = [];
  if (worlds !== undefined && opts.format === 'csv') {
    unused.push({ field: '--worlds', message: 'adds the range across plausible worlds to the json and table output; the csv holds one row per trial and has no place for it: choose --format json or table, or leave out --worlds' });
  }
  if (worldTrials !== undefined && worlds === undefined) {
    unused.push({ field: '--world-trials', message: 'sets the trials per world for --worlds; give --worlds N too, or leave out --world-trials' });
  }
  if (unused.length) throw new CliError(unused);
  const { levers, assumptions, seed, trials, scenario } = resolveRun(opts);
  if (opts.format === 'csv') {
    // The trial arrays (37 bytes a trial) are filled slice by slice; each slice's rows are written
    // as soon as its trials are done.
    const model = compileModel(levers, assumptions);
    const results = allocateResults(trials);
    const label = scenarioLabel(scenario, levers, assumptions);
    await withOutputAsync(opts.out, stdout, async (write) => {
      let from = 0;
      for (const done of chunkedTrials(model, seed, 0, trials, results, CSV_SLICE)) {
        write(trialRowsCsv(model, results, seed, from, done, from === 0, label));
        from = done;
        await turn();
      }
    });
    return 0;
  }
  const format = opts.format;
  const { model, results } = simulate(levers, { seed, trials, assumptions });
  const band = worlds === undefined ? undefined : await runAcrossWorlds(levers, seed, worlds, worldTrials ?? WORLD_TRIALS);
  // Each world brings its own assumptions: the run's changes do not apply to the band, and it says so.
  const across = band && { ...band, assumptionsNotApplied: assumptions };
  withOutput(opts.out, stdout, (write) => {
    switch (format) {
      case 'json':
        write(JSON.stringify(across ? { ...summarize(model, results, seed), acrossWorlds: across } : summarize(model, results, seed), null, 2) + '\n');
        break;
      case 'table':
        // A title comes from a file: escape any control character so none reaches the terminal.
        write(escapeControls(formatTable(summarize(model, results, seed), scenario ? scenarioLabel(scenario, levers, assumptions) : undefined, across), true));
        break;
      default:
        return format satisfies never;
    }
  });
  return 0;
}

/**
 * The run's levers across the first `n` plausible worlds (WORLDS_FILE), `trialsEach` trials each
 * with the run's seed: the spread of pResumption and pWar over them, and how the worlds were made.
 */
export async function runAcrossWorlds(levers: Levers, seed: string, n: number, trialsEach: number, workers = defaultWorkers()) {
  const jobs = WORLDS_FILE.worlds.slice(0, n).map((world) => ({ type: 'world' as const, levers, world, seed, trials: trialsEach }));
  const cells = (await runJobs(jobs, workersWithin(trialsEach, workers))).map((o) => o.cell);
  const { pResumption, pWar } = acrossWorlds(cells);
  return { worlds: cells.length, trialsPerWorld: trialsEach, worldsFile: { engineVersion: WORLDS_FILE.engineVersion, seed: WORLDS_FILE.seed, kept: WORLDS_FILE.kept, sampled: WORLDS_FILE.sampled }, pResumption, pWar };
}

if (isMainModule(import.meta.url)) await runAsProcess(main);
