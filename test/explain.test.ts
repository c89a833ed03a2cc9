// "Why it breaks": replayTrial against the fast kernel, the story's internal consistency,
// componentsOverTime against the replayed stories, and the explain command line.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/explain';
import {
  COMPONENT_KEYS,
  MODES,
  STORED_TERMS,
  allocateResults,
  compileModel,
  componentsOverTime,
  defaultLevers,
  evenSample,
  replayTrial,
  runTrials,
  simulate,
  type CompiledModel,
  type Levers,
} from '../src/engine/index';
import { leversArb, shortHorizon } from './engine/arbitraries';
import { commandRunner } from './cliHarness';

/** Trials whose replayed outcome differs from the kernel's row, described precisely. */
function mismatches(model: CompiledModel, seed: string, from: number, to: number): string[] {
  const rows = allocateResults(to - from);
  runTrials(model, seed, from, to, rows);
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const s = replayTrial(model, seed, i);
    const j = i - from;
    if (s.outcome.month !== rows.month[j] || s.outcome.modeCode !== rows.mode[j] || s.outcome.flags !== rows.flags[j]) {
      out.push(
        `trial ${i}: replay month ${s.outcome.month} mode ${s.outcome.modeCode} flags ${s.outcome.flags}; ` +
          `kernel month ${rows.month[j]} mode ${rows.mode[j]} flags ${rows.flags[j]}`,
      );
    }
  }
  return out;
}

const LEVER_SETS: [string, Partial<Levers>][] = [
  ['the defaults', {}],
  ['no decision noise', { decisionNoise: 0 }],
  [
    'no decision noise, a weak Ukraine and full sanctions',
    { decisionNoise: 0, ruResolve: 0.9, uaWarFatigue: 1, uaArmySize: 300_000, uaFundingShare: 0, uaFortificationsHeld: false, snapbackCredibility: 0, ruGreyZonePreference: 1, sanctionsLevel: 1, sanctionsReliefPerYear: 0 },
  ],
  [
    'no decision noise and a weak Ukraine alone',
    { decisionNoise: 0, ruResolve: 0.9, euTroops: 0, usTier: 'none', uaWarFatigue: 1, uaArmySize: 300_000, uaFundingShare: 0, uaFortificationsHeld: false, snapbackCredibility: 0 },
  ],
  ['maximal decision noise', { decisionNoise: 1 }],
  ['a Minsk-like world', { euTroops: 0, usTier: 'none', sanctionsLevel: 0.2 }],
  ['a robust combat force with a US backstop', { euTroops: 120_000, euPosture: 'combat', euRoeClarity: 1, euEnablers: 1, usTier: 'rapid-reinforcement' }],
  ['a Russian veto, 20 years from mid-2030', { russianVeto: true, horizonYears: 20, ceasefireStart: '2030-06', usElectionVolatility: 1 }],
];

