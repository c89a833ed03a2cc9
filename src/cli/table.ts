import { LEVERS, defaultLevers, formatLeverValue, resumedBy, type Summary } from '../engine/index';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A human-readable summary of a run, for the terminal. */
export function formatTable(summary: Summary, scenarioTitle?: string): string {
  const years = summary.horizonMonths / 12;
  const [lo, hi] = summary.pResumptionCI95;
  const g = summary.guarantorsTested;
  const lines = [
    `Ceasefire deterrence model ${summary.engineVersion}: an explorable model, not a forecast.`,
    `Seed ${JSON.stringify(summary.seed)}, ${summary.trials.toLocaleString('en-GB')} trials, horizon ${years} years (${summary.horizonMonths} months).`,
  ];
  if (scenarioTitle) lines.push(`Scenario: ${scenarioTitle}`);
  lines.push(
    '',
    `Ceasefire breaks within ${years} years: ${pct(summary.pResumption)} (95% CI ${pct(lo)}–${pct(hi)})`,
    `Median time to resumption: ${
      summary.medianMonthsToResumption === null
        ? `more than ${summary.horizonMonths} months (fewer than half resume)`
        : `${summary.medianMonthsToResumption} months`
    }`,
    `By mode: grey zone ${pct(summary.modeShares.greyZone)}, limited offensive ${pct(summary.modeShares.limited)}, full-scale ${pct(summary.modeShares.fullScale)}`,
    g.tests === 0
      ? 'Guarantees when tested: no conventional resumption in any trial'
      : `Guarantees when tested (${g.tests.toLocaleString('en-GB')} conventional resumptions): Europe engaged ${pct(g.europeEngaged ?? 0)}, US engaged ${pct(g.usEngaged ?? 0)}`,
    '',
    'Broken by:   ' +
      [1, 2, 3, 5, 10, 15, 20]
        .filter((y) => y <= years)
        .map((y) => `year ${y} ${pct(resumedBy(summary, 12 * y))}`)
        .join('   '),
  );
  const defaults = defaultLevers() as unknown as Record<string, unknown>;
  const params = summary.params as unknown as Record<string, unknown>;
  const changed = LEVERS.filter((l) => params[l.key] !== defaults[l.key]);
  lines.push('', changed.length ? 'Levers changed from the defaults:' : 'All levers at their defaults.');
  for (const l of changed) lines.push(`  ${l.key.padEnd(26)} ${formatLeverValue(l, params[l.key])} (default ${formatLeverValue(l, l.default)})`);
  return lines.join('\n') + '\n';
}
