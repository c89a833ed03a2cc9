// Assumptions as inputs (issue 11, part 1): validated like levers, carried by the command line,
// scenario files, links and summaries, and applied to a run without touching the defaults.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main as simulateMain } from '../src/cli/simulate';
import { main as explainMain } from '../src/cli/explain';
import { prepare as prepareSensitivity } from '../src/cli/sensitivity';
import {
  ASSUMPTIONS,
  DEFAULT_PARAMS,
  ASSUMPTION_GROUPS,
  ASSUMPTION_KEYS,
  LEVER_KEYS,
  SENSITIVITY_ITEMS,
  allocateResults,
  assumptionSet,
  changedAssumptions,
  compileModel,
  decodeUrlState,
  defaultLevers,
  encodeUrlState,
  parseAssumePairs,
  parseScenario,
  planSensitivity,
  replayTrial,
  resolveAssumptions,
  runTrials,
  sameRun,
  simulate,
  modelParams,
  summarize,
  type AssumptionKey,
} from '../src/engine';
import { asyncCommandRunner, commandRunner } from './cliHarness';

const sim = asyncCommandRunner(simulateMain);
const CHANGES = { euWarCost: 0.4, noiseScale: 0.01, resolveSpread: 0.3, incidentsPerYear: 2.5 } as const;