describe('replayTrial', () => {
  for (const [name, set] of LEVER_SETS) {
    it(`gives the kernel's month, mode and responses for every one of 1,500 trials under ${name}`, () => {
      const model = compileModel({ ...defaultLevers(), ...set });
      expect(mismatches(model, 'replay', 0, 1500)).toEqual([]);
    });
  }

  it("gives the kernel's outcome for any levers (property, short horizons)", () => {
    fc.assert(
      fc.property(leversArb({ horizonYears: shortHorizon }), fc.string({ minLength: 1, maxLength: 8 }), (levers, seed) => {
        const model = compileModel(levers);
        const bad = mismatches(model, seed, 0, 40);
        if (bad.length) throw new Error(bad.join('\n'));
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  const model = compileModel(defaultLevers());
  const run = simulate(defaultLevers(), { seed: '1', trials: 400 });
  const resumedTrial = Array.from(run.results.month).findIndex((m) => m > 0);
  const heldTrial = Array.from(run.results.month).findIndex((m) => m === 0);

  it("reports the trial's draws as the kernel stored them", () => {
    for (const i of [resumedTrial, heldTrial, 5, 399]) {
      const s = replayTrial(model, '1', i);
      expect(s.draws.resolve).toBeCloseTo(run.results.resolve[i], 6);
      expect(s.draws.uEurope).toBeCloseTo(run.results.uEurope[i], 6);
      expect(s.draws.cls).toBe(run.results.cls[i]);
      expect(s.draws.cls).toBe(5 * s.draws.reliefLevel + s.draws.reconstitutionLevel);
      expect(s.draws.credibilities[0]).toBe(model.levers.usCredibility);
      for (let k = 1; k <= STORED_TERMS; k++) expect(s.draws.credibilities[k]).toBeCloseTo(run.results.usCredibility[i * STORED_TERMS + k - 1], 6);
    }
  });

  it('itemises each month so that the parts add up to the margin and the choice probabilities to pResume', () => {
    for (const i of [resumedTrial, heldTrial]) {
      const s = replayTrial(model, '1', i);
      expect(s.months).toHaveLength(s.outcome.resumed ? s.outcome.month : s.horizon);
      s.months.forEach((m, idx) => {
        expect(m.month).toBe(idx + 1);
        let pSum = 0;
        for (const x of m.modes) {
          const gain = s.draws.resolve * MODES[x.mode].gain * x.successExpected;
          expect(x.expectedGain).toBeCloseTo(gain, 12);
          expect(x.value).toBeCloseTo(x.expectedGain - x.costWar - x.costEurope - x.costUs - x.costSanctions + x.greyTaste, 12);
          expect(x.margin).toBeCloseTo(x.value - m.peace, 12);
          pSum += x.pChoose;
        }
        expect(pSum).toBeCloseTo(m.pResume, 12);
        expect(m.modes[m.best].margin).toBe(Math.max(...m.modes.map((x) => x.margin)));
        expect(m.resumed).toBe(idx === s.months.length - 1 && s.outcome.resumed);
        if (!m.resumed) expect(m.draw).toBeGreaterThanOrEqual(m.pResume * (1 - 1e-9));
      });
    }
  });

  it('lists each election before the resumption with the new credibility, then the resumption and the response', () => {
    const s = replayTrial(model, '1', resumedTrial);
    const elections = s.events.filter((e) => e.type === 'election');
    expect(elections.map((e) => e.month)).toEqual(model.elections.filter((t) => t <= s.outcome.month));
    elections.forEach((e, k) => {
      if (e.type !== 'election') return;
      expect(e.administration).toBe(k + 1);
      expect(e.credibility).toBe(s.draws.credibilities[k + 1]);
      expect(e.previous).toBe(s.draws.credibilities[k]);
    });
    const last = s.events.slice(-2);
    expect(last[0]).toMatchObject({ type: 'resumption', month: s.outcome.month, date: s.outcome.date, mode: s.outcome.mode });
    expect(last[1]).toMatchObject({ type: 'response', europeEngaged: s.outcome.europeEngaged, usEngaged: s.outcome.usEngaged });
  });

  it('tells a one-paragraph story naming the trial, the elections, the resumption and the guarantors', () => {
    const s = replayTrial(model, '1', resumedTrial);
    expect(s.narrative).toMatch(new RegExp(`^Trial ${resumedTrial}: `));
    expect(s.narrative).toContain('the administration elected in Nov 2028 drew credibility');
    expect(s.narrative).toContain(`in month ${s.outcome.month} (${s.outcome.date})`);
    expect(s.narrative).toMatch(/Europe (did not engage|engaged)/);
    expect(s.narrative).toMatch(/the US (did not engage|engaged)/);
    expect(s.narrative).not.toContain('\n');
    const held = replayTrial(model, '1', heldTrial);
    expect(held.narrative).toContain(`held for all ${model.horizon} months`);
  });

  it('refuses a trial index that is not a whole number ≥ 0', () => {
    expect(() => replayTrial(model, '1', -1)).toThrow(/trial must be a whole number ≥ 0 \(got -1\)/);
    expect(() => replayTrial(model, '1', 1.5)).toThrow(RangeError);
  });

  it('without decision noise resumes exactly when the best margin is positive', () => {
    // Most trials resume under this package without noise, some hold.
    const m0 = compileModel({
      ...defaultLevers(),
      ...{ decisionNoise: 0, ruResolve: 0.9, euTroops: 0, usTier: 'none', uaWarFatigue: 1, uaArmySize: 300_000, uaFundingShare: 0 },
      ...{ uaFortificationsHeld: false, snapbackCredibility: 0 },
    });
    let resumed = 0;
    for (let i = 0; i < 400; i++) {
      const s = replayTrial(m0, 'z', i);
      for (const m of s.months) {
        expect(m.pResume === 0 || m.pResume === 1).toBe(true);
        expect(m.resumed).toBe(m.modes[m.best].margin > 0);
      }
      if (s.outcome.resumed) {
        resumed++;
        expect(s.outcome.modeCode - 1).toBe(s.months[s.months.length - 1].best);
      }
    }
    expect(resumed).toBeGreaterThan(10);
    expect(resumed).toBeLessThan(400);
  });
});

describe('componentsOverTime', () => {
  const levers = defaultLevers();
  const model = compileModel(levers);

  it('samples trials evenly and deterministically', () => {
    expect(Array.from(evenSample(10, 20))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(evenSample(10, 4))).toEqual([0, 2, 5, 7]);
    expect(evenSample(20_000, 2000)).toHaveLength(2000);
  });

  it('has one value per month 0…horizon and splits the sample into resumed and held trials', () => {
    const c = componentsOverTime(model, '1', 20_000, { maxTrials: 500 });
    expect(c.sample).toHaveLength(500);
    const rows = allocateResults(1);
    let resumed = 0;
    for (const i of c.sample) {
      runTrials(model, '1', i, i + 1, rows);
      if (rows.month[0] > 0) resumed++;
    }
    expect(c.resumed.n[1]).toBe(resumed);
    for (let t = 1; t <= model.horizon; t++) expect(c.held.n[t]).toBe(500 - resumed);
    for (let t = 2; t <= model.horizon; t++) expect(c.resumed.n[t]).toBeLessThanOrEqual(c.resumed.n[t - 1]);
    for (const key of COMPONENT_KEYS) {
      for (const g of [c.resumed, c.held]) {
        const b = g.bands[key];
        expect(b.mean).toHaveLength(model.horizon + 1);
        expect(b.mean[0]).toBeNaN();
        for (let t = 1; t <= model.horizon; t++) {
          if (g.n[t] === 0) continue;
          expect(b.p10[t]).toBeLessThanOrEqual(b.p90[t]);
        }
      }
    }
  });

  it("equals the mean of the replayed stories' best-mode components month by month", () => {
    const maxTrials = 60;
    const c = componentsOverTime(model, '1', 10_000, { maxTrials });
    const sums = { resumed: new Float64Array(model.horizon + 1), held: new Float64Array(model.horizon + 1) };
    const costs = { resumed: new Float64Array(model.horizon + 1), held: new Float64Array(model.horizon + 1) };
    const counts = { resumed: new Float64Array(model.horizon + 1), held: new Float64Array(model.horizon + 1) };
    for (const i of c.sample) {
      const s = replayTrial(model, '1', i);
      const g = s.outcome.resumed ? 'resumed' : 'held';
      for (const m of s.months) {
        sums[g][m.month] += m.modes[m.best].margin;
        costs[g][m.month] += m.modes[m.best].costUs;
        counts[g][m.month]++;
      }
    }
    for (const g of ['resumed', 'held'] as const) {
      for (let t = 1; t <= model.horizon; t++) {
        expect(c[g].n[t]).toBe(counts[g][t]);
        if (!counts[g][t]) continue;
        // The stored resolve and credibilities are Float32: agreement to about 1e-7.
        expect(Math.abs(c[g].bands.margin.mean[t] - sums[g][t] / counts[g][t])).toBeLessThan(1e-6);
        expect(Math.abs(c[g].bands.costUs.mean[t] - costs[g][t] / counts[g][t])).toBeLessThan(1e-6);
      }
    }
  });
});

describe('npm run explain', () => {
  const { run, errorOf } = commandRunner(main);

  it("prints the story as json, agreeing with the kernel's row", () => {
    const story = JSON.parse(run(['--trial', '3', '--seed', '7', '--format', 'json', '--set', 'euTroops=60000']));
    const model = compileModel({ ...defaultLevers(), euTroops: 60_000 });
    const rows = allocateResults(1);
    runTrials(model, '7', 3, 4, rows);
    expect(story.trial).toBe(3);
    expect(story.kernelAgrees).toBe(true);
    expect(story.params.euTroops).toBe(60_000);
    expect(story.outcome.month).toBe(rows.month[0]);
    expect(story.outcome.modeCode).toBe(rows.mode[0]);
    expect(story.months.length).toBe(rows.month[0] || model.horizon);
  });

  it('prints the narrative and a month table as text', () => {
    const out = run(['--trial', '0']);
    expect(out).toContain('an explorable model, not a forecast');
    expect(out).toMatch(/Trial 0: /);
    expect(out).toContain('P(resume)');
    expect(out).toContain("Fast kernel's row for this trial: the same month, mode and responses.");
  });

  it('refuses bad input with one message per problem naming the flag', () => {
    expect(errorOf([])).toBe('--trial: is required: which trial to replay (0 to trials − 1)');
    expect(errorOf(['--trial', '500', '--trials', '500'])).toBe('--trial: 500 is out of range; this run has 500 trials, numbered 0–499');
    const many = errorOf(['--trial', 'x', '--format', 'csv', '--set', 'euTroops=-1', '--seed', '', '--bogus']).split('\n');
    expect(many).toHaveLength(5);
    expect(many.map((l) => l.split(':')[0])).toEqual(['--trial', '--format', '--set euTroops', '--seed', '--bogus']);
  });

  it('exits with code 2 and no stack trace on bad input when run as a process', () => {
    const root = resolve(__dirname, '..');
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/explain.ts'), '--trial', '-1'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('error: --trial: "-1" is not a whole number; expected 0–999999');
    expect(r.stdout).toBe('');
  }, 30_000);
});
