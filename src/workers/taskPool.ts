import type { AnalysisJob, AnalysisRequest, AnalysisResponse, OutputOf } from './messages';
import { AbortedRun, MAX_WORKERS } from './pool';

interface Queued {
  jobId: number;
  job: AnalysisJob;
  resolve: (out: AnalysisResponse) => void;
  reject: (e: unknown) => void;
}

/**
 * A fixed set of analysis workers with a shared queue: each job goes to the next idle worker, so
 * many small jobs (tornado runs, sweep cells) spread over every worker. Jobs are independent and
 * deterministic, so the results do not depend on the number of workers or the order they finish.
 * Aborting a job drops it from the queue; if it is already running, its result is ignored.
 */
export class TaskPool {
  readonly size: number;
  #workers: Worker[];
  #busy: (Queued | null)[];
  #queue: Queued[] = [];
  #nextId = 0;

  constructor(size: number, factory: () => Worker = () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })) {
    this.size = Math.max(1, Math.min(MAX_WORKERS, Math.floor(size)));
    this.#busy = new Array(this.size).fill(null);
    this.#workers = Array.from({ length: this.size }, (_, i) => {
      const w = factory();
      w.onmessage = (e: MessageEvent<AnalysisResponse>) => this.#done(i, e.data);
      w.onerror = (e) => {
        const q = this.#busy[i];
        if (q) this.#done(i, { type: 'error', jobId: q.jobId, message: e.message || 'analysis worker failed' });
      };
      return w;
    });
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.#queue.length + this.#busy.filter((b) => b !== null).length;
  }

  /** Run one job; resolves with its output, rejects with AbortedRun if `signal` aborts first. */
  run<T extends AnalysisJob['type']>(job: Extract<AnalysisJob, { type: T }>, signal?: AbortSignal): Promise<OutputOf<T> & { ms: number }> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedRun());
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
      };
      const onAbort = () => {
        const k = this.#queue.indexOf(q);
        if (k >= 0) this.#queue.splice(k, 1);
        // A running job finishes in the worker; #done then finds nobody waiting for it.
        const w = this.#busy.indexOf(q);
        if (w >= 0) this.#busy[w] = { ...q, resolve: () => undefined, reject: () => undefined };
        reject(new AbortedRun());
      };
      signal?.addEventListener('abort', onAbort);
      this.#queue.push(q);
      this.#pump();
    });
  }

  #pump(): void {
    for (let i = 0; i < this.size && this.#queue.length; i++) {
      if (this.#busy[i]) continue;
      const q = this.#queue.shift()!;
      this.#busy[i] = q;
      const msg: AnalysisRequest = { ...q.job, jobId: q.jobId };
      this.#workers[i].postMessage(msg);
    }
  }

  #done(i: number, msg: AnalysisResponse): void {
    const q = this.#busy[i];
    if (!q || q.jobId !== msg.jobId) return;
    this.#busy[i] = null;
    q.resolve(msg);
    this.#pump();
  }

  terminate(): void {
    for (const w of this.#workers) w.terminate();
    for (const q of this.#queue) q.reject(new AbortedRun());
    this.#queue = [];
  }
}
