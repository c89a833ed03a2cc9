import {
  LEVER_KEYS,
  checkSeed,
  clipName,
  quoteName,
  describeAllowed,
  didYouMean,
  fail,
  leverSpec,
  ok,
  parseAssumePairs,
  parseLeverText,
  unknownLeverError,
  type AssumptionValues,
  type FieldError,
  type Result,
} from '../engine/index';
import { WHOLE_RE } from './analysisArgs';

/**
 * Parsing of the command line's flags: pure (no Node), so it is unit-tested directly. Every
 * problem becomes a FieldError naming the flag and what it accepts.
 */

export const FORMATS = ['json', 'csv', 'table'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  help: boolean;
  scenario?: string;
  /** Lever values from --set, in order, already parsed and range-checked. */
  set: Record<string, unknown>;
  /** Assumption changes from --assume (repeatable), parsed and range-checked; they apply over a scenario's. */
  assumptions: AssumptionValues;
  /** --list-assumptions: print every assumption (key, label, value, range, source) and stop. */
  listAssumptions: boolean;
  trials?: number;
  seed?: string;
  format: Format;
  out?: string;
  /** Values of a command's own flags (see CommandSpec.extra), by flag name. */
  extra: Record<string, unknown>;
}

/** A command's own value flags beyond the common ones, each with a parser. */
export interface CommandSpec {
  formats?: readonly string[];
  defaultFormat?: string;
  extra?: Record<string, (text: string) => Result<unknown>>;
}

const COMMON_FLAGS = ['--scenario', '--set', '--assume', '--trials', '--seed', '--format', '--out'] as const;

/** Parse a trial count written as text: a whole number 100–1,000,000 (underscores between groups of three allowed). */
export function parseTrials(text: string): Result<number> {
  const t = text.trim();
  if (!WHOLE_RE.test(t)) {
    return fail([{ field: '--trials', message: `${quoteName(text)} is not a whole number; expected a whole number from 100–1,000,000` }]);
  }
  const n = Number(t.replaceAll('_', ''));
  if (n < 100 || n > 1_000_000) {
    return fail([{ field: '--trials', message: `${clipName(t)} is out of range; expected a whole number from 100–1,000,000` }]);
  }
  return ok(n);
}

/** Parse one `--set key=value`. */
export function parseSet(text: string): Result<[string, unknown]> {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    return fail([{ field: '--set', message: `${quoteName(text)} is not key=value (e.g. --set euTroops=50000)` }]);
  }
  const key = text.slice(0, eq).trim();
  const value = text.slice(eq + 1);
  if (key === 'trials' || key === 'seed') {
    return fail([{ field: '--set', message: `${key} is a run setting, not a lever; use --${key}` }]);
  }
  const spec = leverSpec(key);
  if (!spec) return fail([unknownLeverError(key, `--set ${clipName(key)}`)]);
  const r = parseLeverText(spec, value);
  if (!r.ok) return fail(r.errors.map((e) => ({ field: `--set ${e.field}`, message: e.message })));
  return ok([key, r.value]);
}

