import { AbortError } from '../engine';
import type { AnalysisJob, AnalysisRequest, AnalysisResponse, OutputOf } from './messages';
import { isAnalysisResponse, isAnswerTo } from './checkMessage';
import { MAX_WORKERS } from './pool';
import { MAX_RETRIES, WorkerSlots } from './workerSlots';

interface Queued {
  jobId: number;
  job: AnalysisJob;
  resolve: (out: AnalysisResponse) => void;
  reject: (e: unknown) => void;
  /** Times this job's worker crashed under it. */
  crashes: number;
  /** When it was handed to a worker (performance.now()). */
  started: number;
  /** Aborted while running: its result is dropped, and a crash does not run it again. */
  abandoned?: boolean;
}

export interface TaskPoolOptions {
  /** A job running longer than this is taken to have hung its worker (ms). */
  stallMs?: number;
  /** A worker crashed or hung; it was replaced and its job queued again. */
  onRestart?: (reason: string) => void;
}

/**
 * One AbortError per aborted signal, shared by every job waiting on it: cancelling a band of 100
 * queued jobs made 100 errors (each with its stack), about 10 ms on the page's main thread.
 */
const abortErrors = new WeakMap<AbortSignal, AbortError>();
function abortErrorFor(signal: AbortSignal): AbortError {
  let e = abortErrors.get(signal);
  if (!e) {
    e = new AbortError();
    abortErrors.set(signal, e);
  }
  return e;
}

/** One analysis job is one simulation of at most tens of thousands of trials: seconds, not minutes. */
export const JOB_STALL_MS = 120_000;

/**
 * Jobs a worker holds at once: the one it runs and the next, already posted, so it starts the next
 * the moment it posts an answer instead of waiting for the page's main thread to read the answer and
 * hand out more (the band's 100 small jobs each waited for that round trip while the page drew).
 * A second job goes to a worker only once every worker has one.
 */
export const JOBS_PER_WORKER = 2;

/**
 * A fixed set of analysis workers with a shared queue: each job goes to the next idle worker (and
 * one more waits in each busy worker: JOBS_PER_WORKER), so many small jobs (tornado runs, sweep
 * cells) spread over every worker. Jobs are independent and
 * deterministic, so the results do not depend on the number of workers or the order they finish.
 * Aborting a job drops it from the queue; if it was already posted to a worker, its result is ignored.
 *
 * A worker that crashes (an uncaught error, a failed load) or runs one job past `stallMs` is
 * terminated and replaced and its job queued again (`onRestart` says so); a job that crashes its
 * worker twice fails with the reason.
 */
