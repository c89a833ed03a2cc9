#!/usr/bin/env node
// `npm run discover`: which draws lead to war (PRIM scenario discovery and a rank-correlation ranking).
import { ENGINE_VERSION, assumptionSet, discover, escapeControls, simulate, type Discovery, type DiscoverOptions } from '../engine/index';
import { parseShare, parseWhole } from './analysisArgs';
import { ASSUME_HELP, parseArgs } from './args';
import { CliError, assumptionListText, isMainModule, resolveRun, runAsProcess, withOutput } from './common';

const HELP = `Usage: npm run discover -- [--scenario FILE] [--set key=value]... [--assume key=value]... [--trials N] [--seed S]
                           [--alpha A] [--min-support S] [--min-coverage C] [--boxes K]
                           [--format json|table] [--out FILE]

Scenario discovery on a run: which of the trial's hidden draws (Moscow's resolve, Europe's draw,
the sanctions relief and reconstitution levels, each elected US administration's credibility) go
with a breakdown. PRIM (Friedman and Fisher 1999) finds a box of draws where breakdowns concentrate,
for any resumption (a grey-zone campaign or war) and for war (a limited or full-scale offensive);
Spearman's rank correlation ranks the draws by how strongly they go with an early war (trials with
no war count as going to war after the horizon). An explorable model, not a forecast.

  --scenario FILE     a scenario JSON file (see scenarios/); its levers apply over the defaults
  --set key=value     set one lever (repeatable; applies over the scenario)
${ASSUME_HELP}
  --trials N          Monte Carlo trials, 100–1,000,000 (default 10,000)
  --seed S            random seed (default "1")
  --alpha A           share of the box peeled per step, 0–0.5 exclusive (default 0.05)
  --min-support S     smallest box as a share of all trials, 0–1 exclusive (default 0.05)
  --min-coverage C    the chosen box is the densest with at least this coverage, 0–1 (default 0.5)
  --boxes K           boxes per outcome, 1–5 (default 2): box k is sought among the trials outside
                      boxes 1…k−1, so it says where else breakdowns concentrate
  --format F          table (default) or json (boxes, full peeling trajectories and the ranking)
  --out FILE          write to FILE instead of standard output

Coverage: share of all breakdowns inside the box. Density: share of the box's trials that break.
Support: share of all trials inside the box.
`;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The discovery as text for the terminal. */
export function formatDiscovery(d: Discovery, seed: string, scenarioTitle?: string): string {
  const lines = [
    `Ceasefire deterrence model ${ENGINE_VERSION}: an explorable model, not a forecast.`,
    `Seed ${JSON.stringify(seed)}, ${d.trials.toLocaleString('en-GB')} trials, horizon ${d.horizon} months.`,
  ];
  if (scenarioTitle) lines.push(`Scenario: ${scenarioTitle}`);
  for (const b of d.boxes) {
    const p = b.prim;
    const among = b.rank === 1 ? 'all trials' : `the ${b.trialsConsidered.toLocaleString('en-GB')} trials outside box${b.rank > 2 ? 'es 1–' + (b.rank - 1) : ' 1'}`;
    lines.push(
      '',
      `${b.rank === 1 ? 'Where' : `Box ${b.rank}: where else`} ${b.label} concentrates (PRIM on ${among}, alpha ${p.options.alpha}, minimum support ${pct(p.options.minSupport)}):`,
      `  base rate ${pct(p.baseDensity)} (${p.positives.toLocaleString('en-GB')} of ${p.n.toLocaleString('en-GB')} trials)`,
    );
    if (p.positives === 0) {
      lines.push('  no trial has this outcome: nothing to discover');
      continue;
    }
    const box = p.box;
    lines.push(
      `  box: ${box.conditions}`,
      `       coverage ${pct(box.coverage)}, density ${pct(box.density)}, support ${pct(box.support)}` +
        (b.rank > 1 ? ` of those trials; ${pct(b.coverageOfAll)} of all cases in the run` : '') +
        ` (densest box on the peeling trajectory with coverage ≥ ${pct(p.options.minCoverage)}` +
        `${box.count !== p.trajectory[p.chosen].count ? ', then pasted' : ''})`,
      '  peeling trajectory (every 5th box, the chosen one and the last):',
      `  ${'step'.padStart(4)}  ${'coverage'.padStart(8)}  ${'density'.padStart(7)}  ${'support'.padStart(7)}  conditions`,
    );
    p.trajectory.forEach((s, i) => {
      if (i % 5 !== 0 && i !== p.chosen && i !== p.trajectory.length - 1) return;
      lines.push(
        `  ${String(i).padStart(4)}  ${pct(s.coverage).padStart(8)}  ${pct(s.density).padStart(7)}  ${pct(s.support).padStart(7)}  ${s.conditions}${i === p.chosen ? '   <- chosen' : ''}`,
      );
    });
  }
  lines.push(
    '',
    "Draws ranked by Spearman's rank correlation with time to war (trials with no war = horizon + 1):",
    `  ${'rho'.padStart(6)}  draw`,
  );
  for (const r of d.ranking) {
    const effect =
      r.z === null || Math.abs(r.z) < 2
        ? '  (no association distinguishable from chance: |rho| · √(n − 1) < 2)'
        : r.direction === 'earlier'
          ? '  (higher: earlier war)'
          : '  (higher: later war)';
    lines.push(`  ${(r.rho === null ? 'n/a' : r.rho.toFixed(3)).padStart(6)}  ${r.label}${effect}`);
  }
  return lines.join('\n') + '\n';
}

/** Run the command with `argv`; returns the exit code. Problems throw a CliError (exit 2). */
export function main(argv: readonly string[], write: (s: string) => void): number {
  const parsed = parseArgs(argv, {
    formats: ['json', 'table'],
    extra: {
      '--alpha': (t) => parseShare('--alpha', t, 0, 0.5),
      '--min-support': (t) => parseShare('--min-support', t, 0, 1),
      '--min-coverage': (t) => parseShare('--min-coverage', t, 0, 1, true),
      '--boxes': (t) => parseWhole('--boxes', t, 1, 5),
    },
  });
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
  const { levers, assumptions, seed, trials, scenario } = resolveRun(opts);
  const scenarioTitle = scenario?.title;
  const extra = opts.extra as Record<string, number | undefined>;
  const primOptions: DiscoverOptions = { boxesPerOutcome: extra['--boxes'] ?? 2 };
  if (extra['--alpha'] !== undefined) primOptions.alpha = extra['--alpha'];
  if (extra['--min-support'] !== undefined) primOptions.minSupport = extra['--min-support'];
  if (extra['--min-coverage'] !== undefined) primOptions.minCoverage = extra['--min-coverage'];
  const { model, results } = simulate(levers, { seed, trials, assumptions });
  const d = discover(model, results, primOptions);
  withOutput(opts.out, write, (out) => {
    switch (opts.format) {
      case 'json':
        out(JSON.stringify({ engineVersion: ENGINE_VERSION, seed, params: { ...levers, assumptions: assumptionSet(assumptions) }, ...d }, null, 2) + '\n');
        break;
      case 'table':
        // A title comes from a file: escape any control character so none reaches the terminal.
        out(escapeControls(formatDiscovery(d, seed, scenarioTitle), true));
        break;
      default:
        // parseArgs accepted only json and table for this command.
        throw new CliError([{ field: '--format', message: `${opts.format} is not available here; expected json or table` }]);
    }
  });
  return 0;
}

if (isMainModule(import.meta.url)) await runAsProcess(main);
