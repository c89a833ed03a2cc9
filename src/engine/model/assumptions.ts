/**
 * Every fixed number of the model that is not a lever: the assumptions. Each has a value, a plain
 * description, a plausible range and where it comes from: a source article, a study of MODEL.md's
 * calibration, or "calibrated": set by `npm run calibrate` (scripts/calibrate.ts), which searches the
 * `calibrated` assumptions against every anchor and writes the fit to docs/calibration.md. The page
 * lists them; docs/model.md explains them; a test keeps every default inside its range.
 *
 * Utility units: 1 = the value to Moscow of a fully successful full-scale offensive at resolve 1.
 */
import { CALIBRATED } from './calibrated';

export interface Assumption {
  /** The value the model uses: for calibrated assumptions, the search's result (calibrated.ts). */
  value: number;
  /** Where the calibration search starts (calibrated assumptions; equal to value for the others). */
  start: number;
  label: string;
  source: string;
  /** Plausible range (inclusive), for the search and for plausible worlds. */
  min: number;
  max: number;
  /** Set by the calibration search (npm run calibrate) rather than read off a source. */
  calibrated?: boolean;
}

const a = (value: number, min: number, max: number, label: string, source: string, calibrated = false): Assumption => ({
  value,
  start: value,
  min,
  max,
  label,
  source,
  ...(calibrated ? { calibrated: true } : {}),
});

