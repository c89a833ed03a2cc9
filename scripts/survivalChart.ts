/**
 * The war-survival chart of every preset (survivalWar: the share of trials with no limited or
 * full-scale offensive yet, month by month; grey-zone probes do not end it), rendered as an SVG string in Node without a DOM: d3-scale
 * for positions, d3-shape's line generator (which returns path strings when it has no context),
 * d3-array for ticks and d3-format for labels. Every number is printed with fixed precision so the
 * file is byte-for-byte deterministic.
 */
import { range } from 'd3-array';
import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { PresetRun } from './reportData';

/** Line styles, all at least 3:1 contrast against white (WCAG non-text contrast). */
export const PALETTE = ['#1f77b4', '#d95f02', '#1b9e77', '#d62728', '#7570b3', '#8c564b', '#e7298a', '#5f7f1a', '#9a6a00'];
/** The baseline is the reference line: black and thicker. */
const BASELINE_COLOUR = '#111111';
const DASH = '7 4';

export interface LineStyle {
  colour: string;
  dash: string | null;
  width: number;
}

/**
 * The style of each run, in the order given (most robust first): the baseline black, the rest
 * cycling through the palette, solid first then dashed, so neighbours in the order always differ.
 */
export function lineStyles(runs: readonly PresetRun[]): LineStyle[] {
  let i = 0;
  return runs.map((r) => {
    if (r.scenario.id === 'baseline') return { colour: BASELINE_COLOUR, dash: null, width: 3 };
    const k = i++;
    return { colour: PALETTE[k % PALETTE.length], dash: k >= PALETTE.length ? DASH : null, width: 2 };
  });
}

/** Escape text for SVG/XML content and attribute values. */
export function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const f2 = format('.2f');
const pct0 = format('.0%');

/**
 * Spread label positions (sorted ascending) so neighbours are at least `gap` apart within [lo, hi],
 * moving each as little as a forward-then-backward pass allows.
 */
export function dodge(ys: readonly number[], gap: number, lo: number, hi: number): number[] {
  const out = ys.slice();
  for (let i = 0; i < out.length; i++) out[i] = Math.max(out[i], i ? out[i - 1] + gap : lo);
  for (let i = out.length - 1; i >= 0; i--) out[i] = Math.min(out[i], i < out.length - 1 ? out[i + 1] - gap : hi);
  return out;
}

export interface ChartOptions {
  seed: string;
  trials: number;
}

