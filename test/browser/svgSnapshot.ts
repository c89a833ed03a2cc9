// Chart snapshots in the manner of Observable Plot's test/plot-snapshot.js: a chart's SVG, with
// its ids renumbered and its numbers rounded, compared with a committed file that changes only on
// purpose. `UPDATE_SNAPSHOTS=1` (npm run test:snapshots:update) rewrites the files instead.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const SNAPSHOTS = resolve(import.meta.dirname, 'snapshots');
/** Where a changed chart is written beside the test output, to open next to the committed one. */
const CHANGED = resolve(import.meta.dirname, '../../test-output/snapshots');
export const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

/** Significant digits kept of every decimal number: enough to see a chart move, not float noise. */
const DIGITS = 4;

/**
 * A chart's SVG markup made stable and readable: Svelte's scoped class names dropped, ids renumbered
 * in order of first appearance (and every reference to them), path coordinates rounded to whole
 * pixels and other decimals to DIGITS significant digits, one element per line.
 */
export function normalizeSvg(svg: string): string {
  let s = svg.replace(/ class="([^"]*)"/g, (_, c: string) => {
    const kept = c.split(/\s+/).filter((x) => x && !x.startsWith('svelte-'));
    return kept.length ? ` class="${kept.join(' ')}"` : '';
  });
  const ids = new Map<string, string>();
  for (const m of s.matchAll(/ id="([^"]+)"/g)) if (!ids.has(m[1])) ids.set(m[1], `id-${ids.size + 1}`);
  const ref = (x: string) => ids.get(x) ?? x;
  s = s
    .replace(/ id="([^"]+)"/g, (_, id: string) => ` id="${ref(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${ref(id)})`)
    .replace(/ (aria-labelledby|aria-describedby|for)="([^"]+)"/g, (_, a: string, v: string) => ` ${a}="${v.split(' ').map(ref).join(' ')}"`)
    .replace(/ (href|xlink:href)="#([^"]+)"/g, (_, a: string, id: string) => ` ${a}="#${ref(id)}"`);
  const num = (d: string, round: (x: number) => number) => {
    const x = round(Number(d));
    return String(Object.is(x, -0) ? 0 : x);
  };
  // Paths to whole pixels (a one-pixel move is what a reader could see; it keeps 120-month curves
  // small), every other decimal to DIGITS significant digits. Svelte's empty anchor comments go.
  s = s
    .replace(/<!---->/g, '')
    .replace(/ (d|points)="([^"]*)"/g, (_, a: string, v: string) => ` ${a}="${v.replace(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi, (d) => num(d, Math.round))}"`)
    .replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (d) => num(d, (x) => Number(x.toPrecision(DIGITS))));
  // One element per line; an element with nothing inside stays on one line.
  return s.replace(/>\s*</g, '>\n<').replace(/(<(\w+)[^>]*>)\n<\/\2>/g, '$1</$2>').trim() + '\n';
}

/**
 * Compare a chart's normalised SVG with `snapshots/<name>.svg`. On a difference the new markup is
 * written to test-output/snapshots/<name>.svg and the test fails with a line diff.
 */
export function expectSvgSnapshot(name: string, svg: string): void {
  const actual = normalizeSvg(svg);
  const file = join(SNAPSHOTS, `${name}.svg`);
  if (UPDATE) {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`no snapshot ${file}: run \`npm run test:snapshots:update\` and commit it`);
  const expected = readFileSync(file, 'utf8');
  if (actual !== expected) {
    mkdirSync(CHANGED, { recursive: true });
    writeFileSync(join(CHANGED, `${name}.svg`), actual);
  }
  expect(actual, `chart ${name} differs from ${file} (new markup in test-output/snapshots/${name}.svg; if the change is on purpose, run npm run test:snapshots:update)`).toBe(expected);
}
