import { ASSUMPTIONS, ASSUMPTION_KEYS, LEVERS, defaultLevers, formatLeverValue, sameAssumptions, type AssumptionKey, type AssumptionValues, type Levers } from '../../engine';
import type { Named } from '../state/scenarioName';
import { assumptionShortLabel, inSentence } from './leverChanges';

/**
 * The report's "What was run": every lever and model assumption that is not at its default, each
 * marked as the loaded preset's (and so grounded by the preset's sources) or as the user's own
 * change (which no article supports). Pure, so the page and the tests agree on it.
 */
export interface ReportInput {
  /** "European troops in Ukraine", "Model assumption: value to Moscow of keeping the ceasefire". */
  label: string;
  /** The value run ("55,000 troops", "0.2"). */
  value: string;
  /** The model's default ("25,000 troops", "0.289"). */
  byDefault: string;
  /** Whose value it is: the loaded preset's, or the user's (changed by hand, or no preset loaded). */
  whose: 'preset' | 'user';
  /** The preset's own value, when the user changed it ("25,000 troops"). */
  preset?: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Levers that differ from the defaults or from the loaded preset, in registry order. */
export function reportLevers(scenario: Named | null, levers: Levers): ReportInput[] {
  const d = defaultLevers();
  return LEVERS.filter((l) => levers[l.key] !== d[l.key] || (scenario && levers[l.key] !== scenario.resolved[l.key])).map((l) => {
    const fromPreset = !!scenario && levers[l.key] === scenario.resolved[l.key];
    return {
      label: l.label,
      value: inSentence(formatLeverValue(l, levers[l.key])),
      byDefault: inSentence(formatLeverValue(l, d[l.key])),
      whose: fromPreset ? 'preset' : 'user',
      ...(scenario && !fromPreset ? { preset: inSentence(formatLeverValue(l, scenario.resolved[l.key])) } : {}),
    };
  });
}

/** Model assumptions that differ from their calibrated values or from the loaded preset's, in registry order. */
export function reportAssumptions(scenario: Named | null, assumptions: AssumptionValues = {}): ReportInput[] {
  const own = scenario?.assumptions ?? {};
  const same = (k: AssumptionKey, a: AssumptionValues, b: AssumptionValues) => sameAssumptions({ [k]: a[k] }, { [k]: b[k] });
  return ASSUMPTION_KEYS.filter((k) => !same(k, assumptions, {}) || (scenario && !same(k, assumptions, own))).map((k) => {
    const fromPreset = !!scenario && same(k, assumptions, own);
    return {
      label: `model assumption: ${assumptionShortLabel(k)}`,
      value: String(assumptions[k] ?? ASSUMPTIONS[k].value),
      byDefault: String(ASSUMPTIONS[k].value),
      whose: fromPreset ? 'preset' : 'user',
      ...(scenario && !fromPreset ? { preset: String(own[k] ?? ASSUMPTIONS[k].value) } : {}),
    };
  });
}

/**
 * One line of the list: "US credibility: 0.25 (default 0.5; Full package: 0.6) — your change" for
 * the user's values, "Clarity of rules of engagement: 0.8 (default 0.4)" for the preset's (the list's
 * introduction says whose they are).
 */
export function reportInputText(r: ReportInput, presetTitle: string | null): string {
  // The preset's value only when it is not the default (else it says the same twice).
  const notes = [`default ${r.byDefault}`, ...(r.preset !== undefined && r.preset !== r.byDefault ? [`${presetTitle ?? 'the preset'}: ${r.preset}`] : [])];
  return `${cap(r.label)}: ${r.value} (${notes.join('; ')})${r.whose === 'user' ? ' — your change' : ''}`;
}

/** The user's changes first, then the preset's values, each in registry order (levers, then assumptions). */
export function reportInputs(scenario: Named | null, levers: Levers, assumptions: AssumptionValues = {}): ReportInput[] {
  const all = [...reportLevers(scenario, levers), ...reportAssumptions(scenario, assumptions)];
  return [...all.filter((r) => r.whose === 'user'), ...all.filter((r) => r.whose === 'preset')];
}