const RAW_ASSUMPTIONS = {
  // ── Capability: Russia ───────────────────────────────────────────────────────────────────────
  ruCapacityAtCeasefire: a(0.2, 0.2, 0.6, "Russia's offensive capacity when the ceasefire starts (1 = fully rebuilt)", 'Danish intelligence (Feb 2025): a local war within 6 months, a regional one within 2 years; article 000', true),
  sanctionsRebuildDrag: a(1.14, 0.3, 2, 'How much sanctions in force slow reconstitution: time constant × (1 + this × sanctions level)', 'Bruegel/Kiel (2025): ready to attack within 3–10 years; article 000', true),
  reconstitutionSpread: a(0.35, 0.1, 0.6, 'Log-spread of the reconstitution time drawn per trial (five equally likely levels)', 'Danish intelligence vs Bruegel/Kiel range (3–10 years)'),
  // ── Capability: Ukraine ──────────────────────────────────────────────────────────────────────
  uaReadinessAtCeasefire: a(0.75, 0.6, 0.9, "Ukraine's readiness when the ceasefire starts (0–1): a battle-hardened, mobilised army", 'article 003'),
  uaReadinessBase: a(0.4, 0.25, 0.5, "Ukraine's long-run readiness with no funding, no industry and no fatigue", 'assumption'),
  uaReadinessFunding: a(0.35, 0.2, 0.5, "Long-run readiness added by fully funding Ukraine's defence need", 'article 003 ($70–100 bn a year)'),
  uaReadinessIndustry: a(0.4, 0.1, 0.4, 'Long-run readiness added by a full domestic defence industry, once it has ramped up', 'articles 001, 003, 004', true),
  uaIndustryRampYears: a(3, 1, 6, 'Time constant (years) for the defence industry to ramp up: the window that closes for Moscow', 'articles 001, 004; Fearon (preventive war)'),
  uaReadinessFatigue: a(0.4, 0.2, 0.6, 'Long-run readiness lost at full war fatigue', 'article 003 (110,000 AWOL cases in seven months of 2025)'),
  uaReadinessMonths: a(9, 9, 36, 'Months for readiness to close 63% of the gap to its long-run level (demobilisation, training)', 'assumption', true),
  uaDefenceNeedBn: a(85, 70, 100, "Ukraine's yearly defence need, $ bn (midpoint of $70–100 bn)", 'article 003'),
  frozenAssetsYears: a(10, 5, 15, 'Years over which frozen assets are disbursed', 'article 001 (assumption: evenly)'),
  uaArmyReference: a(800_000, 800_000, 800_000, 'Army size at which the army factor is 1 (a unit, not a free assumption)', 'article 003'),
  uaArmyElasticity: a(0.4, 0.4, 1, 'Elasticity of defence to army size (diminishing returns)', 'Huth and Russett (the local balance decides)', true),
  fortificationsCededFactor: a(0.75, 0.6, 0.9, 'Defence multiplier if the fortified Donbas belt is ceded', 'articles 003, 004'),
  deepStrikeDefenceFactor: a(1.1, 1, 1.25, 'Defence multiplier with deep strike (disrupted logistics and command)', 'article 000'),
  deepStrikeWarCost: a(0.06, 0, 0.12, 'Extra cost of a full-scale war to Moscow when Ukraine can strike deep (limited: half)', 'article 000'),
  // ── Capability: the European force, by military value ───────────────────────────────────────
  euHalfCoverageTroops: a(70100, 35_000, 100_000, 'Troops at which the European force covers half of its share of the ~1,000 km front', 'RAND Baltic games (about seven brigades, 30,000–35,000, deny a quick win); article 002 (at least 100,000)', true),
  euCoverageExponent: a(2.5, 1.5, 3.5, 'Steepness of coverage in troops (a force too thin to hold a line is worth much less than its head count)', 'article 002 (KFOR: 48,000 for an area 50 times smaller)'),
  euDenialWeight: a(0.697, 0.3, 1, 'Denial value of a fully covering, fully enabled combat force, relative to Ukraine at reference', 'Huth and Russett; Reiter and Poast (tripwires deter by military value)', true),
  euEnablerFloor: a(0.2, 0.1, 0.5, 'Share of its military value a force keeps with no enablers (drones and EW kill the rest)', 'article 002 (counter-drone, EW and intelligence are essential)'),
  euTokenTroops: a(15_000, 5_000, 30_000, 'Enabled troops (troops × share of value kept with its enablers) at which the force counts as more than a token: engagement is 50% as likely as for a large force', 'Reiter and Poast (2021); article 002 ("bluff and pray")'),
  euEngageBase: a(0.05, 0.05, 0.3, 'Probability Europe fights when its troops are hit, with no stated rules of engagement', 'articles 002, 003 ("no idea what to do")', true),
  euEngageRoe: a(0.428, 0.3, 0.8, 'Added probability Europe fights with fully clear rules of engagement', 'articles 002, 003', true),
  article5Pledge: a(0.3, 0.05, 0.3, 'Added probability the guarantors fight under an Article 5-like pledge (even with no troops)', 'Benson (2011): pledges cut initiation by about 18%; articles 001, 004', true),
  euWarCost: a(0.341, 0.15, 0.5, 'Cost to Moscow of war with the European guarantors at full military value (30% of it from any force that fights)', 'UK and France are nuclear powers; Reiter and Poast', true),
  vetoKeeps: a(0.2, 0.05, 0.4, 'Share of the guarantors’ expected response left when Russia holds a veto on invoking them', 'article 004 (2022 Istanbul draft)'),
  // ── US backstop ──────────────────────────────────────────────────────────────────────────────
  usAttentionFloor: a(0.3, 0.1, 0.6, 'Share of Washington’s pressure and forces in theatre that never fades', 'article 000 (attention is transactional and fades)'),
  usCredibilitySpread: a(0.6, 0.3, 0.9, 'Spread (sd) of a newly elected administration’s credibility at election volatility 1', 'article 003'),
  // ── Peace, sanctions and the decision ────────────────────────────────────────────────────────
  peaceBaseValue: a(0.289, 0.05, 0.4, 'Value to Moscow of keeping the ceasefire, relative to resuming (what a war would forfeit)', 'Fortna (2004) base rate; Minsk II and Budapest anchors', true),
  fullScaleWarCost: a(0.225, 0.15, 0.5, 'Direct cost to Moscow of a full-scale offensive (casualties, materiel, economy)', 'assumption', true),
  limitedWarCost: a(0.1, 0.02, 0.2, 'Direct cost to Moscow of a limited offensive', 'assumption', true),
  limitedPeaceLoss: a(0.3, 0.1, 1, 'Share of the ceasefire’s value a limited offensive forfeits (a full-scale one forfeits all of it)', 'Crimea 2014 and Donbas: a limited grab left much of the status quo in place', true),
  limitedGainFixedShare: a(0.27, 0, 1, 'Share of a limited offensive’s prize that does not grow with resolve (a naval base, a land corridor: worth taking even to a Moscow that does not seek all of Ukraine)', 'Crimea 2014 (Budapest anchor)', true),
  limitedGain: a(0.3, 0.15, 0.45, 'Value of a successful limited offensive (a province, a corridor), relative to a full-scale one', 'articles 000, 003; Budapest anchor (Crimea)'),
  snapbackCost: a(0.03, 0.01, 0.08, 'Cost of sanctions snapping back from zero to full: bounded, it cannot outweigh the local balance', 'Hufbauer, Schott and Elliott (34% partial success); articles 001, 004'),
  snapbackEscalation: a(0.25, 0, 0.5, 'Extra snapback cost from escalation beyond today’s level (share of full)', 'article 001 ("heavier sanctions are ready")'),
  secondarySanctionsExtra: a(0.25, 0, 0.5, 'Extra snapback cost from secondary sanctions on energy buyers (share of full)', 'article 001'),
  reliefSpread: a(0.5, 0.2, 0.8, 'Log-spread of the sanctions relief pace drawn per trial (five equally likely levels)', 'assumption'),
  resolveSpread: a(0.165, 0.05, 0.35, "Spread (sd) of Moscow's resolve around its mean, per trial: heterogeneous Moscow", 'Fortna (failures cluster early: selection on type)', true),
  resolvePersistence: a(0.95, 0.6, 0.99, "Year-to-year persistence of Moscow's resolve (AR(1) correlation of its deviation from the mean)", 'Russia 1994–2014: aims hardened over two decades (Budapest anchor)', true),
  noiseScale: a(0.004, 0.001, 0.02, 'Utility scale of the tremble: logit scale = decisionNoise × this', 'assumption (small: wars come from choices)'),
  // ── Grey zone ────────────────────────────────────────────────────────────────────────────────
  greyZoneValue: a(0.0843, 0.03, 0.15, 'Value to Moscow of a grey-zone campaign at resolve 1 (sabotage, proxies, cognitive warfare)', 'article 000', true),
  greyZoneCost: a(0.03, 0.03, 0.15, 'Direct cost and risk of a grey-zone campaign to Moscow', 'article 000; RAND RR-1906', true),
  greySubstitution: a(0.1, 0.1, 0.4, 'Extra grey-zone value at resolve 1 when conventional war is fully deterred (pursuing aims by other means)', 'article 000; RAND RR-1906 (troops: fewer wars, more disputes short of war)', true),
  greyTasteSpread: a(0.06, 0, 0.06, "Spread (sd) of Moscow's taste for grey-zone means across trials (utility)", 'assumption: not every Moscow probes', true),
  greyTaste: a(0.05, 0, 0.1, 'Utility of grey-zone means at full preference (relative to preference 0.5)', 'article 000'),
  // ── What Moscow believes (engine 3) ────────────────────────────────────────────────────────
  balanceOptimism: a(0.2, 0, 0.6, "Moscow's average overestimate of its own offensive strength (log scale: 0.25 = it thinks itself 28% stronger than it is)", "Blainey (wars begin when states disagree about their strength); Moscow's 2022 plan to take Kyiv in days; initiators win about a third of wars since 1945 (Lindley and Schildkraut)", true),
  balanceMisperceptionSpread: a(0.3, 0.1, 0.6, "Spread (sd, log scale) of Moscow's misperception of the balance across trials and years (five equally likely levels)", 'Fearon (1995): private information about the balance; Wang and Ray (1994)'),
  balanceMisperceptionPersistence: a(0.8, 0.5, 0.95, "Chance Moscow's view of the balance carries over into the next year (otherwise it is redrawn)", 'assumption: assessments change with new intelligence, purges and leadership changes'),
  europeResolveDoubt: a(-1.1, -1.5, 0.5, "Moscow's bias (log-odds) in judging whether Europe would fight: negative = it underrates Europe's will", 'Korea 1950, the Falklands 1982, Kuwait 1990: challengers misjudged defenders who then fought; article 002 ("no idea what to do")', true),
  usResolveDoubt: a(-0.13, -1.5, 0.5, "Moscow's bias (log-odds) in judging whether a US administration would honour its tier", 'Korea 1950 (Acheson\'s perimeter speech), Kuwait 1990; article 003', true),
  resolvePerceptionSpread: a(1, 0.3, 1.5, "Spread (sd, log-odds) of Moscow's prior about a guarantor around what it can observe (force, posture, rules of engagement, pledge, tier, veto)", 'Fearon (1995): resolve is private information with incentives to misrepresent'),
  incidentsPerYear: a(1, 0.25, 3, 'Incidents per year in which Moscow sees how the guarantors respond (drawn per trial, whatever the levers)', 'Korea 1953–: recurring incidents short of war; article 000'),
  signalAccuracy: a(0.6, 0.52, 0.8, 'Chance an incident shows a guarantor as it really is (firm if it would fight, weak if not): how a guarantor answers sabotage says little about whether it would fight a war', 'assumption (Bayesian updating on noisy signals); article 000 (guarantors may not even agree a grey-zone act happened)', true),
  // ── Fixed weights made assumptions (engine 3) ─────────────────────────────────────────────────
  postureDenialMonitoring: a(0.05, 0, 0.2, 'Share of its combat value a monitoring force brings to the defence (a combat force brings all of it)', 'articles 000, 002 (monitors observe; they do not hold ground)'),
  postureDenialTripwire: a(0.4, 0.2, 0.7, 'Share of its combat value a tripwire force brings to the defence', 'Reiter and Poast (2021): tripwires deter by their military value; article 002'),
  postureCommitMonitoring: a(0.4, 0.2, 0.7, 'How strongly a monitoring mission commits its governments to fight if hit, relative to a tripwire (1)', 'articles 002, 004'),
  postureCommitCombat: a(1.1, 1, 1.3, 'How strongly a combat force commits its governments to fight if hit, relative to a tripwire (1)', 'articles 000, 002'),
  usPowerIntel: a(0.2, 0.1, 0.25, 'Defence units US intelligence and logistics add if honoured (at full attention; Ukraine at reference = 1)', 'articles 001, 003 (intelligence, logistics, air defence supplies)'),
  usPowerAir: a(0.35, 0.25, 0.5, 'Defence units US air power adds if honoured (at full attention)', 'articles 001, 004'),
  usPowerRapid: a(0.7, 0.5, 1, 'Defence units US rapid reinforcement adds if honoured (at full attention)', 'article 004; RAND Baltic games (heavy brigades ready at the start)'),
  usCostIntel: a(0.08, 0.04, 0.15, 'Cost to Moscow of the US honouring an intelligence-and-logistics tier (at full attention)', 'articles 001, 003'),
  usCostAir: a(0.25, 0.15, 0.35, 'Cost to Moscow of the US honouring an air-power tier (at full attention)', 'articles 001, 004'),
  usCostRapid: a(0.45, 0.35, 0.6, 'Cost to Moscow of the US honouring a rapid-reinforcement tier (at full attention)', 'article 004; nuclear escalation risk'),
  euWarCostFixedShare: a(0.3, 0.1, 0.5, 'Share of the cost of war with Europe paid whatever the force’s military value (any force that fights brings its governments in)', 'UK and France are nuclear powers; Reiter and Poast'),
  limitedAttackShare: a(0.5, 0.3, 0.7, "Share of Russia's capacity a limited offensive commits", 'Crimea 2014; articles 000, 003 (piecemeal advance)'),
  limitedDefenceShare: a(0.4, 0.25, 0.6, 'Share of the defence a limited offensive meets where it is concentrated', 'articles 000, 003'),
  limitedTriggerEurope: a(0.7, 0.4, 1, 'Chance Europe treats a limited offensive as the case its commitment covers (a local push may avoid its sectors)', 'articles 002, 003'),
  limitedTriggerUs: a(0.6, 0.3, 1, 'Chance the US treats a limited offensive as the case its backstop covers', 'articles 001, 003'),
  limitedTriggerSnapback: a(0.8, 0.5, 1, 'Chance a limited offensive brings sanctions snapback', 'articles 001, 004'),
  greyTriggerEurope: a(0.05, 0, 0.2, 'Chance Europe answers a grey-zone campaign as it would an attack (guarantors may not agree it happened)', 'article 000; RAND RR-1906'),
  greyTriggerUs: a(0.05, 0, 0.2, 'Chance the US answers a grey-zone campaign as it would an attack', 'article 000; RAND RR-1906'),
  greyTriggerSnapback: a(0.3, 0.1, 0.6, 'Chance a grey-zone campaign brings sanctions snapback', 'article 000'),
  uaReadinessFloor: a(0.05, 0.02, 0.1, "Lowest long-run readiness Ukraine's army can fall to", 'assumption (a floor: an army never vanishes entirely)'),
  reliefPaceCap: a(0.95, 0.8, 0.99, 'Highest yearly sanctions relief pace a trial can draw', 'assumption (a cap on the lognormal draw)'),
} satisfies Record<string, Assumption>;

