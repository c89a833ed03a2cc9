import { ASSUMPTIONS, ASSUMPTION_KEYS, LEVERS, defaultLevers, formatAssumptionValue, formatLeverValue, warBy, type Summary, type WorldSpread } from '../engine/index';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * What the worlds line must add, as the page does: each world brings its own assumptions and
 * decision noise, so the run's assumption changes (`changes` of them) do not apply to that range.
 */
export function worldsNote(changes: number): string {
  const which = changes
    ? `so your ${changes} assumption change${changes === 1 ? '' : 's'} (--assume or the scenario's "assumptions") do${changes === 1 ? 'es' : ''} not apply to this range`
    : 'so changes made with --assume would not apply to this range';
  return `  Each world brings its own model assumptions and decision noise, which replace the run's, ${which}.`;
}

/** A human-readable summary of a run, for the terminal. */
export function formatTable(summary: Summary, scenarioTitle?: string, across?: { worlds: number; trialsPerWorld: number; pWar: WorldSpread; pResumption: WorldSpread; assumptionsNotApplied?: Record<string, number> }): string {
  const years = summary.horizonMonths / 12;
  const [lo, hi] = summary.pWarCI95;
  const g = summary.guarantorsTested;
  const lines = [
    `Ceasefire deterrence model ${summary.engineVersion}: an explorable model, not a forecast.`,
    `Seed ${JSON.stringify(summary.seed)}, ${summary.trials.toLocaleString('en-GB')} trials, horizon ${years} years (${summary.horizonMonths} months).`,
  ];
  if (scenarioTitle) lines.push(`Scenario: ${scenarioTitle}`);
  lines.push(
    '',
    `War (a limited or full-scale offensive) within ${years} years: ${pct(summary.pWar)} (simulation precision: 95% CI ${pct(lo)}–${pct(hi)})`,
    ...(across
      ? [
          `Across ${across.worlds} plausible worlds (${across.trialsPerWorld.toLocaleString('en-GB')} trials each; assumption sets consistent with the historical anchors): war p10–p90 ${pct(across.pWar.p10)}–${pct(across.pWar.p90)}, median ${pct(across.pWar.median)}, min–max ${pct(across.pWar.min)}–${pct(across.pWar.max)}`,
          worldsNote(Object.keys(across.assumptionsNotApplied ?? {}).length),
        ]
      : []),
    `Median time to war: ${
      summary.medianMonthsToWar === null ? `more than ${summary.horizonMonths} months (fewer than half go to war)` : `${summary.medianMonthsToWar} months`
    }`,
    `The war's mode: limited offensive ${pct(summary.warModeShares.limited)}, full-scale ${pct(summary.warModeShares.fullScale)}` +
      (summary.deliberateShare === null ? '' : `; chosen deliberately in ${pct(summary.deliberateShare)} of wars (the rest tipped by the tremble)`),
    `Short of war: a grey-zone campaign in ${pct(summary.pGreyZone)} of trials; any resumption (grey zone or war) ${pct(summary.pResumption)}`,
    g.tests === 0
      ? 'Guarantees when tested: no war in any trial'
      : `Guarantees when tested (${g.tests.toLocaleString('en-GB')} wars): Europe engaged ${pct(g.europeEngaged ?? 0)}, US engaged ${pct(g.usEngaged ?? 0)}, sanctions snapped back ${pct(g.snapback ?? 0)}`,
    '',
    'At war by:   ' +
      [1, 2, 3, 5, 10, 15, 20]
        .filter((y) => y <= years)
        .map((y) => `year ${y} ${pct(warBy(summary, 12 * y))}`)
        .join('   '),
  );
  const defaults = defaultLevers() as unknown as Record<string, unknown>;
  const params = summary.params as unknown as Record<string, unknown>;

  const changed = LEVERS.filter((l) => params[l.key] !== defaults[l.key]);
  lines.push('', changed.length ? 'Levers changed from the defaults:' : 'All levers at their defaults.');
  for (const l of changed) lines.push(`  ${l.key.padEnd(26)} ${formatLeverValue(l, params[l.key])} (default ${formatLeverValue(l, l.default)})`);
  const assumed = ASSUMPTION_KEYS.filter((k) => summary.params.assumptions[k] !== ASSUMPTIONS[k].value);
  lines.push(assumed.length ? 'Assumptions changed from the calibrated defaults:' : 'All model assumptions at their calibrated defaults.');
  for (const k of assumed) lines.push(`  ${k.padEnd(26)} ${formatAssumptionValue(summary.params.assumptions[k])} (default ${formatAssumptionValue(ASSUMPTIONS[k].value)})`);
  return lines.join('\n') + '\n';
}
