import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/args';
import { main } from '../src/cli/simulate';
import { asyncCommandRunner } from './cliHarness';
import { checkSummary } from './engine/checks';
import { LEVER_KEYS, trialCsvHeader } from '../src/engine/index';

const root = resolve(__dirname, '..');
const tsx = join(root, 'node_modules/.bin/tsx');
const cli = join(root, 'src/cli/simulate.ts');

const { run, errorOf } = asyncCommandRunner(main);

const tmp = mkdtempSync(join(tmpdir(), 'cli-test-'));

describe('the json format', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let summary: any;
  beforeAll(async () => {
    summary = JSON.parse(await run(['--format', 'json', '--trials', '2000', '--seed', '7']));
  });

  it('prints exactly the summary contract of MODEL.md', async () => {
    expect(Object.keys(summary)).toEqual([
      'engineVersion',
      'seed',
      'trials',
      'horizonMonths',
      'params',
      'pResumption',
      'pResumptionCI95',
      'medianMonthsToResumption',
      'survival',
      'modeShares',
      'pWar',
      'pWarCI95',
      'survivalWar',
      'medianMonthsToWar',
      'warModeShares',
      'pGreyZone',
      'deliberateShare',
      'misjudgedShare',
      'misjudgedBy',
      'offensiveSuccessShare',
      'guarantorsTested',
      'elections',
    ]);
    expect(Object.keys(summary.misjudgedBy)).toEqual(['balance', 'guarantors']);
    expect(Object.keys(summary.warModeShares)).toEqual(['limited', 'fullScale']);
    expect(Object.keys(summary.guarantorsTested)).toEqual(['tests', 'europeEngaged', 'usEngaged', 'snapback', 'greyZone']);
    expect(Object.keys(summary.guarantorsTested.greyZone)).toEqual(['probes', 'europeResponded', 'usResponded', 'snapback']);
    expect(summary.survivalWar).toHaveLength(121);
    expect(summary.survivalWar[0]).toBe(1);
    expect(1 - summary.survivalWar[120]).toBeCloseTo(summary.pWar, 12);
    expect(summary.warModeShares.limited + summary.warModeShares.fullScale).toBeCloseTo(summary.pWar, 12);
    expect(summary.pWar).toBeLessThanOrEqual(summary.pResumption);
    expect(() => checkSummary(summary, 2000)).not.toThrow();
    expect(Object.keys(summary.params)).toEqual([...LEVER_KEYS, 'assumptions']);
    expect(Object.keys(summary.modeShares)).toEqual(['greyZone', 'limited', 'fullScale']);
    expect(summary.seed).toBe('7');
    expect(summary.trials).toBe(2000);
    expect(summary.horizonMonths).toBe(120);
    expect(summary.survival).toHaveLength(121);
    expect(summary.survival[0]).toBe(1);
    expect(1 - summary.survival[120]).toBeCloseTo(summary.pResumption, 12);
    const shares = summary.modeShares.greyZone + summary.modeShares.limited + summary.modeShares.fullScale;
    expect(shares).toBeCloseTo(summary.pResumption, 12);
    expect(summary.pResumptionCI95[0]).toBeLessThan(summary.pResumption);
    expect(summary.pResumptionCI95[1]).toBeGreaterThan(summary.pResumption);
  });

  it('prints the same summary twice for the same seed and levers', async () => {
    const again = JSON.parse(await run(['--format', 'json', '--trials', '2000', '--seed', '7']));
    expect(again).toEqual(summary);
  });

  it('applies --set over a scenario file, and the scenario over the defaults', async () => {
    const file = join(tmp, 'scenario.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'test',
        title: 'Test',
        summary: 'A test scenario',
        sources: [{ file: '000_b0e7e584cf9cccfd.txt', claim: 'tripwire' }],
        levers: { euTroops: 100000, usTier: 'none' },
      }),
    );
    const s = JSON.parse(await run(['--scenario', file, '--set', 'usTier=air-power', '--format=json', '--trials=500']));
    expect(s.params.euTroops).toBe(100000);
    expect(s.params.usTier).toBe('air-power');
    expect(s.params.euPosture).toBe('tripwire');
  });
});

