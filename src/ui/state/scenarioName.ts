import { changedLevers, type Levers, type ScenarioSource } from '../../engine';

/** What the page needs of a scenario to name levers after it. */
export interface Named {
  id: string;
  title: string;
  resolved: Levers;
  /** The articles it cites and the claim taken from each. */
  sources?: readonly ScenarioSource[];
}

export interface ScenarioName {
  /** For sentences and tables: "Full package", "Full package (modified)", or "your levers". */
  name: string;
  /** The scenario's id (for file names and links), with "-modified" when changed; "custom" for none. */
  id: string;
  /** The scenario the levers came from, if any, and whether they were changed since. */
  scenario: Named | null;
  modified: boolean;
}

/**
 * Name a set of levers: the loaded scenario (marked modified when the levers differ from it), else
 * a preset whose levers they are exactly, else "your levers".
 */
export function scenarioName(levers: Levers, loaded: Named | null, presets: readonly Named[]): ScenarioName {
  if (loaded) {
    const modified = changedLevers(loaded.resolved, levers).length > 0;
    return { name: modified ? `${loaded.title} (modified)` : loaded.title, id: modified ? `${loaded.id}-modified` : loaded.id, scenario: loaded, modified };
  }
  const same = presets.find((p) => changedLevers(p.resolved, levers).length === 0);
  if (same) return { name: same.title, id: same.id, scenario: same, modified: false };
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
