/**
 * What the source articles and the literature the model cites (docs/model.md) lead one to expect of the presets, each
 * checked against this run's figures. The verdicts are computed, not written by hand, so a
 * recalibrated engine regenerates an honest discussion (`npm run report`).
 *
 * Engine 2's headline is war (a limited or full-scale offensive): a grey-zone campaign is a probe
 * and the trial goes on. Every check reads war (survivalWar), except where the expectation is about
 * how Moscow presses rather than whether it goes to war, which reads grey-zone campaigns (pGreyZone).
 * The `why` texts name the engine 2 mechanisms of docs/model.md that produce a disagreement.
 */
import { format } from 'd3-format';
import { europeanCoverage, europeEngagementCost, type Levers, type Summary } from '../src/engine';
import type { PresetRun } from './reportData';
import {
  A,
  GREY_TRIGGER,
  pct,
  pts,
  signedPts,
  num2,
  num3,
  int,
  type CheckResult,
  art,
  CheckContext,
  w10,
  ciText,
  hazardRatio,
  yearlyWarHazard,
  meanHazard,
  greyFirst,
  orDash,
  medianText,
  snapbackMax,
  noGreyShiftWhy,
  usTierWeight,
} from './reportContext';

export { art, type CheckResult } from './reportContext';

type Check = (c: CheckContext) => CheckResult;

