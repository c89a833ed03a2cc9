// "Why it breaks": replayTrial against the fast kernel, the story's internal consistency,
// componentsOverTime against the replayed stories, and the explain command line.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/explain';
import {
  COMPONENT_KEYS,
  FLAG_DELIBERATE,
  FLAG_EUROPE,
  FLAG_MISJUDGED,
  FLAG_SNAPBACK,
  FLAG_SUCCEEDED,
  FLAG_US,
  FLAG_WRONG_BALANCE,
  FLAG_WRONG_GUARANTORS,
  MODE_CODE,
  STORED_TERMS,
  WINDOW_LABELS,
  modeGain,
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
  yearOf,
} from '../src/engine/index';
import { leversArb, shortHorizon } from './engine/arbitraries';
import { commandRunner } from './cliHarness';

/** The flags set at the war (responses, deliberateness and the war's course), apart from the responses to a probe. */
const WAR_BITS = FLAG_EUROPE | FLAG_US | FLAG_SNAPBACK | FLAG_DELIBERATE | FLAG_SUCCEEDED | FLAG_MISJUDGED | FLAG_WRONG_BALANCE | FLAG_WRONG_GUARANTORS;

/** Trials whose replayed outcome differs from the kernel's row, described precisely. */
function mismatches(model: CompiledModel, seed: string, from: number, to: number, warOnly = false): string[] {
  const rows = allocateResults(to - from);
  runTrials(model, seed, from, to, rows);
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const o = replayTrial(model, seed, i).outcome;
    const j = i - from;
    const replay = warOnly ? `war ${o.warMonth}/${o.warModeCode} flags ${o.flags & WAR_BITS}` : `month ${o.month} mode ${o.modeCode} war ${o.warMonth}/${o.warModeCode} flags ${o.flags}`;
    const kernel = warOnly
      ? `war ${rows.warMonth[j]}/${rows.warMode[j]} flags ${rows.flags[j] & WAR_BITS}`
      : `month ${rows.month[j]} mode ${rows.mode[j]} war ${rows.warMonth[j]}/${rows.warMode[j]} flags ${rows.flags[j]}`;
    if (replay !== kernel) out.push(`trial ${i}: replay ${replay}; kernel ${kernel}`);
  }
  return out;
}

const weakUkraine: Partial<Levers> = { ruResolve: 0.9, uaWarFatigue: 1, uaArmySize: 300_000, uaFundingShare: 0, uaFortificationsHeld: false, snapbackCredibility: 0 };

const LEVER_SETS: [string, Partial<Levers>][] = [
  ['the defaults', {}],
  ['no decision noise', { decisionNoise: 0 }],
  ['no decision noise, a weak Ukraine and full sanctions', { decisionNoise: 0, ...weakUkraine, ruGreyZonePreference: 1, sanctionsLevel: 1, sanctionsReliefPerYear: 0 }],
  ['no decision noise and a weak Ukraine alone', { decisionNoise: 0, ...weakUkraine, euTroops: 0, usTier: 'none' }],
  ['maximal decision noise', { decisionNoise: 1 }],
  ['a Minsk-like world', { euTroops: 0, usTier: 'none', sanctionsLevel: 0.2, uaArmySize: 300_000, uaFundingShare: 0.2 }],
  ['a robust combat force with a US backstop', { euTroops: 120_000, euPosture: 'combat', euRoeClarity: 1, euEnablers: 1, usTier: 'rapid-reinforcement' }],
  ['a Russian veto, 20 years from mid-2030', { russianVeto: true, horizonYears: 20, ceasefireStart: '2030-06', usElectionVolatility: 1 }],
  ['a grey-zone-loving Moscow', { ruGreyZonePreference: 1, decisionNoise: 0.5 }],
];

