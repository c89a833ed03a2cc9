// Unit tests of each named mechanism against values computed by hand from ASSUMPTIONS, so that
// retuning a constant does not break them but changing an equation does: the guarantees (European
// forces and their engagement, the offensive's success, the US's honour, snapback and the value of
// peace, each mode's gain and cost, the guarantors' response). The paths over time and the trial's
// draws are in mechanisms.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  FLAG_EUROPE,
  FLAG_GREY_EUROPE,
  FLAG_GREY_SNAPBACK,
  FLAG_GREY_US,
  FLAG_SNAPBACK,
  FLAG_US,
  postureCommitment,
  beyondToken,
  enablerSurvival,
  modeGain,
  modeTerms,
  modeWarCost,
  vetoFactor,
  modeShape,
  postureDenial,
  compileModel,
  defaultLevers,
  leverSpec,
  europeEngagementProbability,
  europeanCoverage,
  europeanDenial,
  europeanForceValue,
  guarantorResponse,
  offensiveSuccess,
  peaceValue,
  snapbackCost,
  usHonourProbability,
} from '../../src/engine';
import { leverValueArb } from './arbitraries';

/** The default parameter record: every mechanism takes it (or another) as its first argument. */
const P = DEFAULT_PARAMS;
const close = (actual: number, expected: number, tol = 1e-12) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);

describe('europeanCoverage, enablerSurvival, europeanForceValue and europeanDenial', () => {
  const h = P.euHalfCoverageTroops;
  const k = P.euCoverageExponent;
  it('covers half the front at the half-coverage troop count, on an S-curve of the documented steepness', () => {
    close(europeanCoverage(P, h), 0.5);
    const x = Math.pow(0.5, k);
    close(europeanCoverage(P, h / 2), x / (1 + x));
    const y = Math.pow(30_000 / h, k);
    close(europeanCoverage(P, 30_000), y / (1 + y));
    expect(europeanCoverage(P, 0)).toBe(0);
    expect(europeanCoverage(P, 10_000_000)).toBeLessThan(1);
  });
  it('is worth less per soldier when the force is too thin to hold a line (10,000 → 100,000 does more than 0 → 10,000)', () => {
    // A force of twice the half-coverage size holds over five times what one of half that size does.
    expect(europeanCoverage(P, 2 * h)).toBeGreaterThan(5 * europeanCoverage(P, h / 2));
    expect(europeanCoverage(P, 100_000) - europeanCoverage(P, 10_000)).toBeGreaterThan(10 * europeanCoverage(P, 10_000));
    expect(europeanCoverage(P, 10_000) / 10_000).toBeLessThan(europeanCoverage(P, h) / h);
  });
  it('keeps the enabler floor with no enablers and all its value with full enablers', () => {
    close(enablerSurvival(P, 0), P.euEnablerFloor);
    close(enablerSurvival(P, 1), 1);
    close(enablerSurvival(P, 0.5), P.euEnablerFloor + (1 - P.euEnablerFloor) * 0.5);
  });
  it('multiplies coverage, posture and survivability with enablers', () => {
    close(europeanForceValue(P, { euTroops: h, euPosture: 'combat', euEnablers: 1 }), 0.5 * postureDenial(P, 'combat'));
    close(europeanForceValue(P, { euTroops: h, euPosture: 'tripwire', euEnablers: 0 }), 0.5 * postureDenial(P, 'tripwire') * P.euEnablerFloor);
    close(
      europeanForceValue(P, { euTroops: h, euPosture: 'monitoring', euEnablers: 0.5 }),
      0.5 * postureDenial(P, 'monitoring') * (P.euEnablerFloor + (1 - P.euEnablerFloor) * 0.5),
    );
    close(europeanDenial(P, { euTroops: h, euPosture: 'combat', euEnablers: 1 }), P.euDenialWeight * 0.5 * postureDenial(P, 'combat'));
    expect(europeanDenial(P, { euTroops: 0, euPosture: 'combat', euEnablers: 1 })).toBe(0);
  });
});

describe('offensiveSuccess', () => {
  it('is a²/(a² + d²)', () => {
    close(offensiveSuccess(3, 4), 9 / 25);
    close(offensiveSuccess(1, 1), 0.5);
    expect(offensiveSuccess(1, 0)).toBe(1);
    expect(offensiveSuccess(0, 1)).toBe(0);
  });
  it('is 0 when there is neither attack nor defence', () => {
    expect(offensiveSuccess(0, 0)).toBe(0);
  });
});

describe('beyondToken', () => {
  it('is T²/(T² + token²): half at the token size, 0 with no troops, toward 1 for a large force', () => {
    const t = P.euTokenTroops;
    close(beyondToken(P, t), 0.5);
    expect(beyondToken(P, 0)).toBe(0);
    close(beyondToken(P, 2 * t), 0.8);
    expect(beyondToken(P, 100 * t)).toBeGreaterThan(0.999);
  });
});

