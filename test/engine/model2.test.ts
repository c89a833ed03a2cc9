// The properties "Model 2" must have (issue 10): wars come from Moscow's choices, not the tremble;
// sanctions, forces and pledges act as the evidence has them. Seeded; each figure is a real run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG_US, compileModel, defaultLevers, drawTrial, emptyDraws, guarantorResponse, simulate, summarize, trialPath, trialRng, validateScenario, type Levers, type Summary } from '../../src/engine';

const SEED = 'model2';
const run = (p: Partial<Levers>, trials = 8000, seed = SEED): Summary => {
  const levers = { ...defaultLevers(), ...p } as Levers;
  const { model, results } = simulate(levers, { seed, trials });
  return summarize(model, results, seed);
};
const pWar = (p: Partial<Levers>, trials?: number) => run(p, trials).pWar;
/** Change in pWar from `a` to `b` (percentage points as a share). */
const effect = (a: Partial<Levers>, b: Partial<Levers>, trials?: number) => pWar(b, trials) - pWar(a, trials);

const SCENARIOS = resolve(__dirname, '../../scenarios');
const presets = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const r = validateScenario(JSON.parse(readFileSync(join(SCENARIOS, f), 'utf8')));
    if (!r.ok) throw new Error(`${f}: ${r.errors.map((e) => e.message).join('; ')}`);
    return r.value;
  });

/** Spearman's rank correlation of two equal-length lists (no ties expected at this precision). */
function spearman(a: number[], b: number[]): number {
  const rank = (x: number[]) => {
    const order = x.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(x.length);
    order.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (ra[i] - rb[i]) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('wars come from Moscow’s choices', () => {
  it('at the defaults most wars are deliberate (Moscow would have chosen them with no tremble)', () => {
    const s = run({}, 20_000);
    expect(s.pWar).toBeGreaterThan(0.1);
    expect(s.deliberateShare!).toBeGreaterThan(0.8);
  });

  it('with decisionNoise 0 every war is deliberate, and wars still happen at the defaults', () => {
    const s = run({ decisionNoise: 0 }, 5000);
    expect(s.deliberateShare).toBe(1);
    expect(s.pWar).toBeGreaterThan(0.1);
  });

  it('preset rankings and the full package’s relative risk barely change between half and double the default noise', () => {
    const noise = defaultLevers().decisionNoise;
    const at = (k: number) => presets.map((p) => pWar({ ...p.levers, decisionNoise: noise * k }, 5000));
    const half = at(0.5);
    const double = at(2);
    expect(spearman(half, double)).toBeGreaterThan(0.95);
    const i = presets.findIndex((p) => p.id === 'full-package');
    const b = presets.findIndex((p) => p.id === 'baseline');
    expect(i).toBeGreaterThanOrEqual(0);
    const rrHalf = half[i] / half[b];
    const rrDouble = double[i] / double[b];
    expect(Math.abs(rrDouble - rrHalf)).toBeLessThan(0.1);
  });
});

describe('sanctions as the evidence has them', () => {
  it('snapback moves war less than Ukraine’s army range or the US tier range', () => {
    const snap = Math.abs(effect({ snapbackCredibility: 0 }, { snapbackCredibility: 1 }));
    const army = Math.abs(effect({ uaArmySize: 300_000 }, { uaArmySize: 1_100_000 }));
    const us = Math.abs(effect({ usTier: 'none' }, { usTier: 'rapid-reinforcement' }));
    expect(snap).toBeLessThan(army);
    expect(snap).toBeLessThan(us);
  });

  it('with snapback credibility 0, faster relief never lowers war, trial by trial', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, level) => {
        const [slow, fast] = a <= b ? [a, b] : [b, a];
        const base = { ...defaultLevers(), snapbackCredibility: 0, sanctionsLevel: level, horizonYears: 5 };
        const lo = simulate({ ...base, sanctionsReliefPerYear: slow }, { seed: SEED, trials: 300 }).results;
        const hi = simulate({ ...base, sanctionsReliefPerYear: fast }, { seed: SEED, trials: 300 }).results;
        for (let i = 0; i < 300; i++) {
          if (lo.warMonth[i] > 0 && (hi.warMonth[i] === 0 || hi.warMonth[i] > lo.warMonth[i])) {
            throw new Error(`trial ${i}: slower relief ${slow} war in month ${lo.warMonth[i]}, faster ${fast} in ${hi.warMonth[i]}`);
          }
        }
      }),
      { seed: 10, numRuns: 25 },
    );
  });
});