export class TaskPool {
  readonly size: number;
  #opts: TaskPoolOptions;
  #slots: WorkerSlots<AnalysisResponse>;
  /** The jobs posted to each worker, in order: the first is running, the rest wait in its message queue. */
  #held: Queued[][];
  #queue: Queued[] = [];
  #nextId = 0;
  #watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(
    size: number,
    factory: () => Worker = () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }),
    opts: TaskPoolOptions = {},
  ) {
    this.size = Math.max(1, Math.min(MAX_WORKERS, Math.floor(size)));
    this.#opts = opts;
    this.#held = Array.from({ length: this.size }, () => []);
    this.#slots = new WorkerSlots<AnalysisResponse>(this.size, factory, 'analysis worker', (i, msg) => this.#done(i, msg), (i, reason) => this.#crashed(i, reason), isAnalysisResponse);
  }

  /** Workers replaced after a crash, over the pool's life. */
  get restarts(): number {
    return this.#slots.restarts;
  }

  /**
   * Worker `i` died and was replaced: queue its running job again at the front, or fail it if it
   * crashed a worker before; the jobs waiting behind it did not run, and go back to the queue as they were.
   */
  #crashed(i: number, reason: string): void {
    const [q, ...waiting] = this.#held[i];
    this.#held[i] = [];
    this.#queue.unshift(...waiting.filter((w) => !w.abandoned));
    if (q && !q.abandoned) {
      if (q.crashes >= MAX_RETRIES) {
        q.resolve({ type: 'error', jobId: q.jobId, message: `an analysis worker failed twice on this job (${reason})` });
      } else {
        q.crashes++;
        this.#opts.onRestart?.(reason);
        this.#queue.unshift(q);
      }
    }
    this.#pump();
  }

  /** While jobs run, look for one that has run past the stall time. */
  #watch(): void {
    const running = this.#held.some((h) => h.length > 0);
    if (running && !this.#watchdog) {
      const stallMs = this.#opts.stallMs ?? JOB_STALL_MS;
      this.#watchdog = setInterval(() => {
        const now = performance.now();
        // The first job of each worker is the one running (its start: when the job before it answered).
        const i = this.#held.findIndex((h) => h.length > 0 && now - h[0].started > stallMs);
        if (i >= 0) this.#slots.replace(i, `a job ran for more than ${Math.round(stallMs / 1000)} s`);
      }, Math.max(50, Math.min(1_000, stallMs / 4)));
    } else if (!running && this.#watchdog) {
      clearInterval(this.#watchdog);
      this.#watchdog = null;
    }
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.#queue.length + this.#held.reduce((n, h) => n + h.length, 0);
  }

  /** Run one job; resolves with its output, rejects with an AbortError if `signal` aborts first. */
  run<T extends AnalysisJob['type']>(job: Extract<AnalysisJob, { type: T }>, signal?: AbortSignal): Promise<OutputOf<T> & { ms: number }> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortErrorFor(signal));
        return;
      }
      const q: Queued = {
        jobId: ++this.#nextId,
        job,
        resolve: (out) => {
          signal?.removeEventListener('abort', onAbort);
          if (out.type === 'error') reject(new Error(out.message));
          else resolve(out as unknown as OutputOf<T> & { ms: number });
        },
        reject,
        crashes: 0,
        started: 0,
      };
      const onAbort = () => {
        const k = this.#queue.indexOf(q);
        if (k >= 0) this.#queue.splice(k, 1);
        // A job posted to a worker finishes there; #done then finds nobody waiting for it.
        for (const h of this.#held) {
          const at = h.indexOf(q);
          if (at >= 0) h[at] = { ...q, resolve: () => undefined, reject: () => undefined, abandoned: true };
        }
        reject(abortErrorFor(signal!));
      };
      signal?.addEventListener('abort', onAbort);
      this.#queue.push(q);
      this.#pump();
    });
  }

  /** Hand queued jobs to the workers: first one to each idle worker, then a second to each. */
  #pump(): void {
    for (let depth = 1; depth <= JOBS_PER_WORKER && this.#queue.length; depth++) {
      for (let i = 0; i < this.size && this.#queue.length; i++) {
        const held = this.#held[i];
        if (held.length >= depth) continue;
        const q = this.#queue.shift()!;
        q.started = performance.now();
        held.push(q);
        const msg: AnalysisRequest = { ...q.job, jobId: q.jobId };
        this.#slots.post(i, msg);
      }
    }
    this.#watch();
  }

  #done(i: number, msg: AnalysisResponse): void {
    const held = this.#held[i];
    const q = held[0];
    // A worker answers its jobs in the order they were posted: anything else is not an answer to them.
    if (!q || q.jobId !== msg.jobId) return;
    // Well formed, but the output of another kind of job: as malformed as any other garbled message.
    if (!isAnswerTo(q.job.type, msg)) return this.#slots.replace(i, 'the analysis worker sent a malformed message');
    held.shift();
    // The next job (already posted) starts now: its stall time counts from here.
    if (held.length) held[0].started = performance.now();
    q.resolve(msg);
    this.#pump();
  }

  terminate(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = null;
    this.#slots.terminate();
    const stopped = new AbortError();
    for (const q of this.#queue) q.reject(stopped);
    this.#queue = [];
  }
}
