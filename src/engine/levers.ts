/**
 * The lever registry: the one source of truth for every model parameter.
 *
 * Validation, the command line (`--set key=value`), CSV headers, the page's controls, URL state and
 * the model docs are all generated from this list. Keys are the public vocabulary of
 * `shared/brief/MODEL.md` and must never be renamed. The registry's vocabulary is in the other root
 * files: the kinds of lever and their directions (leverKinds.ts), the groups (leverGroups.ts), and
 * the run settings and a run's inputs (runSettings.ts).
 */
import type { LeverGroup } from './leverGroups';
import type { BooleanLever, ChoiceLever, Direction, MonthLever, NumberLever } from './leverKinds';

/** One entry of the registry, of any kind. */
export type LeverSpec = NumberLever<LeverKey> | BooleanLever<LeverKey> | ChoiceLever<LeverKey> | MonthLever<LeverKey>;

export const EU_POSTURES = ['monitoring', 'tripwire', 'combat'] as const;
export type EuPosture = (typeof EU_POSTURES)[number];
export const US_TIERS = ['none', 'intel-logistics', 'air-power', 'rapid-reinforcement'] as const;
export type UsTier = (typeof US_TIERS)[number];

/** A share lever's own fields; the rest (0–1 in steps of 0.05, printed as a share) are common to all. */
interface ShareOptions<K extends string> {
  key: K;
  label: string;
  group: LeverGroup;
  default: number;
  direction: Direction;
  sources: readonly string[];
  description: string;
  basic?: boolean;
}

function share<const K extends string>(o: ShareOptions<K>): NumberLever<K> {
  return {
    key: o.key,
    label: o.label,
    group: o.group,
    kind: 'number',
    unit: 'share',
    min: 0,
    max: 1,
    step: 0.05,
    default: o.default,
    integer: false,
    format: 'share',
    direction: o.direction,
    sources: o.sources,
    description: o.description,
    basic: o.basic ?? false,
  };
}

/**
 * The registry, in display order. Typed as written (`as const`), so the `Levers` type below is
 * derived from it: a lever added here is a field of `Levers` everywhere, with no second list to keep.
 */
