// Determinism across environments: a seed and a set of levers give bit-identical results in Node
// (the command line) and in Chromium (the built page), whether the page splits the run across one
// worker or several, and the analyses (sweep, tornado) with 1 analysis worker or 4.
//
// Sized to what it proves: bit-identity across worker counts holds at 12,000 trials as well as at
// 100,000, so `npm test` runs 12,000; `DETERMINISM=full` (`npm run test:long`, on Debian's and the
// bundled Chromium) runs the large matrix, 100,000 trials a run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { main as sensitivityMain } from '../../src/cli/sensitivity';
import { main as simulateMain } from '../../src/cli/simulate';
import { main as sweepMain } from '../../src/cli/sweep';
import { ASSUMPTION_KEYS, LEVERS, assumptionSet, paramsLevers, defaultAxes, defaultLevers, runSweepCell, sensitivity, survivalBand, sweepCsv, validateScenario, type Levers, type Summary } from '../../src/engine';
import { summaryCsv } from '../../src/ui/controls/summaryCsv';
import { encodeUrlState } from '../../src/engine/io/urlState';
import { SHOTS, browserSession } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED = 'séed-✓';
const FULL = process.env.DETERMINISM === 'full';
const TRIALS = FULL ? 100_000 : 12_000;
/**
 * Workers asked for in the address (`workers=N`), and how many the run is split across: the page's
 * pool uses every worker (src/workers/pool.ts). One worker, and two different splits.
 */
const WORKERS: readonly { asked: number; used: number }[] = FULL
  ? [{ asked: 1, used: 1 }, { asked: 2, used: 2 }, { asked: 4, used: 4 }]
  : [{ asked: 1, used: 1 }, { asked: 2, used: 2 }, { asked: 3, used: 3 }];

const session = browserSession();

function preset(id: string): Levers {
  const r = validateScenario(JSON.parse(readFileSync(join(ROOT, 'scenarios', `${id}.json`), 'utf8')));
  if (!r.ok) throw new Error(`scenarios/${id}.json: ${JSON.stringify(r.errors)}`);
  return r.value.resolved;
}

/** Non-default choices, a month, on/off levers, awkward decimals and the longest horizon. */
const CUSTOM: Levers = {
  ...defaultLevers(),
  euPosture: 'combat',
  usTier: 'rapid-reinforcement',
  euTroops: 65_000,
  usAttentionHalfLifeYears: 0.7,
  ruResolve: 0.93,
  decisionNoise: 0.17,
  secondarySanctions: true,
  uaFortificationsHeld: false,
  horizonYears: 20,
  ceasefireStart: '2031-07',
};

/**
 * The analyses' levers: the custom set, with a 1-year horizon in the fast suite (a tornado is about
 * 200 runs, five times over; bit-identity across analysis workers does not depend on the horizon).
 */
const ANALYSIS_LEVERS: Levers = FULL ? CUSTOM : { ...CUSTOM, horizonYears: 1 };

const SETS: { name: string; levers: Levers }[] = [
  { name: 'defaults', levers: defaultLevers() },
  { name: 'preset full-package', levers: preset('full-package') },
  { name: 'custom, 20-year horizon', levers: CUSTOM },
];

/** `--set key=value` for every lever that differs from its default. */
function setArgs(levers: Levers): string[] {
  const d = defaultLevers();
  return LEVERS.filter((l) => levers[l.key] !== d[l.key]).flatMap((l) => ['--set', `${l.key}=${String(levers[l.key])}`]);
}

/** Run a command's `main` in process and return what it printed. */
async function cli(main: (argv: readonly string[], out: (s: string) => void) => number | Promise<number>, argv: string[]): Promise<string> {
  let out = '';
  expect(await main(argv, (s) => (out += s))).toBe(0);
  return out;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** JSON with keys sorted at every level: a fingerprint that ignores key order, not values. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x,
  );
}

/**
 * The page's summary rebuilt from its summary CSV. That file writes every field of the summary,
 * shares to 6 significant digits (the rest with String()): compared with the command line's summary
 * written the same way, and the headline's exact doubles and the trial rows' SHA-256 checked beside it.
 */
