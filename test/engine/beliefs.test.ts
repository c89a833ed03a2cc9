// Mechanism 7, beliefs apart from truth (model/beliefs.ts): Moscow's priors about the guarantors,
// the noisy signals of incidents and Bayes' rule on them, and its drifting view of the balance.
// Each property is checked against the definition, so retuning an assumption does not break it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASSUMPTIONS,
  DEFAULT_PARAMS,
  FIVE_LEVELS,
  MAX_INCIDENTS,
  MAX_YEARS,
  balanceLevelPath,
  balanceStrengthLevels,
  compileModel,
  defaultLevers,
  drawTrial,
  emptyDraws,
  modelParams,
  oddsToProbability,
  posteriorBelief,
  priorOdds,
  signalFirm,
  trialPath,
  trialRng,
  type Levers,
} from '../../src/engine';

const P = DEFAULT_PARAMS;
const prob = fc.double({ min: 0, max: 1, noNaN: true });
const open01 = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
const doubt = fc.double({ min: ASSUMPTIONS.europeResolveDoubt.min, max: ASSUMPTIONS.europeResolveDoubt.max, noNaN: true });
const spread = fc.double({ min: ASSUMPTIONS.resolvePerceptionSpread.min, max: ASSUMPTIONS.resolvePerceptionSpread.max, noNaN: true });
const z = fc.double({ min: -8.3, max: 8.3, noNaN: true });
const accuracy = fc.double({ min: ASSUMPTIONS.signalAccuracy.min, max: ASSUMPTIONS.signalAccuracy.max, noNaN: true });
const net = fc.integer({ min: -MAX_INCIDENTS, max: MAX_INCIDENTS });

describe('priorOdds: what Moscow expects of a guarantor before any incident', () => {
  it('is 0 when nothing observable could fight, and Infinity when the observable commitment is total', () => {
    fc.assert(
      fc.property(doubt, spread, z, (d, s, zz) => {
        expect(priorOdds(0, d, s, zz)).toBe(0);
        expect(priorOdds(1, d, s, zz)).toBe(Infinity);
        expect(oddsToProbability(priorOdds(0, d, s, zz))).toBe(0);
        expect(oddsToProbability(priorOdds(1, d, s, zz))).toBe(1);
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('is the observable odds times e^(doubt + spread × z)', () => {
    expect(priorOdds(0.5, 0, 1, 0)).toBe(1);
    expect(priorOdds(0.2, 0, 1, 0)).toBeCloseTo(0.25, 14);
    expect(priorOdds(0.5, -0.5, 1, 0)).toBeCloseTo(Math.exp(-0.5), 14);
    expect(priorOdds(0.5, 0, 0.5, 2)).toBeCloseTo(Math.exp(1), 14);
  });

  it('never falls as the observable probability rises (so no deterring lever lowers Moscow’s belief)', () => {
    fc.assert(
      fc.property(prob, prob, doubt, spread, z, (a, b, d, s, zz) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(priorOdds(hi, d, s, zz)).toBeGreaterThanOrEqual(priorOdds(lo, d, s, zz));
        if (lo > 0 && hi < 1 && hi - lo > 1e-9) expect(priorOdds(hi, d, s, zz)).toBeGreaterThan(priorOdds(lo, d, s, zz));
      }),
      { seed: 2, numRuns: 2000 },
    );
  });

  it('underrates a guarantor on average when the doubt is negative (the defaults: Korea 1950, the Falklands, Kuwait)', () => {
    expect(P.europeResolveDoubt).toBeLessThan(0);
    expect(oddsToProbability(priorOdds(0.4, P.europeResolveDoubt, P.resolvePerceptionSpread, 0))).toBeLessThan(0.4);
  });
});

describe('signalFirm: what an incident shows of a guarantor', () => {
  it('shows the fighting type as firm wherever it shows the other type as firm (a more credible guarantor never looks weaker)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }), (u, a) => {
        if (signalFirm(false, u, a)) expect(signalFirm(true, u, a)).toBe(true);
        if (!signalFirm(true, u, a)) expect(signalFirm(false, u, a)).toBe(false);
      }),
      { seed: 3, numRuns: 5000 },
    );
  });

  it('shows each type as it is with probability signalAccuracy', () => {
    const n = 100_000;
    for (const a of [0.52, P.signalAccuracy, 0.8]) {
      let firmIfFights = 0;
      let firmIfNot = 0;
      for (let k = 0; k < n; k++) {
        const u = (k + 0.5) / n;
        if (signalFirm(true, u, a)) firmIfFights++;
        if (signalFirm(false, u, a)) firmIfNot++;
      }
      expect(firmIfFights / n).toBeCloseTo(a, 4);
      expect(firmIfNot / n).toBeCloseTo(1 - a, 4);
    }
  });
});