/** Parse argv (without node and the script). Reports every problem, not just the first. */
export function parseArgs(argv: readonly string[], spec: CommandSpec = {}): Result<CliOptions> {
  const formats = spec.formats ?? FORMATS;
  const extra = spec.extra ?? {};
  const valueFlags: string[] = [...COMMON_FLAGS, ...Object.keys(extra)];
  const allFlags = [...valueFlags, '--list-assumptions', '--help'];
  const opts: CliOptions = { help: false, set: {}, assumptions: {}, listAssumptions: false, format: (spec.defaultFormat ?? 'table') as Format, extra: {} };
  const errors: FieldError[] = [];
  const assume: string[] = [];
  /** Value flags given, in order. */
  const given: string[] = [];
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
    if (arg === '--list-assumptions') {
      opts.listAssumptions = true;
      continue;
    }
    if (!valueFlags.includes(arg)) {
      const guess = arg.startsWith('-') ? didYouMean(arg, allFlags) : undefined;
      errors.push({
        field: clipName(arg),
        message: arg.startsWith('-')
          ? `unknown flag${guess ? ` (did you mean ${guess}?)` : ''}; see --help`
          : `unexpected argument; flags are ${allFlags.join(', ')}`,
      });
      continue;
    }
    given.push(arg);
    if (value === undefined) {
      if (i + 1 >= argv.length) {
        errors.push({ field: arg, message: 'needs a value' });
        continue;
      }
      value = argv[++i];
    }
    if (Object.prototype.hasOwnProperty.call(extra, arg)) {
      const r = extra[arg](value);
      if (r.ok) opts.extra[arg] = r.value;
      else errors.push(...r.errors.map((e) => ({ ...e, field: e.field || arg })));
      continue;
    }
    switch (arg as (typeof COMMON_FLAGS)[number]) {
      case '--scenario':
        opts.scenario = value;
        break;
      case '--out':
        // An empty name would otherwise mean "standard output" without a word.
        if (value === '') errors.push({ field: '--out', message: 'needs a file name (leave --out out to write to standard output)' });
        else opts.out = value;
        break;
      case '--set': {
        const r = parseSet(value);
        if (r.ok) opts.set[r.value[0]] = r.value[1];
        else errors.push(...r.errors);
        break;
      }
      case '--assume':
        assume.push(value);
        break;
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
        if (formats.includes(value)) opts.format = value as Format;
        else errors.push({ field: '--format', message: `${quoteName(value)} is not a format; expected one of ${formats.join(', ')}` });
        break;
    }
  }
  const assumed = parseAssumePairs(assume);
  if (assumed.ok) opts.assumptions = assumed.value;
  else errors.push(...assumed.errors);
  // --list-assumptions lists and stops: a flag for a run beside it would be dropped without a word.
  const stray = given.filter((f) => f !== '--format');
  if (opts.listAssumptions && !opts.help && stray.length) {
    errors.push({ field: '--list-assumptions', message: `lists the assumptions to standard output and runs nothing, so ${[...new Set(stray)].join(', ')} would do nothing; leave ${stray.length > 1 ? 'them' : 'it'} out` });
  }
  return errors.length ? fail(errors) : ok(opts);
}

/** The lines --help gives the flags every command shares for assumptions. */
export const ASSUME_HELP = [
  '  --assume key=value  change one model assumption within its plausible range (repeatable; applies',
  '                    over the scenario\'s "assumptions"); --list-assumptions shows keys and ranges',
  '  --list-assumptions  print every assumption: key, label, value, min, max, source (--format json|table)',
].join('\n');

/** The --help text, with every lever from the registry. */
export function helpText(): string {
  const lines = [
    'Usage: npm run simulate -- [--scenario FILE] [--set key=value]... [--assume key=value]... [--trials N] [--seed S]',
    '                           [--worlds N] [--world-trials N]',
    '                           [--format json|csv|table] [--out FILE]',
    '',
    'Runs the ceasefire deterrence model: an explorable model, not a forecast.',
    '',
    '  --scenario FILE   a scenario JSON file (see scenarios/); its levers apply over the defaults',
    '  --set key=value   set one lever (repeatable; applies over the scenario)',
    ASSUME_HELP,
    '  --worlds N        also run the levers across the first N plausible worlds (history-matched',
    '                    assumption sets) and add acrossWorlds { p10, median, p90, min, max } of',
    '                    pWar and pResumption to the JSON (the table prints the war line). Each world',
    '                    brings its own assumptions, so --assume and the scenario\'s "assumptions" do not',
    '                    apply to this range (the JSON lists them as acrossWorlds.assumptionsNotApplied).',
    '                    json and table only (csv holds one row per trial)',
    '  --world-trials N  trials per world for --worlds, 100–100,000 (default 1,000)',
    '  --trials N        Monte Carlo trials, 100–1,000,000 (default 10,000)',
    '  --seed S          random seed, any text up to 64 characters (default "1")',
    '  --format F        json (the summary), csv (one row per trial), table (default)',
    '  --out FILE        write to FILE instead of standard output',
    '',
    'Levers:',
  ];
  for (const key of LEVER_KEYS) {
    const spec = leverSpec(key)!;
    lines.push(`  ${key.padEnd(26)} ${describeAllowed(spec)}; default ${JSON.stringify(spec.default)}`);
  }
  return lines.join('\n') + '\n';
}
