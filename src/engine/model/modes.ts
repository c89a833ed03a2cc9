import type { ModelParams } from './assumptions';

/**
 * Mechanism 4, modes: the ways Moscow can resume hostilities, and what each is worth and risks.
 * Values are in utility units (1 = a fully successful full-scale offensive at resolve 1); see
 * docs/model.md. A grey-zone campaign is a probe inside the ceasefire: the trial goes on after it.
 * A limited or full-scale offensive is war: the trial ends there (its course is drawn: response.ts).
 */
export const MODE_KEYS = ['greyZone', 'limited', 'fullScale'] as const;
export type ModeKey = (typeof MODE_KEYS)[number];

/** Stored per trial: 0 = none, then 1 + the index in MODE_KEYS. */
export const MODE_CODE = { none: 0, greyZone: 1, limited: 2, fullScale: 3 } as const;

/** What a mode is, in words (its numbers are assumptions: modeShape). */
export interface ModeSpec {
  key: ModeKey;
  label: string;
  /** Whether the mode is war (ends the ceasefire) or a probe inside it. */
  conventional: boolean;
  source: string;
}

export const MODES: Record<ModeKey, ModeSpec> = {
  greyZone: { key: 'greyZone', label: 'Grey-zone campaign', conventional: false, source: 'article 000 (proxies, sabotage, cognitive warfare); RAND RR-1906' },
  limited: { key: 'limited', label: 'Limited offensive', conventional: true, source: 'articles 000, 003 (piecemeal advance in Donetsk and Luhansk); Crimea 2014' },
  fullScale: { key: 'fullScale', label: 'Full-scale offensive', conventional: true, source: 'articles 001, 003 (another assault five, 10 or 15 years on); February 2022' },
};

/** A mode's numbers under a run's parameters. */
export interface ModeShape {
  /** Attacker strength as a share of Russia's capacity; null: success does not depend on the balance. */
  attackShare: number | null;
  /** Share of the defence met where the attack is concentrated. */
  defenceShare: number;
  /** How likely each guarantor is to treat this mode as the case its pledge covers (0–1). */
  trigger: { europe: number; us: number; snapback: number };
}

export function modeShape(p: ModelParams, key: ModeKey): ModeShape {
  switch (key) {
    case 'greyZone':
      // Deniable: guarantors may not even agree it happened (article 000).
      return { attackShare: null, defenceShare: 0, trigger: { europe: p.greyTriggerEurope, us: p.greyTriggerUs, snapback: p.greyTriggerSnapback } };
    case 'limited':
      // A local push may avoid the sectors where Europeans stand.
      return {
        attackShare: p.limitedAttackShare,
        defenceShare: p.limitedDefenceShare,
        trigger: { europe: p.limitedTriggerEurope, us: p.limitedTriggerUs, snapback: p.limitedTriggerSnapback },
      };
    case 'fullScale':
      return { attackShare: 1, defenceShare: 1, trigger: { europe: 1, us: 1, snapback: 1 } };
    default:
      return key satisfies never;
  }
}

/**
 * Value to Moscow (utility) of a conventional mode's objective if it succeeds, at resolve `resolve`:
 * a full-scale offensive's prize is all resolve (1 × resolve); a limited one's is limitedGain ×
 * (fixed share + (1 − fixed share) × resolve), worth taking even to a Moscow of low resolve.
 */
export function modeGain(p: ModelParams, key: 'limited' | 'fullScale', resolve: number): number {
  if (key === 'fullScale') return resolve;
  const f = p.limitedGainFixedShare;
  return p.limitedGain * (f + (1 - f) * resolve);
}

/** Direct cost of a conventional campaign to Moscow (casualties, materiel, economy). */
export function modeWarCost(p: ModelParams, key: 'limited' | 'fullScale'): number {
  return key === 'fullScale' ? p.fullScaleWarCost : p.limitedWarCost;
}

/** A mode's value terms in words and numbers, for the Model view and docs/levers.md. */
export function modeTerms(p: ModelParams, key: ModeKey): { gain: string; cost: number; peaceForfeit: number } {
  switch (key) {
    case 'fullScale':
      return { gain: 'resolve × 1', cost: p.fullScaleWarCost, peaceForfeit: 1 };
    case 'limited':
      return {
        gain: `${p.limitedGain} × (${p.limitedGainFixedShare} + ${Number((1 - p.limitedGainFixedShare).toFixed(3))} × resolve)`,
        cost: p.limitedWarCost,
        peaceForfeit: p.limitedPeaceLoss,
      };
    case 'greyZone':
      return { gain: `resolve × (${p.greyZoneValue} + ${p.greySubstitution} × (1 − full-scale E[success]))`, cost: p.greyZoneCost, peaceForfeit: 0 };
    default:
      return key satisfies never;
  }
}
