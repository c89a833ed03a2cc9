/**
 * Run settings (trials, seed) and the inputs of one run. A root file of the engine: it imports only
 * the other root files.
 */
import { changedLevers, type Levers } from './levers';

/** Run settings: not model levers, but validated the same way (CLI flags, URL, scenario files). */
export const RUN_SETTINGS = {
  trials: { key: 'trials', label: 'Trials', min: 100, max: 1_000_000, default: 10_000 },
  seed: { key: 'seed', label: 'Seed', maxLength: 64, default: '1' },
} as const;

export interface RunSettings {
  trials: number;
  seed: string;
}

/**
 * The inputs of one run: the levers, the seed and the number of trials. Declared once: the URL,
 * the page's runs and analyses, and the store all speak it; same input, same results.
 */
export interface RunInput extends RunSettings {
  levers: Levers;
  /** Assumptions changed from their defaults (none when absent). */
  assumptions?: Partial<Record<string, number>>;
}

/** Whether two runs have the same inputs: seed, trials and every lever. */
export function sameRun(a: RunInput, b: RunInput): boolean {
  return a.seed === b.seed && a.trials === b.trials && changedLevers(a.levers, b.levers).length === 0 && sameChanges(a.assumptions, b.assumptions);
}

/** Whether two sets of assumption changes are the same (a missing key and an absent set both mean the default). */
function sameChanges(a: Partial<Record<string, number>> = {}, b: Partial<Record<string, number>> = {}): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
