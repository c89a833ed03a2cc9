// Pieces every command shares: reading a scenario, resolving levers and run settings, writing the
// output, and turning user-fixable problems into one message each with exit status 2.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import {
  MAX_SCENARIO_BYTES,
  clipName,
  formatErrors,
  parseScenario,
  resolveLevers,
  scenarioSizeError,
  type FieldError,
  type LoadedScenario,
  type Levers,
} from '../engine/index';
import type { CliOptions } from './args';

/** A user-fixable problem: printed as "error: field: message" lines, exit status 2. */
export class CliError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(formatErrors(errors));
  }
}

/**
 * Read and validate a scenario file. A file over MAX_SCENARIO_BYTES is refused without reading it
 * all (a device such as /dev/zero included): at most one byte more than the limit is read.
 */
export function readScenario(file: string): LoadedScenario {
  const cannot = (e: unknown) =>
    new CliError([{ field: '--scenario', message: `cannot read ${JSON.stringify(clipName(file))} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw cannot(e);
  }
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    const tooBig = stat.isFile() ? scenarioSizeError(stat.size) : undefined;
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
  seed: string;
  trials: number;
  scenario?: LoadedScenario;
}

/** Levers (defaults < scenario < --set), seed and trials from parsed options. */
export function resolveRun(opts: CliOptions, defaultTrials = 10_000): ResolvedRun {
  const scenario = opts.scenario ? readScenario(opts.scenario) : undefined;
  const levers = resolveLevers(opts.set, scenario?.resolved);
  if (!levers.ok) throw new CliError(levers.errors);
  return { levers: levers.value, seed: opts.seed ?? '1', trials: opts.trials ?? defaultTrials, scenario };
}

/** Run `body` with a writer to --out (or `stdout`), closing the file afterwards. */
export function withOutput(out: string | undefined, stdout: (s: string) => void, body: (write: (s: string) => void) => void): void {
  if (!out) return body(stdout);
  let fd: number;
  try {
    fd = openSync(out, 'w');
  } catch (e) {
    throw new CliError([{ field: '--out', message: `cannot write ${JSON.stringify(out)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  try {
    body((s) => void writeSync(fd, s));
  } finally {
    closeSync(fd);
  }
}

/** True when the module at `url` is the script Node was started with. */
export function isMainModule(url: string): boolean {
  return !!process.argv[1] && url === new URL(`file://${process.argv[1]}`).href;
}

/** Run a command's main as the process: exit 2 with one line per user-fixable problem, 1 on a bug. */
export async function runAsProcess(main: (argv: readonly string[], stdout: (s: string) => void) => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2), (s) => void writeSync(1, s));
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`error: ${e.message.split('\n').join('\nerror: ')}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    }
  }
}
