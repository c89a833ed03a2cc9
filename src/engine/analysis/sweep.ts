import { csvFormatRows } from 'd3-dsv';
import { safeCsvText } from '../io/csv';
import { describeAllowed } from '../io/format';
import { leverSpec, type LeverKey, type Levers } from '../levers';
import type { AssumptionValues } from '../model/assumptions';
import { fail, ok, type Result } from '../io/fieldErrors';
import { simulate } from '../run/simulate';
import { summarize } from '../run/summary';
import { parseLeverText, unknownLeverError } from '../io/validate';
import { ENGINE_VERSION } from '../version';

/**
 * Two-lever sweeps (the heatmap): a grid of runs over two levers, every cell with the same seed
 * (common random numbers), so the surface is smooth and each row or column is monotone wherever the
 * lever has a direction.
 */

export const MAX_SWEEP_STEPS = 40;

export interface SweepAxis {
  key: LeverKey;
  /** The lever's values along the axis, in order. */
  values: (number | string | boolean)[];
}

function linspace(min: number, max: number, steps: number, integer: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const x = min + ((max - min) * i) / (steps - 1);
    out.push(integer ? Math.round(x) : Math.round(x * 1e9) / 1e9);
  }
  return out;
}

/**
 * An axis from `key:min:max:steps` (numbers), `key:first:last` (choices: the options between them,
 * in order) or `key` (booleans: off, on; choices: every option). `field` names the flag in errors.
 */
export function parseAxis(text: string, field: string): Result<SweepAxis> {
  const [key, ...rest] = text.split(':');
  const spec = leverSpec(key);
  if (!spec) return fail([unknownLeverError(key, field)]);
  const bad = (message: string) => fail<SweepAxis>([{ field, message }]);
  switch (spec.kind) {
    case 'number': {
      if (rest.length !== 3) return bad(`${JSON.stringify(text)} is not key:min:max:steps (e.g. ${key}:${spec.min}:${spec.max}:11)`);
      const lo = parseLeverText(spec, rest[0]);
      const hi = parseLeverText(spec, rest[1]);
      if (!lo.ok) return bad(`min ${lo.errors[0].message}`);
      if (!hi.ok) return bad(`max ${hi.errors[0].message}`);
      if ((lo.value as number) >= (hi.value as number)) return bad(`min ${rest[0]} must be below max ${rest[1]}`);
      const steps = Number(rest[2]);
      if (!/^\d+$/.test(rest[2]) || steps < 2 || steps > MAX_SWEEP_STEPS) {
        return bad(`steps ${JSON.stringify(rest[2])} is not allowed; expected a whole number from 2–${MAX_SWEEP_STEPS}`);
      }
      return ok({ key: spec.key, values: linspace(lo.value as number, hi.value as number, steps, spec.integer) });
    }
    case 'boolean':
      if (rest.length) return bad(`${key} is on/off: give just the key`);
      return ok({ key: spec.key, values: [false, true] });
    case 'choice': {
      const values = spec.options.map((o) => o.value);
      if (rest.length === 0) return ok({ key: spec.key, values });
      const i = values.indexOf(rest[0]);
      const j = values.indexOf(rest[1] ?? '');
      if (rest.length < 2 || i < 0 || j < 0 || i >= j) return bad(`${JSON.stringify(text)} is not key:first:last with options in order; ${describeAllowed(spec)}`);
      return ok({ key: spec.key, values: values.slice(i, j + 1) });
    }
    case 'month':
      return bad(`${key} cannot be swept; sweep a number, choice or on/off lever`);
    default:
      return spec satisfies never;
  }
}

/** The default axes: European troops 0–200,000 and US credibility 0–1. */
export function defaultAxes(steps = 11): { x: SweepAxis; y: SweepAxis } {
  return {
    x: { key: 'euTroops', values: linspace(0, 200_000, steps, true) },
    y: { key: 'usCredibility', values: linspace(0, 1, steps, false) },
  };
}