describe('posteriorBelief: Bayes’ rule on the net count of firm signals', () => {
  it('is the prior’s probability with no net signal, and multiplies the odds by a/(1 − a) per net firm signal', () => {
    fc.assert(
      fc.property(open01, accuracy, net, (p0, a, k) => {
        const o = p0 / (1 - p0);
        expect(posteriorBelief(o, 0, a)).toBeCloseTo(p0, 12);
        const odds = o * Math.pow(a / (1 - a), k);
        expect(posteriorBelief(o, k, a)).toBeCloseTo(odds / (1 + odds), 12);
      }),
      { seed: 4, numRuns: 2000 },
    );
  });

  it('never falls when the prior rises, nor when the net firm signals rise', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), accuracy, net, net, (o1, o2, a, k1, k2) => {
        const [lo, hi] = o1 <= o2 ? [o1, o2] : [o2, o1];
        const [klo, khi] = k1 <= k2 ? [k1, k2] : [k2, k1];
        expect(posteriorBelief(hi, k1, a)).toBeGreaterThanOrEqual(posteriorBelief(lo, k1, a));
        expect(posteriorBelief(o1, khi, a)).toBeGreaterThanOrEqual(posteriorBelief(o1, klo, a));
        if (o1 > 1e-6 && o1 < 1e6 && khi > klo) expect(posteriorBelief(o1, khi, a)).toBeGreaterThan(posteriorBelief(o1, klo, a));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('keeps a certain prior certain (0 stays 0, Infinity stays 1) whatever the signals', () => {
    for (const k of [-MAX_INCIDENTS, -1, 0, 1, MAX_INCIDENTS]) {
      expect(posteriorBelief(0, k, P.signalAccuracy)).toBe(0);
      expect(posteriorBelief(Infinity, k, P.signalAccuracy)).toBe(1);
    }
  });

  it('never makes Moscow certain from a finite prior, even after all 12 incidents point one way (a few incidents never make it certain)', () => {
    // Priors as the model forms them: an observable probability strictly inside (0, 1), the doubt
    // and spread anywhere in their plausible ranges, the trial's misreading within ±4 sd.
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), doubt, spread, fc.double({ min: -4, max: 4, noNaN: true }), accuracy, net, (pObs, d, s, zz, a, k) => {
        const b = posteriorBelief(priorOdds(pObs, d, s, zz), k, a);
        expect(b).toBeGreaterThan(0);
        expect(b).toBeLessThan(1);
      }),
      { seed: 6, numRuns: 3000 },
    );
    // At the defaults, three firm signals from an even prior leave Moscow far from sure.
    const a = P.signalAccuracy;
    const r = a / (1 - a);
    expect(posteriorBelief(1, 3, a)).toBeCloseTo(r ** 3 / (1 + r ** 3), 12);
    expect(posteriorBelief(1, 3, a)).toBeLessThan(0.9);
    expect(posteriorBelief(1, MAX_INCIDENTS, a)).toBeLessThan(1);
  });
});

