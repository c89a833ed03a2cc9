// Invariant checks shared by the property tests and the scenario matrix. They throw with a message
// naming the broken invariant (fast-check shrinks on any throw).
import type { Summary } from '../../src/engine';

/** MODEL.md's invariants of one run's summary of `n` trials. */
export function checkSummary(s: Summary, n: number) {
  const H = s.horizonMonths;
  if (s.survival.length !== H + 1) throw new Error(`survival has ${s.survival.length} points for ${H} months`);
  if (s.survival[0] !== 1) throw new Error(`survival[0] = ${s.survival[0]}`);
  for (let t = 1; t <= H; t++) if (s.survival[t] > s.survival[t - 1]) throw new Error(`survival rises at month ${t}`);
  const shares = [s.pResumption, s.modeShares.greyZone, s.modeShares.limited, s.modeShares.fullScale, ...s.survival, ...s.pResumptionCI95];
  for (const x of shares) if (!(x >= 0 && x <= 1)) throw new Error(`share ${x} outside [0, 1]`);
  const sum = s.modeShares.greyZone + s.modeShares.limited + s.modeShares.fullScale;
  if (Math.abs(sum - s.pResumption) > 1e-12) throw new Error(`modeShares sum ${sum} ≠ pResumption ${s.pResumption}`);
  if (Math.abs(1 - s.survival[H] - s.pResumption) > 1e-12) throw new Error('pResumption is not 1 − final survival');
  const [lo, hi] = s.pResumptionCI95;
  if (!(lo <= s.pResumption && s.pResumption <= hi)) throw new Error(`CI [${lo}, ${hi}] misses ${s.pResumption}`);
  const g = s.guarantorsTested;
  const conventional = Math.round((s.modeShares.limited + s.modeShares.fullScale) * n);
  if (g.tests !== conventional) throw new Error(`tests ${g.tests} ≠ conventional resumptions ${conventional}`);
  for (const x of [g.europeEngaged, g.usEngaged]) {
    if (g.tests === 0 ? x !== null : !(x !== null && x >= 0 && x <= 1)) throw new Error(`guarantor share ${x} with ${g.tests} tests`);
  }
  if (s.medianMonthsToResumption !== null) {
    const m = s.medianMonthsToResumption;
    if (!(s.survival[m] <= 0.5 && (m === 0 || s.survival[m - 1] > 0.5))) throw new Error(`median ${m} is not where survival first reaches one half`);
  } else if (s.survival[H] <= 0.5) throw new Error('median is null though half resumed');
}