const REGISTRY = [
  {
    key: 'euTroops',
    label: 'European troops in Ukraine',
    group: 'europe',
    kind: 'number',
    unit: 'troops',
    min: 0,
    max: 200_000,
    step: 5_000,
    default: 30_000,
    integer: true,
    format: 'count',
    direction: 'deters',
    sources: ['000', '002', '003', '004'],
    description:
      'European troops deployed in Ukraine. Their denial value grows with density on a ~1,000 km front: a force too small to cover the line is worth less than its share of a large one.',
    basic: true,
  },
  {
    key: 'euPosture',
    label: 'Posture of the European force',
    group: 'europe',
    kind: 'choice',
    options: [
      { value: 'monitoring', label: 'Monitoring' },
      { value: 'tripwire', label: 'Tripwire' },
      { value: 'combat', label: 'Combat' },
    ],
    default: 'tripwire',
    direction: 'deters',
    sources: ['000', '002', '003', '004'],
    description:
      'What the force is for: observe and report (monitoring), a die-in-place signal that drags its governments in (tripwire), or hold ground (combat).',
    basic: true,
  },
  share({
    key: 'euRoeClarity',
    label: 'Clarity of rules of engagement',
    group: 'europe',
    default: 0.4,
    direction: 'deters',
    sources: ['002', '003'],
    description:
      'How clearly the coalition has committed to fight if its troops are attacked. Low values are the "no idea what to do" of article 003 and the "bluff and pray" of article 002.',
    basic: true,
  }),
  share({
    key: 'euEnablers',
    label: 'Enablers (counter-drone, EW, air defence, intelligence)',
    group: 'europe',
    default: 0.4,
    direction: 'deters',
    sources: ['002'],
    description:
      'Counter-drone, electronic-warfare, air-defence and intelligence assets that let the force survive and fight in contested zones.',
  }),
  {
    key: 'usTier',
    label: 'US backstop',
    group: 'us',
    kind: 'choice',
    options: [
      { value: 'none', label: 'None' },
      { value: 'intel-logistics', label: 'Intelligence and logistics' },
      { value: 'air-power', label: 'Air power' },
      { value: 'rapid-reinforcement', label: 'Rapid reinforcement' },
    ],
    default: 'intel-logistics',
    direction: 'deters',
    sources: ['001', '003', '004'],
    description: 'What the United States offers to do if the ceasefire is broken.',
    basic: true,
  },
  share({
    key: 'usCredibility',
    label: 'US credibility (current administration)',
    group: 'us',
    default: 0.5,
    direction: 'deters',
    sources: ['000', '003'],
    description:
      'Probability that the current US administration honours its backstop when invoked. Later administrations are redrawn around it at each election.',
    basic: true,
  }),
  share({
    key: 'usElectionVolatility',
    label: 'US election volatility',
    group: 'us',
    default: 0.5,
    direction: 'none',
    sources: ['003'],
    description:
      'How strongly US credibility is redrawn at each presidential election after the ceasefire (0: every administration like this one; 1: anything from isolationist to committed).',
  }),
  {
    key: 'usAttentionHalfLifeYears',
    label: 'Half-life of US attention',
    group: 'us',
    kind: 'number',
    unit: 'years',
    min: 0.5,
    max: 20,
    step: 0.5,
    default: 3,
    integer: false,
    format: 'years',
    direction: 'deters',
    sources: ['000'],
    description:
      "How fast Washington's pressure on Moscow fades after the deal is signed (article 000: US attention is transactional). Attention decays to a floor, never to zero.",
    basic: false,
  },
  share({
    key: 'sanctionsLevel',
    label: 'Sanctions kept during the ceasefire',
    group: 'sanctions',
    default: 0.6,
    direction: 'none',
    sources: ['000', '001'],
    description:
      "Share of today's sanctions still in force during the ceasefire. Cuts both ways: slows Russia's rebuilding, but makes peace worse for Moscow and leaves less to snap back.",
    basic: true,
  }),
  {
    key: 'sanctionsReliefPerYear',
    label: 'Sanctions relief per year',
    group: 'sanctions',
    kind: 'number',
    unit: 'share per year',
    min: 0,
    max: 0.5,
    step: 0.01,
    default: 0.1,
    integer: false,
    format: 'share',
    direction: 'none',
    sources: ['000'],
    description:
      'Yearly erosion of the sanctions in force as Russia is reintegrated (the pace is drawn per trial around this value).',
    basic: false,
  },
  share({
    key: 'snapbackCredibility',
    label: 'Snapback credibility',
    group: 'sanctions',
    default: 0.5,
    direction: 'deters',
    sources: ['001', '004'],
    description:
      'Probability that full sanctions return, and escalate, after a violation.',
  }),
  {
    key: 'secondarySanctions',
    label: 'Secondary sanctions in the snapback',
    group: 'sanctions',
    kind: 'boolean',
    default: false,
    direction: 'deters',
    sources: ['001'],
    description: 'The snapback package adds secondary sanctions on buyers of Russian energy.',
    basic: false,
  },
  {
    key: 'frozenAssetsBn',
    label: 'Frozen Russian assets to Ukraine',
    group: 'sanctions',
    kind: 'number',
    unit: '$ bn',
    min: 0,
    max: 300,
    step: 10,
    default: 0,
    integer: false,
    format: 'bn',
    direction: 'deters',
    sources: ['001', '003'],
    description:
      "Frozen Russian assets channelled to Ukraine's defence, disbursed evenly over ten years (so a longer run does not dilute them).",
    basic: false,
  },
  {
    key: 'uaArmySize',
    label: "Ukraine's standing army",
    group: 'ukraine',
    kind: 'number',
    unit: 'troops',
    min: 300_000,
    max: 1_100_000,
    step: 10_000,
    default: 800_000,
    integer: true,
    format: 'count',
    direction: 'deters',
    sources: ['003'],
    description: "Ukraine's standing army (600,000 cap in the first US plan; about 1 million in 2025).",
    basic: true,
  },
  share({
    key: 'uaFundingShare',
    label: "Share of Ukraine's defence need funded",
    group: 'ukraine',
    default: 0.7,
    direction: 'deters',
    sources: ['003'],
    description:
      "Share of Ukraine's yearly defence need ($70–100 bn) that is funded.",
    basic: true,
  }),
  share({
    key: 'uaDefenseIndustry',
    label: "Ukraine's defence industry",
    group: 'ukraine',
    default: 0.5,
    direction: 'deters',
    sources: ['001', '003', '004'],
    description:
      'Domestic drone, missile and munitions production.',
  }),
  {
    key: 'uaDeepStrike',
    label: 'Deep-strike capability',
    group: 'ukraine',
    kind: 'boolean',
    default: false,
    direction: 'deters',
    sources: ['000'],
    description: 'Long-range strike able to hit logistics and command deep in Russia (article 000: no Tomahawks, no deep strike).',
    basic: false,
  },
  {
    key: 'uaFortificationsHeld',
    label: 'Fortified Donbas belt kept',
    group: 'agreement',
    kind: 'boolean',
    default: true,
    direction: 'deters',
    sources: ['003', '004'],
    description: 'Ukraine keeps the fortified Donbas belt (off: ceded or demilitarised, as in the first US plan).',
    basic: false,
  },
  share({
    key: 'uaWarFatigue',
    label: 'War fatigue in Ukraine',
    group: 'ukraine',
    default: 0.3,
    direction: 'provokes',
    sources: ['003'],
    description:
      'Desertion and exhaustion eroding readiness over time (article 003: 110,000 AWOL cases in seven months of 2025).',
  }),
  {
    key: 'article5Like',
    label: 'Article 5-like pledge',
    group: 'agreement',
    kind: 'boolean',
    default: false,
    direction: 'deters',
    sources: ['001', '004'],
    description: 'A collective-defence pledge "like Article 5" from the guarantors.',
    basic: true,
  },
  {
    key: 'russianVeto',
    label: 'Russian veto on invoking guarantees',
    group: 'agreement',
    kind: 'boolean',
    default: false,
    direction: 'provokes',
    sources: ['004'],
    description: 'Russia sits among the guarantors with a veto on invoking them (the 2022 Istanbul draft).',
    basic: true,
  },
  share({
    key: 'ruResolve',
    label: "Moscow's resolve",
    group: 'moscow',
    default: 0.7,
    direction: 'provokes',
    sources: ['001', '003'],
    description:
      "Mean of Moscow's drive to subjugate Ukraine; each trial draws its own value around it.",
    basic: true,
  }),
  {
    key: 'ruReconstitutionYears',
    label: 'Years for Russia to reconstitute',
    group: 'moscow',
    kind: 'number',
    unit: 'years',
    min: 0.5,
    max: 10,
    step: 0.5,
    default: 3,
    integer: false,
    format: 'years',
    direction: 'deters',
    sources: ['000'],
    description: 'Time constant for Russia to rebuild offensive capacity during the pause (slowed by sanctions in force).',
    basic: false,
  },
  share({
    key: 'ruGreyZonePreference',
    label: "Moscow's taste for grey-zone means",
    group: 'moscow',
    default: 0.5,
    direction: 'provokes',
    sources: ['000'],
    description:
      'Preference for deniable sabotage, proxies and cognitive warfare over open offensives.',
  }),
  share({
    key: 'decisionNoise',
    label: 'Decision noise',
    group: 'moscow',
    default: 0.1,
    direction: 'none',
    sources: [],
    description:
      "A tremble: how far Moscow's monthly choices stray from the expected-utility optimum (0: always the best option; the default is a small tremble, so wars come from Moscow's choices).",
  }),
  {
    key: 'horizonYears',
    label: 'Horizon',
    group: 'run',
    kind: 'number',
    unit: 'years',
    min: 1,
    max: 20,
    step: 1,
    default: 10,
    integer: true,
    format: 'years',
    direction: 'provokes',
    sources: ['001'],
    description: 'Simulated years after the ceasefire (the articles speak of 5, 10 and 15).',
    basic: true,
  },
  {
    key: 'ceasefireStart',
    label: 'Ceasefire start',
    group: 'run',
    kind: 'month',
    min: '2025-01',
    max: '2040-12',
    default: '2027-01',
    direction: 'none',
    sources: [],
    description: 'Calendar month the ceasefire starts; it places the US presidential elections (every four years from November 2028).',
    basic: false,
  },
] as const satisfies readonly (NumberLever | BooleanLever | ChoiceLever | MonthLever)[];

