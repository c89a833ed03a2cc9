import { ASSUMPTIONS, type AssumptionKey } from '../src/engine/index';
import { WORLD_KEYS, type KeptWorld, type World, type WorldsFile } from '../src/engine/model/world';

/**
 * Synthetic plausible worlds for tests (not calibrated): the defaults with peace's value, Russia's
 * capacity and decisionNoise moved within their ranges on a fixed pattern, so tests do not depend on
 * the committed worlds file.
 */
export function syntheticWorlds(n: number): World[] {
  const base = Object.fromEntries(Object.entries(ASSUMPTIONS).map(([k, v]) => [k, v.value])) as Record<AssumptionKey, number>;
  const move = (k: AssumptionKey, u: number) => ASSUMPTIONS[k].min + u * (ASSUMPTIONS[k].max - ASSUMPTIONS[k].min);
  return Array.from({ length: n }, (_, id) => ({
    id,
    decisionNoise: Math.round(((id * 7) % 11) * 0.3 * 1e4 / 10) / 1e4,
    assumptions: {
      ...base,
      peaceBaseValue: move('peaceBaseValue', 0.3 + ((id * 5) % 9) / 12),
      ruCapacityAtCeasefire: move('ruCapacityAtCeasefire', 0.4 + ((id * 3) % 7) / 12),
    },
  }));
}

/** A worlds file holding `n` synthetic worlds. */
export function syntheticWorldsFile(n: number): WorldsFile {
  const worlds: KeptWorld[] = syntheticWorlds(n).map((w) => ({ ...w, anchors: [] }));
  return { engineVersion: 'test', seed: 'test', trials: 0, sampled: n, kept: n, waves: [], anchors: [], keys: [...WORLD_KEYS], worlds };
}