describe('forces deter by military value', () => {
  const clear = { euPosture: 'combat', euRoeClarity: 0.9, euEnablers: 0.9 } as const;
  it('in a combat posture with clear rules and enablers, 10,000 → 100,000 troops deters more than 0 → 10,000', () => {
    const token = -effect({ ...clear, euTroops: 0 }, { ...clear, euTroops: 10_000 });
    const real = -effect({ ...clear, euTroops: 10_000 }, { ...clear, euTroops: 100_000 });
    expect(real).toBeGreaterThan(token);
    expect(real).toBeGreaterThan(0.05);
  });

  it('enablers are worth a real share of the force: at least a quarter of what 100,000 combat troops do', () => {
    const force = -effect({ ...clear, euTroops: 0 }, { ...clear, euTroops: 100_000, euEnablers: 1 });
    const enablers = -effect({ ...clear, euTroops: 100_000, euEnablers: 0 }, { ...clear, euTroops: 100_000, euEnablers: 1 });
    expect(enablers).toBeGreaterThan(0.25 * force);
  });
});

describe('deterring war pushes Moscow toward the grey zone', () => {
  it.each([
    ['a robust European force', { euTroops: 0 }, { euTroops: 120_000, euPosture: 'combat', euRoeClarity: 0.9, euEnablers: 0.9 }],
    ['a larger Ukrainian army', { uaArmySize: 300_000 }, { uaArmySize: 1_100_000 }],
    ['a US rapid-reinforcement backstop', { usTier: 'none' }, { usTier: 'rapid-reinforcement' }],
  ] as const)('%s raises grey-zone campaigns in absolute terms while war falls', (_, weak, strong) => {
    const a = run(weak as Partial<Levers>);
    const b = run(strong as Partial<Levers>);
    expect(b.pWar).toBeLessThan(a.pWar);
    expect(b.pGreyZone).toBeGreaterThan(a.pGreyZone);
  });
});

describe('worlds without guarantees', () => {
  it('are worse than the base rate (about half of ceasefires), but war is not certain', () => {
    const s = run({ euTroops: 0, usTier: 'none', article5Like: false }, 10_000);
    expect(s.pWar).toBeGreaterThan(0.4);
    expect(s.pWar).toBeLessThan(0.9);
  });
});

describe('US credibility means what its label says', () => {
  it('is the probability the administration in office honours its tier, whatever the attention left', () => {
    const levers = { ...defaultLevers(), usTier: 'rapid-reinforcement', usCredibility: 0.6, usAttentionHalfLifeYears: 0.5 } as Levers;
    const model = compileModel(levers);
    const draws = emptyDraws();
    for (let i = 0; i < 50; i++) {
      drawTrial(trialRng('cred', i), draws);
      const path = trialPath(model, draws);
      for (const t of [1, 12, 96, model.horizon]) {
        expect(model.attention[t]).toBeLessThanOrEqual(1);
        expect(path.usHonour[t]).toBe(path.usCredibility[t]);
        if (model.term[t] === 0) expect(path.usHonour[t]).toBe(0.6);
      }
    }
    // In a full-scale war the US comes exactly when the trial's draw is below that probability.
    let honoured = 0;
    for (let k = 0; k < 1000; k++) if (guarantorResponse(model.params, 'fullScale', 0, 0.6, 0, 1, (k + 0.5) / 1000, 1) & FLAG_US) honoured++;
    expect(honoured).toBe(600);
  });

  it('elections matter at the defaults: volatility and the calendar move war', () => {
    expect(Math.abs(effect({ usElectionVolatility: 0 }, { usElectionVolatility: 1 }, 20_000))).toBeGreaterThan(0.005);
    expect(run({ ceasefireStart: '2027-01' }, 20_000).survivalWar).not.toEqual(run({ ceasefireStart: '2028-06' }, 20_000).survivalWar);
  });
});