const CHECKS: Check[] = [
  (c) => {
    const full = c.preset('full-package');
    const others = c.runs.filter((r) => r.scenario.id !== 'full-package');
    const best = others.reduce((a, b) => (w10(b.summary) < w10(a.summary) ? b : a));
    return {
      expectation: 'The full package (pledge, tripwire, US rapid reinforcement, snapback, a strong Ukraine) is the most robust preset.',
      source: art('004'),
      figures: `full package ${ciText(full)} at war within 10 years; best other preset ${best.shortName} ${ciText(best.summary)}.`,
      agrees: w10(full) < w10(best.summary),
      why: `${best.shortName} has fewer wars than the full package. Forces deter by military value in engine 3: the full package's ${int(full.params.euTroops)}-strong tripwire covers ${pct(europeanCoverage(A, full.params.euTroops))} of its part of the front (coverage is an S-curve, half at ${int(A.euHalfCoverageTroops)} troops) and fights only in a tripwire posture, so much of its weight is in distant levers: the pledge (${num3(A.article5Pledge)} added chance Europe fights), US reinforcement honoured with probability usCredibility and brought in proportion to fading attention, and a snapback bounded at ${num3(snapbackMax())} utility. The local balance ${best.shortName} sets outweighs them, which is Huth and Russett's ordering; the article's package is not the model's best.`,
    };
  },
  (c) => {
    const paper = c.preset('paper-guarantees');
    const base = c.preset('baseline');
    return {
      expectation: 'Paper guarantees fail more often than a package with troops on the ground and a US backstop.',
      source: `${art('003', 'Budapest 1994')}; Fortna (2004): peacekeepers and guarantees lengthen peace`,
      figures: `paper guarantees ${ciText(paper)} at war within 10 years against baseline ${ciText(base)}.`,
      agrees: w10(paper) > w10(base),
      why: `The baseline's troops and US tier do not deter more than paper: a ${int(base.params.euTroops)}-strong tripwire with vague rules covers little of the front and, with few enabled troops against euTokenTroops (${int(A.euTokenTroops)}), commits Europe little, and ${usTierWeight(base.params.usTier)}. Paper guarantees' weaker sanctions (less in force, faster relief) speed Russia's rebuilding but leave more room to snap back.`,
    };
  },
  (c) => {
    const paper = c.preset('paper-guarantees');
    const y1 = 1 - paper.survivalWar[12];
    const median = paper.medianMonthsToWar;
    const tooFast = y1 > 0.12 || (median !== null && median < 24);
    return {
      expectation:
        'A Budapest- or Minsk-like package goes to war neither within months nor never: Minsk II (2015) lasted seven years, Budapest (1994) twenty. We ask for at most 12% at war in the first year (the Minsk anchor\u2019s band), a median of at least two years, and at least 5% at war within 10 years.',
      source: `the Minsk II and Budapest calibration anchors (docs/calibration.md); ${art('003', 'Budapest 1994')}`,
      figures: `paper guarantees: ${pct(y1)} at war within a year, ${pct(w10(paper))} within 10 years, median ${medianText(median)}.`,
      agrees: y1 <= 0.12 && (median === null || median >= 24) && w10(paper) >= 0.05,
      why: tooFast
        ? `The paper package goes to war too fast. Russia starts at ${num2(A.ruCapacityAtCeasefire)} of its capacity and rebuilds over years, so early wars come from the most resolute Moscows (resolveSpread ${num2(A.resolveSpread)}) and from Moscow's optimism about the balance (balanceOptimism ${num2(A.balanceOptimism)}); with no guarantees nothing offsets them. peaceBaseValue (${num3(A.peaceBaseValue)}) against the cost of war decides how many reach a window in the first year.`
        : `The paper package almost never goes to war: peaceBaseValue (${num3(A.peaceBaseValue)}) and the war costs outweigh the prize even once Russia has rebuilt, which makes guarantees look unnecessary.`,
    };
  },
  (c) => {
    const veto = c.preset('russian-veto');
    const base = c.preset('baseline');
    const paper = c.preset('paper-guarantees');
    return {
      expectation: 'A Russian veto on invocation leaves guarantees about as weak as paper ones, much weaker than the baseline.',
      source: art('004', '2022 Istanbul draft'),
      figures: `Russian veto ${ciText(veto)} at war within 10 years; paper guarantees ${ciText(paper)}; baseline ${ciText(base)}.`,
      agrees: w10(veto) > w10(base) && w10(veto) > w10(paper) - 0.1,
      why:
        w10(veto) <= w10(base)
          ? `The veto preset deters as much as the baseline: the veto keeps ${pct(A.vetoKeeps)} of every guarantor's response (vetoKeeps), and with a pledge and the US tier left that is as much as the baseline's tripwire adds.`
          : `The veto preset deters far more than paper guarantees: it keeps the default sanctions, their slow relief and the US tier, which paper guarantees lack, and the veto (vetoKeeps ${pct(A.vetoKeeps)}) weakens only the guarantors' response, not the rebuilding channel.`,
    };
  },
  (c) => {
    const plan = c.preset('first-us-plan');
    const base = c.preset('baseline');
    return {
      expectation: 'The first US plan (army capped at 600,000, Donbas ceded, no European troops) is weaker than the baseline.',
      source: art('003'),
      figures: `first US plan ${ciText(plan)} at war within 10 years against baseline ${ciText(base)}; full-scale offensives ${pct(plan.warModeShares.fullScale)} against ${pct(base.warModeShares.fullScale)}.`,
      agrees: w10(plan) > w10(base),
      why: `Capping the army and ceding the fortified belt do not weaken deterrence in the engine: defence scales with army size only to the power uaArmyElasticity (${num2(A.uaArmyElasticity)}) and the ceded belt multiplies it by ${num2(A.fortificationsCededFactor)}.`,
    };
  },
  (c) => {
    const robust = c.preset('robust-reassurance');
    const none = c.variant('robust-reassurance', { euTroops: 0 });
    const hr = hazardRatio(robust, none);
    return {
      expectation: 'A large force on the ground cuts the yearly hazard of war to about 0.25–0.5 of what it is without (Fortna: 0.068 against 0.151 a year, ratio 0.45).',
      source: 'Fortna (2004) and later studies of peacekeeping; those forces had both sides\u2019 consent',
      figures: `robust reassurance force ${ciText(robust)} at war within 10 years; the same package with no European troops ${ciText(none)}; ratio of constant yearly hazards ln S_war(120) with the force / ln S_war(120) without = ${num2(hr)}.`,
      agrees: hr >= 0.25 && hr <= 0.5,
      why:
        hr > 0.5
          ? `The force cuts the war hazard less than Fortna's peacekeepers (ratio ${num2(hr)} > 0.5). Its denial is bounded by euDenialWeight (${num3(A.euDenialWeight)} of Ukraine's reference defence at full coverage), and its cost to Moscow by euWarCost (${num3(A.euWarCost)}), both only if Europe fights; Ukraine's own defence already deters most Moscows. Defensible, since Moscow rejects this force and consented to Fortna's; the calibration bounds the ratio only from below (no better than 0.25).`
          : `The force cuts the war hazard more than the literature's strongest estimate (ratio ${num2(hr)} < 0.25; the calibration bounds a 120,000-strong robust force at 0.25): once the force covers much of its part of the front (coverage S-curve, half at ${int(A.euHalfCoverageTroops)} troops, steepness ${num2(A.euCoverageExponent)}) with clear rules and enablers, Moscow expects Europe to fight and to add both denial and cost, which closes most windows. euDenialWeight (${num3(A.euDenialWeight)}) or euWarCost (${num3(A.euWarCost)}) may be too high, or the coverage curve too steep.`,
    };
  },
  (c) => {
    const porc = c.preset('steel-porcupine');
    const pledge = c.variant('baseline', { euTroops: 0, article5Like: true });
    return {
      expectation: 'Local denial deters more than a distant pledge: a steel-porcupine Ukraine with no foreign troops beats an Article 5-like pledge with no troops.',
      source: `Huth and Russett (1984), Huth (1988); ${art('003')}; ${art('004')}`,
      figures: `steel porcupine ${ciText(porc)} at war within 10 years; the baseline with no European troops and an Article 5-like pledge ${ciText(pledge)}.`,
      agrees: w10(porc) < w10(pledge),
      why: `The pledge deters more than Ukraine's own denial: defence grows with army size only to the power uaArmyElasticity (${num2(A.uaArmyElasticity)}) and readiness gains from funding and industry (uaReadinessFunding ${num2(A.uaReadinessFunding)}, uaReadinessIndustry ${num2(A.uaReadinessIndustry)}) come only as the industry ramps up, against a pledge worth ${num3(A.article5Pledge)} added chance that Europe fights.`,
    };
  },
  (c) => {
    const without = c.variant('baseline', { euTroops: 0, usTier: 'none' });
    const withPledge = c.variant('baseline', { euTroops: 0, usTier: 'none', article5Like: true });
    const cut = 1 - w10(withPledge) / w10(without);
    return {
      expectation: 'A defence pledge without forces cuts initiation by about 18% (we count 9–27% as agreement).',
      source: 'Benson (2011)',
      figures: `with no troops and no US backstop, an Article 5-like pledge moves war within 10 years from ${ciText(without)} to ${ciText(withPledge)}: a ${pct(cut)} cut.`,
      agrees: cut >= 0.09 && cut <= 0.27,
      why:
        cut > 0.27
          ? `A bare pledge does more than Benson finds (${pct(cut)} against 18%): article5Pledge (${num3(A.article5Pledge)} added chance Europe fights) times the cost of war with Europe with no force on the ground (${num3(europeEngagementCost(A, withPledge.params))} utility, the part of euWarCost that needs no military value) may be too strong.`
          : `A bare pledge does less than Benson finds (${pct(cut)} against 18%): with no troops Europe can only add the cost of war without military value behind it (${num3(europeEngagementCost(A, withPledge.params))} utility of euWarCost ${num3(A.euWarCost)}), and only with the pledge's ${num3(A.article5Pledge)} chance, which moves few Moscows across the margin; the calibration accepts 5–30%.`,
    };
  },
  (c) => {
    const bluff = c.preset('bluff-and-pray');
    const trip = c.preset('coalition-tripwire');
    const robust = c.preset('robust-reassurance');
    const firstOk = w10(bluff) > w10(trip);
    return {
      expectation: 'Tripwires deter by their military value, not their mere presence: bluff and pray < coalition tripwire < robust force, in deterrence.',
      source: `Reiter and Poast (2021); ${art('002')}`,
      figures: `at war within 10 years: bluff and pray ${ciText(bluff)}, coalition tripwire ${ciText(trip)}, robust reassurance force ${ciText(robust)}.`,
      agrees: w10(bluff) > w10(trip) && w10(trip) > w10(robust),
      why: firstOk
        ? `The robust force does not deter more than the coalition tripwire: the coverage curve (half at ${int(A.euHalfCoverageTroops)} troops) and euDenialWeight (${num3(A.euDenialWeight)}) leave 100,000 combat troops worth little more than 25,000 in a tripwire.`
        : `The coalition tripwire deters no more than bluff and pray: at ${int(trip.params.euTroops)} troops coverage is tiny on the S-curve (half at ${int(A.euHalfCoverageTroops)}), so both forces are worth almost nothing militarily; the difference must come from the chance Europe fights (beyondToken against ${int(A.euTokenTroops)} enabled troops, rules of engagement), which is small for both.`,
    };
  },
  (c) => {
    const bluff = c.preset('bluff-and-pray');
    const robust = c.preset('robust-reassurance');
    return {
      expectation: 'A bigger force on the ground moves Moscow toward the grey zone: more trials with a grey-zone campaign, fewer wars.',
      source: `RAND RR-1906 (2018); ${art('000')}`,
      figures: `trials with a grey-zone campaign: robust reassurance force ${pct(robust.pGreyZone)}, bluff and pray ${pct(bluff.pGreyZone)}; at war within 10 years: ${pct(w10(robust))} against ${pct(w10(bluff))}.`,
      agrees: robust.pGreyZone > bluff.pGreyZone && w10(robust) < w10(bluff),
      why:
        w10(robust) >= w10(bluff)
          ? 'The bigger force does not lower war, so there is nothing to substitute for: see the military-value check above.'
          : `A bigger force does not shift Moscow toward the grey zone. ${noGreyShiftWhy(robust, bluff)}`,
    };
  },
  (c) => {
    const robust = c.preset('robust-reassurance');
    const none = c.variant('robust-reassurance', { euTroops: 0 });
    const dGrey = robust.pGreyZone - none.pGreyZone;
    const dWar = w10(robust) - w10(none);
    return {
      expectation: 'More conventional deterrence raises grey-zone campaigns in absolute terms while war falls: nearby troops go with fewer wars but more disputes short of war.',
      source: `RAND RR-1906 (2018); ${art('000')}`,
      figures: `the robust reassurance force against the same package with no European troops: trials with a grey-zone campaign ${pct(robust.pGreyZone)} against ${pct(none.pGreyZone)} (${signedPts(dGrey)}); at war within 10 years ${pct(w10(robust))} against ${pct(w10(none))} (${signedPts(dWar)}).`,
      agrees: dGrey > 0 && dWar < 0,
      why:
        dWar >= 0
          ? 'The force does not lower war, so there is nothing to substitute for: see the military-value checks above.'
          : `Deterring war does not raise the grey zone. ${noGreyShiftWhy(robust, none)}`,
    };
  },
  (c) => {
    const sanc = c.preset('sanctions-only');
    const paper = c.preset('paper-guarantees');
    const base = c.preset('baseline');
    return {
      expectation: 'Sanctions are a real but limited lever: sanctions only beats paper guarantees but not a package with troops.',
      source: `Hufbauer, Schott and Elliott (34% of 204 episodes); ${art('001', '"sanctions alone won\u2019t be enough"')}`,
      figures: `at war within 10 years: sanctions only ${ciText(sanc)}; paper guarantees ${ciText(paper)}; baseline ${ciText(base)}.`,
      agrees: w10(sanc) < w10(paper) && w10(sanc) > w10(base),
      why:
        w10(sanc) >= w10(paper)
          ? `Sanctions only does no better than paper guarantees (${pts(w10(sanc) - w10(paper))} apart). Sanctions in force act only by slowing rebuilding (time constant × (1 + sanctionsRebuildDrag ${num2(A.sanctionsRebuildDrag)} × sanctions in force)), and with everything kept in force the snapback has no room left but escalation and secondary sanctions (${num3(A.snapbackCost * (A.snapbackEscalation + A.secondarySanctionsExtra))} utility).`
          : `Sanctions only matches or beats a package with troops: full sanctions kept without relief stretch Russia's rebuilding (sanctionsRebuildDrag ${num2(A.sanctionsRebuildDrag)}) for the whole horizon, more than the baseline's small tripwire and US tier deter.`,
    };
  },
  (c) => {
    const sanc0 = c.variant('sanctions-only', { sanctionsLevel: 0 });
    const robust = c.preset('robust-reassurance');
    return {
      expectation: 'No purely economic package beats a large, well-enabled force on the ground, whatever share of sanctions it keeps in force.',
      source: `${art('001', '"sanctions alone won\u2019t be enough"')}; Huth and Russett (local balance decides); Hufbauer et al.`,
      figures: `sanctions only, but with no sanctions kept during the ceasefire (all of them held back as a credible, escalating snapback with secondary sanctions) ${ciText(sanc0)} at war within 10 years; robust reassurance force ${ciText(robust)}.`,
      agrees: w10(sanc0) > w10(robust),
      why: `A bare snapback threat with nothing on the ground deters more than 100,000 combat troops (${pts(w10(robust) - w10(sanc0))} fewer wars), although snapback is bounded at ${num3(snapbackMax())} utility: the force's denial (euDenialWeight ${num3(A.euDenialWeight)}) and cost (euWarCost ${num3(A.euWarCost)}) count only if Europe fights, which may be too rare.`,
    };
  },
  (c) => {
    const lo = c.variant('baseline', { sanctionsLevel: 0 });
    const hi = c.variant('baseline', { sanctionsLevel: 1 });
    return {
      expectation: 'Keeping sanctions in force during the ceasefire lowers war on balance (it slows Russia\u2019s rebuilding), though Zagare and Kilgour warn that a worse status quo needs more credibility.',
      source: `${art('000')}; ${art('001')}; Bruegel/Kiel (2025); Zagare and Kilgour (2000)`,
      figures: `baseline with no sanctions kept ${ciText(lo)} at war within 10 years; with all of today\u2019s sanctions kept ${ciText(hi)} (${signedPts(w10(hi) - w10(lo))}).`,
      agrees: w10(hi) <= w10(lo),
      why: `Keeping all sanctions raises war by ${pts(w10(hi) - w10(lo))}: with the baseline's snapback credibility (${pct(hi.params.snapbackCredibility)}), the room left to snap back (snapbackCost ${num3(A.snapbackCost)} × (1 − sanctions in force + escalation)) shrinks by more than the slower rebuilding (sanctionsRebuildDrag ${num2(A.sanctionsRebuildDrag)}) deters. Sanctions in force no longer make peace worse in engine 3, so this is the room channel alone.`,
    };
  },
  (c) => {
    const slow = c.variant('baseline', { snapbackCredibility: 0, sanctionsReliefPerYear: 0 });
    const fast = c.variant('baseline', { snapbackCredibility: 0, sanctionsReliefPerYear: 0.5 });
    return {
      expectation: 'With nothing to snap back (snapback credibility 0), faster sanctions relief does not lower war: it only lets Russia rebuild sooner.',
      source: `${art('000', 'Russia uses the pause to rebuild')}; Hufbauer, Schott and Elliott`,
      figures: `baseline with snapback credibility 0: no relief ${ciText(slow)} at war within 10 years; relief of 50% a year ${ciText(fast)} (${signedPts(w10(fast) - w10(slow))}).`,
      agrees: w10(fast) >= w10(slow),
      why: 'Faster relief lowers war with no snapback to lose: only the rebuilding channel should be left, and it can only speed Russia up. This would be a bug in the sanctions mechanism, not a calibration.',
    };
  },
  (c) => {
    const reint = c.preset('russia-reintegrated');
    const base = c.preset('baseline');
    return {
      expectation: 'Reintegrating Russia (lifting sanctions quickly) makes war more likely: the pause lets Russia recuperate.',
      source: art('000'),
      figures: `Russia reintegrated ${ciText(reint)} at war within 10 years against baseline ${ciText(base)} (${signedPts(w10(reint) - w10(base))}).`,
      agrees: w10(reint) > w10(base),
      why: `Reintegration lowers war by ${pts(w10(reint) - w10(base))}: with the baseline's credible snapback (${pct(reint.params.snapbackCredibility)}), lifting sanctions leaves more room to snap back (snapbackCost ${num3(A.snapbackCost)} × (1 − sanctions in force + escalation)), which outweighs the faster rebuilding (sanctionsRebuildDrag ${num2(A.sanctionsRebuildDrag)}). With snapback credibility 0 faster relief cannot lower war (the check above).`,
    };
  },
  (c) => {
    const range = (a: Summary, b: Summary) => Math.abs(w10(a) - w10(b));
    const snap = range(c.variant('baseline', { snapbackCredibility: 0 }), c.variant('baseline', { snapbackCredibility: 1 }));
    const army = range(c.variant('baseline', { uaArmySize: 300_000 }), c.variant('baseline', { uaArmySize: 1_100_000 }));
    const us = range(c.variant('baseline', { usTier: 'none' }), c.variant('baseline', { usTier: 'rapid-reinforcement' }));
    return {
      expectation: 'Snapback is a real but secondary lever: its full range (credibility 0 → 1) moves war less than Ukraine\u2019s army range (300,000 → 1.1 million) and less than the US tier range (none → rapid reinforcement).',
      source: 'Hufbauer, Schott and Elliott (34% partial success); Huth and Russett (the local balance decides)',
      figures: `in the baseline, war within 10 years moves by ${pts(snap)} over snapback credibility 0 → 1, ${pts(army)} over Ukraine's army 300,000 → 1.1 million and ${pts(us)} over the US tier none → rapid reinforcement.`,
      agrees: snap < army && snap < us,
      why: `Snapback outweighs ${snap >= army ? "Ukraine's army" : ''}${snap >= army && snap >= us ? ' and ' : ''}${snap >= us ? 'the US tier' : ''}: although its cost is bounded (at most ${num3(snapbackMax())} utility), the ${snap >= army ? `army enters only to the power uaArmyElasticity (${num2(A.uaArmyElasticity)})` : ''}${snap >= army && snap >= us ? ' and the ' : ''}${snap >= us ? 'US tier counts only with the administration\u2019s credibility and fading attention' : ''}.`,
    };
  },
  (c) => {
    const fades = c.preset('us-attention-fades');
    const base = c.preset('baseline');
    return {
      expectation: 'If US attention fades fast and credibility is low, war is more likely.',
      source: `${art('000')}; ${art('003')}`,
      figures: `US attention fades fast ${ciText(fades)} at war within 10 years against baseline ${ciText(base)} (${signedPts(w10(fades) - w10(base))}); US engaged when tested ${orDash(fades.guarantorsTested.usEngaged)} against ${orDash(base.guarantorsTested.usEngaged)}.`,
      agrees: w10(fades) > w10(base),
      why: `Fading US attention and low credibility do not raise war in the engine: ${usTierWeight(fades.params.usTier)}, so whether it is honoured, and how much attention is left (floor usAttentionFloor ${num2(A.usAttentionFloor)}), changes few margins.`,
    };
  },
  (c) => {
    const lo = c.variant('baseline', { usCredibility: 0 });
    const hi = c.variant('baseline', { usCredibility: 1 });
    const steady = c.variant('baseline', { usElectionVolatility: 0 });
    const volatile = c.variant('baseline', { usElectionVolatility: 1 });
    const dCred = w10(lo) - w10(hi);
    const dElect = w10(volatile) - w10(steady);
    return {
      expectation: 'Who governs in Washington matters: a more credible US administration lowers war, and elections that can bring a weaker (or stronger) one move it (at least 1 point each at the defaults).',
      source: `${art('003', 'whether the guarantees would be credible')}; ${art('000', 'US attention is transactional')}`,
      figures: `in the baseline, war within 10 years is ${pct(w10(lo))} with US credibility 0 and ${pct(w10(hi))} with 1 (${signedPts(-dCred)}); ${pct(w10(steady))} with election volatility 0 and ${pct(w10(volatile))} with 1 (${signedPts(dElect)}).`,
      agrees: dCred >= 0.01 && Math.abs(dElect) >= 0.01,
      why:
        dCred < 0.01
          ? `US credibility hardly moves war at the baseline's tier: ${usTierWeight(lo.params.usTier)}, so whether it is honoured changes few margins.`
          : `Elections hardly move war: each new administration redraws its credibility with spread usCredibilitySpread (${num2(A.usCredibilitySpread)}) × volatility, but ${usTierWeight(lo.params.usTier)}, so a weaker administration opens too small a window.`,
    };
  },
  (c) => {
    const grey = c.preset('grey-zone-moscow');
    const base = c.preset('baseline');
    const g = grey.guarantorsTested.greyZone;
    const answered = Math.max(g.europeResponded ?? 0, g.usResponded ?? 0);
    return {
      expectation: 'A Moscow that prefers deniable means presses mostly in the grey zone, where the guarantors are rarely triggered: more grey-zone campaigns than the baseline, most first resumptions grey-zone, and few probes answered by Europe or the US (under 10%).',
      source: art('000'),
      figures: `grey-zone Moscow: ${pct(grey.pGreyZone)} of trials with a grey-zone campaign (baseline ${pct(base.pGreyZone)}); ${pct(greyFirst(grey))} of first resumptions grey-zone; first probes answered by Europe ${orDash(g.europeResponded)}, by the US ${orDash(g.usResponded)}; at war within 10 years ${pct(w10(grey))} (baseline ${pct(w10(base))}).`,
      agrees: grey.pGreyZone > base.pGreyZone && greyFirst(grey) > 0.5 && answered < 0.1,
      why:
        answered >= 0.1
          ? `The guarantors answer grey-zone probes too often: the grey zone\u2019s triggers (${num2(GREY_TRIGGER.europe)} for Europe, ${num2(GREY_TRIGGER.us)} for the US) may be too high.`
          : `Even with a strong grey-zone preference the grey zone does not dominate: the taste (greyTaste × 2 × (preference − 0.5), spread ${num3(A.greyTasteSpread)}) is small against greyZoneCost (${num3(A.greyZoneCost)}).`,
    };
  },
  (c) => {
    const base = c.preset('baseline');
    const early = meanHazard(base, 1, 5);
    const late = meanHazard(base, 6, 10);
    return {
      expectation: 'Ceasefire failures cluster early: the yearly hazard of war is higher in the first five years than in the next five.',
      source: 'Fortna (2004)',
      figures: `baseline yearly war hazard: ${pct(yearlyWarHazard(base, 1))} in year 1, ${pct(early)} a year on average in years 1–5, ${pct(late)} in years 6–10.`,
      agrees: early > late,
      why: `The baseline's war hazard rises over the decade (${pct(early)} a year in years 1–5 against ${pct(late)} in years 6–10). Russia starts at ${num2(A.ruCapacityAtCeasefire)} of its capacity and rebuilds over years (ruReconstitutionYears × (1 + sanctionsRebuildDrag × sanctions in force)), while Ukraine's readiness falls from its wartime level (time constant ${format('.0f')(A.uaReadinessMonths)} months) and US attention fades. The mechanisms that front-load risk in engine 3, selection on Moscow's resolve (spread ${num2(A.resolveSpread)}) and its optimism about the balance (${num2(A.balanceOptimism)} on a log scale), act only once Russia can fight, so the risky years come after the first five. The calibration asks only that the first decade be riskier than the second (with no guarantees, over 20 years); the Danish-intelligence anchor (a local war possible within 6 months) would argue for more early risk.`,
    };
  },
];

/** Run every check against the preset runs. */
export function runChecks(runs: readonly PresetRun[]): CheckResult[] {
  const ctx = new CheckContext(runs);
  return CHECKS.map((check) => check(ctx));
}