export type AssumptionKey = keyof typeof RAW_ASSUMPTIONS;

/**
 * The registry: every assumption with the value the model uses. A calibrated assumption's value is
 * the search's result (calibrated.ts, written by `npm run calibrate`); its `start` is where the
 * search began. Built once and frozen: nothing writes it, so the registry, the page's Model view,
 * `params.assumptions` and the running model show the same numbers.
 */
export const ASSUMPTIONS: { readonly [K in AssumptionKey]: Readonly<Assumption> } = Object.freeze(
  Object.fromEntries(
    Object.entries(RAW_ASSUMPTIONS).map(([k, spec]: [string, Assumption]) => {
      const calibrated = (CALIBRATED as Record<string, number>)[k];
      if (calibrated !== undefined && !spec.calibrated) throw new Error(`calibrated.ts names ${k}, which is not a calibrated assumption`);
      return [k, Object.freeze(calibrated === undefined ? spec : { ...spec, value: calibrated })];
    }),
  ),
) as { readonly [K in AssumptionKey]: Readonly<Assumption> };
for (const k of Object.keys(CALIBRATED)) {
  if (!Object.hasOwn(RAW_ASSUMPTIONS, k)) throw new Error(`calibrated.ts names ${k}, which is not an assumption`);
}

/**
 * The model's parameters: every assumption's value for one run, as one frozen record. The
 * mechanisms receive it as an argument (compileModel builds it from the run's changes); there is
 * no global the model reads, so two runs with different assumptions can never see each other's.
 */
