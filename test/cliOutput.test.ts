// --out and standard output under failure: full devices, closed pipes, file-size limits, signals,
// two runs at once, and inputs that are not regular files. What is about the process (its standard
// output, signals, limits, exit status, two processes at once, a FIFO that could block) runs the
// command as a process; the other refusals and writes run its main in this process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, linkSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, main } from '../src/cli/simulate';

const root = resolve(__dirname, '..');
const cli = join(root, 'src/cli/simulate.ts');
// As package.json's scripts run it: node itself, so a signal reaches the command with no wrapper between.
const node = process.execPath;
const NODE_ARGS = ['--import', 'tsx'];
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A fresh directory holding `out.csv` with known old contents. */
function dirWithOld(): { dir: string; out: string; old: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cli-out-'));
  const out = join(dir, 'out.csv');
  const old = 'trial,old\n0,previous run\n';
  writeFileSync(out, old);
  return { dir, out, old };
}

const sim = (args: string[], opts: Parameters<typeof spawnSync>[2] = {}) => spawnSync(node, [...NODE_ARGS, cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, ...opts });

async function inProcess(argv: string[]): Promise<string> {
  let out = '';
  await main(argv, (s) => (out += s));
  return out;
}

/**
 * What the command prints on standard error when it refuses `argv`, run in this process: the
 * process prints each line of a CliError's message as "error: …" and exits 2 (src/cli/common.ts,
 * runAsProcess; the tests above check that on real processes). A process costs about a second of
 * CPU (tsx and the engine loaded anew), so the refusals that are not about the process run here.
 */
async function refusal(argv: string[]): Promise<string> {
  try {
    await inProcess(argv);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return e.message.split('\n').map((line) => `error: ${line}\n`).join('');
  }
  throw new Error(`expected the command to refuse ${argv.join(' ')}`);
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stderr })));
}

/** Resolves once a temporary file has appeared in `dir` (the write is under way). */
async function tempAppears(dir: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) return;
    if (child.exitCode !== null) throw new Error('the run ended before it started writing');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no temporary file appeared');
}

