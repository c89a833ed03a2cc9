// Pieces every command shares: reading a scenario, resolving levers and run settings, writing the
// output, and turning user-fixable problems into one message each with exit status 2.
import { csvFormatRows } from 'd3-dsv';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import {
  MAX_SCENARIO_BYTES,
  assumptionList,
  clipName,
  quoteName,
  describeAssumptionRange,
  escapeControls,
  formatAssumptionValue,
  layerAssumptions,
  parseScenario,
  resolveLevers,
  scenarioSizeError,
  type AssumptionValues,
  type LoadedScenario,
  type Levers,
} from '../engine/index';
import type { CliOptions } from './args';
import { CliError } from './cliError';
import { OutFile, checkOutPath, regularFileError, stdoutWriter } from './output';

export { CliError };

/**
 * Read and validate a scenario file. Anything but a regular file (a FIFO, which would block until
 * a writer came; a device such as /dev/zero; a directory) is refused before it is opened, and again
 * after (non-blocking open, then fstat), in case it was swapped in between. A file over
 * MAX_SCENARIO_BYTES is refused without reading it all: at most one byte more than the limit is read.
 */
export function readScenario(file: string): LoadedScenario {
  const cannot = (e: unknown) =>
    new CliError([{ field: '--scenario', message: `cannot read ${quoteName(file)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  const notRegular = (message: string) => new CliError([{ field: '--scenario', message }]);
  let fd: number;
  try {
    const before = regularFileError(file, statSync(file));
    if (before) throw notRegular(before);
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw e instanceof CliError ? e : cannot(e);
  }
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    const after = regularFileError(file, stat);
    if (after) throw notRegular(after);
    const tooBig = scenarioSizeError(stat.size);
    if (tooBig) throw new CliError([{ field: `${clipName(file)}: scenario`, message: tooBig.message }]);
    const buf = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > MAX_SCENARIO_BYTES) {
      throw new CliError([{ field: `${clipName(file)}: scenario`, message: `is more than ${MAX_SCENARIO_BYTES.toLocaleString('en-GB')} bytes (256 KB), the most allowed` }]);
    }
    bytes = buf.subarray(0, n);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw cannot(e);
  } finally {
    closeSync(fd);
  }
  const r = parseScenario(bytes.toString('utf8'));
  if (!r.ok) throw new CliError(r.errors.map((e) => ({ field: `${clipName(file)}: ${e.field}`, message: e.message })));
  return r.value;
}

export interface ResolvedRun {
  levers: Levers;
  /** Assumption changes: the scenario's `assumptions`, then --assume over them. */
  assumptions: AssumptionValues;
  seed: string;
  trials: number;
  scenario?: LoadedScenario;
}

/**
 * Levers (defaults < scenario < --set), seed and trials from parsed options. --out is checked here
 * too (not a directory or FIFO, not the scenario file), so a refusal comes before a long run.
 */
export function resolveRun(opts: CliOptions, defaultTrials = 10_000): ResolvedRun {
  if (opts.out) checkOutPath(opts.out, opts.scenario);
  const scenario = opts.scenario ? readScenario(opts.scenario) : undefined;
  const levers = resolveLevers(opts.set, scenario?.resolved);
  if (!levers.ok) throw new CliError(levers.errors);
  const assumptions = layerAssumptions(scenario?.assumptions, opts.assumptions);
  return { levers: levers.value, assumptions, seed: opts.seed ?? '1', trials: opts.trials ?? defaultTrials, scenario };
}

/**
 * --list-assumptions: every assumption with its key, label, value, plausible range and source, as
 * JSON (`[{ key, label, value, min, max, source, calibrated }]`), CSV, or a table for people.
 */
export function assumptionListText(format: string): string {
  const list = assumptionList();
  if (format === 'json') return JSON.stringify(list, null, 2) + '\n';
  if (format === 'csv') return csvFormatRows([['key', 'label', 'value', 'min', 'max', 'source', 'calibrated'], ...list.map((a) => [a.key, a.label, String(a.value), String(a.min), String(a.max), a.source, String(a.calibrated)])]) + '\n';
  const lines = ['Model assumptions (change one with --assume key=value; a scenario file may carry an "assumptions" block):', ''];
  for (const a of list) {
    lines.push(`  ${a.key.padEnd(26)} ${formatAssumptionValue(a.value).padStart(8)}   ${describeAssumptionRange(a)}${a.calibrated ? ' (calibrated)' : ''}`);
    lines.push(`  ${''.padEnd(26)} ${a.label}`);
    lines.push(`  ${''.padEnd(26)} source: ${a.source}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Run `body` with a writer to --out (or `stdout`). --out is written atomically (see output.ts): the
 * file appears complete when `body` returns, and is left as it was if `body` or a write fails.
 */
export function withOutput(out: string | undefined, stdout: (s: string) => void, body: (write: (s: string) => void) => void): void {
  if (!out) return body(stdout);
  const file = new OutFile(out);
  try {
    body((s) => file.write(s));
  } catch (e) {
    file.abort();
    throw e;
  }
  file.commit();
}

/** As withOutput, for a body that awaits between pieces (so SIGINT can stop a long write). */
export async function withOutputAsync(out: string | undefined, stdout: (s: string) => void, body: (write: (s: string) => void) => Promise<void>): Promise<void> {
  if (!out) return body(stdout);
  const file = new OutFile(out);
  try {
    await body((s) => file.write(s));
  } catch (e) {
    file.abort();
    throw e;
  }
  file.commit();
}

/** True when the module at `url` is the script Node was started with. */
export function isMainModule(url: string): boolean {
  return !!process.argv[1] && url === new URL(`file://${process.argv[1]}`).href;
}

/** Run a command's main as the process: exit 2 with one line per user-fixable problem, 1 on a bug. */
export async function runAsProcess(main: (argv: readonly string[], stdout: (s: string) => void) => number | Promise<number>): Promise<void> {
  // Over a file-size limit (ulimit -f) a write should fail with EFBIG and be reported, not kill.
  process.on('SIGXFSZ', () => undefined);
  try {
    process.exitCode = await main(process.argv.slice(2), stdoutWriter());
  } catch (e) {
    if (e instanceof CliError) {
      // Every line escaped: a file name or value quoted from the input must not drive the terminal.
      process.stderr.write(e.message.split('\n').map((line) => `error: ${escapeControls(line)}\n`).join(''));
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${escapeControls(String((e as Error)?.message ?? e))}\n`);
      process.exitCode = 1;
    }
  }
}