describe('the assumption registry', () => {
  it('every assumption has a range that holds its default, a label and a source, and sits in exactly one group', () => {
    for (const k of ASSUMPTION_KEYS) {
      const a = ASSUMPTIONS[k];
      expect(a.min, k).toBeLessThanOrEqual(a.value);
      expect(a.value, k).toBeLessThanOrEqual(a.max);
      expect(a.label.length, k).toBeGreaterThan(10);
      expect(a.source.length, k).toBeGreaterThan(5);
    }
    const grouped = ASSUMPTION_GROUPS.flatMap((g) => g.keys);
    expect([...grouped].sort()).toEqual([...ASSUMPTION_KEYS].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('no assumption shares a key with a lever (the tornado, links and CSV name both by key)', () => {
    for (const k of ASSUMPTION_KEYS) expect(LEVER_KEYS as readonly string[]).not.toContain(k);
  });

  it('changedAssumptions keeps only real changes, in registry order; assumptionSet fills the rest with defaults', () => {
    expect(changedAssumptions({ noiseScale: 0.01, euWarCost: ASSUMPTIONS.euWarCost.value })).toEqual({ noiseScale: 0.01 });
    expect(Object.keys(changedAssumptions({ noiseScale: 0.01, ruCapacityAtCeasefire: 0.3 }))).toEqual(['ruCapacityAtCeasefire', 'noiseScale']);
    const full = assumptionSet({ noiseScale: 0.01 });
    expect(Object.keys(full)).toEqual(ASSUMPTION_KEYS);
    expect(full.noiseScale).toBe(0.01);
    expect(full.euWarCost).toBe(ASSUMPTIONS.euWarCost.value);
  });
});

describe('validation names the field and the range', () => {
  it('resolveAssumptions refuses unknown keys with a suggestion, values out of range and non-numbers, all at once', () => {
    const r = resolveAssumptions({ euWarCst: 0.3, noiseScale: 1, euWarCost: '0.3', resolveSpread: Number.NaN });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { field: 'assumptions.euWarCst', message: 'unknown assumption "euWarCst" (did you mean "euWarCost"?)' },
      { field: 'assumptions.noiseScale', message: '1 is out of range; expected a number from 0.001–0.02' },
      { field: 'assumptions.euWarCost', message: '"0.3" is not a number; expected a number from 0.15–0.5' },
      { field: 'assumptions.resolveSpread', message: 'NaN is not a number; expected a number from 0.05–0.35' },
    ]);
    expect(resolveAssumptions([1, 2])).toEqual({ ok: false, errors: [{ field: 'assumptions', message: 'is an array; expected an object of assumption values (key: number)' }] });
  });

  it('a key from the prototype is refused, never assigned', () => {
    const r = resolveAssumptions(JSON.parse('{"__proto__": 1, "constructor": 2}'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['assumptions.__proto__', 'assumptions.constructor']);
  });

  it('a unit is not a free assumption: its range is a single value', () => {
    const r = resolveAssumptions({ uaArmyReference: 900_000 });
    expect(r.ok ? null : r.errors[0].message).toBe('900000 is out of range; expected exactly 800,000 (a unit, not a free assumption)');
  });

  it('--assume pairs: bad shape, unknown key, twice, text, range', () => {
    const r = parseAssumePairs(['x', 'euWarCst=0.3', 'noiseScale=0.01', 'noiseScale=0.02', 'euWarCost=lots', 'resolveSpread=1e999']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      '--assume: "x" is not key=value; expected an assumption key, "=", and a number (see --list-assumptions)',
      '--assume euWarCst: unknown assumption "euWarCst" (did you mean "euWarCost"?)',
      '--assume noiseScale: is given more than once; give each assumption once',
      '--assume euWarCost: "lots" is not a number; expected a number from 0.15–0.5',
      '--assume resolveSpread: 1e999 is out of range; expected a number from 0.05–0.35',
    ]);
  });

  it('a scenario file with a bad assumptions block is refused with the field named', () => {
    const r = parseScenario(JSON.stringify({ id: 'x', title: 'X', summary: 's', sources: [], levers: {}, assumptions: { euWarCost: 0.9, noiseScal: 0.01 } }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        { field: 'assumptions.euWarCost', message: '0.9 is out of range; expected a number from 0.15–0.5' },
        { field: 'assumptions.noiseScal', message: 'unknown assumption "noiseScal" (did you mean "noiseScale"?)' },
      ]);
  });

  it('the command line refuses bad --assume with exit status 2 and the field named', async () => {
    expect(await sim.errorOf(['--assume', 'euWarCost=2'])).toBe('--assume euWarCost: 2 is out of range; expected a number from 0.15–0.5');
  });
});

describe('a run under changed assumptions', () => {
  it('runs on its own frozen parameter record, and leaves the defaults and any other run untouched', () => {
    const levers = defaultLevers();
    const before = { ...DEFAULT_PARAMS };
    const registry = ASSUMPTION_KEYS.map((k) => ASSUMPTIONS[k].value);
    const a = simulate(levers, { seed: 'as', trials: 3000, assumptions: CHANGES });
    expect({ ...DEFAULT_PARAMS }).toEqual(before);
    expect(ASSUMPTION_KEYS.map((k) => ASSUMPTIONS[k].value)).toEqual(registry);
    expect(a.model.params).toEqual(modelParams(CHANGES));
    expect(Object.isFrozen(a.model.params)).toBe(true);
    // Two models compiled side by side never see each other's assumptions: interleave them.
    const changed = compileModel(levers, CHANGES);
    const plainModel = compileModel(levers);
    const rowsChanged = allocateResults(3000);
    const rowsPlain = allocateResults(3000);
    runTrials(plainModel, 'as', 0, 1500, rowsPlain);
    runTrials(changed, 'as', 0, 3000, rowsChanged);
    expect(Array.from(rowsChanged.warMonth)).toEqual(Array.from(a.results.warMonth));
    expect(Array.from(rowsChanged.flags)).toEqual(Array.from(a.results.flags));
    const plain = simulate(levers, { seed: 'as', trials: 3000 });
    expect(Array.from(rowsPlain.warMonth.subarray(0, 1500))).toEqual(Array.from(plain.results.warMonth.subarray(0, 1500)));
    expect(Array.from(a.results.warMonth)).not.toEqual(Array.from(plain.results.warMonth));
    expect(a.model.assumptions).toEqual(CHANGES);
  });

  it('the trial replay agrees with the kernel row for row under changed assumptions', () => {
    const model = compileModel(defaultLevers(), CHANGES);
    const row = allocateResults(1);
    for (let t = 0; t < 60; t++) {
      runTrials(model, 'replay', t, t + 1, row);
      const story = replayTrial(model, 'replay', t);
      expect([story.outcome.month, story.outcome.modeCode, story.outcome.warMonth, story.outcome.flags], `trial ${t}`).toEqual([row.month[0], row.mode[0], row.warMonth[0], row.flags[0]]);
    }
  });

  it('the summary records every assumption used in params.assumptions', () => {
    const { model, results } = simulate(defaultLevers(), { seed: 's', trials: 200, assumptions: { noiseScale: 0.01 } });
    const s = summarize(model, results, 's');
    expect(s.params.assumptions).toEqual(assumptionSet({ noiseScale: 0.01 }));
    expect(s.params.euTroops).toBe(defaultLevers().euTroops);
  });

  it('--assume and a scenario file’s assumptions block give byte-identical output, in every format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assume-'));
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ id: 's', title: 'S', summary: 'x', sources: [], levers: {}, assumptions: CHANGES }));
    const pairs = Object.entries(CHANGES).flatMap(([k, v]) => ['--assume', `${k}=${v}`]);
    for (const format of ['json', 'csv']) {
      const viaFlag = await sim.run([...pairs, '--trials', '1000', '--format', format]);
      const viaFile = await sim.run(['--scenario', file, '--trials', '1000', '--format', format]);
      // The CSV names the scenario it came from; the rest must agree.
      expect(viaFile.replaceAll(',S,', ',,'), format).toBe(viaFlag);
    }
    // --assume applies over the scenario's block.
    const over = JSON.parse(await sim.run(['--scenario', file, '--assume', 'euWarCost=0.2', '--trials', '500', '--format', 'json']));
    expect(over.params.assumptions.euWarCost).toBe(0.2);
    expect(over.params.assumptions.noiseScale).toBe(0.01);
  });

  it('the trial CSV names the changed assumptions in its assumptions column (empty at the defaults)', async () => {
    const rows = (await sim.run(['--assume', 'noiseScale=0.01', '--assume', 'euWarCost=0.4', '--trials', '100', '--format', 'csv'])).split('\n');
    const header = rows[0].split(',');
    const col = header.indexOf('assumptions');
    expect(col).toBeGreaterThan(0);
    expect(rows[1].split(',')[col]).toBe('euWarCost=0.4;noiseScale=0.01');
    const plain = (await sim.run(['--trials', '100', '--format', 'csv'])).split('\n');
    expect(plain[1].split(',')[col]).toBe('');
  });

  it('--list-assumptions prints every assumption as JSON and as a table, on every command', async () => {
    const list = JSON.parse(await sim.run(['--list-assumptions', '--format', 'json']));
    expect(list.map((x: { key: string }) => x.key)).toEqual(ASSUMPTION_KEYS);
    expect(list[0]).toEqual({ key: 'ruCapacityAtCeasefire', label: ASSUMPTIONS.ruCapacityAtCeasefire.label, value: ASSUMPTIONS.ruCapacityAtCeasefire.value, min: 0.2, max: 0.6, source: ASSUMPTIONS.ruCapacityAtCeasefire.source, calibrated: true });
    const table = await sim.run(['--list-assumptions']);
    for (const k of ASSUMPTION_KEYS) expect(table).toContain(k);
    expect(commandRunner(explainMain).run(['--list-assumptions', '--format', 'json'])).toBe(JSON.stringify(list, null, 2) + '\n');
    const p = prepareSensitivity(['--list-assumptions']);
    expect(p.help && p.text).toContain('euWarCost');
  });
});