/** The value type of one registry entry: a number, a boolean, one of a choice's option values, or a `YYYY-MM` month. */
type ValueOf<S> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'boolean' }
    ? boolean
    : S extends { kind: 'choice'; options: readonly { value: infer O }[] }
      ? O
      : S extends { kind: 'month' }
        ? string
        : never;

/** Every model lever, resolved: one field per registry entry, derived from it. */
export type Levers = { -readonly [S in (typeof REGISTRY)[number] as S['key']]: ValueOf<S> };

export type LeverKey = keyof Levers;

/** The registry, in display order. */
export const LEVERS: readonly LeverSpec[] = REGISTRY;

// Compile-time checks: the option lists the model indexes by are exactly the registry's options.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const postureOptionsMatch: Same<EuPosture, Levers['euPosture']> = true;
const tierOptionsMatch: Same<UsTier, Levers['usTier']> = true;
// ...and every choice's default is one of its options.
type DefaultIsAnOption<S> = S extends { kind: 'choice'; default: infer D; options: readonly { value: infer O }[] } ? ([D] extends [O] ? true : false) : true;
const choiceDefaultsValid: Same<DefaultIsAnOption<(typeof REGISTRY)[number]>, true> = true;
void postureOptionsMatch;
void tierOptionsMatch;
void choiceDefaultsValid;

export const LEVER_KEYS = LEVERS.map((l) => l.key) as readonly LeverKey[];

const byKey = new Map<string, LeverSpec>(LEVERS.map((l) => [l.key, l]));

/** The registry entry for `key`, or undefined if it is not a lever. */
export function leverSpec(key: string): LeverSpec | undefined {
  return byKey.get(key);
}

/** Keys (registry order) of the levers whose values differ between `a` and `b`. */
export function changedLevers(a: Levers, b: Levers): LeverKey[] {
  return LEVER_KEYS.filter((k) => a[k] !== b[k]);
}

/** The defaults: a middle-of-the-road "coalition of the willing" package. */
export function defaultLevers(): Levers {
  const out: Record<string, unknown> = {};
  for (const l of LEVERS) out[l.key] = l.default;
  return out as unknown as Levers;
}