describe('the csv format', () => {
  it('prints a header from the registry and one row per trial', async () => {
    const text = await run(['--format', 'csv', '--trials', '300', '--set', 'horizonYears=5']);
    const rows = csvParse(text);
    expect(rows.columns).toEqual(trialCsvHeader());
    expect(rows).toHaveLength(300);
    expect(rows.every((r) => r.horizonYears === '5' && r.trials === '300' && r.seed === '1')).toBe(true);
    const resumed = rows.filter((r) => r.resumed === 'true');
    const held = rows.filter((r) => r.resumed === 'false');
    expect(resumed.length + held.length).toBe(rows.length);
    expect(resumed.length).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0);
    expect(resumed.every((r) => Number(r.month) >= 1 && Number(r.month) <= 60)).toBe(true);
    expect(held.every((r) => r.mode === 'none' && r.month === '' && r.date === '' && r.war === 'false')).toBe(true);
    expect(rows.filter((r) => r.war === 'true').every((r) => Number(r.warMonth) >= Number(r.month) && Number(r.warMonth) <= 60 && ['limited', 'fullScale'].includes(r.warMode))).toBe(true);
    expect(rows.filter((r) => r.war === 'false').every((r) => r.warMonth === '' && r.warMode === 'none' && r.deliberate === '')).toBe(true);
  });

  it('names the scenario the levers came from next to the seed: its title, marked when --set changed it, empty without one', async () => {
    const file = join(tmp, 'titled.json');
    const title = '=HYPERLINK("http://x","y"), a title';
    writeFileSync(file, JSON.stringify({ id: 'titled', title, summary: 'S', sources: [], levers: { euTroops: 50000 } }));
    const header = trialCsvHeader();
    expect(header.indexOf('scenario')).toBe(header.indexOf('seed') + 1);
    const plain = csvParse(await run(['--format', 'csv', '--trials', '100', '--scenario', file]));
    expect(plain.every((r) => r.scenario === `'${title}`)).toBe(true);
    const changed = csvParse(await run(['--format', 'csv', '--trials', '100', '--scenario', file, '--set', 'euTroops=60000']));
    expect(changed[0].scenario).toBe(`'${title} (modified)`);
    expect(csvParse(await run(['--format', 'csv', '--trials', '100']))[0].scenario).toBe('');
  });

  it('writes to --out instead of standard output', async () => {
    const file = join(tmp, 'out.csv');
    expect(await run(['--format', 'csv', '--trials', '100', '--out', file])).toBe('');
    expect(csvParse(readFileSync(file, 'utf8'))).toHaveLength(100);
  });
});

describe('the table format', () => {
  it('states the headline, the CI and that it is not a forecast', async () => {
    const text = await run(['--trials', '1000', '--set', 'euTroops=100000']);
    expect(text).toMatch(/an explorable model, not a forecast/);
    expect(text).toMatch(/War \(a limited or full-scale offensive\) within 10 years: \d+\.\d% \(simulation precision: 95% CI \d+\.\d%–\d+\.\d%\)/);
    expect(text).toMatch(/chosen deliberately in \d+\.\d% of wars/);
    expect(text).toMatch(/any resumption \(grey zone or war\) \d+\.\d%/);
    expect(text).toMatch(/euTroops\s+100,000 troops \(default 30,000 troops\)/);
  });
});