describe('write failures exit 2 with a message naming where the output went', () => {
  it('--out /dev/full: ENOSPC names --out', async () => {
    expect(await refusal(['--trials', '1000', '--format', 'csv', '--out', '/dev/full'])).toBe('error: --out: cannot write "/dev/full" (ENOSPC: no space left on device)\n');
  });

  it('standard output on /dev/full: ENOSPC names standard output', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = sim(['--trials', '1000', '--format', 'csv'], { stdio: ['ignore', full, 'pipe'] });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('error: standard output: cannot write (ENOSPC: no space left on device); the output is incomplete\n');
    } finally {
      closeSync(full);
    }
  });

  it('standard output closed by its reader: EPIPE names standard output', async () => {
    const child = spawn(node, [...NODE_ARGS, cli, '--trials', '200000', '--format', 'csv'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const done = exited(child);
    child.stdout!.once('data', () => child.stdout!.destroy());
    const r = await done;
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: standard output: cannot write (EPIPE: broken pipe); the output is incomplete\n');
  });

  it('a write that fails part way (a file-size limit, EFBIG) leaves the previous file as it was and no temporary file', () => {
    const { dir, out, old } = dirWithOld();
    const r = spawnSync('bash', ['-c', `ulimit -f 64; cd "${root}" && exec "${node}" --import tsx "${cli}" --trials 20000 --format csv --out "${out}"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: --out: cannot write "${out}" (EFBIG: file too large); the previous file, if any, is unchanged\n`);
    expect(readFileSync(out, 'utf8')).toBe(old);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});

describe('--out is replaced atomically', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('a run stopped by %s while writing leaves the previous file as it was and no temporary file', async (signal, code) => {
    const { dir, out, old } = dirWithOld();
    const child = spawn(node, [...NODE_ARGS, cli, '--trials', '1000000', '--format', 'csv', '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    const done = exited(child);
    await tempAppears(dir, child);
    child.kill(signal);
    const r = await done;
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(`interrupted (${signal}); the output was not written and any previous file is unchanged`);
    expect(readFileSync(out, 'utf8')).toBe(old);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a run killed outright (SIGKILL) while writing leaves the previous file as it was', async () => {
    const { dir, out, old } = dirWithOld();
    const child = spawn(node, [...NODE_ARGS, cli, '--trials', '1000000', '--format', 'csv', '--out', out], { cwd: root, stdio: 'ignore' });
    const done = exited(child);
    await tempAppears(dir, child);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(readFileSync(out, 'utf8')).toBe(old);
  });

  // Both writers start together and stream their rows as trials complete, so their temporary files
  // overlap whatever the count: 150,000 trials proved nothing more, at seven times the cost.
  const CONCURRENT_TRIALS = 20_000;
  it('two runs writing one --out at once leave exactly one complete run in it, never a mix', async () => {
    const { dir, out } = dirWithOld();
    const args = (seed: string) => [...NODE_ARGS, cli, '--trials', String(CONCURRENT_TRIALS), '--seed', seed, '--format', 'csv', '--out', out];
    const [a, b] = await Promise.all([exited(spawn(node, args('a'), { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })), exited(spawn(node, args('b'), { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] }))]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const got = sha(readFileSync(out));
    const expected = [sha(await inProcess(['--trials', String(CONCURRENT_TRIALS), '--seed', 'a', '--format', 'csv'])), sha(await inProcess(['--trials', String(CONCURRENT_TRIALS), '--seed', 'b', '--format', 'csv']))];
    expect(expected).toContain(got);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('keeps the permissions of the file it replaces, and replaces the file a symbolic link points to', async () => {
    const { dir, out } = dirWithOld();
    chmodSync(out, 0o600);
    const link = join(dir, 'link.csv');
    symlinkSync(out, link);
    expect(await inProcess(['--trials', '100', '--format', 'csv', '--out', link])).toBe('');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toBe(await inProcess(['--trials', '100', '--format', 'csv']));
  });
});

describe('careless --out names', () => {
  it('refuses an empty --out and one ending in "/" instead of writing elsewhere', async () => {
    const { dir } = dirWithOld();
    expect(await refusal(['--trials', '100', '--out', ''])).toBe('error: --out: needs a file name (leave --out out to write to standard output)\n');
    const slash = join(dir, 'new') + '/';
    expect(await refusal(['--trials', '100', '--out', slash])).toBe(`error: --out: ${JSON.stringify(slash)} ends with "/", so it names a directory; expected a file to write\n`);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('writes a file whose name is as long as the system allows (the temporary name is cut to fit)', async () => {
    const { dir } = dirWithOld();
    const long = join(dir, `${'a'.repeat(250)}.csv`);
    expect(await inProcess(['--trials', '100', '--format', 'csv', '--out', long])).toBe('');
    expect(readFileSync(long, 'utf8')).toBe(await inProcess(['--trials', '100', '--format', 'csv']));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('inputs and outputs that are not regular files, or the same file', () => {
  const scenario = (dir: string) => {
    const file = join(dir, 'scenario.json');
    const text = JSON.stringify({ id: 's', title: 'S', summary: 's', sources: [], levers: { euTroops: 50000 } });
    writeFileSync(file, text);
    return { file, text };
  };

  it('refuses --out equal to --scenario, through a symbolic link or a hard link too, and leaves the scenario as it was', async () => {
    const { dir } = dirWithOld();
    const { file, text } = scenario(dir);
    symlinkSync(file, join(dir, 'via-link.json'));
    linkSync(file, join(dir, 'hard-link.json'));
    for (const out of [file, join(dir, 'via-link.json'), join(dir, 'hard-link.json'), join(dir, '.', 'scenario.json')]) {
      expect(await refusal(['--scenario', file, '--format', 'json', '--trials', '100', '--out', out])).toBe(
        `error: --out: ${JSON.stringify(out)} is the scenario file given to --scenario; writing it would destroy the input. Choose another file\n`,
      );
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses a FIFO given to --scenario at once instead of waiting for a writer', () => {
    const { dir } = dirWithOld();
    const fifo = join(dir, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = sim(['--scenario', fifo, '--trials', '100'], { timeout: 20_000 });
    expect(r.signal).toBeNull(); // not killed by the timeout: it did not hang
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: --scenario: ${JSON.stringify(fifo)} is a FIFO (named pipe); expected a regular file\n`);
  });

  it('refuses a directory or a FIFO as --out before running, and writes a character device directly', async () => {
    const { dir } = dirWithOld();
    const fifo = join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(await refusal(['--trials', '100', '--out', dir])).toBe(`error: --out: ${JSON.stringify(dir)} is a directory; expected a file to write\n`);
    // A FIFO as a process: were it opened, the open would block until a reader came (the timeout tells).
    const f = sim(['--trials', '100', '--out', fifo], { timeout: 20_000 });
    expect([f.status, f.stderr]).toEqual([2, `error: --out: ${JSON.stringify(fifo)} is a FIFO (named pipe); expected a file to write\n`]);
    expect(await inProcess(['--trials', '100', '--out', '/dev/null'])).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
