// A model-check style scenario matrix: the defaults, then each lever alone at its minimum and at its
// maximum, each run with seed "golden" and 2,000 trials. Every run must satisfy the invariants, and
// the figures are kept as a golden fixed-seed snapshot (golden/scenario-matrix.json).
//
// The snapshot changes only on purpose. If it changes, the model changed: bump ENGINE_VERSION
// (src/engine/version.ts) and regenerate with `npx vitest run test/engine/scenarioMatrix.test.ts -u` (path first: vitest 4's
// `-u` takes an optional value and would swallow a path after it, updating every snapshot),
// saying in the commit why the figures moved.
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION, LEVERS, changedLevers, checkLeverValue, choiceValues, defaultLevers, simulate, summarize, type LeverSpec, type Levers, type Summary } from '../../src/engine';
import { checkSummary } from './checks';

const SEED = 'golden';
const TRIALS = 2_000;

function ends(spec: LeverSpec): [unknown, unknown] {
  switch (spec.kind) {
    case 'number':
    case 'month':
      return [spec.min, spec.max];
    case 'boolean':
      return [false, true];
    case 'choice': {
      const v = choiceValues(spec);
      return [v[0], v[v.length - 1]];
    }
    default:
      return spec satisfies never;
  }
}

const matrix: { name: string; key?: string; end?: 'min' | 'max'; levers: Levers }[] = [{ name: 'defaults', levers: defaultLevers() }];
for (const spec of LEVERS) {
  const [lo, hi] = ends(spec);
  matrix.push({ name: `${spec.key}=${String(lo)}`, key: spec.key, end: 'min', levers: { ...defaultLevers(), [spec.key]: lo } });
  matrix.push({ name: `${spec.key}=${String(hi)}`, key: spec.key, end: 'max', levers: { ...defaultLevers(), [spec.key]: hi } });
}

const r6 = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);

function figures(s: Summary) {
  const at = (t: number) => (t <= s.horizonMonths ? r6(s.survival[t]) : null);
  const war = (t: number) => (t <= s.horizonMonths ? r6(s.survivalWar[t]) : null);
  return {
    pWar: r6(s.pWar),
    medianMonthsToWar: s.medianMonthsToWar,
    warModeShares: { limited: r6(s.warModeShares.limited), fullScale: r6(s.warModeShares.fullScale) },
    pGreyZone: r6(s.pGreyZone),
    deliberateShare: r6(s.deliberateShare),
    survivalWar: { 12: war(12), 60: war(60), 120: war(120) },
    pResumption: r6(s.pResumption),
    medianMonthsToResumption: s.medianMonthsToResumption,
    modeShares: { greyZone: r6(s.modeShares.greyZone), limited: r6(s.modeShares.limited), fullScale: r6(s.modeShares.fullScale) },
    guarantorsTested: { tests: s.guarantorsTested.tests, europeEngaged: r6(s.guarantorsTested.europeEngaged), usEngaged: r6(s.guarantorsTested.usEngaged) },
    survival: { 12: at(12), 60: at(60), 120: at(120) },
  };
}

