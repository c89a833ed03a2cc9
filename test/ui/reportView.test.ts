// Issue 20 item 7 and issue 22 M9: the report names every input it ran, marks the user's changes as
// the user's, and cites an article only for a preset's claims and the preset's own levers.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, defaultLevers, validateScenario, type LoadedScenario } from '../../src/engine';
import { reportAssumptions, reportInputText, reportLevers } from '../../src/ui/views/reportView';
import { reportSources } from '../../src/ui/views/reportSources';

const ROOT = resolve(import.meta.dirname, '../..');
function preset(id: string): LoadedScenario {
  const r = validateScenario(JSON.parse(readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8')));
  if (!r.ok) throw new Error(id);
  return r.value;
}
const full = preset('full-package');

describe('reportLevers() and reportAssumptions()', () => {
  it("marks the preset's levers as the preset's and the user's changes as the user's", () => {
    const levers = { ...full.resolved, euTroops: 55_000, usCredibility: 0.25 };
    const rows = reportLevers(full, levers);
    const troops = rows.find((r) => r.label === 'European troops in Ukraine')!;
    expect(troops).toMatchObject({ whose: 'user', value: '55,000 troops', preset: '30,000 troops' });
    expect(rows.find((r) => r.label.startsWith('US credibility'))).toMatchObject({ whose: 'user' });
    expect(rows.filter((r) => r.whose === 'preset').length).toBeGreaterThan(3);
    // The preset's value is said when it is not the default.
    expect(reportInputText(troops, 'Full package')).toBe('European troops in Ukraine: 55,000 troops (default 30,000 troops) — your change');
    expect(reportInputText({ ...troops, preset: '40,000 troops' }, 'Full package')).toBe('European troops in Ukraine: 55,000 troops (default 30,000 troops; Full package: 40,000 troops) — your change');
  });

  it('lists a lever the user put back to its default, since the preset had another value', () => {
    const d = defaultLevers();
    const rows = reportLevers(full, { ...full.resolved, usTier: d.usTier });
    expect(rows.find((r) => r.label.startsWith('US backstop'))).toMatchObject({ whose: 'user' });
  });

  it('with no preset, every lever that differs from the default is the user\'s', () => {
    const rows = reportLevers(null, { ...defaultLevers(), euTroops: 90_000 });
    expect(rows).toHaveLength(1);
    expect(rows[0].whose).toBe('user');
    expect(reportLevers(null, defaultLevers())).toEqual([]);
  });

  it('lists changed model assumptions, so a report never says "every lever at the default" while an assumption drives the figure', () => {
    const rows = reportAssumptions(null, { peaceBaseValue: 0.1 });
    expect(rows).toEqual([{ label: 'model assumption: value to Moscow of keeping the ceasefire', value: '0.1', byDefault: String(ASSUMPTIONS.peaceBaseValue.value), whose: 'user' }]);
    expect(reportAssumptions(null, {})).toEqual([]);
    // A preset that carries an assumption: its own value is the preset's, a change back to the default is the user's.
    const carried = { ...full, assumptions: { euWarCost: 0.4 } };
    expect(reportAssumptions(carried, { euWarCost: 0.4 })).toMatchObject([{ whose: 'preset', value: '0.4' }]);
    expect(reportAssumptions(carried, {})).toMatchObject([{ whose: 'user', value: String(ASSUMPTIONS.euWarCost.value), preset: '0.4' }]);
  });
});

describe('reportSources()', () => {
  it("cites an article for the preset's claims and levers, never for a value the user typed", () => {
    const levers = { ...full.resolved, euTroops: 55_000, usCredibility: 0.25 };
    const claims = reportSources(full, levers).flatMap((s) => s.claims).join('\n');
    expect(claims).toContain('Claim encoded by the scenario');
    expect(claims).toContain("Grounds the preset's");
    expect(claims).not.toContain('US credibility');
    expect(claims).not.toContain('55,000');
    expect(claims).not.toMatch(/set here/);
  });

  it('with no preset, lists what the model takes from each article and credits no lever to any', () => {
    const claims = reportSources(null, { ...defaultLevers(), usCredibility: 0.25 }).flatMap((s) => s.claims);
    expect(claims.length).toBeGreaterThanOrEqual(5);
    expect(claims.every((c) => c.startsWith('What the model takes from it'))).toBe(true);
  });
});
