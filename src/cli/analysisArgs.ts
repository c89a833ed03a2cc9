import { readFileSync } from 'node:fs';
import { checkSeed, didYouMean, fail, formatErrors, ok, parseScenario, resolveLevers, type FieldError, type Levers, type Result } from '../engine/index';
import { parseSet, parseTrials } from './args';

/**
 * Flag parsing shared by the analysis commands (discover, explain): the run flags of `simulate`
 * (--scenario, --set, --trials, --seed), --format json|table, plus each command's own numeric
 * flags. Every problem becomes one FieldError naming the flag.
 */

export const ANALYSIS_FORMATS = ['json', 'table'] as const;
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];

/** A command-specific flag taking a number, parsed and checked by `parse`. */
export interface ExtraFlag {
  flag: string;
  parse: (text: string) => Result<number>;
}

export interface AnalysisOptions {
  help: boolean;
  scenario?: string;
  set: Record<string, unknown>;
  trials?: number;
  seed?: string;
  format: AnalysisFormat;
  /** Values of the command's own flags, by flag name (e.g. `--trial`). */
  extra: Record<string, number>;
}

/** A user-fixable command-line problem: printed as "error: field: message" lines, exit code 2. */
export class CliError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(formatErrors(errors));
  }
}

const RUN_FLAGS = ['--scenario', '--set', '--trials', '--seed', '--format'] as const;

/** Parse argv (without node and the script) for an analysis command. Reports every problem. */
export function parseAnalysisArgs(argv: readonly string[], extras: readonly ExtraFlag[]): Result<AnalysisOptions> {
  const opts: AnalysisOptions = { help: false, set: {}, format: 'table', extra: {} };
  const errors: FieldError[] = [];
  const valueFlags: string[] = [...RUN_FLAGS, ...extras.map((e) => e.flag)];
  const allFlags = [...valueFlags, '--help'];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0 && valueFlags.includes(arg.slice(0, eq))) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '--help' || arg === '-h') {
      opts.help = true;
      continue;
    }
    if (!valueFlags.includes(arg)) {
      const guess = arg.startsWith('-') ? didYouMean(arg, allFlags) : undefined;
      errors.push({
        field: arg,
        message: arg.startsWith('-')
          ? `unknown flag${guess ? ` (did you mean ${guess}?)` : ''}; see --help`
          : `unexpected argument; flags are ${allFlags.join(', ')}`,
      });
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) {
        errors.push({ field: arg, message: 'needs a value' });
        continue;
      }
      value = argv[++i];
    }
    const extra = extras.find((e) => e.flag === arg);
    if (extra) {
      const r = extra.parse(value);
      if (r.ok) opts.extra[arg] = r.value;
      else errors.push(...r.errors);
      continue;
    }
    switch (arg as (typeof RUN_FLAGS)[number]) {
      case '--scenario':
        opts.scenario = value;
        break;
      case '--set': {
        const r = parseSet(value);
        if (r.ok) opts.set[r.value[0]] = r.value[1];
        else errors.push(...r.errors);
        break;
      }
      case '--trials': {
        const r = parseTrials(value);
        if (r.ok) opts.trials = r.value;
        else errors.push(...r.errors);
        break;
      }
      case '--seed': {
        const r = checkSeed(value);
        if (r.ok) opts.seed = r.value;
        else errors.push(...r.errors.map((e) => ({ ...e, field: '--seed' })));
        break;
      }
      case '--format':
        if ((ANALYSIS_FORMATS as readonly string[]).includes(value)) opts.format = value as AnalysisFormat;
        else errors.push({ field: '--format', message: `${JSON.stringify(value)} is not a format; expected one of ${ANALYSIS_FORMATS.join(', ')}` });
        break;
    }
  }
  return errors.length ? fail(errors) : ok(opts);
}

/** A whole number in [min, max] for `flag`, underscores allowed. */
export function parseWhole(flag: string, text: string, min: number, max: number): Result<number> {
  const t = text.trim().replaceAll('_', '');
  if (!/^\d+$/.test(t)) return fail([{ field: flag, message: `${JSON.stringify(text)} is not a whole number; expected ${min}–${max}` }]);
  const n = Number(t);
  if (n < min || n > max) return fail([{ field: flag, message: `${n} is out of range; expected ${min}–${max}` }]);
  return ok(n);
}

/** A number strictly between lo and hi (or up to hi inclusive when `hiInclusive`) for `flag`. */
export function parseShare(flag: string, text: string, lo: number, hi: number, hiInclusive = false): Result<number> {
  const n = text.trim() === '' ? NaN : Number(text);
  const inRange = n > lo && (hiInclusive ? n <= hi : n < hi);
  if (!Number.isFinite(n) || !inRange) {
    return fail([{ field: flag, message: `${JSON.stringify(text)} is not allowed; expected a number greater than ${lo} and ${hiInclusive ? 'at most' : 'less than'} ${hi}` }]);
  }
  return ok(n);
}

/** Read and validate a scenario file; problems name the file and field. */
export function readScenarioFile(file: string) {
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

/** The levers of a run: defaults, then the scenario file, then --set. */
export function leversFrom(opts: AnalysisOptions): { levers: Levers; scenarioTitle?: string } {
  const scenario = opts.scenario ? readScenarioFile(opts.scenario) : undefined;
  const levers = resolveLevers(opts.set, scenario?.resolved);
  if (!levers.ok) throw new CliError(levers.errors);
  return { levers: levers.value, scenarioTitle: scenario?.title };
}

/** Run `main` as a process: user-fixable problems exit 2 with one line each, no stack trace. */
export function runAsProcess(main: (argv: readonly string[], write: (s: string) => void) => number, write: (s: string) => void): void {
  try {
    process.exitCode = main(process.argv.slice(2), write);
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