describe('the scenario matrix', () => {
  const summaries = new Map<string, Summary>();
  // In a hook, not the describe body: the runs' time is then reported (and a throw fails a test).
  beforeAll(() => {
    for (const row of matrix) {
      const run = simulate(row.levers, { seed: SEED, trials: TRIALS });
      summaries.set(row.name, summarize(run.model, run.results, SEED));
    }
    // About 45 runs of 2,000 trials: allow for a loaded 2-core machine.
  }, 120_000);

  it('sets each row\'s lever, and only it, to a valid end of its range', () => {
    for (const row of matrix.slice(1)) {
      const spec = LEVERS.find((l) => l.key === row.key)!;
      // A lever whose default is an end (a boolean off by default) leaves that row equal to the defaults.
      expect(changedLevers(defaultLevers(), row.levers).filter((k) => k !== row.key), row.name).toEqual([]);
      expect(checkLeverValue(spec, row.levers[spec.key]).ok, row.name).toBe(true);
    }
    // The ends, as MODEL.md states them for a few levers (not read back from the registry).
    const at = (name: string) => matrix.find((r) => r.name === name)?.levers;
    expect(at('euTroops=0')?.euTroops).toBe(0);
    expect(at('euTroops=200000')?.euTroops).toBe(200_000);
    expect(at('usTier=none')?.usTier).toBe('none');
    expect(at('usTier=rapid-reinforcement')?.usTier).toBe('rapid-reinforcement');
    expect(at('euPosture=combat')?.euPosture).toBe('combat');
    expect(at('article5Like=true')?.article5Like).toBe(true);
  });

  it.each(LEVERS.map((l) => [l.key]))('%s changes the outcome between the ends of its range (no lever is wired to nothing)', (key) => {
    const spec = LEVERS.find((l) => l.key === key)!;
    // The outcome: survival month by month, modes, guarantors, and when the US elections fall (the start date moves them).
    const outcome = (s: Summary) => ({ survival: s.survival, modeShares: s.modeShares, guarantorsTested: s.guarantorsTested, elections: s.elections });
    const [lo, hi] = ends(spec).map((v) => outcome(summaries.get(`${key}=${String(v)}`)!));
    expect(hi).not.toEqual(lo);
  });

  it.each(matrix.map((r) => [r.name]))('satisfies the invariants with %s', (name) => {
    const s = summaries.get(name)!;
    expect(() => checkSummary(s, TRIALS)).not.toThrow();
    expect(s.trials).toBe(TRIALS);
    expect(s.seed).toBe(SEED);
  });

  it('moves pResumption in each directional lever’s direction between its two ends', () => {
    for (const spec of LEVERS) {
      if (spec.direction === 'none') continue;
      const lo = summaries.get(`${spec.key}=${String(ends(spec)[0])}`)!.pResumption;
      const hi = summaries.get(`${spec.key}=${String(ends(spec)[1])}`)!.pResumption;
      if (spec.direction === 'deters') expect(hi, spec.key).toBeLessThanOrEqual(lo);
      else expect(hi, spec.key).toBeGreaterThanOrEqual(lo);
    }
  });

  it('moves Moscow toward the grey zone as conventional deterrence grows, while war falls (MODEL.md mechanism 4; RAND RR-1906)', () => {
    // Trials with a grey-zone campaign, at each end of the levers that add denial on the ground.
    // Not an exact CRN invariant: a model check on the fixed-seed matrix.
    // Posture and enablers are left out: a combat posture, and enablers that make the force more than a
    // token, also commit Europe to answer probes (its grey-zone trigger times a higher chance of
    // fighting), which makes each probe dearer; at the defaults the two effects nearly cancel
    // (docs/scenarios.md discusses it). The force's size carries the calibration anchor.
    const conventional = ['euTroops', 'usTier', 'uaArmySize', 'uaFundingShare', 'uaDefenseIndustry', 'uaDeepStrike', 'uaFortificationsHeld'];
    for (const key of conventional) {
      const spec = LEVERS.find((l) => l.key === key)!;
      const [lo, hi] = ends(spec).map((v) => summaries.get(`${key}=${String(v)}`)!);
      expect(hi.pWar, key).toBeLessThan(lo.pWar);
      expect(hi.pGreyZone, key).toBeGreaterThanOrEqual(lo.pGreyZone);
    }
  });

  it('matches the golden figures (fixed seed; a change means the model changed)', async () => {
    const golden = {
      engineVersion: ENGINE_VERSION,
      seed: SEED,
      trials: TRIALS,
      runs: Object.fromEntries(matrix.map((r) => [r.name, figures(summaries.get(r.name)!)])),
    };
    await expect(JSON.stringify(golden, null, 2) + '\n').toMatchFileSnapshot('golden/scenario-matrix.json');
  });
});
