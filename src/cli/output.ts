// Where a command's output goes: standard output, or --out written atomically. Node only.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { clipName, quoteName } from '../engine/index';
import { CliError } from './cliError';

/**
 * The semantics of `--out FILE`:
 *
 * - A regular file (or a new name) is written to a temporary file beside it (`.NAME.PID-RANDOM.tmp`,
 *   created exclusively), flushed to disk, then renamed over FILE. Readers see the old file or the
 *   new one, never a part. A failed write (ENOSPC, EFBIG…) or SIGINT/SIGTERM/SIGHUP removes the
 *   temporary file and leaves FILE as it was.
 * - Two runs writing one FILE at once each write their own temporary file; each rename is atomic, so
 *   FILE ends up holding one complete run: the one that finished last. Nothing is interleaved.
 * - A symbolic link is followed: the file it points to is replaced, the link stays.
 * - A character device (/dev/null, /dev/tty, /dev/full) is written directly: it cannot be renamed
 *   over. A directory, FIFO or socket is refused before anything runs.
 * - A kill that cannot be caught (SIGKILL, power loss) may leave the temporary file; FILE is intact.
 */

const why = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  if (!err.code) return err.message;
  // "ENOSPC: no space left on device, write" → "ENOSPC: no space left on device"
  const text = err.message?.startsWith(`${err.code}: `) ? err.message.slice(err.code.length + 2).replace(/, \w+( '.*')?$/, '') : '';
  return text ? `${err.code}: ${text}` : err.code;
};

function kind(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isCharacterDevice()) return 'a character device';
  return 'not a regular file';
}

/** The file a path names (symbolic links followed), or undefined if nothing is there. */
function statOrNone(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Check --out before any work is done: not a directory, FIFO or socket, and not the same file as
 * the scenario read (which would overwrite the input). Throws CliError.
 */
export function checkOutPath(out: string, scenario?: string): void {
  const field = '--out';
  // "dir/" names a directory: never create a file called "dir" instead.
  if (/[/\\]$/.test(out)) throw new CliError([{ field, message: `${quoteName(out)} ends with "/", so it names a directory; expected a file to write` }]);
  let target: Stats | undefined;
  try {
    target = statOrNone(out);
  } catch (e) {
    throw new CliError([{ field, message: `cannot write ${quoteName(out)} (${why(e)})` }]);
  }
  if (target && !target.isFile() && !target.isCharacterDevice()) {
    throw new CliError([{ field, message: `${quoteName(out)} is ${kind(target)}; expected a file to write` }]);
  }
  if (target && scenario) {
    const input = statOrNone(scenario);
    if (input && input.dev === target.dev && input.ino === target.ino) {
      throw new CliError([{ field, message: `${quoteName(out)} is the scenario file given to --scenario; writing it would destroy the input. Choose another file` }]);
    }
  }
}

/** Temporary files being written, removed if the process is interrupted. */
const pending = new Set<string>();
let handlersOn = false;
const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

function onSignal(signal: keyof typeof SIGNALS): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
  pending.clear();
  process.stderr.write(`error: interrupted (${signal}); the output was not written and any previous file is unchanged\n`);
  process.exit(128 + SIGNALS[signal]);
}

function track(tmp: string): void {
  pending.add(tmp);
  if (!handlersOn) {
    handlersOn = true;
    for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.on(s, onSignal);
  }
}

function untrack(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0 && handlersOn) {
    handlersOn = false;
    for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.off(s, onSignal);
  }
}

/**
 * writeSync until every byte is written. A non-blocking descriptor (a pipe Node set to O_NONBLOCK)
 * answers EAGAIN when the reader is slow: wait a moment and go on rather than fail.
 */
export function writeAll(fd: number, s: string): void {
  const buf = Buffer.from(s, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** A file being written for --out: `write` pieces, then `commit` (rename into place) or `abort`. */
export class OutFile {
  readonly #out: string;
  readonly #target: string;
  readonly #tmp: string | null;
  #fd: number;

  constructor(out: string) {
    this.#out = out;
    const fail = (e: unknown): never => {
      throw new CliError([{ field: '--out', message: `cannot write ${quoteName(out)} (${why(e)})` }]);
    };
    let existing: Stats | undefined;
    let target = resolve(out);
    try {
      existing = statOrNone(out);
      // Replace the file a link points to, not the link (lstat: is `out` itself a link?).
      if (existing && lstatSync(out).isSymbolicLink()) target = realpathSync(out);
    } catch (e) {
      fail(e);
    }
    this.#target = target;
    if (existing && !existing.isFile()) {
      if (!existing.isCharacterDevice()) throw new CliError([{ field: '--out', message: `${quoteName(out)} is ${kind(existing)}; expected a file to write` }]);
      // A device cannot be renamed over: write it directly.
      this.#tmp = null;
      let fd = -1;
      try {
        fd = openSync(target, 'w');
      } catch (e) {
        fail(e);
      }
      this.#fd = fd;
      return;
    }
    // The name is cut so the temporary name fits where FILE's does (255 bytes a name on most systems).
    const tmp = join(dirname(target), `.${Buffer.from(basename(target)).subarray(0, 200).toString('utf8').replace(/\uFFFD$/, '')}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    let fd = -1;
    try {
      // Exclusive: never reuse or follow a file someone else put at that name.
      fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    } catch (e) {
      fail(e);
    }
    this.#fd = fd;
    this.#tmp = tmp;
    track(tmp);
    // Keep the permissions of the file replaced.
    if (existing) {
      try {
        fchmodSync(fd, existing.mode & 0o7777);
      } catch {
        // not ours to change (another owner): the new file gets the default mode
      }
    }
  }

  #failed(e: unknown): never {
    this.abort();
    if (e instanceof CliError) throw e;
    const unchanged = this.#tmp ? '; the previous file, if any, is unchanged' : '';
    throw new CliError([{ field: '--out', message: `cannot write ${quoteName(this.#out)} (${why(e)})${unchanged}` }]);
  }

  write(s: string): void {
    try {
      writeAll(this.#fd, s);
    } catch (e) {
      this.#failed(e);
    }
  }

  /** Flush, close and rename into place. */
  commit(): void {
    try {
      if (this.#tmp) fsyncSync(this.#fd);
      const fd = this.#fd;
      this.#fd = -1;
      closeSync(fd);
      if (this.#tmp) {
        renameSync(this.#tmp, this.#target);
        untrack(this.#tmp);
      }
    } catch (e) {
      this.#failed(e);
    }
  }

  /** Close and remove the temporary file; the target is left as it was. */
  abort(): void {
    if (this.#fd >= 0) {
      try {
        closeSync(this.#fd);
      } catch {
        // closing a descriptor that failed to write can fail again: nothing more to do
      }
      this.#fd = -1;
    }
    if (this.#tmp) {
      try {
        unlinkSync(this.#tmp);
      } catch {
        // already gone
      }
      untrack(this.#tmp);
    }
  }
}

/** Check a file name given to --scenario is a regular file before opening it (a FIFO would block). */
export function regularFileError(path: string, s: Stats): string | undefined {
  return s.isFile() ? undefined : `${quoteName(path)} is ${kind(s)}; expected a regular file`;
}

/** The writer for standard output (descriptor 1): a full or closed stdout becomes an CliError. */
export function stdoutWriter(fd = 1): (s: string) => void {
  return (s) => {
    try {
      writeAll(fd, s);
    } catch (e) {
      throw new CliError([{ field: 'standard output', message: `cannot write (${why(e)}); the output is incomplete` }]);
    }
  };
}
