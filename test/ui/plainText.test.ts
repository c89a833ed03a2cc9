// Words for people, not for code (issue 20, item 8): article numbers and lever or assumption keys
// become names before they reach the page.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ARTICLES, ASSUMPTIONS, ASSUMPTION_KEYS, LEVERS, LEVER_KEYS } from '../../src/engine';
import { plainKeys } from '../../src/ui/controls/plainKeys';
import { SHORT_SOURCE_NAMES, plainCitations } from '../../src/ui/controls/sources';
import { RobustnessState, type PagePackage } from '../../src/ui/state/robustnessState.svelte';
import type { AnalysisState } from '../../src/ui/state/analysisState.svelte';

const SCENARIOS = resolve(import.meta.dirname, '../../scenarios');
const keyPattern = new RegExp(`\\b(${[...LEVER_KEYS, ...ASSUMPTION_KEYS].join('|')})\\b`);

describe('article numbers in words', () => {
  it.each([
    ['Everything article 004 asks for.', 'Everything Bloomberg Opinion’s editorial asks for.'],
    ['A limited force (004): tens of thousands.', 'A limited force (Bloomberg Opinion’s editorial): tens of thousands.'],
    ['Some assets (000, 004).', 'Some assets (Bhandal’s opinion piece; Bloomberg Opinion’s editorial).'],
    ['Able to hold ground (002: an effective mission).', `Able to hold ground (${SHORT_SOURCE_NAMES['002']}: an effective mission).`],
    ['Source: articles 002, 003 ("no idea").', `Source: ${SHORT_SOURCE_NAMES['002']} and ${SHORT_SOURCE_NAMES['003']} ("no idea").`],
  ])('%j', (text, want) => expect(plainCitations(text)).toBe(want));

  it('leaves numbers that are not citations alone', () => {
    for (const t of ['100,000 troops (KFOR was 48,000 for an area 50 times smaller)', 'a $70–100 bn need (2025)', 'article 009 is no article']) expect(plainCitations(t)).toBe(t);
  });

  it('names every article, and no scenario’s words keep an article number once made plain', () => {
    for (const a of ARTICLES) expect(SHORT_SOURCE_NAMES[a.id], a.id).toBeTruthy();
    for (const f of readdirSync(SCENARIOS).filter((x) => x.endsWith('.json'))) {
      const s = JSON.parse(readFileSync(join(SCENARIOS, f), 'utf8')) as { summary: string; notes?: Record<string, string>; sources: { claim: string }[] };
      expect(s.summary, f).not.toMatch(/\barticle \d{3}\b/);
      for (const t of [s.summary, ...Object.values(s.notes ?? {}), ...s.sources.map((x) => x.claim)]) expect(plainCitations(t), f).not.toMatch(/\barticles? \d{3}\b|\(\d{3}[,:)]|, \d{3}\)/);
    }
  });
});

describe('keys in words', () => {
  it('writes a key as its label, the longest key first', () => {
    expect(plainKeys('logit scale = decisionNoise × this')).toBe(`logit scale = “${LEVERS.find((l) => l.key === 'decisionNoise')!.label.replace(/\s*\(.*\)$/, '')}” × this`);
    expect(plainKeys('limitedGainFixedShare and limitedGain')).toBe(`“${ASSUMPTIONS.limitedGainFixedShare.label.replace(/\s*\(.*\)$/, '')}” and “${ASSUMPTIONS.limitedGain.label.replace(/\s*\(.*\)$/, '')}”`);
  });
  it('leaves no key in any assumption’s label or source', () => {
    for (const k of ASSUMPTION_KEYS) {
      expect(plainKeys(ASSUMPTIONS[k].label), k).not.toMatch(keyPattern);
      expect(plainKeys(ASSUMPTIONS[k].source), k).not.toMatch(keyPattern);
    }
  });
});

describe('the robustness view’s size limit (issue 22, L2)', () => {
  it('refuses 1,000 worlds × 100,000 trials before any work starts, with the command line’s limit', async () => {
    const runWorlds = vi.fn();
    const state = new RobustnessState({ runWorlds } as unknown as AnalysisState);
    state.options = { worlds: 1_000, trials: 100_000 };
    const pkgs = Array.from({ length: 14 }, (_, i) => ({ id: `p${i}`, name: `P${i}`, kind: 'preset', levers: {} }) as unknown as PagePackage);
    await state.run(pkgs, '1');
    expect(runWorlds).not.toHaveBeenCalled();
    expect(state.error).toMatch(/^it was not started: trials per world: [\d,]+ runs × 100,000 trials = [\d,]+ trials, more than the 50,000,000 allowed in one analysis/);
    expect(state.running).toBe(false);
  });
});
