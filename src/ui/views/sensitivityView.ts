import { LEVERS, formatAssumptionValue, formatLeverValue, type SensitivityGroup, type SensitivityResult } from '../../engine';

/** One bar of the tornado, in percentage points of change from the base run. */
export interface TornadoRow {
  /** A lever's or an assumption's key. */
  key: string;
  kind: 'lever' | 'assumption';
  group: SensitivityGroup;
  /** An on/off switch (its ends are off and on). */
  isSwitch: boolean;
  label: string;
  /** Changes (pp, −100…100) of the low and high ends from the base, with their paired 95% CIs. */
  low: number;
  high: number;
  lowCI: [number, number];
  highCI: [number, number];
  /** The lever's value at each end, as the controls show it ("0 troops", "on"). */
  lowText: string;
  highText: string;
  /** Probability of war (0–1) at each end. */
  pLow: number;
  pHigh: number;
  /** Length of the bar (pp). */
  span: number;
}

/** Rows in the tornado's order (largest span first), values in percentage points. */
export function tornadoRows(r: SensitivityResult): TornadoRow[] {
  return r.swings.map((s) => {
    const spec = s.kind === 'lever' ? LEVERS.find((l) => l.key === s.key)! : null;
    const text = (v: unknown) => (spec ? formatLeverValue(spec, v) : formatAssumptionValue(v as number));
    return {
      key: s.key,
      kind: s.kind,
      group: s.group,
      isSwitch: s.isSwitch,
      label: s.label,
      low: s.low.delta * 100,
      high: s.high.delta * 100,
      lowCI: [s.low.deltaCI95[0] * 100, s.low.deltaCI95[1] * 100],
      highCI: [s.high.deltaCI95[0] * 100, s.high.deltaCI95[1] * 100],
      lowText: text(s.low.value),
      highText: text(s.high.value),
      pLow: s.low.pWar,
      pHigh: s.high.pWar,
      span: s.span * 100,
    };
  });
}

/** A symmetric-enough x domain (pp) covering every bar and whisker, always including 0. */
export function tornadoDomain(rows: readonly TornadoRow[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    lo = Math.min(lo, r.low, r.high, r.lowCI[0], r.highCI[0]);
    hi = Math.max(hi, r.low, r.high, r.lowCI[1], r.highCI[1]);
  }
  const pad = Math.max(0.5, (hi - lo) * 0.05);
  return [lo - pad, hi + pad];
}

/**
 * Break a label into lines of at most `maxChars` characters at spaces (a single longer word gets
 * its own line, never cut), so that no label is truncated.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Where a bar's value label goes so that it stays inside [left, width]: past the bar's outer end
 * (beyond its whisker), or, when that would run off the plot, just the other side of the zero line.
 * `left` is where the plot starts: on a desk the row names fill the margin left of it, and a value
 * label ("1,100,000 troops") must not run over them. `outer` and `zero` are pixel positions;
 * `textWidth` the label's estimated width in pixels.
 */
export function valueLabelPlace(outer: number, zero: number, negative: boolean, textWidth: number, width: number, left = 0): { x: number; anchor: 'start' | 'end' } {
  if (negative) return outer - 3 - textWidth >= left ? { x: outer - 3, anchor: 'end' } : { x: zero + 3, anchor: 'start' };
  return outer + 3 + textWidth <= width ? { x: outer + 3, anchor: 'start' } : { x: zero - 3, anchor: 'end' };
}

/** The tornado's two charts: what the package does, and how much the answer rests on the model. */
export const TORNADO_GROUPS: readonly { group: SensitivityGroup; id: string; title: string }[] = [
  { group: 'policy', id: 'tornado', title: 'Policy levers' },
  { group: 'model', id: 'tornado-model', title: "Model assumptions (with decision noise and Moscow's resolve)" },
];

/** The model group shows this many bars until "Show all" is pressed. */
export const TORNADO_MODEL_TOP = 12;

/** The rows of one group, largest span first; the first `top` only unless `all` (top ≤ 0: every row). */
export function groupRows(rows: readonly TornadoRow[], group: SensitivityGroup, top = 0, all = true): { shown: TornadoRow[]; total: number } {
  const inGroup = rows.filter((r) => r.group === group).sort((a, b) => b.span - a.span || a.key.localeCompare(b.key));
  return { shown: all || top <= 0 ? inGroup : inGroup.slice(0, top), total: inGroup.length };
}

/** A bar's label: on/off switches say so ("Snapback sanctions (on/off)"). */
export function rowLabel(r: Pick<TornadoRow, 'label' | 'isSwitch'>): string {
  return r.isSwitch ? `${r.label} (on/off)` : r.label;
}