/** The war-survival chart (months 0 to the horizon, one labelled line per preset) as an SVG document. */
export function survivalSvg(runs: readonly PresetRun[], options: ChartOptions): string {
  const width = 960;
  const margin = { top: 78, right: 250, bottom: 62, left: 76 };
  const plotH = 440;
  const legendTop = margin.top + plotH + margin.bottom + 8;
  const legendCols = 3;
  const legendRowH = 22;
  const legendRows = Math.ceil(runs.length / legendCols);
  const height = legendTop + 26 + legendRows * legendRowH + 14;
  const horizon = Math.max(...runs.map((r) => r.summary.horizonMonths));
  const x = scaleLinear().domain([0, horizon]).range([margin.left, width - margin.right]);
  const y = scaleLinear().domain([0, 1]).range([margin.top + plotH, margin.top]);
  const styles = lineStyles(runs);
  const path = line<number>()
    .x((_, t) => x(t))
    .y((s) => y(s))
    .digits(2);

  const out: string[] = [];
  const desc =
    `Share of ${format(',')(options.trials)} simulated trials with no war yet (no limited or full-scale offensive; grey-zone campaigns do not count), month by month, for each preset. ` +
    `No war after ${horizon / 12} years: ` +
    runs.map((r) => `${r.shortName} ${pct0(1 - r.war10.p)}`).join('; ') +
    '.';
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="survival-title survival-desc" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="13">`,
    `<title id="survival-title">How long each preset package keeps the ceasefire from war</title>`,
    `<desc id="survival-desc">${xml(desc)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="28" font-size="19" font-weight="600" fill="#111">How long each preset package keeps the ceasefire from war</text>`,
    `<text x="${margin.left}" y="50" fill="#444">Share of ${format(',')(options.trials)} trials with no limited or full-scale offensive yet (seed "${xml(options.seed)}"). Labels: share with no war at ${horizon / 12} years.</text>`,
  );

  // Grid and y axis.
  out.push(`<g fill="#444" text-anchor="end">`);
  for (const v of range(0, 1.0001, 0.2)) {
    const yy = f2(y(v));
    out.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${yy}" y2="${yy}" stroke="${v === 0 ? '#666' : '#e2e2e2'}"/>`,
      `<text x="${margin.left - 8}" y="${yy}" dy="0.32em">${pct0(v)}</text>`,
    );
  }
  out.push(`</g>`);
  const yMid = f2(margin.top + plotH / 2);
  out.push(
    `<text transform="translate(20,${yMid}) rotate(-90)" text-anchor="middle" fill="#222">No war yet (% of trials)</text>`,
  );

  // x axis: a tick a year.
  out.push(`<g fill="#444" text-anchor="middle">`);
  for (const m of range(0, horizon + 1, 12)) {
    const xx = f2(x(m));
    out.push(
      `<line x1="${xx}" x2="${xx}" y1="${f2(margin.top + plotH)}" y2="${f2(margin.top + plotH + 6)}" stroke="#666"/>`,
      `<text x="${xx}" y="${f2(margin.top + plotH + 22)}">${m}</text>`,
    );
  }
  out.push(`</g>`);
  out.push(
    `<text x="${f2((margin.left + width - margin.right) / 2)}" y="${f2(margin.top + plotH + 48)}" text-anchor="middle" fill="#222">Months since the ceasefire started (a tick a year)</text>`,
  );

  // Lines, least robust first so the most robust sit on top.
  out.push(`<g fill="none" stroke-linejoin="round" stroke-linecap="round">`);
  for (let i = runs.length - 1; i >= 0; i--) {
    const s = styles[i];
    out.push(
      `<path d="${path(runs[i].summary.survivalWar)}" stroke="${s.colour}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}><title>${xml(runs[i].shortName)}</title></path>`,
    );
  }
  out.push(`</g>`);

  // Direct labels at the line ends, spread so they never overlap, with a leader to the line.
  const ends = runs.map((r, i) => ({ i, y: y(r.summary.survivalWar[r.summary.horizonMonths]), x: x(r.summary.horizonMonths) }));
  ends.sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = dodge(
    ends.map((e) => e.y),
    16,
    margin.top + 6,
    margin.top + plotH - 4,
  );
  out.push(`<g font-size="13">`);
  ends.forEach((e, k) => {
    const s = styles[e.i];
    const r = runs[e.i];
    const lx = e.x + 18;
    out.push(
      `<path d="M${f2(e.x + 3)},${f2(e.y)}L${f2(lx - 4)},${f2(placed[k])}" fill="none" stroke="${s.colour}" stroke-width="1"/>`,
      `<text x="${f2(lx)}" y="${f2(placed[k])}" dy="0.32em" fill="${s.colour === BASELINE_COLOUR ? '#111' : s.colour}"${r.scenario.id === 'baseline' ? ' font-weight="600"' : ''}>${xml(r.shortName)} ${pct0(1 - r.war10.p)}</text>`,
    );
  });
  out.push(`</g>`);

  // Legend: swatch (colour and dash), name and the share holding at the horizon, most robust first.
  out.push(`<g font-size="13">`);
  out.push(`<text x="${margin.left}" y="${legendTop}" font-weight="600" fill="#222">Legend (most robust first; % with no war at ${horizon / 12} years)</text>`);
  const colW = (width - margin.left - 20) / legendCols;
  runs.forEach((r, i) => {
    const s = styles[i];
    const col = i % legendCols;
    const row = Math.floor(i / legendCols);
    const lx = margin.left + col * colW;
    const ly = legendTop + 24 + row * legendRowH;
    out.push(
      `<line x1="${f2(lx)}" x2="${f2(lx + 30)}" y1="${f2(ly)}" y2="${f2(ly)}" stroke="${s.colour}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
      `<text x="${f2(lx + 38)}" y="${f2(ly)}" dy="0.32em" fill="#222">${xml(r.shortName)} (${pct0(1 - r.war10.p)})</text>`,
    );
  });
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join('\n') + '\n';
}
