// Unit tests of each named mechanism against values computed by hand from ASSUMPTIONS, so that
// retuning a constant does not break them but changing an equation does: the paths over time
// (US attention, elections, sanctions, Russia's capacity, Ukraine's funding and readiness) and the
// trial's own draws (resolve, credibilities, relief, quantiles, intervals, incidents). The guarantees
// (forces, engagement, costs, responses) are in guarantees.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  MAX_INCIDENTS,
  MAX_YEARS,
  incidentMonths,
  resolvePath,
  trialGreyTaste,
  modelParams,
  FIVE_LEVELS,
  MAX_TERMS,
  Z95,
  addMonths,
  leverSpec,
  electionMonths,
  horizonMonths,
  normalQuantile,
  readinessTarget,
  reconstitutionYears,
  reliefPace,
  russianCapacityPath,
  sanctionsPath,
  termByMonth,
  trialCredibilities,
  trialResolve,
  ukraineArmyFactor,
  ukraineFunding,
  usAttention,
  wilson,
  worstCaseHalfWidth,
} from '../../src/engine';
import { leverValueArb } from './arbitraries';

/** The default parameter record: every mechanism takes it (or another) as its first argument. */
const P = DEFAULT_PARAMS;
const close = (actual: number, expected: number, tol = 1e-12) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);

describe('usAttention', () => {
  it('starts at full attention in the month of the deal', () => {
    close(usAttention(P, 0, 3), 1);
  });
  it('has lost half the fading part after one half-life', () => {
    const f = P.usAttentionFloor;
    close(usAttention(P, 36, 3), f + (1 - f) / 2);
    close(usAttention(P, 12 * 0.5, 0.5), f + (1 - f) / 2);
    close(usAttention(P, 72, 3), f + (1 - f) / 4);
  });
  it('decays to the floor, never below it', () => {
    close(usAttention(P, 240, 0.5), P.usAttentionFloor + (1 - P.usAttentionFloor) * Math.pow(2, -40));
    expect(usAttention(P, 240, 0.5)).toBeGreaterThan(P.usAttentionFloor);
  });
  it('fades more slowly with a longer half-life', () => {
    expect(usAttention(P, 24, 10)).toBeGreaterThan(usAttention(P, 24, 2));
  });
});

