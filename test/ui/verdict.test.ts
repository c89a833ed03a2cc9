// Issue 20 item 4: one verdict on one threshold, decided from the interval, in the same words everywhere.
import { describe, expect, it } from 'vitest';
import { judgeDifference, thresholdOf, thresholdWords, type VerdictKind } from '../../src/ui/state/verdict';
import { DEFAULT_THRESHOLD, parseThresholdPoints } from '../../src/ui/state/threshold';

const T = thresholdOf(DEFAULT_THRESHOLD);

describe('judgeDifference() decides detectable and matters from the 95% interval', () => {
  const cases: { name: string; diff: number; ci: [number, number]; kind: VerdictKind; detectable: boolean; matters: boolean | null }[] = [
    { name: 'an interval across zero that could still reach the threshold', diff: 0.01, ci: [-0.01, 0.03], kind: 'not-detectable', detectable: false, matters: null },
    { name: 'an interval across zero that stays under the threshold', diff: 0.001, ci: [-0.005, 0.007], kind: 'not-detectable', detectable: false, matters: false },
    { name: 'a detectable difference whose whole interval is under the threshold', diff: 0.01, ci: [0.005, 0.015], kind: 'too-small', detectable: true, matters: false },
    // The Explore case: +1.9 (+1.5 to +2.3) with the default 2 points.
    { name: 'the issue\'s +1.9 (+1.5 to +2.3): its interval straddles 2 points', diff: 0.019, ci: [0.015, 0.023], kind: 'may-matter', detectable: true, matters: null },
    // The Compare case: +2.3 (+1.9 to +2.7) was called "large enough to matter" there.
    { name: 'the issue\'s +2.3 (+1.9 to +2.7): also straddles, not "large enough to matter"', diff: 0.023, ci: [0.019, 0.027], kind: 'may-matter', detectable: true, matters: null },
    { name: 'a cut whose whole interval is beyond the threshold', diff: -0.137, ci: [-0.15, -0.12], kind: 'matters', detectable: true, matters: true },
    { name: 'an interval whose near end is exactly the threshold', diff: 0.03, ci: [0.02, 0.04], kind: 'matters', detectable: true, matters: true },
  ];
  for (const c of cases) {
    it(`judges ${c.name}`, () => {
      const v = judgeDifference(c.diff, c.ci, T);
      expect({ kind: v.kind, detectable: v.detectable, matters: v.matters }).toEqual({ kind: c.kind, detectable: c.detectable, matters: c.matters });
    });
  }

  it('is symmetric: a cut and a rise of the same size get the same verdict', () => {
    for (const c of cases) {
      const v = judgeDifference(-c.diff, [-c.ci[1], -c.ci[0]], T);
      expect(v.kind, c.name).toBe(c.kind);
    }
  });

  it('says "you said" only when the reader changed the threshold', () => {
    const byDefault = judgeDifference(0.01, [0.005, 0.015], T);
    const set = judgeDifference(0.01, [0.005, 0.015], thresholdOf(0.03));
    for (const w of [byDefault.short, byDefault.line, byDefault.clause]) expect(w).not.toContain('you said');
    expect(byDefault.clause).toContain('2 points, the default smallest difference that matters');
    expect(set.clause).toContain('3 points, the smallest difference you said matters');
    expect(thresholdWords(thresholdOf(0.01))).toBe('1 point, the smallest difference you said matters');
  });

  it('gives each verdict distinct words for a table, the bold line and the sentence', () => {
    const kinds = new Map<VerdictKind, string>();
    for (const c of cases) kinds.set(c.kind, judgeDifference(c.diff, c.ci, T).short);
    expect(new Set(kinds.values()).size).toBe(kinds.size);
    expect(judgeDifference(-0.137, [-0.15, -0.12], T).short).toBe('large enough to matter');
    expect(judgeDifference(0.019, [0.015, 0.023], T).line).toBe(
      'Detectable with these trials, but its interval (+1.5 to +2.3 points) straddles 2 points: run more trials to tell whether it matters.',
    );
  });

  const errors: { name: string; args: Parameters<typeof judgeDifference>; message: string }[] = [
    { name: 'a difference in points', args: [2.3, [0.019, 0.027], T], message: 'diff: 2.3 is not a difference of shares; expected −1 to 1' },
    { name: 'an interval the wrong way round', args: [0.02, [0.03, 0.01], T], message: 'ci: [0.03, 0.01] is not an interval of shares' },
    { name: 'a threshold in points', args: [0.02, [0.01, 0.03], thresholdOf(2)], message: 'threshold: 2 is not a share' },
    { name: 'a zero threshold', args: [0.02, [0.01, 0.03], thresholdOf(0)], message: 'threshold: 0 is not a share' },
  ];
  for (const e of errors) {
    it(`refuses ${e.name}, naming the field`, () => {
      expect(() => judgeDifference(...e.args)).toThrow(e.message);
    });
  }
});

describe('parseThresholdPoints()', () => {
  it('turns points into a share and refuses a value out of range, naming the field and the range', () => {
    expect(parseThresholdPoints(2.5)).toEqual({ ok: true, value: 0.025 });
    for (const bad of [0, 80, Number.NaN]) {
      expect(parseThresholdPoints(bad)).toEqual({ ok: false, errors: [{ field: 'threshold', message: `${bad} is out of range; expected 0.1–50 points` }] });
    }
  });
});