describe('links carry changed assumptions', () => {
  it('round-trips any valid set of changes (property)', () => {
    const arbKey = fc.constantFrom(...ASSUMPTION_KEYS.filter((k) => ASSUMPTIONS[k].max > ASSUMPTIONS[k].min));
    fc.assert(
      fc.property(fc.dictionary(arbKey, fc.double({ min: 0, max: 1, noNaN: true })), (shares) => {
        const changes = Object.fromEntries(
          Object.entries(shares).map(([k, u]) => {
            const a = ASSUMPTIONS[k as AssumptionKey];
            // Clamped: min + 1 × (max − min) can round a hair past max (0.3 + 0.6 = 0.9000000000000001).
            return [k, Math.min(a.max, Math.max(a.min, a.min + u * (a.max - a.min)))];
          }),
        );
        const state = { levers: defaultLevers(), seed: 'x', trials: 1000, assumptions: changedAssumptions(changes) };
        const back = decodeUrlState(encodeUrlState(state));
        expect(back.errors).toEqual([]);
        expect(sameRun(back.state, state)).toBe(true);
        expect(back.state.assumptions ?? {}).toEqual(state.assumptions);
      }),
      { numRuns: 200 },
    );
  });

  it('a bad assumption in a link is reported by its query key and falls back to its default', () => {
    const { state, errors } = decodeUrlState('a.euWarCost=3&a.noiseScal=0.01&a.noiseScale=0.01');
    expect(errors).toEqual([
      { field: 'a.euWarCost', message: '3 is out of range; expected a number from 0.15–0.5' },
      { field: 'a.noiseScal', message: 'unknown assumption "noiseScal" (did you mean "noiseScale"?)' },
    ]);
    expect(state.assumptions).toEqual({ noiseScale: 0.01 });
  });

  it('sameRun tells runs apart by their assumptions', () => {
    const base = { levers: defaultLevers(), seed: '1', trials: 1000 };
    expect(sameRun(base, { ...base, assumptions: {} })).toBe(true);
    expect(sameRun(base, { ...base, assumptions: { noiseScale: 0.01 } })).toBe(false);
  });
});