describe('command-line errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag, with a suggestion', ['--trails', '100'], /--trails: unknown flag \(did you mean --trials\?\)/],
    ['an unknown lever, with a suggestion', ['--set', 'euTroop=5'], /--set euTroop: unknown lever "euTroop" \(did you mean "euTroops"\?\)/],
    ['a lever out of range', ['--set', 'euTroops=250000'], /--set euTroops: 250000 is out of range; expected a whole number from 0–200,000 troops/],
    ['a non-number', ['--set', 'usCredibility=high'], /--set usCredibility: "high" is not a number; expected a number from 0–1$/],
    ['a bad choice', ['--set', 'euPosture=guard'], /--set euPosture: "guard" is not an option; expected one of monitoring, tripwire, combat/],
    ['a bad boolean', ['--set', 'article5Like=maybe'], /--set article5Like: "maybe" is not a boolean; expected true or false/],
    ['a bad month', ['--set', 'ceasefireStart=2027-13'], /--set ceasefireStart: "2027-13" is not a month; expected a month YYYY-MM from 2025-01 to 2040-12/],
    ['--set without =', ['--set', 'euTroops'], /--set: "euTroops" is not key=value/],
    ['a run setting passed to --set', ['--set', 'trials=500'], /--set: trials is a run setting, not a lever; use --trials/],
    ['too few trials', ['--trials', '5'], /--trials: 5 is out of range; expected a whole number from 100–1,000,000/],
    ['a fractional trial count', ['--trials', '1.5'], /--trials: "1.5" is not a whole number/],
    ['an empty seed', ['--seed', ''], /--seed: "" is not allowed; expected 1–64 printable characters/],
    ['an unknown format', ['--format', 'xml'], /--format: "xml" is not a format; expected one of json, csv, table/],
    ['a flag without its value', ['--seed'], /--seed: needs a value/],
    ['a stray argument', ['baseline.json'], /baseline\.json: unexpected argument/],
    ['a missing scenario file', ['--scenario', join(tmp, 'nope.json')], /--scenario: cannot read ".*nope\.json" \(ENOENT\)/],
    ['an unwritable output', ['--out', join(tmp, 'no/such/dir.csv')], /--out: cannot write ".*dir\.csv" \(ENOENT: no such file or directory\)$/],
  ];
  it.each(cases)('refuses %s with a message naming it', async (_, argv, message) => {
    expect(await errorOf(argv)).toMatch(message);
  });

  it('reports every problem at once, not only the first', async () => {
    const msg = await errorOf(['--set', 'euTroops=-1', '--set', 'usTier=x', '--trials', '1']);
    expect(msg.split('\n')).toHaveLength(3);
  });

  const scenarioCases: [string, string, RegExp][] = [
    ['invalid JSON', '{ "id": ', /scenario: is not valid JSON/],
    ['a lever out of range', JSON.stringify({ id: 'x', title: 'X', summary: 'x', sources: [], levers: { uaArmySize: 5 } }), /levers\.uaArmySize: 5 is out of range/],
    ['a missing title', JSON.stringify({ id: 'x', summary: 'x', sources: [], levers: {} }), /title: is missing; expected a non-empty string of at most 200 characters/],
  ];
  it('refuses a scenario file over 256 KB before reading it, naming its size and the limit', async () => {
    const file = join(tmp, 'huge.json');
    writeFileSync(file, ' '.repeat(300_000));
    expect(await errorOf(['--scenario', file])).toMatch(/huge\.json: scenario: is 300,000 bytes; at most 262,144 bytes \(256 KB\) allowed/);
  });

  it('refuses an endless device as a scenario file before reading it', async () => {
    expect(await errorOf(['--scenario', '/dev/zero'])).toBe('--scenario: "/dev/zero" is a character device; expected a regular file');
  });

  it('refuses a directory as a scenario file', async () => {
    expect(await errorOf(['--scenario', tmp])).toMatch(/^--scenario: ".*" is a directory; expected a regular file$/);
  });

  it.each(scenarioCases)('refuses a scenario file with %s, naming the file and field', async (_, text, message) => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, text);
    const msg = await errorOf(['--scenario', file]);
    expect(msg).toMatch(message);
    expect(msg).toContain('bad.json');
  });

  it('parses --flag=value and --flag value alike', async () => {
    const a = parseArgs(['--trials=500', '--seed=x']);
    const b = parseArgs(['--trials', '500', '--seed', 'x']);
    expect(a).toEqual(b);
    expect(a.ok && a.value.trials).toBe(500);
  });
});

describe('the command line as a process', () => {
  it('exits 2 with one clear message and no stack trace on bad input', async () => {
    const r = spawnSync(tsx, [cli, '--set', 'euTroops=999999'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'error: --set euTroops: 999999 is out of range; expected a whole number from 0–200,000 troops',
    );
  });

  it('prints the baseline scenario summary identically twice', async () => {
    // Two processes, so nothing carries over between the runs; 5,000 trials prove it as well as 20,000.
    const args = [cli, '--scenario', join(root, 'scenarios/baseline.json'), '--trials', '5000', '--seed', '1', '--format', 'json'];
    const a = execFileSync(tsx, args, { encoding: 'utf8' });
    const b = execFileSync(tsx, args, { encoding: 'utf8' });
    expect(a).toBe(b);
    expect(JSON.parse(a).trials).toBe(5000);
  });

  it('prints help listing every lever', async () => {
    const out = execFileSync(tsx, [cli, '--help'], { encoding: 'utf8' });
    for (const key of LEVER_KEYS) expect(out).toContain(key);
  });
});