function summaryFromCsv(text: string): Summary {
  const rows = csvParse(text);
  const one = (metric: string) => {
    const r = rows.filter((x) => x.metric === metric);
    expect(r, metric).toHaveLength(1);
    return r[0];
  };
  const num = (metric: string) => Number(one(metric).value);
  const numOrNull = (metric: string) => (one(metric).value === '' ? null : Number(one(metric).value));
  const params = {
    ...Object.fromEntries(
      LEVERS.map((l) => {
        const v = one(`lever:${l.key}`).value!;
        return [l.key, l.kind === 'number' ? Number(v) : l.kind === 'boolean' ? v === 'true' : v];
      }),
    ),
    assumptions: Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, Number(one(`assumption:${k}`).value)])),
  } as unknown as Summary['params'];
  const p = one('pResumption');
  const w = one('pWar');
  return {
    engineVersion: one('engineVersion').value!,
    seed: one('seed').value!,
    trials: num('trials'),
    horizonMonths: num('horizonMonths'),
    params,
    pResumption: Number(p.value),
    pResumptionCI95: [Number(p.ci95Low), Number(p.ci95High)],
    medianMonthsToResumption: numOrNull('medianMonthsToResumption'),
    survival: rows.filter((r) => r.metric === 'survival').map((r) => Number(r.value)),
    modeShares: { greyZone: num('modeShare:greyZone'), limited: num('modeShare:limited'), fullScale: num('modeShare:fullScale') },
    pWar: Number(w.value),
    pWarCI95: [Number(w.ci95Low), Number(w.ci95High)],
    survivalWar: rows.filter((r) => r.metric === 'survivalWar').map((r) => Number(r.value)),
    medianMonthsToWar: numOrNull('medianMonthsToWar'),
    warModeShares: { limited: num('warModeShare:limited'), fullScale: num('warModeShare:fullScale') },
    pGreyZone: num('pGreyZone'),
    deliberateShare: numOrNull('deliberateShare'),
    // Engine 3's war course (src/ui/controls/summaryCsv.ts must write these rows, by these names).
    misjudgedShare: numOrNull('misjudgedShare'),
    misjudgedBy: { balance: numOrNull('misjudgedBy:balance'), guarantors: numOrNull('misjudgedBy:guarantors') },
    offensiveSuccessShare: numOrNull('offensiveSuccessShare'),
    guarantorsTested: {
      tests: num('guarantorsTested:tests'),
      europeEngaged: numOrNull('guarantorsTested:europeEngaged'),
      usEngaged: numOrNull('guarantorsTested:usEngaged'),
      snapback: numOrNull('guarantorsTested:snapback'),
      greyZone: {
        probes: num('guarantorsTested:greyZone:probes'),
        europeResponded: numOrNull('guarantorsTested:greyZone:europeResponded'),
        usResponded: numOrNull('guarantorsTested:greyZone:usResponded'),
        snapback: numOrNull('guarantorsTested:greyZone:snapback'),
      },
    },
    elections: rows.filter((r) => r.metric === 'usElection').map((r) => ({ month: Number(r.month), date: r.date! })),
  };
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  return readFileSync(await dl.path());
}

/** Open the page at `query` and wait for the full run (not its preview) to be drawn and idle. */
async function openRun(query: string): Promise<Page> {
  const page = await session.track();
  await page.goto(`${session.url}?${query}`);
  await page.waitForFunction(
    () => {
      const h = document.querySelector<HTMLElement>('[data-testid=headline]');
      return h?.dataset.preview === 'false' && document.querySelector<HTMLElement>('main[data-busy]')?.dataset.busy === 'false';
    },
    undefined,
    { timeout: 60_000 },
  );
  return page;
}

interface MatrixRow {
  levers: string;
  where: string;
  workersUsed: number | null;
  pResumption: number;
  summarySha256: string;
  trialsCsvSha256: string;
  equalToNode: boolean;
}
const matrix: MatrixRow[] = [];
const analyses: { analysis: string; where: string; sha256: string; equalToNode: boolean }[] = [];