describe('the tornado splits policy from the model', () => {
  it('policy levers come first; Moscow’s levers, decisionNoise and every ranged assumption are in the model group', () => {
    const groups = SENSITIVITY_ITEMS.map((i) => i.group);
    expect(groups.indexOf('model')).toBeGreaterThan(0);
    expect(groups.slice(groups.indexOf('model')).every((g) => g === 'model')).toBe(true);
    const model = SENSITIVITY_ITEMS.filter((i) => i.group === 'model').map((i) => i.key);
    for (const k of ['ruResolve', 'decisionNoise', 'resolveSpread', 'euWarCost']) expect(model).toContain(k);
    expect(model).not.toContain('uaArmyReference');
    expect(SENSITIVITY_ITEMS.find((i) => i.key === 'article5Like')).toMatchObject({ group: 'policy', isSwitch: true });
  });

  it('each entry swings to the ends of its plausible range, or ± a share of it', () => {
    const plan = planSensitivity(defaultLevers(), { seed: '1', trials: 100, keys: ['euWarCost', 'decisionNoise', 'euTroops'] });
    const ends = Object.fromEntries(plan.swings.map((s) => [s.key, [s.low.value, s.high.value]]));
    expect(ends).toEqual({ euWarCost: [0.15, 0.5], decisionNoise: [0, 0.3], euTroops: [0, 200_000] });
    const share = planSensitivity(defaultLevers(), { seed: '1', trials: 100, keys: ['euWarCost'], swing: 0.1 });
    const v = ASSUMPTIONS.euWarCost.value;
    expect([share.swings[0].low.value, share.swings[0].high.value]).toEqual([Number((v - 0.035).toPrecision(6)), Number((v + 0.035).toPrecision(6))]);
    expect(share.runs[share.swings[0].high.run].assumptions).toEqual({ euWarCost: Number((v + 0.035).toPrecision(6)) });
  });

  it('swings start from the run’s own assumptions', () => {
    const plan = planSensitivity(defaultLevers(), { seed: '1', trials: 100, keys: ['euTroops', 'euWarCost'], assumptions: { noiseScale: 0.01 } });
    expect(plan.runs[0].assumptions).toEqual({ noiseScale: 0.01 });
    expect(plan.runs[plan.swings[1].high.run].assumptions).toEqual({ euWarCost: 0.5, noiseScale: 0.01 });
    expect(plan.runs[plan.swings[0].high.run].assumptions).toEqual({ noiseScale: 0.01 });
  });
});
