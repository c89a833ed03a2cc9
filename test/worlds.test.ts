import { describe, expect, it } from 'vitest';
import { WORLDS_FILE } from '../src/engine/model/worlds';
import { checkSample, worldsFileProblems } from '../scripts/worlds';
import { evaluateWorld } from '../scripts/worldsEval';

// The committed plausible worlds (npm run calibrate writes them): the file checks of
// `npm run calibrate -- --check`, and two worlds re-evaluated here, reproducing their figures.
describe('the committed worlds file', () => {
  it('matches the engine version, the anchors, the keys and the ranges, with at least 100 worlds in every band', () => {
    expect(worldsFileProblems(WORLDS_FILE)).toEqual([]);
  });
  it('two worlds reproduce their stored anchor figures', () => {
    const ids = checkSample(WORLDS_FILE, 2);
    expect(ids.length).toBe(Math.min(2, WORLDS_FILE.worlds.length));
    for (const id of ids) {
      const w = WORLDS_FILE.worlds[id];
      expect(evaluateWorld(w, WORLDS_FILE.trials).values, `world ${id}`).toEqual(w.anchors);
    }
  });
});