export type ModelParams = { readonly [K in AssumptionKey]: number };

/** Every assumption's key, in the registry's order (the order of the page, the docs and the CSV). */
export const ASSUMPTION_KEYS = Object.keys(ASSUMPTIONS) as AssumptionKey[];

/**
 * Some assumptions changed from their defaults, by key: what a run, a scenario file, a link or
 * `--assume` carries. Missing keys take their defaults (ASSUMPTIONS[k].value).
 */
export type AssumptionValues = Partial<Record<AssumptionKey, number>>;

/** Every assumption's value: the defaults with `changes` applied. */
export function assumptionSet(changes: AssumptionValues = {}): Record<AssumptionKey, number> {
  const out = {} as Record<AssumptionKey, number>;
  for (const k of ASSUMPTION_KEYS) {
    const v = Object.hasOwn(changes, k) ? changes[k] : undefined;
    out[k] = v ?? ASSUMPTIONS[k].value;
  }
  return out;
}

/** The frozen parameter record of a run: the defaults with `changes` applied (see ModelParams). */
export function modelParams(changes: AssumptionValues = {}): ModelParams {
  return Object.freeze(assumptionSet(changes));
}

/** The default parameters (every assumption at its registry value). */
export const DEFAULT_PARAMS: ModelParams = modelParams();

