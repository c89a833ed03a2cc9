// Issue 20 item 5: zero does not read as certainty; one formatting of shares and their intervals.
import { describe, expect, it } from 'vitest';
import { wilson } from '../../src/engine/math/stats';
import { ciText, halfWidthText, pct, shareWithCi } from '../../src/ui/format';

describe('pct() and ciText()', () => {
  it('writes a share with one decimal', () => {
    expect([pct(0.4123), pct(0.063), pct(0), pct(1), pct(0.4249, 0)]).toEqual(['41.2%', '6.3%', '0.0%', '100.0%', '42%']);
  });
  it('never rounds a share that is not 0 down to 0, or one that is not 1 up to 100', () => {
    expect([pct(0.0004), pct(0.00049), pct(0.0005), pct(0.9996), pct(0.004, 0)]).toEqual(['under 0.1%', 'under 0.1%', '0.1%', 'over 99.9%', 'under 1%']);
  });
  it('shows 0 of 10,000 trials with its Wilson upper bound, not "0.0%–0.0%"', () => {
    const [lo, hi] = wilson(0, 10_000);
    expect(hi).toBeGreaterThan(0.0003);
    expect(hi).toBeLessThan(0.0005);
    expect(shareWithCi(0, [lo, hi])).toBe('0.0% (95% CI 0.0% to under 0.1%)');
    expect(ciText(0.058, 0.068)).toBe('5.8%–6.8%');
    const [lo1, hi1] = wilson(10_000, 10_000);
    expect(ciText(lo1, hi1)).toBe('over 99.9% to 100.0%');
  });
  it('writes half an interval\'s width as "under ±0.1 pp" when it rounds to zero but is not', () => {
    expect([halfWidthText(0.0122), halfWidthText(0.0002), halfWidthText(0)]).toEqual(['±1.2 pp', 'under ±0.1 pp', '±0.0 pp']);
  });
});
