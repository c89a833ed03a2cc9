/**
 * What the source articles and the literature in MODEL.md lead one to expect of the presets, each
 * checked against this run's figures. The verdicts are computed, not written by hand, so a
 * recalibrated engine regenerates an honest discussion (`npm run report`).
 */
import { format } from 'd3-format';
import { A, type Levers, type Summary } from '../src/engine';
import { leversOf, resumedWithin, runLevers, type PresetRun } from './reportData';

const pct = format('.1%');
const pts = (d: number) => `${format('.1f')(Math.abs(d) * 100)} points`;
const num2 = format('.2f');

export interface CheckResult {
  /** The expectation, as a sentence. */
  expectation: string;
  /** Where it comes from. */
  source: string;
  /** The model's figures, in words. */
  figures: string;
  agrees: boolean;
  /** When the model disagrees: why, in terms of its mechanisms, for the model owner. */
  why: string;
}

/** Access to the preset runs and to extra, cached counterfactual runs. */
export class CheckContext {
  private cache = new Map<string, Summary>();
  private byId: Map<string, PresetRun>;
  constructor(readonly runs: readonly PresetRun[]) {
    this.byId = new Map(runs.map((r) => [r.scenario.id, r]));
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
  preset(id: string): Summary {
    const r = this.byId.get(id);
    if (!r) throw new Error(`the report expects a preset "${id}" in scenarios/`);
    return r.summary;
  }
  /** A preset's levers with some changed (a counterfactual), run with the report's seed. */
  variant(id: string, change: Partial<Levers>): Summary {
    const key = `${id}|${JSON.stringify(change)}`;
    let s = this.cache.get(key);
    if (!s) {
      s = runLevers(leversOf({ ...this.preset(id).params, ...change }));
      this.cache.set(key, s);
    }
    return s;
  }
}

/** Share resumed within 10 years (or the horizon). */
export const p10 = (s: Summary) => resumedWithin(s, Math.min(120, s.horizonMonths))!.p;
const ciText = (s: Summary) => {
  const r = resumedWithin(s, Math.min(120, s.horizonMonths))!;
  return `${pct(r.p)} (${pct(r.ci[0])}–${pct(r.ci[1])})`;
};
/** Grey-zone share of all resumptions. */
const greyShare = (s: Summary) => (s.pResumption ? s.modeShares.greyZone / s.pResumption : 0);
/** Constant-hazard ratio of two runs over the horizon: ln S(a) / ln S(b). */
const hazardRatio = (a: Summary, b: Summary) => Math.log(1 - p10(a)) / Math.log(1 - p10(b));
/** Yearly hazard in year k (1-based): share of those at peace at its start who resume during it. */
const yearlyHazard = (s: Summary, k: number) => 1 - s.survival[12 * k] / s.survival[12 * (k - 1)];

type Check = (c: CheckContext) => CheckResult;

const CHECKS: Check[] = [
  (c) => {
    const full = c.preset('full-package');
    const others = c.runs.filter((r) => r.scenario.id !== 'full-package');
    const best = others.reduce((a, b) => (p10(b.summary) < p10(a.summary) ? b : a));
    return {
      expectation: 'The full package (pledge, tripwire, US rapid reinforcement, snapback, a strong Ukraine) is the most robust preset.',
      source: 'article 004',
      figures: `full package ${ciText(full)} resumed within 10 years; next best ${best.shortName} ${ciText(best.summary)}.`,
      agrees: p10(full) < p10(best.summary),
      why: `${best.shortName} beats the full package: the levers it sets outweigh the pledge, tripwire and US reinforcement in the engine's utility terms.`,
    };
  },
  (c) => {
    const paper = c.preset('paper-guarantees');
    const base = c.preset('baseline');
    return {
      expectation: 'Paper guarantees fail more often than a package with troops on the ground and a US backstop.',
      source: 'article 003 (Budapest 1994); Fortna (2004): peacekeepers and guarantees lengthen peace',
      figures: `paper guarantees ${ciText(paper)} against baseline ${ciText(base)}.`,
      agrees: p10(paper) > p10(base),
      why: 'The paper package deters more than the baseline in the engine.',
    };
  },
  (c) => {
    const paper = c.preset('paper-guarantees');
    const y1 = 1 - paper.survival[12];
    const median = paper.medianMonthsToResumption;
    return {
      expectation: 'A Budapest- or Minsk-like package breaks neither within months nor never: Minsk II (2015) lasted seven years, Budapest (1994) twenty.',
      source: 'MODEL.md calibration cases; article 003',
      figures: `paper guarantees: ${pct(y1)} resumed within a year, ${pct(p10(paper))} within 10 years, median ${median === null ? 'beyond the horizon' : `${median} months (${format('.1f')(median / 12)} years)`}.`,
      agrees: y1 < 0.25 && p10(paper) < 0.99 && (median === null || median >= 24),
      why: 'The paper package breaks too fast (within about two years for half the trials) or never: check peaceBaseValue and ruCapacityAtCeasefire.',
    };
  },
  (c) => {
    const veto = c.preset('russian-veto');
    const base = c.preset('baseline');
    const paper = c.preset('paper-guarantees');
    return {
      expectation: 'A Russian veto on invocation leaves guarantees about as weak as paper ones, much weaker than the baseline.',
      source: 'article 004 (2022 Istanbul draft)',
      figures: `Russian veto ${ciText(veto)}; paper guarantees ${ciText(paper)}; baseline ${ciText(base)}.`,
      agrees: p10(veto) > p10(base) && p10(veto) > p10(paper) - 0.1,
      why: 'The veto preset deters far more than paper guarantees: vetoKeeps leaves too much of the guarantors\u2019 response.',
    };
  },
  (c) => {
    const plan = c.preset('first-us-plan');
    const base = c.preset('baseline');
    return {
      expectation: 'The first US plan (army capped at 600,000, Donbas ceded, no European troops) is weaker than the baseline.',
      source: 'article 003',
      figures: `first US plan ${ciText(plan)} against baseline ${ciText(base)}; full-scale share ${pct(plan.modeShares.fullScale)} against ${pct(base.modeShares.fullScale)}.`,
      agrees: p10(plan) > p10(base),
      why: 'Capping the army and ceding the fortifications do not weaken deterrence in the engine.',
    };
  },
  (c) => {
    const robust = c.preset('robust-reassurance');
    const none = c.variant('robust-reassurance', { euTroops: 0 });
    const hr = hazardRatio(robust, none);
    return {
      expectation: 'A large force on the ground cuts the yearly hazard of resumption to about 0.25–0.5 of what it is without (Fortna: 0.068 against 0.151 a year, ratio 0.45).',
      source: 'Fortna (2004) and later studies, in MODEL.md; those forces had both sides\u2019 consent',
      figures: `robust reassurance force ${ciText(robust)}; the same package with no European troops ${ciText(none)}; ratio of constant yearly hazards ln S(120) with the force / ln S(120) without = ${num2(hr)}.`,
      agrees: hr >= 0.25 && hr <= 0.5,
      why:
        hr > 0.5
          ? `The force cuts the hazard less than Fortna's peacekeepers (ratio ${num2(hr)} > 0.5). Defensible, since Moscow rejects this force and consented to Fortna's, but the model owner should say so in docs/model.md.`
          : `The force cuts the hazard more than the literature's strongest estimate (ratio ${num2(hr)} < 0.25): euDenialWeight or the Europe engagement cost may be too high.`,
    };
  },
  (c) => {
    const porc = c.preset('steel-porcupine');
    const pledge = c.variant('baseline', { euTroops: 0, article5Like: true });
    return {
      expectation: 'Local denial deters more than a distant pledge: a steel-porcupine Ukraine with no foreign troops beats an Article 5-like pledge with no troops.',
      source: 'Huth and Russett (1984), Huth (1988); articles 003, 004',
      figures: `steel porcupine ${ciText(porc)}; the baseline with no European troops and an Article 5-like pledge ${ciText(pledge)}.`,
      agrees: p10(porc) < p10(pledge),
      why: "The pledge deters more than Ukraine's own denial capability: check article5Pledge against the readiness and army terms.",
    };
  },
  (c) => {
    const without = c.variant('baseline', { euTroops: 0, usTier: 'none' });
    const withPledge = c.variant('baseline', { euTroops: 0, usTier: 'none', article5Like: true });
    const cut = 1 - p10(withPledge) / p10(without);
    return {
      expectation: 'A defence pledge without forces cuts initiation by about 18% (we count 9–27% as agreement).',
      source: 'Benson (2011)',
      figures: `with no troops and no US backstop, an Article 5-like pledge moves resumption within 10 years from ${ciText(without)} to ${ciText(withPledge)}: a ${pct(cut)} cut.`,
      agrees: cut >= 0.09 && cut <= 0.27,
      why:
        cut > 0.27
          ? `A bare pledge does more than Benson finds (${pct(cut)} against 18%): article5Pledge (${A.article5Pledge} added engagement probability) may be too strong.`
          : `A bare pledge does less than Benson finds (${pct(cut)} against 18%): article5Pledge may be too weak.`,
    };
  },
  (c) => {
    const bluff = c.preset('bluff-and-pray');
    const trip = c.preset('coalition-tripwire');
    const robust = c.preset('robust-reassurance');
    return {
      expectation: 'Tripwires deter by their military value, not their mere presence: bluff and pray < coalition tripwire < robust force, in deterrence.',
      source: 'Reiter and Poast (2021); article 002',
      figures: `resumed within 10 years: bluff and pray ${ciText(bluff)}, coalition tripwire ${ciText(trip)}, robust reassurance force ${ciText(robust)}.`,
      agrees: p10(bluff) > p10(trip) && p10(trip) > p10(robust),
      why: 'Presence alone deters as much as military value in the engine: check euPresenceScaleTroops against euDenialWeight.',
    };
  },
  (c) => {
    const bluff = c.preset('bluff-and-pray');
    const robust = c.preset('robust-reassurance');
    return {
      expectation: 'A bigger force on the ground moves resumption toward the grey zone, not only lowers it.',
      source: 'RAND RR-1906 (2018); article 000',
      figures: `grey-zone share of resumptions: robust reassurance force ${pct(greyShare(robust))}, bluff and pray ${pct(greyShare(bluff))}.`,
      agrees: greyShare(robust) > greyShare(bluff),
      why: 'A bigger force does not shift the mode toward the grey zone.',
    };
  },
  (c) => {
    const sanc = c.preset('sanctions-only');
    const paper = c.preset('paper-guarantees');
    const base = c.preset('baseline');
    return {
      expectation: 'Sanctions are a real but limited lever: sanctions only beats paper guarantees but not a package with troops.',
      source: 'Hufbauer, Schott and Elliott (34% of 204 episodes); article 001 ("sanctions alone won\u2019t be enough")',
      figures: `sanctions only ${ciText(sanc)}; paper guarantees ${ciText(paper)}; baseline ${ciText(base)}.`,
      agrees: p10(sanc) < p10(paper) && p10(sanc) > p10(base),
      why:
        p10(sanc) >= p10(paper)
          ? `Sanctions only does no better than paper guarantees (${pts(p10(sanc) - p10(paper))} apart). Full sanctions kept in force make peace worse for Moscow (sanctionsPeacePain) and leave nothing to snap back to (snapbackCost scales with 1 − sanctions in force), which cancels the heavy, secondary snapback.`
          : 'Sanctions only matches or beats a package with troops.',
    };
  },
  (c) => {
    const sanc0 = c.variant('sanctions-only', { sanctionsLevel: 0 });
    const robust = c.preset('robust-reassurance');
    return {
      expectation: 'No purely economic package beats a large, well-enabled force on the ground, whatever share of sanctions it keeps in force.',
      source: 'article 001 ("sanctions alone won\u2019t be enough"); Huth and Russett (local balance decides); Hufbauer et al.',
      figures: `sanctions only, but with no sanctions kept during the ceasefire (all of them held back as a credible, escalating snapback with secondary sanctions) ${ciText(sanc0)}; robust reassurance force ${ciText(robust)}.`,
      agrees: p10(sanc0) > p10(robust),
      why: `A bare snapback threat with nothing on the ground deters more than 100,000 combat troops (${pts(p10(robust) - p10(sanc0))} fewer resumptions). With nothing in force, the snapback has its full room (snapbackCost × (1 − sanctions in force + escalation + secondary)) and peace carries no sanctions pain, so the threat alone outweighs a denial force. The snapback cost terms may be too large relative to euDenialWeight and euWarCost.`,
    };
  },
  (c) => {
    const lo = c.variant('baseline', { sanctionsLevel: 0 });
    const hi = c.variant('baseline', { sanctionsLevel: 1 });
    return {
      expectation: 'Keeping sanctions in force during the ceasefire lowers resumption on balance (it slows Russia\u2019s rebuilding), though Zagare and Kilgour warn that a worse status quo needs more credibility.',
      source: 'articles 000, 001; Bruegel/Kiel (2025); Zagare and Kilgour (2000)',
      figures: `baseline with no sanctions kept ${ciText(lo)}; with all of today\u2019s sanctions kept ${ciText(hi)}.`,
      agrees: p10(hi) <= p10(lo),
      why: `In the engine the status-quo channel dominates: keeping all sanctions raises resumption by ${pts(p10(hi) - p10(lo))}. The peace pain (sanctionsPeacePain) and the lost snapback room (snapbackCost × sanctions in force) outweigh the slower rebuilding (sanctionsRebuildDrag). That is the Zagare and Kilgour warning taken to its limit; the articles and Hufbauer expect the opposite sign, or at least a small effect.`,
    };
  },
  (c) => {
    const reint = c.preset('russia-reintegrated');
    const base = c.preset('baseline');
    return {
      expectation: 'Reintegrating Russia (lifting sanctions quickly) makes resumption more likely: the pause lets Russia recuperate.',
      source: 'article 000',
      figures: `Russia reintegrated ${ciText(reint)} against baseline ${ciText(base)}.`,
      agrees: p10(reint) > p10(base),
      why: `Reintegration lowers resumption by ${pts(p10(reint) - p10(base))}: the same sanctions channel as above (peace becomes more valuable to Moscow, and more is left to snap back) outweighs faster rebuilding.`,
    };
  },
  (c) => {
    const fades = c.preset('us-attention-fades');
    const base = c.preset('baseline');
    return {
      expectation: 'If US attention fades fast and credibility is low, resumption is more likely.',
      source: 'article 000; article 003',
      figures: `US attention fades fast ${ciText(fades)} against baseline ${ciText(base)} (${pts(p10(fades) - p10(base))}); US engaged when tested ${fades.guarantorsTested.usEngaged === null ? '—' : pct(fades.guarantorsTested.usEngaged)} against ${base.guarantorsTested.usEngaged === null ? '—' : pct(base.guarantorsTested.usEngaged)}.`,
      agrees: p10(fades) > p10(base),
      why: 'Fading US attention does not raise resumption in the engine.',
    };
  },
  (c) => {
    const grey = c.preset('grey-zone-moscow');
    return {
      expectation: 'A Moscow that prefers deniable means resumes mostly in the grey zone, where the guarantors are rarely triggered.',
      source: 'article 000',
      figures: `grey-zone Moscow: ${pct(greyShare(grey))} of resumptions in the grey zone; ${pct(grey.pResumption)} resumed in all.`,
      agrees: greyShare(grey) > 0.5,
      why: 'Even with a strong grey-zone preference most resumptions are conventional: greyTaste may be too small.',
    };
  },
  (c) => {
    const base = c.preset('baseline');
    const early = yearlyHazard(base, 1);
    const late = (yearlyHazard(base, 6) + yearlyHazard(base, 7) + yearlyHazard(base, 8) + yearlyHazard(base, 9) + yearlyHazard(base, 10)) / 5;
    return {
      expectation: 'Ceasefire failures cluster early.',
      source: 'Fortna (2004)',
      figures: `baseline yearly hazard: ${pct(early)} in year 1, ${pct(late)} a year on average in years 6–10.`,
      agrees: early > late,
      why: `The baseline hazard rises over time (${pct(early)} in year 1 against ${pct(late)} in years 6–10) because Russia's capacity is rebuilt from ruCapacityAtCeasefire over years and US attention fades. The engine has no mechanism that front-loads risk (incidents, spoilers, unresolved issues at signature), which is what Fortna's early clustering reflects; the Danish-intelligence anchor (a local war possible within 6 months) would also argue for more early risk.`,
    };
  },
];

/** Run every check against the preset runs. */
export function runChecks(runs: readonly PresetRun[]): CheckResult[] {
  const ctx = new CheckContext(runs);
  return CHECKS.map((check) => check(ctx));
}