/**
 * The changes in `values` that differ from the defaults, in registry order, as a fresh object (so
 * two runs with the same effective assumptions carry the same changes, however they were given).
 */
export function changedAssumptions(values: AssumptionValues): AssumptionValues {
  const out: AssumptionValues = {};
  for (const k of ASSUMPTION_KEYS) {
    const v = values[k];
    if (v !== undefined && v !== ASSUMPTIONS[k].value) out[k] = v;
  }
  return out;
}

/** Whether two sets of changes give the same assumptions. */
export function sameAssumptions(a: AssumptionValues = {}, b: AssumptionValues = {}): boolean {
  return ASSUMPTION_KEYS.every((k) => (a[k] ?? ASSUMPTIONS[k].value) === (b[k] ?? ASSUMPTIONS[k].value));
}

/** The assumptions by mechanism, for the page's Assumptions panel and docs/model.md. */
export const ASSUMPTION_GROUPS: readonly { id: string; label: string; keys: readonly AssumptionKey[] }[] = [
  { id: 'russia', label: 'Capability: Russia', keys: ['ruCapacityAtCeasefire', 'sanctionsRebuildDrag', 'reconstitutionSpread'] },
  {
    id: 'ukraine',
    label: 'Capability: Ukraine',
    keys: ['uaReadinessAtCeasefire', 'uaReadinessBase', 'uaReadinessFunding', 'uaReadinessIndustry', 'uaIndustryRampYears', 'uaReadinessFatigue', 'uaReadinessMonths', 'uaDefenceNeedBn', 'frozenAssetsYears', 'uaArmyReference', 'uaArmyElasticity', 'fortificationsCededFactor', 'deepStrikeDefenceFactor', 'deepStrikeWarCost'],
  },
  {
    id: 'europe',
    label: 'The European force',
    keys: ['euHalfCoverageTroops', 'euCoverageExponent', 'euDenialWeight', 'euEnablerFloor', 'euTokenTroops', 'euEngageBase', 'euEngageRoe', 'article5Pledge', 'euWarCost', 'vetoKeeps'],
  },
  { id: 'us', label: 'US backstop', keys: ['usAttentionFloor', 'usCredibilitySpread'] },
  {
    id: 'decision',
    label: 'Peace, sanctions and the decision',
    keys: ['peaceBaseValue', 'fullScaleWarCost', 'limitedWarCost', 'limitedPeaceLoss', 'limitedGainFixedShare', 'limitedGain', 'snapbackCost', 'snapbackEscalation', 'secondarySanctionsExtra', 'reliefSpread', 'resolveSpread', 'resolvePersistence', 'noiseScale'],
  },
  { id: 'grey', label: 'Grey zone', keys: ['greyZoneValue', 'greyZoneCost', 'greySubstitution', 'greyTasteSpread', 'greyTaste'] },
  {
    id: 'beliefs',
    label: 'What Moscow believes',
    keys: ['balanceOptimism', 'balanceMisperceptionSpread', 'balanceMisperceptionPersistence', 'europeResolveDoubt', 'usResolveDoubt', 'resolvePerceptionSpread', 'incidentsPerYear', 'signalAccuracy'],
  },
  {
    id: 'weights',
    label: 'Posture, tiers and modes',
    keys: ['postureDenialMonitoring', 'postureDenialTripwire', 'postureCommitMonitoring', 'postureCommitCombat', 'usPowerIntel', 'usPowerAir', 'usPowerRapid', 'usCostIntel', 'usCostAir', 'usCostRapid', 'euWarCostFixedShare', 'limitedAttackShare', 'limitedDefenceShare', 'limitedTriggerEurope', 'limitedTriggerUs', 'limitedTriggerSnapback', 'greyTriggerEurope', 'greyTriggerUs', 'greyTriggerSnapback', 'uaReadinessFloor', 'reliefPaceCap'],
  },
];

/** Keys of the assumptions the calibration search sets. */
export const CALIBRATED_KEYS = (Object.keys(ASSUMPTIONS) as AssumptionKey[]).filter((k) => (ASSUMPTIONS[k] as Assumption).calibrated);
