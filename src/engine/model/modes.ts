/**
 * The ways Moscow can resume hostilities, and what each is worth and risks. Values are in utility
 * units (1 = a fully successful full-scale offensive at resolve 1); see docs/model.md.
 */
export const MODE_KEYS = ['greyZone', 'limited', 'fullScale'] as const;
export type ModeKey = (typeof MODE_KEYS)[number];

/** Stored per trial: 0 = the ceasefire held, then 1 + the index in MODE_KEYS. */
export const MODE_CODE = { none: 0, greyZone: 1, limited: 2, fullScale: 3 } as const;

export interface ModeSpec {
  key: ModeKey;
  label: string;
  /** Value of the objective if the mode succeeds, before Moscow's resolve scales it. */
  gain: number;
  /** Direct cost of the campaign to Moscow (casualties, materiel, economy). */
  warCost: number;
  /** Attacker strength as a share of Russia's capacity; null: success does not depend on the balance. */
  attackShare: number | null;
  /** Share of the defence met where the attack is concentrated. */
  defenceShare: number;
  /** Fixed odds of success for modes that do not test the military balance. */
  fixedSuccess: number;
  /** How likely each guarantor is to treat this mode as the case its pledge covers (0–1). */
  trigger: { europe: number; us: number; snapback: number };
  source: string;
}

export const MODES: Record<ModeKey, ModeSpec> = {
  greyZone: {
    key: 'greyZone',
    label: 'Grey-zone campaign',
    gain: 0.15,
    warCost: 0.12,
    attackShare: null,
    defenceShare: 0,
    fixedSuccess: 0.6,
    // Deniable: guarantors may not even agree it happened (article 000).
    trigger: { europe: 0.1, us: 0.05, snapback: 0.3 },
    source: 'article 000 (proxies, sabotage, cognitive warfare); RAND RR-1906',
  },
  limited: {
    key: 'limited',
    label: 'Limited offensive',
    gain: 0.35,
    warCost: 0.18,
    attackShare: 0.5,
    defenceShare: 0.4,
    fixedSuccess: 0,
    // A local push may avoid the sectors where Europeans stand.
    trigger: { europe: 0.7, us: 0.6, snapback: 0.8 },
    source: 'articles 000, 003 (piecemeal advance in Donetsk and Luhansk)',
  },
  fullScale: {
    key: 'fullScale',
    label: 'Full-scale offensive',
    gain: 1,
    warCost: 0.35,
    attackShare: 1,
    defenceShare: 1,
    fixedSuccess: 0,
    trigger: { europe: 1, us: 1, snapback: 1 },
    source: 'articles 001, 003 (another assault five, 10 or 15 years on)',
  },
};
