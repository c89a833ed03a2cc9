// Invariant checks shared by the property tests and the scenario matrix. They throw with a message
// naming the broken invariant (fast-check shrinks on any throw).
import type { Summary } from '../../src/engine';

function checkCurve(name: string, curve: number[], H: number) {
  if (curve.length !== H + 1) throw new Error(`${name} has ${curve.length} points for ${H} months`);
  if (curve[0] !== 1) throw new Error(`${name}[0] = ${curve[0]}`);
  for (let t = 1; t <= H; t++) if (curve[t] > curve[t - 1]) throw new Error(`${name} rises at month ${t}`);
}

function checkMedian(name: string, median: number | null, curve: number[], H: number) {
  if (median !== null) {
    if (!(curve[median] <= 0.5 && (median === 0 || curve[median - 1] > 0.5))) throw new Error(`${name} ${median} is not where the curve first reaches one half`);
  } else if (curve[H] <= 0.5) throw new Error(`${name} is null though half the trials had the event`);
}

const unit = (x: number | null) => x !== null && x >= 0 && x <= 1;

/** MODEL.md's invariants of one run's summary of `n` trials. */
export function checkSummary(s: Summary, n: number) {
  const H = s.horizonMonths;
  checkCurve('survival', s.survival, H);
  checkCurve('survivalWar', s.survivalWar, H);
  for (let t = 0; t <= H; t++) if (s.survivalWar[t] < s.survival[t]) throw new Error(`survivalWar below survival at month ${t}`);
  const shares = [
    s.pResumption, s.modeShares.greyZone, s.modeShares.limited, s.modeShares.fullScale, ...s.survival, ...s.pResumptionCI95,
    s.pWar, s.warModeShares.limited, s.warModeShares.fullScale, ...s.survivalWar, ...s.pWarCI95, s.pGreyZone,
  ];
  for (const x of shares) if (!(x >= 0 && x <= 1)) throw new Error(`share ${x} outside [0, 1]`);
  const sum = s.modeShares.greyZone + s.modeShares.limited + s.modeShares.fullScale;
  if (Math.abs(sum - s.pResumption) > 1e-12) throw new Error(`modeShares sum ${sum} ≠ pResumption ${s.pResumption}`);
  if (Math.abs(1 - s.survival[H] - s.pResumption) > 1e-12) throw new Error('pResumption is not 1 − final survival');
  const warSum = s.warModeShares.limited + s.warModeShares.fullScale;
  if (Math.abs(warSum - s.pWar) > 1e-12) throw new Error(`warModeShares sum ${warSum} ≠ pWar ${s.pWar}`);
  if (Math.abs(1 - s.survivalWar[H] - s.pWar) > 1e-12) throw new Error('pWar is not 1 − final survivalWar');
  if (s.pWar > s.pResumption) throw new Error(`pWar ${s.pWar} > pResumption ${s.pResumption}`);
  // A war that is a trial's first resumption is counted in modeShares under its own mode; one after a probe is not.
  if (s.modeShares.limited > s.warModeShares.limited + 1e-12 || s.modeShares.fullScale > s.warModeShares.fullScale + 1e-12) {
    throw new Error('more first resumptions of a war mode than wars of that mode');
  }
  // A probe never ends a trial and a war does, so a trial probes (before any war) iff its first resumption is a probe.
  if (Math.abs(s.pGreyZone - s.modeShares.greyZone) > 1e-12) throw new Error(`pGreyZone ${s.pGreyZone} ≠ modeShares.greyZone ${s.modeShares.greyZone}`);
  for (const [name, p, ci] of [['pResumption', s.pResumption, s.pResumptionCI95], ['pWar', s.pWar, s.pWarCI95]] as const) {
    const [lo, hi] = ci;
    if (!(lo <= p && p <= hi)) throw new Error(`${name} CI [${lo}, ${hi}] misses ${p}`);
  }
  const g = s.guarantorsTested;
  const wars = Math.round(s.pWar * n);
  if (g.tests !== wars) throw new Error(`tests ${g.tests} ≠ wars ${wars}`);
  // Shares among wars, engine 3's war course among them: null with no war, in [0, 1] otherwise.
  for (const x of [g.europeEngaged, g.usEngaged, g.snapback, s.deliberateShare, s.misjudgedShare, s.misjudgedBy.balance, s.misjudgedBy.guarantors, s.offensiveSuccessShare]) {
    if (g.tests === 0 ? x !== null : !unit(x)) throw new Error(`share ${x} with ${g.tests} wars`);
  }
  const gz = g.greyZone;
  if (gz.probes !== Math.round(s.pGreyZone * n)) throw new Error(`probes ${gz.probes} ≠ trials with a probe ${Math.round(s.pGreyZone * n)}`);
  for (const x of [gz.europeResponded, gz.usResponded, gz.snapback]) {
    if (gz.probes === 0 ? x !== null : !unit(x)) throw new Error(`grey-zone response share ${x} with ${gz.probes} probes`);
  }
  checkMedian('medianMonthsToResumption', s.medianMonthsToResumption, s.survival, H);
  checkMedian('medianMonthsToWar', s.medianMonthsToWar, s.survivalWar, H);
  if (s.medianMonthsToWar !== null && s.medianMonthsToResumption !== null && s.medianMonthsToWar < s.medianMonthsToResumption) {
    throw new Error('median time to war before the median time to any resumption');
  }
  if (s.medianMonthsToWar !== null && s.medianMonthsToResumption === null) throw new Error('median to war without a median to resumption');
}