describe('europeEngagementProbability', () => {
  const base = { euTroops: 30_000, euPosture: 'tripwire' as const, euRoeClarity: 0.4, euEnablers: 0.5, article5Like: false, russianVeto: false };
  const tripwire = beyondToken(P, 30_000 * enablerSurvival(P, 0.5)) * (P.euEngageBase + P.euEngageRoe * 0.4) * postureCommitment(P, 'tripwire');
  it('is (more than a token, in enabled troops) × rules of engagement × posture commitment', () => {
    close(europeEngagementProbability(P, base), tripwire);
    close(
      europeEngagementProbability(P, { ...base, euPosture: 'combat' }),
      beyondToken(P, 30_000 * enablerSurvival(P, 0.5)) * (P.euEngageBase + P.euEngageRoe * 0.4) * postureCommitment(P, 'combat'),
    );
  });
  it('is higher for a force with enablers than the same head count without (a force that would be destroyed commits less)', () => {
    expect(europeEngagementProbability(P, { ...base, euEnablers: 1 })).toBeGreaterThan(europeEngagementProbability(P, { ...base, euEnablers: 0 }));
  });
  it('adds the Article 5-like pledge, even with no troops', () => {
    close(europeEngagementProbability(P, { ...base, article5Like: true }), Math.min(1, tripwire + P.article5Pledge));
    close(europeEngagementProbability(P, { ...base, euTroops: 0, article5Like: true }), P.article5Pledge);
    expect(europeEngagementProbability(P, { ...base, euTroops: 0 })).toBe(0);
  });
  it('is cut to the veto share by a Russian veto', () => {
    close(europeEngagementProbability(P, { ...base, russianVeto: true }), P.vetoKeeps * tripwire);
    expect(vetoFactor(P, true)).toBe(P.vetoKeeps);
    expect(vetoFactor(P, false)).toBe(1);
  });
  it('is capped at 1 and lies in [0, 1] for any levers', () => {
    const strongest = { euTroops: 200_000, euPosture: 'combat' as const, euRoeClarity: 1, euEnablers: 1, article5Like: true, russianVeto: false };
    const raw = beyondToken(P, 200_000) * (P.euEngageBase + P.euEngageRoe) * postureCommitment(P, 'combat') + P.article5Pledge;
    close(europeEngagementProbability(P, strongest), Math.min(1, raw));
    close(europeEngagementProbability(P, { ...strongest, russianVeto: true }), P.vetoKeeps * Math.min(1, raw));
    fc.assert(
      fc.property(leverValueArb(leverSpec('euTroops')!), leverValueArb(leverSpec('euPosture')!), leverValueArb(leverSpec('euRoeClarity')!), leverValueArb(leverSpec('euEnablers')!), fc.boolean(), fc.boolean(), (euTroops, euPosture, euRoeClarity, euEnablers, article5Like, russianVeto) => {
        const p = europeEngagementProbability(P, { euTroops, euPosture, euRoeClarity, euEnablers, article5Like, russianVeto } as Parameters<typeof europeEngagementProbability>[1]);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('usHonourProbability', () => {
  it('is 0 with no US tier, whatever the credibility', () => {
    expect(usHonourProbability(P, 'none', 1, false)).toBe(0);
  });
  it('is the credibility itself, as its label says (attention does not enter), cut by a veto', () => {
    close(usHonourProbability(P, 'air-power', 0.5, false), 0.5);
    close(usHonourProbability(P, 'intel-logistics', 0.8, false), 0.8);
    close(usHonourProbability(P, 'rapid-reinforcement', 0.5, true), 0.5 * P.vetoKeeps);
  });
});

describe('snapbackCost and peaceValue', () => {
  it('prices the room left to snap back, escalation and secondary sanctions', () => {
    close(snapbackCost(P, 0.6, false), P.snapbackCost * (0.4 + P.snapbackEscalation));
    close(snapbackCost(P, 0.6, true), P.snapbackCost * (0.4 + P.snapbackEscalation + P.secondarySanctionsExtra));
    close(snapbackCost(P, 0, false), P.snapbackCost * (1 + P.snapbackEscalation));
  });
  it('values the status quo at a constant a_SQ (no early fragility; sanctions in force are paid in peace and war alike)', () => {
    close(peaceValue(P), P.peaceBaseValue);
  });
});

describe('modeGain, modeWarCost and modeTerms', () => {
  it('gives a full-scale offensive all of its prize in resolve, a limited one a fixed share too', () => {
    close(modeGain(P, 'fullScale', 0.7), 0.7);
    close(modeGain(P, 'limited', 0), P.limitedGain * P.limitedGainFixedShare);
    close(modeGain(P, 'limited', 1), P.limitedGain);
    close(modeGain(P, 'limited', 0.5), P.limitedGain * (P.limitedGainFixedShare + (1 - P.limitedGainFixedShare) * 0.5));
  });
  it('prices each conventional campaign by its assumption', () => {
    expect(modeWarCost(P, 'fullScale')).toBe(P.fullScaleWarCost);
    expect(modeWarCost(P, 'limited')).toBe(P.limitedWarCost);
  });
  it('describes each mode with the cost and the share of the ceasefire it forfeits', () => {
    expect(modeTerms(P, 'fullScale')).toMatchObject({ cost: P.fullScaleWarCost, peaceForfeit: 1 });
    expect(modeTerms(P, 'limited')).toMatchObject({ cost: P.limitedWarCost, peaceForfeit: P.limitedPeaceLoss });
    expect(modeTerms(P, 'greyZone')).toMatchObject({ cost: P.greyZoneCost, peaceForfeit: 0 });
  });
});

describe('guarantorResponse', () => {
  const levers = { ...defaultLevers(), usTier: 'air-power' as const, horizonYears: 2 };
  const model = compileModel(levers);
  const usP = usHonourProbability(P, levers.usTier, 0.6, levers.russianVeto);
  const pE = model.pEurope;
  const pS = model.pSnapback;
  it('reads the precomputed probabilities from the levers', () => {
    close(pE, europeEngagementProbability(P, levers));
    close(pS, levers.snapbackCredibility * vetoFactor(P, levers.russianVeto));
    close(model.usHonourPerCredibility, vetoFactor(P, levers.russianVeto));
  });
  it('flags every guarantor whose hidden draw falls below its probability for a full-scale offensive', () => {
    expect(guarantorResponse(P, 'fullScale', pE, usP, pS, pE * 0.999, usP * 0.999, pS * 0.999)).toBe(FLAG_EUROPE | FLAG_US | FLAG_SNAPBACK);
    expect(guarantorResponse(P, 'fullScale', pE, usP, pS, pE * 1.001, usP * 1.001, pS * 1.001)).toBe(0);
    expect(guarantorResponse(P, 'fullScale', pE, usP, pS, 0, 0.999, 0.999)).toBe(FLAG_EUROPE);
    expect(guarantorResponse(P, 'fullScale', pE, usP, pS, 0.999, 0, 0.999)).toBe(FLAG_US);
    expect(guarantorResponse(P, 'fullScale', pE, usP, pS, 0.999, 0.999, 0)).toBe(FLAG_SNAPBACK);
  });
  it("scales each probability by the mode's trigger (a limited offensive may avoid the Europeans)", () => {
    const trig = modeShape(P, 'limited').trigger;
    expect(guarantorResponse(P, 'limited', pE, usP, pS, pE * trig.europe * 0.99, 1, 1)).toBe(FLAG_EUROPE);
    expect(guarantorResponse(P, 'limited', pE, usP, pS, pE * trig.europe * 1.01, 1, 1)).toBe(0);
  });
  it('reports a grey-zone probe with its own bits, scaled by its (small) triggers', () => {
    const trig = modeShape(P, 'greyZone').trigger;
    expect(guarantorResponse(P, 'greyZone', pE, usP, pS, pE * trig.europe * 0.99, 1, 1)).toBe(FLAG_GREY_EUROPE);
    expect(guarantorResponse(P, 'greyZone', pE, usP, pS, pE * trig.europe * 1.01, 1, 1)).toBe(0);
    expect(guarantorResponse(P, 'greyZone', pE, usP, pS, 1, usP * trig.us * 0.99, 1)).toBe(FLAG_GREY_US);
    expect(guarantorResponse(P, 'greyZone', pE, usP, pS, 1, usP * trig.us * 1.01, 1)).toBe(0);
    expect(guarantorResponse(P, 'greyZone', pE, usP, pS, 1, 1, pS * trig.snapback * 0.99)).toBe(FLAG_GREY_SNAPBACK);
    expect(guarantorResponse(P, 'greyZone', pE, usP, pS, 0, 0, 0) & (FLAG_EUROPE | FLAG_US | FLAG_SNAPBACK)).toBe(0);
  });
  it('never flags the US when there is no US tier', () => {
    const none = compileModel({ ...levers, usTier: 'none' });
    expect(none.usHonourPerCredibility).toBe(0);
    expect(guarantorResponse(P, 'fullScale', none.pEurope, usHonourProbability(P, 'none', 1, false), none.pSnapback, 1, 0, 1)).toBe(0);
  });
});
