import type { World, WorldsFile } from '../../engine/model/world';

/**
 * The plausible worlds for the page: the worlds file (src/engine/model/worlds.ts, about half a
 * megabyte of numbers) is a chunk of its own, loaded on demand, so the page's first result does not
 * wait for it. Only the band across worlds and the robustness view need it; the page starts loading
 * it once the first run is under way (`loadWorldsFile`).
 *
 * How many worlds the file holds is known without loading it: the build reads the file and defines
 * `__PLAUSIBLE_WORLDS__` (vite.config.ts), so the address's `worlds=N` is checked against it at once.
 */
export const PLAUSIBLE_WORLDS: number = __PLAUSIBLE_WORLDS__;

let loading: Promise<WorldsFile> | null = null;

/** The worlds file (one import per page; a failed load, e.g. offline before it was cached, is tried again on the next call). */
export function loadWorldsFile(): Promise<WorldsFile> {
  if (loading) return loading;
  const p = import('../../engine/model/worlds').then((m) => m.WORLDS_FILE);
  loading = p;
  p.catch(() => {
    if (loading === p) loading = null;
  });
  return p;
}

/** How many worlds a request for `n` gets: the first n of the file, all of them if it has fewer. */
export function worldCount(n: number): number {
  return Math.min(Math.max(0, n), PLAUSIBLE_WORLDS);
}

/** The first `n` worlds of the file, in its order (worldCount of them). */
export async function loadWorlds(n: number): Promise<World[]> {
  return (await loadWorldsFile()).worlds.slice(0, worldCount(n));
}