describe('electionMonths and termByMonth', () => {
  it('puts the first election after a January 2027 ceasefire in month 22 (November 2028), then every 48 months', () => {
    expect(electionMonths('2027-01', 120)).toEqual([22, 70, 118]);
    expect(addMonths('2027-01', 22)).toBe('2028-11');
    expect(addMonths('2027-01', 70)).toBe('2032-11');
  });
  it('counts an election that falls exactly on the horizon, and not one just beyond it', () => {
    expect(electionMonths('2027-01', 22)).toEqual([22]);
    expect(electionMonths('2027-01', 21)).toEqual([]);
    expect(electionMonths('2027-01', 70)).toEqual([22, 70]);
  });
  it('skips to November 2032 for a ceasefire after November 2028', () => {
    // March 2029 → November 2032 is 3 years and 8 months later.
    expect(electionMonths('2029-03', 120)).toEqual([44, 92]);
    expect(electionMonths('2028-12', 60)).toEqual([47]);
    expect(electionMonths('2031-02', 60)).toEqual([21]);
  });
  it('does not count an election in the ceasefire month itself (month 0)', () => {
    expect(electionMonths('2028-11', 100)).toEqual([48, 96]);
  });
  it('waits for November 2028 when the ceasefire starts before it', () => {
    expect(electionMonths('2025-01', 60)).toEqual([46]);
  });
  it('places the elections on the last allowed start date and horizon', () => {
    expect(electionMonths('2040-12', 240)).toEqual([47, 95, 143, 191, 239]);
    expect(electionMonths('2040-12', 240).length).toBeLessThan(MAX_TERMS);
  });
  it('gives the administration index in office at each month, changing at the election month', () => {
    const term = termByMonth([22, 70, 118], 120);
    expect(term.length).toBe(121);
    expect(term[0]).toBe(0);
    expect(term[21]).toBe(0);
    expect(term[22]).toBe(1);
    expect(term[69]).toBe(1);
    expect(term[70]).toBe(2);
    expect(term[118]).toBe(3);
    expect(term[120]).toBe(3);
    expect(Array.from(termByMonth([], 5))).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it('finds exactly the Novembers of US presidential election years within the horizon, for any start', () => {
    const startArb = leverValueArb(leverSpec('ceasefireStart')!) as fc.Arbitrary<string>;
    fc.assert(
      fc.property(startArb, fc.integer({ min: 12, max: 240 }), (start, horizon) => {
        const expected: number[] = [];
        for (let m = 1; m <= horizon; m++) {
          const date = addMonths(start, m);
          const year = Number(date.slice(0, 4));
          if (date.endsWith('-11') && year >= 2028 && year % 4 === 0) expected.push(m);
        }
        expect(electionMonths(start, horizon)).toEqual(expected);
        expect(expected.length).toBeLessThan(MAX_TERMS);
        const term = termByMonth(expected, horizon);
        for (let t = 1; t <= horizon; t++) expect(term[t] - term[t - 1]).toBe(expected.includes(t) ? 1 : 0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('counts 12 months a year in the horizon', () => {
    expect(horizonMonths(1)).toBe(12);
    expect(horizonMonths(20)).toBe(240);
  });
});

describe('sanctionsPath', () => {
  it('erodes the level geometrically by the yearly relief', () => {
    const s = sanctionsPath(0.6, 0.1, 24);
    expect(s.length).toBe(25);
    close(s[0], 0.6);
    close(s[12], 0.6 * 0.9);
    close(s[24], 0.6 * 0.81);
    close(s[6], 0.6 * Math.sqrt(0.9));
  });
  it('stays constant with no relief', () => {
    expect(Array.from(sanctionsPath(0.4, 0, 5))).toEqual([0.4, 0.4, 0.4, 0.4, 0.4, 0.4]);
  });
});

describe('russianCapacityPath', () => {
  it('starts at the capacity at the ceasefire and takes its first step by the time constant stretched by sanctions', () => {
    const s = sanctionsPath(0.6, 0.1, 12);
    const r = russianCapacityPath(P, 3, s);
    const r0 = P.ruCapacityAtCeasefire;
    const tau = 36 * (1 + P.sanctionsRebuildDrag * 0.6);
    close(r[0], r0);
    close(r[1], r0 + (1 - r0) * (1 - Math.exp(-1 / tau)));
    const tau2 = 36 * (1 + P.sanctionsRebuildDrag * s[1]);
    close(r[2], r[1] + (1 - r[1]) * (1 - Math.exp(-1 / tau2)));
  });
  it('closes the gap by 1 − 1/e in one time constant with no sanctions', () => {
    const r = russianCapacityPath(P, 1, new Float64Array(13));
    const r0 = P.ruCapacityAtCeasefire;
    close(r[12], 1 - (1 - r0) * Math.exp(-1), 1e-12);
  });
});

describe('ukraineFunding', () => {
  it('adds frozen assets disbursed evenly over ten years to the funded share', () => {
    const extra = 100 / P.frozenAssetsYears / P.uaDefenceNeedBn;
    close(ukraineFunding(P, 0.5, 100, 1), 0.5 + extra);
    close(ukraineFunding(P, 0.5, 100, 12 * P.frozenAssetsYears), 0.5 + extra);
  });
  it('stops the frozen-asset money once it is disbursed', () => {
    close(ukraineFunding(P, 0.5, 100, 12 * P.frozenAssetsYears + 1), 0.5);
  });
  it('never funds more than the whole need', () => {
    expect(ukraineFunding(P, 0.95, 300, 1)).toBe(1);
    expect(ukraineFunding(P, 1, 0, 1)).toBe(1);
  });
});

describe('readinessTarget', () => {
  it('adds funding and industry and subtracts fatigue', () => {
    close(
      readinessTarget(P, 0.7, 0.5, 0.3),
      P.uaReadinessBase + P.uaReadinessFunding * 0.7 + P.uaReadinessIndustry * 0.5 - P.uaReadinessFatigue * 0.3,
    );
    close(readinessTarget(P, 0, 0, 0), Math.max(P.uaReadinessFloor, P.uaReadinessBase));
  });
  it('never falls below the readiness floor (uaReadinessFloor)', () => {
    expect(readinessTarget(P, 0, 0, 1)).toBe(Math.max(P.uaReadinessFloor, P.uaReadinessBase - P.uaReadinessFatigue));
    expect(readinessTarget(P, 0, 0, 1)).toBeGreaterThanOrEqual(P.uaReadinessFloor);
    // A floor above the target is where it stops.
    const high = modelParams({ uaReadinessFloor: 0.1, uaReadinessBase: 0.25, uaReadinessFatigue: 0.6 });
    expect(readinessTarget(high, 0, 0, 1)).toBe(0.1);
  });
});

describe('ukraineArmyFactor', () => {
  it('is 1 at the reference army and shows diminishing returns elsewhere', () => {
    close(ukraineArmyFactor(P, P.uaArmyReference), 1);
    close(ukraineArmyFactor(P, P.uaArmyReference / 2), Math.pow(0.5, P.uaArmyElasticity));
    close(ukraineArmyFactor(P, 400_000), Math.pow(400_000 / P.uaArmyReference, P.uaArmyElasticity));
  });
});

describe('trialResolve and trialCredibilities', () => {
  it('draws resolve around its mean with the documented spread', () => {
    close(trialResolve(P, 0.7, 0), 0.7);
    close(trialResolve(P, 0.5, 1), 0.5 + P.resolveSpread);
    close(trialResolve(P, 0.5, -2), 0.5 - 2 * P.resolveSpread);
  });
  it('clips resolve to [0, 1]', () => {
    expect(trialResolve(P, 0.9, 10)).toBe(1);
    expect(trialResolve(P, 0.1, -10)).toBe(0);
  });
  it('gives every administration the lever value when elections are not volatile', () => {
    const z = Float64Array.from({ length: MAX_TERMS - 1 }, (_, k) => (k % 2 ? 2.5 : -3));
    const out = trialCredibilities(P, { usCredibility: 0.35, usElectionVolatility: 0 }, z, new Float64Array(MAX_TERMS));
    expect(Array.from(out)).toEqual(new Array(MAX_TERMS).fill(0.35));
  });
  it('redraws each elected administration around the lever and clips to [0, 1]', () => {
    const z = new Float64Array(MAX_TERMS - 1);
    z[0] = 1;
    z[1] = -1;
    z[2] = 100;
    z[3] = -100;
    const out = trialCredibilities(P, { usCredibility: 0.5, usElectionVolatility: 0.5 }, z, new Float64Array(MAX_TERMS));
    const sd = 0.5 * P.usCredibilitySpread;
    close(out[0], 0.5);
    close(out[1], 0.5 + sd);
    close(out[2], 0.5 - sd);
    expect(out[3]).toBe(1);
    expect(out[4]).toBe(0);
    close(out[5], 0.5);
  });
});

describe('reliefPace and reconstitutionYears', () => {
  it('uses the lever itself at the middle level', () => {
    close(reliefPace(P, 0.1, 2), 0.1);
    close(reconstitutionYears(P, 3, 2), 3);
  });
  it('spreads lognormally around the lever at the outer levels', () => {
    const z90 = 1.2815515655446004;
    close(reliefPace(P, 0.1, 4), 0.1 * Math.exp(P.reliefSpread * z90), 1e-9);
    close(reliefPace(P, 0.1, 0), 0.1 * Math.exp(-P.reliefSpread * z90), 1e-9);
    close(reconstitutionYears(P, 3, 0), 3 * Math.exp(-P.reconstitutionSpread * z90), 1e-8);
    close(reconstitutionYears(P, 3, 3), 3 * Math.exp(P.reconstitutionSpread * 0.5244005127080407), 1e-8);
  });
  it('caps the relief pace at reliefPaceCap a year', () => {
    expect(reliefPace(P, 0.5, 4)).toBe(Math.min(P.reliefPaceCap, 0.5 * Math.exp(P.reliefSpread * FIVE_LEVELS[4])));
    expect(reliefPace(P, 0.5, 4)).toBeLessThanOrEqual(P.reliefPaceCap);
    expect(reliefPace(modelParams({ reliefPaceCap: 0.8 }), 0.5, 4)).toBe(0.8);
  });
});

describe('normalQuantile', () => {
  // Reference quantiles of the standard normal (R's qnorm, 16 digits).
  const cases: [number, number][] = [
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.025, -1.959963984540054],
    [0.9, 1.2815515655446004],
    [0.7, 0.5244005127080407],
    [0.99, 2.3263478740408408],
    [0.01, -2.3263478740408408],
    [0.001, -3.090232306167813],
    [0.999, 3.090232306167813],
    [1e-6, -4.753424308822899],
    [0.02425, -1.9729610513118845],
  ];
  it.each(cases)('normalQuantile(%s) is %s within 1e-8', (p, z) => {
    close(normalQuantile(p), z, 1e-8);
  });
  it('maps the edges to ±8.3 rather than infinities', () => {
    expect(normalQuantile(0)).toBe(-8.3);
    expect(normalQuantile(1)).toBe(8.3);
  });
  it('agrees with the z used for 95% intervals', () => {
    close(normalQuantile(0.975), Z95, 1e-8);
  });
});

describe('wilson', () => {
  it('matches a hand-computed interval for 3 successes of 10', () => {
    const z = Z95;
    const n = 10;
    const p = 0.3;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
    const [lo, hi] = wilson(3, 10);
    close(lo, centre - half);
    close(hi, centre + half);
    // The published values (e.g. Newcombe 1998's worked examples style): 0.1078, 0.6032.
    close(lo, 0.1078, 1e-4);
    close(hi, 0.6032, 1e-4);
  });
  it('is [0, 1] when there are no trials', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
  it('stays inside [0, 1] at the extremes', () => {
    expect(wilson(0, 10)[0]).toBe(0);
    // Regression: rounding put the upper bound at 0.9999999999999999, below the estimate itself.
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(250, 250)[1]).toBe(1);
    expect(wilson(0, 250)[0]).toBe(0);
  });
  it('gives the worst-case half-width at one half, close to 1.96·√(0.25/n)', () => {
    const n = 10_000;
    const z2 = Z95 * Z95;
    close(worstCaseHalfWidth(n), (Z95 / (1 + z2 / n)) * Math.sqrt(0.25 / n + z2 / (4 * n * n)));
    close(worstCaseHalfWidth(n), Z95 * Math.sqrt(0.25 / n), 1e-5);
  });
});

describe('resolvePath', () => {
  const zeros = new Float64Array(MAX_YEARS - 1);
  it('starts at trialResolve and keeps a constant resolve when the innovations are zero and z is 0', () => {
    const out = resolvePath(P, 0.6, 0, zeros, new Float64Array(MAX_YEARS));
    expect(Array.from(out)).toEqual(new Array(MAX_YEARS).fill(0.6));
  });
  it('is an AR(1) in the standardised deviation with persistence resolvePersistence', () => {
    const rho = P.resolvePersistence;
    const s = Math.sqrt(1 - rho * rho);
    const drift = Float64Array.from({ length: MAX_YEARS - 1 }, (_, k) => (k % 3) - 1);
    const out = resolvePath(P, 0.5, 0.8, drift, new Float64Array(MAX_YEARS));
    close(out[0], trialResolve(P, 0.5, 0.8));
    let z = 0.8;
    for (let k = 1; k < MAX_YEARS; k++) {
      z = rho * z + s * drift[k - 1];
      close(out[k], trialResolve(P, 0.5, z));
    }
  });
  it('shifts every year with the lever (the drift never depends on it)', () => {
    const drift = Float64Array.from({ length: MAX_YEARS - 1 }, (_, k) => Math.sin(k));
    const lo = resolvePath(P, 0.4, -0.3, drift, new Float64Array(MAX_YEARS));
    const hi = resolvePath(P, 0.6, -0.3, drift, new Float64Array(MAX_YEARS));
    for (let k = 0; k < MAX_YEARS; k++) expect(hi[k]).toBeGreaterThanOrEqual(lo[k]);
  });
});

describe('incidentMonths and the trial’s grey-zone taste', () => {
  it('turns the uniforms into exponential gaps of mean 12 / incidentsPerYear months, rounded up', () => {
    const u = new Float64Array(MAX_INCIDENTS).fill(1 - Math.exp(-1)); // each gap is exactly one mean gap
    const months = incidentMonths(P, u, new Uint16Array(MAX_INCIDENTS));
    const gap = 12 / P.incidentsPerYear;
    for (let k = 0; k < MAX_INCIDENTS; k++) expect(months[k]).toBe(Math.max(1, Math.ceil((k + 1) * gap - 1e-9)));
  });
  it('gives non-decreasing months from month 1 on', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: MAX_INCIDENTS, maxLength: MAX_INCIDENTS }), (us) => {
        const m = incidentMonths(P, Float64Array.from(us), new Uint16Array(MAX_INCIDENTS));
        expect(m[0]).toBeGreaterThanOrEqual(1);
        for (let k = 1; k < MAX_INCIDENTS; k++) expect(m[k]).toBeGreaterThanOrEqual(m[k - 1]);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
  it('places incidents by the incidentsPerYear of the parameter record it is given', () => {
    const u = new Float64Array(MAX_INCIDENTS).fill(1 - Math.exp(-1));
    const twice = incidentMonths(modelParams({ incidentsPerYear: 2 * P.incidentsPerYear }), u, new Uint16Array(MAX_INCIDENTS));
    const once = incidentMonths(P, u, new Uint16Array(MAX_INCIDENTS));
    expect(twice[MAX_INCIDENTS - 1]).toBeLessThan(once[MAX_INCIDENTS - 1]);
    // Beliefs (priors and Bayesian updating on these incidents) are tested in beliefs.test.ts.
  });
  it('scales the trial’s own grey-zone taste by its spread', () => {
    close(trialGreyTaste(P, 1.5), 1.5 * P.greyTasteSpread);
    expect(trialGreyTaste(modelParams({ greyTasteSpread: 0 }), 3)).toBe(0);
  });
});