describe('replayTrial', () => {
  for (const [name, set] of LEVER_SETS) {
    it(`gives the kernel's months, modes and flags for every one of 500 trials under ${name}`, () => {
      const model = compileModel({ ...defaultLevers(), ...set });
      expect(mismatches(model, 'replay', 0, 500)).toEqual([]);
    });
  }

  it("gives the kernel's full row when no trial has a grey-zone taste of its own (greyTasteSpread 0)", () => {
    // Isolates the replay's grey-zone margin: with the spread at 0 the trial's own taste is 0.
    for (const [name, set] of LEVER_SETS) {
      const model = compileModel({ ...defaultLevers(), ...set, horizonYears: Math.min(10, set.horizonYears ?? 10) }, { greyTasteSpread: 0 });
      expect(model.params.greyTasteSpread).toBe(0);
      expect(mismatches(model, 'taste', 0, 300), name).toEqual([]);
    }
  });

  it("gives the kernel's war month, war mode and war flags for every one of 600 trials under each lever set", () => {
    for (const [name, set] of LEVER_SETS) {
      const model = compileModel({ ...defaultLevers(), ...set, horizonYears: Math.min(10, set.horizonYears ?? 10) });
      expect(mismatches(model, 'war', 0, 600, true), name).toEqual([]);
    }
  });

  it("gives the kernel's outcome for any levers (property, short horizons)", () => {
    fc.assert(
      fc.property(leversArb({ horizonYears: shortHorizon }), fc.string({ minLength: 1, maxLength: 8 }), (levers, seed) => {
        const model = compileModel(levers);
        const bad = mismatches(model, seed, 0, 30);
        if (bad.length) throw new Error(bad.join('\n'));
      }),
      { seed: 7, numRuns: 50 },
    );
  });

  const model = compileModel(defaultLevers());
  const run = simulate(defaultLevers(), { seed: '1', trials: 2000 });
  const warTrial = Array.from(run.results.warMonth).findIndex((m) => m > 0);
  const heldTrial = Array.from(run.results.month).findIndex((m) => m === 0);
  const probeTrial = Array.from(run.results.mode).findIndex((m) => m === MODE_CODE.greyZone);
  const probeThenWar = Array.from(run.results.mode).findIndex((m, i) => m === MODE_CODE.greyZone && run.results.warMonth[i] > 0);

  it('finds trials of every kind under the defaults', () => {
    expect(warTrial).toBeGreaterThanOrEqual(0);
    expect(heldTrial).toBeGreaterThanOrEqual(0);
    expect(probeTrial).toBeGreaterThanOrEqual(0);
  });

  it("reports the trial's draws as the kernel stored them", () => {
    for (const i of [warTrial, heldTrial, probeTrial, 5, 399]) {
      const s = replayTrial(model, '1', i);
      expect(s.draws.resolve).toBeCloseTo(run.results.resolve[i], 6);
      expect(s.draws.resolveByYear[0]).toBe(s.draws.resolve);
      expect(s.draws.uEurope).toBeCloseTo(run.results.uEurope[i], 6);
      expect(s.draws.cls).toBe(run.results.cls[i]);
      expect(s.draws.cls).toBe(5 * s.draws.reliefLevel + s.draws.reconstitutionLevel);
      expect(s.draws.credibilities[0]).toBe(model.levers.usCredibility);
      for (let k = 1; k <= STORED_TERMS; k++) {
        const stored = run.results.usCredibility[i * STORED_TERMS + k - 1];
        // Every administration's credibility is drawn and stored (used only within the horizon).
        expect(s.draws.credibilities[k]).toBeCloseTo(stored, 6);
      }
    }
  });

  it('itemises each month so that the parts add up to the margins and the choice probabilities to pResume', () => {
    for (const i of [warTrial, heldTrial, probeTrial, Math.max(0, probeThenWar)]) {
      const s = replayTrial(model, '1', i);
      expect(s.months).toHaveLength(s.outcome.war ? s.outcome.warMonth : s.horizon);
      s.months.forEach((m, idx) => {
        expect(m.month).toBe(idx + 1);
        expect(m.resolve).toBe(s.draws.resolveByYear[yearOf(m.month, s.draws.yearPhase)]);
        for (const x of m.modes) {
          if (x.mode !== 'greyZone') expect(x.expectedGain).toBeCloseTo(modeGain(model.params, x.mode, m.resolve) * x.successExpected, 12);
          expect(x.value).toBeCloseTo(x.expectedGain - x.costWar - x.costEurope - x.costUs - x.costSanctions, 12);
        }
        const [grey, limited, full] = m.modes;
        expect(grey.margin).toBe(grey.value);
        expect(limited.margin).toBeCloseTo(limited.value - model.params.limitedPeaceLoss * m.peace, 12);
        expect(full.margin).toBeCloseTo(full.value - m.peace, 12);
        expect(m.pWar).toBeCloseTo(limited.pChoose + full.pChoose, 12);
        expect(m.pGreyZone).toBe(grey.pChoose);
        expect(m.pResume).toBeCloseTo(m.pWar + m.pGreyZone, 12);
        // After the first probe only war can come.
        if (s.outcome.resumed && m.month > s.outcome.month) expect(m.pGreyZone).toBe(0);
        expect(m.best).toBe(limited.margin >= full.margin ? 1 : 2);
        const last = idx === s.months.length - 1;
        if (m.choice === 'limited' || m.choice === 'fullScale') expect(last && s.outcome.war).toBe(true);
        if (m.choice === 'greyZone') expect(m.month).toBe(s.outcome.month);
        if (m.choice === 'peace') expect(m.draw).toBeGreaterThanOrEqual(m.pResume * (1 - 1e-9));
        else expect(m.draw).toBeLessThan(m.pResume * (1 + 1e-9));
      });
    }
  });

  it('lists each election and incident, the probe, then the war and the response', () => {
    const s = replayTrial(model, '1', probeThenWar >= 0 ? probeThenWar : warTrial);
    const end = s.outcome.war ? s.outcome.warMonth : s.horizon;
    const elections = s.events.filter((e) => e.type === 'election');
    expect(elections.map((e) => e.month)).toEqual(model.elections.filter((t) => t <= end));
    elections.forEach((e, k) => {
      if (e.type !== 'election') return;
      expect(e.administration).toBe(k + 1);
      expect(e.credibility).toBe(s.draws.credibilities[k + 1]);
      expect(e.previous).toBe(s.draws.credibilities[k]);
    });
    const incidents = s.events.filter((e) => e.type === 'incident').map((e) => e.month);
    expect(incidents).toEqual([...new Set(s.draws.incidentMonths.filter((t) => t <= end))]);
    expect(s.months.filter((m) => m.incident).map((m) => m.month)).toEqual(incidents);
    const probes = s.events.filter((e) => e.type === 'greyZone');
    if (s.outcome.mode === 'greyZone') expect(probes.map((e) => e.month)).toEqual([s.outcome.month]);
    else expect(probes).toEqual([]);
    expect(s.outcome.war).toBe(true);
    const last = s.events.slice(-2);
    expect(last[0]).toMatchObject({ type: 'war', month: s.outcome.warMonth, date: s.outcome.warDate, mode: s.outcome.warMode, deliberate: s.outcome.deliberate, window: s.outcome.window });
    expect(last[1]).toMatchObject({ type: 'response', europeEngaged: s.outcome.europeEngaged, usEngaged: s.outcome.usEngaged, snapback: s.outcome.snapback });
    expect(s.outcome.deliberate).toBe((s.outcome.flags & FLAG_DELIBERATE) !== 0);
    const m = s.months[s.months.length - 1];
    expect(s.outcome.deliberate).toBe(m.modes[1].margin > 0 || m.modes[2].margin > 0);
  });

  it('tells a one-paragraph story naming the trial, the elections, the war and the guarantors', () => {
    const s = replayTrial(model, '1', warTrial);
    expect(s.narrative).toMatch(new RegExp(`^Trial ${warTrial}: `));
    if (s.outcome.warMonth >= model.elections[0]) expect(s.narrative).toContain('the US administration elected in Nov 2028 honours its backstop with probability');
    expect(s.narrative).toContain(`(month ${s.outcome.warMonth})`);
    expect(s.narrative).toContain(s.outcome.deliberate ? 'deliberately' : 'the tremble in its choice tipped it');
    // What Moscow expected of each guarantor, and what it did: "Moscow expected Europe not to fight (12%); it did fight".
    const said = (who: string, belief: number, engaged: boolean) =>
      `Moscow expected ${who} ${belief >= 0.5 ? 'to fight' : 'not to fight'} (${Math.round(100 * belief)}%); it ${engaged ? 'did' : 'did not'}`;
    expect(s.narrative).toContain(said('Europe', s.outcome.beliefEurope, s.outcome.europeEngaged));
    expect(s.narrative).toContain(said('the US', s.outcome.beliefUs, s.outcome.usEngaged));
    expect(s.narrative).toContain(`the offensive ${s.outcome.succeeded ? 'succeeded' : 'failed'}`);
    expect(s.narrative.includes('the war was misjudged')).toBe(s.outcome.misjudged);
    expect(s.narrative).not.toContain('\n');
    const held = replayTrial(model, '1', heldTrial);
    expect(held.narrative).toContain(`no war by month ${model.horizon}`);
    const probe = replayTrial(model, '1', probeTrial);
    expect(probe.narrative).toContain('Moscow ran a grey-zone campaign in');
  });

  it("reports the war's course as the kernel stored it: beliefs at the war, success, misjudgement and which belief was wrong", () => {
    let wars = 0;
    let misjudged = 0;
    for (let i = 0; i < 400; i++) {
      if (run.results.warMonth[i] === 0) continue;
      wars++;
      const o = replayTrial(model, '1', i).outcome;
      const f = run.results.flags[i];
      expect(o.flags).toBe(f);
      expect(o.succeeded).toBe((f & FLAG_SUCCEEDED) !== 0);
      expect(o.misjudged).toBe((f & FLAG_MISJUDGED) !== 0);
      expect(o.wrongBalance).toBe((f & FLAG_WRONG_BALANCE) !== 0);
      expect(o.wrongGuarantors).toBe((f & FLAG_WRONG_GUARANTORS) !== 0);
      expect(o.beliefEurope).toBeCloseTo(run.results.warBeliefEurope[i], 6);
      expect(o.beliefUs).toBeCloseTo(run.results.warBeliefUs[i], 6);
      for (const x of [o.beliefEurope, o.beliefUs, o.perceivedSuccess, o.trueSuccess]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
      if (o.misjudged) misjudged++;
    }
    expect(wars).toBeGreaterThan(0);
    expect(misjudged).toBeLessThanOrEqual(wars);
  });

  it('refuses a trial index that is not a whole number ≥ 0', () => {
    expect(() => replayTrial(model, '1', -1)).toThrow(/trial must be a whole number ≥ 0 \(got -1\)/);
    expect(() => replayTrial(model, '1', 1.5)).toThrow(RangeError);
  });

  it('without decision noise goes to war exactly when the better war margin is positive, always deliberately', () => {
    // No guarantees, so some trials go to war and some do not: both branches are checked.
    const m0 = compileModel({ ...defaultLevers(), decisionNoise: 0, euTroops: 0, usTier: 'none' });
    let wars = 0;
    for (let i = 0; i < 300; i++) {
      const s = replayTrial(m0, 'z', i);
      for (const m of s.months) {
        expect(m.pWar === 0 || m.pWar === 1).toBe(true);
        expect(m.choice === 'limited' || m.choice === 'fullScale').toBe(m.modes[m.best].margin > 0);
        if (m.choice === 'greyZone') expect(m.modes[0].margin).toBeGreaterThan(0);
      }
      if (s.outcome.war) {
        wars++;
        expect(s.outcome.warModeCode - 1).toBe(s.months[s.months.length - 1].best);
        expect(s.outcome.deliberate).toBe(true);
        expect(s.outcome.window).not.toBeNull();
        expect(s.outcome.window).not.toBe('none');
        expect(Object.keys(WINDOW_LABELS)).toContain(s.outcome.window);
      } else expect(s.outcome.window).toBeNull();
    }
    expect(wars).toBeGreaterThan(10);
    expect(wars).toBeLessThan(300);
  });

  it('names "none" as the window only for a war the tremble tipped', () => {
    const noisy = compileModel({ ...defaultLevers(), decisionNoise: 1 });
    let seen = 0;
    for (let i = 0; i < 400 && seen < 20; i++) {
      const o = replayTrial(noisy, 'w', i).outcome;
      if (!o.war) continue;
      seen++;
      expect(o.window === 'none').toBe(!o.deliberate);
    }
    expect(seen).toBeGreaterThan(0);
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

  it('has one value per month 0…horizon and splits the sample into trials at war and trials without', () => {
    const c = componentsOverTime(model, '1', 20_000, { maxTrials: 500 });
    expect(c.sample).toHaveLength(500);
    const rows = allocateResults(1);
    let wars = 0;
    for (const i of c.sample) {
      runTrials(model, '1', i, i + 1, rows);
      if (rows.warMonth[0] > 0) wars++;
    }
    expect(c.war.n[1]).toBe(wars);
    for (let t = 1; t <= model.horizon; t++) expect(c.held.n[t]).toBe(500 - wars);
    for (let t = 2; t <= model.horizon; t++) expect(c.war.n[t]).toBeLessThanOrEqual(c.war.n[t - 1]);
    for (const key of COMPONENT_KEYS) {
      for (const g of [c.war, c.held]) {
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

  it("equals the mean of the replayed stories' better-war-option components month by month", () => {
    const maxTrials = 60;
    const c = componentsOverTime(model, '1', 10_000, { maxTrials });
    const H1 = model.horizon + 1;
    const acc = { war: [0, 1, 2, 3].map(() => new Float64Array(H1)), held: [0, 1, 2, 3].map(() => new Float64Array(H1)) };
    for (const i of c.sample) {
      const s = replayTrial(model, '1', i);
      const g = s.outcome.war ? 'war' : 'held';
      for (const m of s.months) {
        acc[g][0][m.month] += m.modes[m.best].margin;
        acc[g][1][m.month] += m.modes[m.best].costUs;
        acc[g][2][m.month] += m.pWar;
        acc[g][3][m.month]++;
      }
    }
    for (const g of ['war', 'held'] as const) {
      for (let t = 1; t <= model.horizon; t++) {
        const n = acc[g][3][t];
        expect(c[g].n[t]).toBe(n);
        if (!n) continue;
        expect(Math.abs(c[g].bands.margin.mean[t] - acc[g][0][t] / n)).toBeLessThan(1e-9);
        expect(Math.abs(c[g].bands.costUs.mean[t] - acc[g][1][t] / n)).toBeLessThan(1e-9);
        expect(Math.abs(c[g].bands.pWar.mean[t] - acc[g][2][t] / n)).toBeLessThan(1e-9);
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
    expect(story.outcome.warMonth).toBe(rows.warMonth[0]);
    expect(story.outcome.warModeCode).toBe(rows.warMode[0]);
    expect(story.outcome.flags).toBe(rows.flags[0]);
    expect(story.months.length).toBe(rows.warMonth[0] || model.horizon);
  });

  it('prints the narrative and a month table as text', () => {
    const out = run(['--trial', '0']);
    expect(out).toContain('an explorable model, not a forecast');
    expect(out).toMatch(/Trial 0: /);
    expect(out).toContain('P(war)');
    expect(out).toContain('exp. EU');
    expect(out).toContain("Fast kernel's row for this trial: the same months, modes and responses.");
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