afterAll(() => {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(join(ROOT, `test-output/determinism${FULL ? '-full' : ''}.json`), JSON.stringify({ seed: SEED, trials: TRIALS, runs: matrix, analyses }, null, 2) + '\n');
  const short = (h: string) => h.slice(0, 16);
  console.log(
    [
      `Determinism, seed ${JSON.stringify(SEED)}, ${TRIALS.toLocaleString('en-GB')} trials`,
      `${'levers'.padEnd(25)} ${'where'.padEnd(22)} workers  pResumption  summary sha256    trials.csv sha256  = Node`,
      ...matrix.map(
        (r) =>
          `${r.levers.padEnd(25)} ${r.where.padEnd(22)} ${String(r.workersUsed ?? '-').padStart(7)}  ${String(r.pResumption).padEnd(11)}  ${short(r.summarySha256)}  ${short(r.trialsCsvSha256)}   ${r.equalToNode ? 'yes' : 'NO'}`,
      ),
      '',
      ...analyses.map((a) => `${a.analysis.padEnd(25)} ${a.where.padEnd(22)} ${short(a.sha256)}  ${a.equalToNode ? 'yes' : 'NO'}`),
    ].join('\n'),
  );
});

describe(`determinism: Node and Chromium, ${WORKERS.map((w) => w.used).join(', ')} workers, ${TRIALS.toLocaleString('en-GB')} trials`, () => {
  for (const set of SETS) {
    test(`${set.name}: the page's summary and trial rows equal the command line's, bit for bit, with ${WORKERS.map((w) => w.used).join(', ')} workers`, async () => {
      const args = [...setArgs(set.levers), '--seed', SEED, '--trials', String(TRIALS)];
      const node: Summary = JSON.parse(await cli(simulateMain, [...args, '--format', 'json']));
      const nodeCsvSha = sha256(await cli(simulateMain, [...args, '--format', 'csv']));
      expect(paramsLevers(node.params)).toEqual(set.levers);
      expect(node.params.assumptions).toEqual(assumptionSet());
      expect(node.seed).toBe(SEED);
      matrix.push({ levers: set.name, where: 'Node (CLI)', workersUsed: null, pResumption: node.pResumption, summarySha256: sha256(canonical(node)), trialsCsvSha256: nodeCsvSha, equalToNode: true });

      const query = encodeUrlState({ levers: set.levers, seed: SEED, trials: TRIALS });
      for (const { asked, used: w } of WORKERS) {
        const page = await openRun(`${query}&workers=${asked}`);
        const used = Number(await page.getAttribute('[data-testid=status]', 'data-workers'));
        const got = summaryFromCsv((await download(page, 'download-summary')).toString('utf8'));
        const csvSha = sha256(await download(page, 'download-trials'));
        // The command line's summary through the same CSV writer (shares to 6 significant digits).
        const want = summaryFromCsv(summaryCsv(node, survivalBand(node)));
        const equal = canonical(got) === canonical(want) && csvSha === nodeCsvSha;
        matrix.push({ levers: set.name, where: `Chromium, ${w} worker${w > 1 ? 's' : ''}`, workersUsed: used, pResumption: got.pResumption, summarySha256: sha256(canonical(got)), trialsCsvSha256: csvSha, equalToNode: equal });
        expect(used, 'workers the run was split across').toBe(w);
        expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-resumption'))).toBe(node.pResumption);
        expect(Number(await page.getAttribute('[data-testid=headline]', 'data-p-war'))).toBe(node.pWar);
        expect(got).toEqual(want);
        expect(csvSha, 'SHA-256 of the trial rows CSV').toBe(nodeCsvSha);
        if (w === WORKERS[WORKERS.length - 1].used && set.levers === CUSTOM) {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: join(SHOTS, 'determinism-4-workers.png'), fullPage: false });
        }
        await page.close();
      }
    });
  }

  test('the sweep grid CSV is the same with 1 analysis worker and 4, and equals the sweep command with 1 and 2 workers', async () => {
    const trials = 1_000;
    const { x, y } = defaultAxes(3);
    const levers = ANALYSIS_LEVERS;
    const cells = y.values.flatMap((_, j) => x.values.map((_, i) => runSweepCell(levers, x, y, i, j, SEED, trials)));
    const engine = sweepCsv(x, y, cells, SEED, trials);
    const argv = ['--x', 'euTroops:0:200000:3', '--y', 'usCredibility:0:1:3', ...setArgs(levers), '--seed', SEED, '--trials', String(trials), '--format', 'csv'];
    const cliOne = await cli(sweepMain, [...argv, '--workers', '1']);
    const cliTwo = await cli(sweepMain, [...argv, '--workers', '2']);
    expect(cliOne).toBe(engine + '\n');
    expect(cliTwo).toBe(cliOne);
    analyses.push({ analysis: 'sweep 3 × 3 grid CSV', where: 'Node (runSweepCell)', sha256: sha256(engine), equalToNode: true });
    analyses.push({ analysis: 'sweep 3 × 3 grid CSV', where: 'Node (CLI, 2 workers)', sha256: sha256(cliTwo.trimEnd()), equalToNode: cliTwo === cliOne });
    const query = encodeUrlState({ levers, seed: SEED, trials: 2_000 });
    for (const w of [1, 4]) {
      const page = await openRun(`${query}&workers=${w}`);
      await page.click('[data-testid=sweep-tab]');
      await page.fill('[data-testid=sweep-steps-x]', '3');
      await page.fill('[data-testid=sweep-steps-y]', '3');
      await page.selectOption('[data-testid=sweep-trials]', String(trials));
      await page.click('[data-testid=sweep-run]');
      await page.waitForSelector('[data-testid=sweep-svg][data-complete=true]', { timeout: 60_000 });
      const text = (await download(page, 'download-sweep')).toString('utf8');
      analyses.push({ analysis: 'sweep 3 × 3 grid CSV', where: `Chromium, ${w} worker${w > 1 ? 's' : ''}`, sha256: sha256(text), equalToNode: text === engine });
      expect(text).toBe(engine);
      await page.close();
    }
  });

  test('the tornado is the same with 1 analysis worker and 4, and equals the sensitivity command with 1 and 2 workers', async () => {
    const trials = 1_000;
    const levers = ANALYSIS_LEVERS;
    const want = sensitivity(levers, { seed: SEED, trials });
    const argv = [...setArgs(levers), '--seed', SEED, '--trials', String(trials), '--format', 'json'];
    const one = await cli(sensitivityMain, [...argv, '--workers', '1']);
    const two = await cli(sensitivityMain, [...argv, '--workers', '2']);
    expect(two).toBe(one);
    // The command also records the levers and assumptions it ran with (params).
    const { engineVersion: _, params, ...fromCli } = JSON.parse(one);
    expect(fromCli).toEqual(JSON.parse(JSON.stringify(want)));
    expect(params).toMatchObject({ ...levers, assumptions: expect.any(Object) });
    const bars = (b: { key: string; low: number; high: number }[]) => b.map((s) => `${s.key},${s.low},${s.high}`).join('\n');
    // The page draws the policy group, then the model group (each largest span first).
    const node = bars([...want.swings.filter((s) => s.group === 'policy'), ...want.swings.filter((s) => s.group === 'model')].map((s) => ({ key: s.key, low: s.low.delta * 100, high: s.high.delta * 100 })));
    analyses.push({ analysis: 'tornado bars', where: 'Node (sensitivity)', sha256: sha256(node), equalToNode: true });
    analyses.push({ analysis: 'tornado JSON', where: 'Node (CLI, 1 = 2 workers)', sha256: sha256(one), equalToNode: two === one });
    const query = encodeUrlState({ levers, seed: SEED, trials: 2_000 });
    for (const w of [1, 4]) {
      const page = await openRun(`${query}&workers=${w}`);
      await page.click('[data-testid=sensitivity-tab]');
      await page.selectOption('[data-testid=sens-trials]', String(trials));
      await page.click('[data-testid=sens-run]');
      await page.waitForSelector('[data-testid=tornado-svg]', { timeout: 60_000 });
      await page.click('[data-testid=tornado-show-all]');
      const got = bars(
        await page.$$eval('[data-testid=tornado-svg] .bar', (els) =>
          els.map((e) => ({ key: e.getAttribute('data-key')!, low: Number(e.getAttribute('data-low')), high: Number(e.getAttribute('data-high')) })),
        ),
      );
      analyses.push({ analysis: 'tornado bars', where: `Chromium, ${w} worker${w > 1 ? 's' : ''}`, sha256: sha256(got), equalToNode: got === node });
      expect(got).toBe(node);
      await page.close();
    }
  });

  test('no console errors and no request to any host but the page', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(session.foreignRequests()).toEqual([]);
  });
});
