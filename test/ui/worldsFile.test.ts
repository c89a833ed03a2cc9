import { describe, expect, it } from 'vitest';
import { WORLDS_FILE } from '../../src/engine/model/worlds';
import { readAddress } from '../../src/ui/state/address';
import { PLAUSIBLE_WORLDS, loadWorlds, loadWorldsFile, worldCount } from '../../src/ui/state/worldsFile';

describe('the worlds file, loaded on demand', () => {
  it('counts as many worlds as the file holds (the build reads the count from the file)', () => {
    expect(PLAUSIBLE_WORLDS).toBe(WORLDS_FILE.worlds.length);
    expect(PLAUSIBLE_WORLDS).toBeGreaterThan(100);
  });
  it('loads the committed file once, and the first n worlds in its order', async () => {
    const a = loadWorldsFile();
    expect(loadWorldsFile()).toBe(a);
    expect(await a).toBe(WORLDS_FILE);
    expect((await loadWorlds(3)).map((w) => w.id)).toEqual(WORLDS_FILE.worlds.slice(0, 3).map((w) => w.id));
    expect(await loadWorlds(PLAUSIBLE_WORLDS + 5)).toHaveLength(PLAUSIBLE_WORLDS);
    expect([worldCount(-1), worldCount(0), worldCount(7), worldCount(PLAUSIBLE_WORLDS + 5)]).toEqual([0, 0, 7, PLAUSIBLE_WORLDS]);
  });
  it('checks worlds= in the address against that count before anything loads', () => {
    const a = readAddress(`?worlds=${PLAUSIBLE_WORLDS + 1}`);
    expect(a.worlds.worlds).toBe(PLAUSIBLE_WORLDS);
    expect(a.pageErrors.map((e) => e.message)).toContain(`${PLAUSIBLE_WORLDS + 1} is more than the ${PLAUSIBLE_WORLDS} plausible worlds there are; all ${PLAUSIBLE_WORLDS} are used`);
  });
});
