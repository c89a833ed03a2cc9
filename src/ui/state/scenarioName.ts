import { changedLevers, type Levers, type ScenarioSource } from '../../engine';
import { sameAssumptions, type AssumptionValues } from '../../engine/model/assumptions';

/** What the page needs of a scenario to name levers after it. */
export interface Named {
  id: string;
  title: string;
  resolved: Levers;
  /** Model assumptions the scenario changes from the calibrated defaults, if any. */
  assumptions?: AssumptionValues;
  /** The articles it cites and the claim taken from each. */
  sources?: readonly ScenarioSource[];
}

export interface ScenarioName {
  /**
   * For sentences and tables: "Full package", "Full package (modified)" (levers changed), "Full
   * package (other model assumptions)" (its levers, other assumptions), or "your levers".
   */
  name: string;
  /** The scenario's id (for file names and links), with "-modified" when changed; "custom" for none. */
  id: string;
  /** The scenario the levers came from, if any, and whether they were changed since. */
  scenario: Named | null;
  modified: boolean;
}

/**
 * Name a set of levers under a set of model assumptions: the loaded scenario (marked modified when
 * the levers differ from it, or "other model assumptions" when only the assumptions do), else a
 * preset whose levers and assumptions they are exactly (or whose levers they are, under other
 * assumptions), else "your levers".
 */
export function scenarioName(levers: Levers, loaded: Named | null, presets: readonly Named[], assumptions: AssumptionValues = {}): ScenarioName {
  const named = (s: Named): ScenarioName => {
    if (changedLevers(s.resolved, levers).length > 0) return { name: `${s.title} (modified)`, id: `${s.id}-modified`, scenario: s, modified: true };
    if (!sameAssumptions(s.assumptions, assumptions)) return { name: `${s.title} (other model assumptions)`, id: `${s.id}-assumptions`, scenario: s, modified: true };
    return { name: s.title, id: s.id, scenario: s, modified: false };
  };
  if (loaded) return named(loaded);
  const same = presets.filter((p) => changedLevers(p.resolved, levers).length === 0);
  const exact = same.find((p) => sameAssumptions(p.assumptions, assumptions));
  if (exact || same.length) return named(exact ?? same[0]);
  return { name: 'your levers', id: 'custom', scenario: null, modified: false };
}

/** A file-name-safe slug of an id ("full-package-modified"), at most 48 characters. */
export function fileSlug(id: string): string {
  return (
    id
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'custom'
  );
}