describe('balanceStrengthLevels and balanceLevelPath: Moscow’s view of the balance', () => {
  it('gives five increasing multipliers e^(optimism + spread × z), optimistic at the median when optimism > 0', () => {
    const m = balanceStrengthLevels(P);
    expect(m).toHaveLength(5);
    for (let k = 0; k < 5; k++) expect(m[k]).toBeCloseTo(Math.exp(P.balanceOptimism + P.balanceMisperceptionSpread * FIVE_LEVELS[k]), 14);
    for (let k = 1; k < 5; k++) expect(m[k]).toBeGreaterThan(m[k - 1]);
    expect(m[2]).toBeCloseTo(Math.exp(P.balanceOptimism), 14);
    expect(P.balanceOptimism).toBeGreaterThan(0);
    expect(m.reduce((s, x) => s + x, 0) / 5).toBeGreaterThan(1);
    // No optimism and no spread: Moscow sees the truth at every level.
    const clear = modelParams({ balanceOptimism: 0 });
    expect(balanceStrengthLevels(clear)[2]).toBe(1);
  });

  it('keeps the level when the year’s uniform is below the persistence, and otherwise redraws it uniformly', () => {
    const rho = P.balanceMisperceptionPersistence;
    const u = new Float64Array(MAX_YEARS - 1);
    const out = new Uint8Array(MAX_YEARS);
    u.fill(rho * 0.999);
    expect(Array.from(balanceLevelPath(P, 3, u, out))).toEqual(new Array(MAX_YEARS).fill(3));
    for (let j = 0; j < 5; j++) {
      u.fill(rho + (1 - rho) * ((j + 0.5) / 5));
      const path = balanceLevelPath(P, 0, u, out);
      expect(path[0]).toBe(0);
      for (let k = 1; k < MAX_YEARS; k++) expect(path[k]).toBe(j);
    }
  });

  it('is stationary (every level equally likely in every year) with the stated persistence, over many draws', () => {
    const n = 20_000;
    const rho = P.balanceMisperceptionPersistence;
    const counts = Array.from({ length: MAX_YEARS }, () => new Array(5).fill(0));
    let same = 0;
    const u = new Float64Array(MAX_YEARS - 1);
    const out = new Uint8Array(MAX_YEARS);
    for (let i = 0; i < n; i++) {
      const rng = trialRng('balance', i);
      const level0 = Math.min(4, Math.floor(rng() * 5));
      for (let k = 0; k < MAX_YEARS - 1; k++) u[k] = rng();
      balanceLevelPath(P, level0, u, out);
      for (let k = 0; k < MAX_YEARS; k++) counts[k][out[k]]++;
      for (let k = 1; k < MAX_YEARS; k++) if (out[k] === out[k - 1]) same++;
    }
    // Each level's share in each year: 1/5 within 5 sd of a binomial share of n.
    const sd = Math.sqrt(0.2 * 0.8 / n);
    for (let k = 0; k < MAX_YEARS; k++) for (let j = 0; j < 5; j++) expect(Math.abs(counts[k][j] / n - 0.2), `year ${k + 1} level ${j}`).toBeLessThan(5 * sd);
    // The level carries over with probability ρ, plus a redraw that lands on the same level (1/5 of the rest).
    const pSame = rho + (1 - rho) / 5;
    const m = n * (MAX_YEARS - 1);
    expect(Math.abs(same / m - pSame)).toBeLessThan(5 * Math.sqrt(pSame * (1 - pSame) / m));
  });
});

describe('beliefs along a trial (trialPath)', () => {
  const levers: Levers = { ...defaultLevers(), usTier: 'air-power', usElectionVolatility: 1, horizonYears: 20, euTroops: 60_000 };
  const model = compileModel(levers);
  const p = model.params;

  it('moves Moscow’s belief about Europe only at incidents, and about the US only at incidents and elections', () => {
    for (let i = 0; i < 200; i++) {
      const d = drawTrial(trialRng('path', i), emptyDraws());
      const path = trialPath(model, d);
      for (let t = 1; t <= model.horizon; t++) {
        const incident = path.incidents[t] > path.incidents[t - 1];
        const election = model.term[t] !== model.term[t - 1];
        if (!incident) expect(path.bEurope[t]).toBe(path.bEurope[t - 1]);
        if (!incident && !election) expect(path.bUs[t]).toBe(path.bUs[t - 1]);
      }
    }
  });

  it('resets its belief about the US exactly when a new administration (a new type) takes office', () => {
    let resets = 0;
    for (let i = 0; i < 200; i++) {
      const d = drawTrial(trialRng('reset', i), emptyDraws());
      const path = trialPath(model, d);
      for (const e of model.elections) {
        const k = model.term[e];
        const honour = model.usHonourPerCredibility * path.credibilities[k];
        expect(path.usHonour[e]).toBe(honour);
        expect(path.usFights[e]).toBe(d.uUs[k] < honour ? 1 : 0);
        // Signals seen in the election month itself are of the new administration.
        let netUs = 0;
        for (let j = path.incidents[e - 1]; j < path.incidents[e]; j++) netUs += path.firmUs[j] ? 1 : -1;
        const fresh = posteriorBelief(priorOdds(honour, p.usResolveDoubt, p.resolvePerceptionSpread, d.zPerceiveUs[k]), netUs, p.signalAccuracy);
        expect(path.bUs[e]).toBeCloseTo(fresh, 14);
        resets++;
      }
    }
    expect(resets).toBe(200 * model.elections.length);
  });

  it('forms the prior about Europe from the observable engagement probability, never the trial’s true type', () => {
    for (let i = 0; i < 100; i++) {
      const d = drawTrial(trialRng('prior', i), emptyDraws());
      const path = trialPath(model, d);
      const prior = oddsToProbability(priorOdds(model.pEurope, p.europeResolveDoubt, p.resolvePerceptionSpread, d.zPerceiveEurope));
      expect(path.bEurope[0]).toBeCloseTo(prior, 14);
      // The same draws with Europe's type flipped give the same prior.
      const flipped = trialPath(model, { ...d, uEurope: d.uEurope < model.pEurope ? 0.999999 : 0 });
      expect(flipped.europeFights).toBe(!path.europeFights);
      expect(flipped.bEurope[0]).toBe(path.bEurope[0]);
    }
  });
});
