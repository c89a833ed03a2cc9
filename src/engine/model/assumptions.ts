/**
 * Every fixed number of the model that is not a lever: the assumptions. Each has a value, a plain
 * description and where it comes from (a source article, a study in MODEL.md's calibration, or
 * "calibration": set so the defaults and the historical cases give plausible figures; see
 * docs/model.md). The page lists them; the docs are checked against them by a test.
 *
 * Utility units: 1 = the value to Moscow of a fully successful full-scale offensive at resolve 1.
 */
export interface Assumption {
  value: number;
  label: string;
  source: string;
}

const a = (value: number, label: string, source: string): Assumption => ({ value, label, source });

export const ASSUMPTIONS = {
  // Capability
  ruCapacityAtCeasefire: a(0.3, "Russia's offensive capacity when the ceasefire starts (1 = fully rebuilt)", 'calibration; Danish intelligence (Feb 2025), article 000'),
  sanctionsRebuildDrag: a(2, 'How much sanctions in force slow reconstitution: time constant × (1 + this × sanctions level)', 'calibration; Bruegel/Kiel (2025)'),
  reconstitutionSpread: a(0.35, 'Log-spread of the reconstitution time drawn per trial (five equally likely levels)', 'calibration; Danish intelligence vs Bruegel/Kiel range (3–10 years)'),
  uaReadinessAtCeasefire: a(0.75, "Ukraine's readiness when the ceasefire starts (0–1)", 'calibration'),
  uaReadinessBase: a(0.3, "Ukraine's long-run readiness with no funding, no industry and no fatigue", 'calibration'),
  uaReadinessFunding: a(0.45, "Long-run readiness added by fully funding Ukraine's defence need", 'article 003 ($70–100 bn a year)'),
  uaReadinessIndustry: a(0.25, 'Long-run readiness added by a full domestic defence industry', 'articles 001, 003'),
  uaReadinessFatigue: a(0.45, 'Long-run readiness lost at full war fatigue', 'article 003 (110,000 AWOL cases in seven months of 2025)'),
  uaReadinessMonths: a(24, 'Months for readiness to close 63% of the gap to its long-run level', 'calibration'),
  uaDefenceNeedBn: a(85, "Ukraine's yearly defence need, $ bn (midpoint of $70–100 bn)", 'article 003'),
  frozenAssetsYears: a(10, 'Years over which frozen assets are disbursed', 'article 001 (assumption: evenly)'),
  uaArmyReference: a(800_000, 'Army size at which the army factor is 1', 'article 003'),
  uaArmyElasticity: a(0.6, 'Elasticity of defence to army size (diminishing returns)', 'calibration'),
  fortificationsCededFactor: a(0.75, 'Defence multiplier if the fortified Donbas belt is ceded', 'articles 003, 004'),
  deepStrikeDefenceFactor: a(1.1, 'Defence multiplier with deep strike (disrupted logistics and command)', 'article 000'),
  deepStrikeWarCost: a(0.08, 'Extra cost of a full-scale war to Moscow when Ukraine can strike deep (limited: half)', 'article 000'),
  euFullCoverageTroops: a(60_000, 'Troops at which the European force covers half the front (coverage = T²/(T² + this²))', 'article 002 (≥100,000 for 1,000 km); RAND Baltic games'),
  euDenialWeight: a(0.6, 'Denial value of a fully covering, fully enabled combat force, relative to Ukraine at reference', 'calibration; Huth and Russett (local balance decides)'),
  euEnablerFloor: a(0.4, 'Share of its denial value a force keeps with no enablers (drones and EW kill the rest)', 'article 002'),
  euPresenceScaleTroops: a(5_000, 'Troops at which presence makes engagement 63% as likely as at full presence (tripwire)', 'Reiter and Poast (2021); article 000'),
  euEngageBase: a(0.15, 'Probability Europe fights when its troops are hit, with no stated rules of engagement', 'articles 002, 003 ("no idea what to do")'),
  euEngageRoe: a(0.65, 'Added probability Europe fights with fully clear rules of engagement', 'articles 002, 003'),
  article5Pledge: a(0.25, 'Added probability the guarantors fight under an Article 5-like pledge (even with no troops)', 'Benson (2011): pledges cut initiation by ~18%; articles 001, 004'),
  euWarCost: a(0.3, 'Cost to Moscow of war with the European guarantors (at full force; 40% of it from a token force)', 'calibration; UK/France nuclear powers'),
  vetoKeeps: a(0.2, 'Share of the guarantors’ expected response left when Russia holds a veto on invoking them', 'article 004 (2022 Istanbul draft)'),
  usAttentionFloor: a(0.2, 'Share of US attention that never fades', 'calibration; article 000'),
  usCredibilitySpread: a(0.35, 'Spread (sd) of a new administration’s credibility at volatility 1', 'article 003'),
  peaceBaseValue: a(0.32, 'Value to Moscow of the ceasefire itself, without sanctions (recovery, trade, reintegration), relative to resuming', 'calibration: Minsk II and Budapest anchors, Fortna base rate'),
  earlyFragility: a(0.15, 'Value the ceasefire lacks at its start (no trade, reconstruction or demobilisation yet; incidents, spoilers), fading with the time constant below', 'Fortna (2004): failures cluster early; Danish intelligence (Feb 2025): a local war possible within 6 months'),
  earlyFragilityMonths: a(9, 'Months for the early fragility to fall to 37% of its initial value', 'calibration'),
  sanctionsPeacePain: a(0.02, 'Cost to Moscow of peace under full sanctions, per month-equivalent of utility', 'Zagare and Kilgour (lower status quo raises needed credibility); Hufbauer et al.'),
  snapbackCost: a(0.2, 'Cost of sanctions snapping back from zero to full', 'articles 001, 004; Hufbauer et al. (34% success)'),
  snapbackEscalation: a(0.25, 'Extra snapback cost from escalation beyond today’s level (share of full)', 'article 001 ("heavier sanctions are ready")'),
  secondarySanctionsExtra: a(0.25, 'Extra snapback cost from secondary sanctions on energy buyers (share of full)', 'article 001'),
  reliefSpread: a(0.5, 'Log-spread of the sanctions relief pace drawn per trial (five equally likely levels)', 'calibration'),
  resolveSpread: a(0.25, "Spread (sd) of Moscow's resolve around its mean, per trial", 'calibration'),
  noiseScale: a(0.2, 'Utility scale of decision noise: Gumbel scale = decisionNoise × this', 'calibration'),
  greyTaste: a(0.08, 'Utility of grey-zone means at full preference (relative to preference 0.5)', 'article 000'),
} as const satisfies Record<string, Assumption>;

export type AssumptionKey = keyof typeof ASSUMPTIONS;

/** Shorthand for an assumption's value. */
export const A = Object.fromEntries(Object.entries(ASSUMPTIONS).map(([k, v]) => [k, v.value])) as {
  readonly [K in AssumptionKey]: number;
};