/** The levers of cell (i, j): x = values[i], y = values[j]. */
export function cellLevers(levers: Levers, x: SweepAxis, y: SweepAxis, i: number, j: number): Levers {
  return { ...levers, [x.key]: x.values[i], [y.key]: y.values[j] } as Levers;
}

export interface SweepCell {
  i: number;
  j: number;
  pResumption: number;
  pResumptionCI95: [number, number];
  medianMonthsToResumption: number | null;
  modeShares: { greyZone: number; limited: number; fullScale: number };
  /** Probability of war (limited or full-scale offensive) by the horizon, its Wilson CI and median. */
  pWar: number;
  pWarCI95: [number, number];
  medianMonthsToWar: number | null;
  pGreyZone: number;
}

/** Run one cell. */
export function runSweepCell(levers: Levers, x: SweepAxis, y: SweepAxis, i: number, j: number, seed: string, trials: number, assumptions: AssumptionValues = {}): SweepCell {
  const { model, results } = simulate(cellLevers(levers, x, y, i, j), { seed, trials, assumptions });
  const s = summarize(model, results, seed);
  return {
    i,
    j,
    pResumption: s.pResumption,
    pResumptionCI95: s.pResumptionCI95,
    medianMonthsToResumption: s.medianMonthsToResumption,
    modeShares: s.modeShares,
    pWar: s.pWar,
    pWarCI95: s.pWarCI95,
    medianMonthsToWar: s.medianMonthsToWar,
    pGreyZone: s.pGreyZone,
  };
}

export interface SweepResult {
  seed: string;
  trials: number;
  x: SweepAxis;
  y: SweepAxis;
  /** Row-major by y then x: cells[j * x.values.length + i]. */
  cells: SweepCell[];
}

/** Run every cell in one thread (the CLI and the page spread cells over workers instead). */
export function runSweep(levers: Levers, x: SweepAxis, y: SweepAxis, seed: string, trials: number, onCell?: (c: SweepCell) => void): SweepResult {
  const cells: SweepCell[] = [];
  for (let j = 0; j < y.values.length; j++) {
    for (let i = 0; i < x.values.length; i++) {
      const c = runSweepCell(levers, x, y, i, j, seed, trials);
      cells.push(c);
      onCell?.(c);
    }
  }
  return { seed, trials, x, y, cells };
}

export const SWEEP_CSV_COLUMNS = [
  'xLever',
  'x',
  'yLever',
  'y',
  'pWar',
  'warCiLo',
  'warCiHi',
  'medianMonthsToWar',
  'pGreyZone',
  'pResumption',
  'ciLo',
  'ciHi',
  'medianMonthsToResumption',
  'greyZone',
  'limited',
  'fullScale',
  'seed',
  'trials',
  'engineVersion',
] as const;

/** The sweep grid as CSV (header and one row per finished cell, row-major by y then x). */
export function sweepCsv(x: SweepAxis, y: SweepAxis, cells: readonly (SweepCell | null)[], seed: string, trials: number): string {
  const text = (v: unknown) => (typeof v === 'string' ? safeCsvText(v) : String(v));
  const rows: string[][] = [[...SWEEP_CSV_COLUMNS]];
  for (const c of cells) {
    if (!c) continue;
    rows.push([
      x.key,
      text(x.values[c.i]),
      y.key,
      text(y.values[c.j]),
      String(c.pWar),
      String(c.pWarCI95[0]),
      String(c.pWarCI95[1]),
      c.medianMonthsToWar === null ? '' : String(c.medianMonthsToWar),
      String(c.pGreyZone),
      String(c.pResumption),
      String(c.pResumptionCI95[0]),
      String(c.pResumptionCI95[1]),
      c.medianMonthsToResumption === null ? '' : String(c.medianMonthsToResumption),
      String(c.modeShares.greyZone),
      String(c.modeShares.limited),
      String(c.modeShares.fullScale),
      safeCsvText(seed),
      String(trials),
      ENGINE_VERSION,
    ]);
  }
  return csvFormatRows(rows);
}
