// Worker stand-ins that fail the ways real ones do, and pools built from them (workerCrash and
// faultInjection tests).
import type { AnalysisRequest, AnalysisResponse, WorkerRequest, WorkerResponse } from '../../src/workers/messages';
import { WorkerPool } from '../../src/workers/pool';
import { runJob } from '../../src/workers/runJob';
import { isAbort } from '../../src/engine';
import { runRange } from '../../src/workers/runRange';
import { TaskPool } from '../../src/workers/taskPool';
import { READY } from '../../src/workers/workerSlots';

/**
 * Stand-ins for workers that fail the ways real ones do: an uncaught error (the `error` event), or
 * silence (killed for memory, or hung). `behaviour` is chosen per worker as the pool creates them.
 */
export type Behaviour =
  | 'ok'
  /** An uncaught error as soon as it gets work. */
  | 'crash'
  /** Takes work and never answers (hung, or killed without an error event). */
  | 'silent'
  /** Its script never loads: an error event, with no message, before it says anything. */
  | 'noload'
  /** Starts, reports some progress, then crashes in the middle of its range. */
  | 'midcrash'
  /** Answers with a message that is not what the page expects (arrays too short, unknown type). */
  | 'malformed';

/** Like the real workers: READY once loaded, or an error event with no message if the script never loads. */
function boot(w: { behaviour: Behaviour; onmessage: ((e: MessageEvent) => void) | null; onerror: ((e: Partial<ErrorEvent>) => void) | null }) {
  setTimeout(() => {
    if (w.behaviour === 'noload') w.onerror?.({ message: '', preventDefault() {} });
    else w.onmessage?.({ data: { type: READY } } as MessageEvent);
  }, 0);
}

export class SimWorker {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: Partial<ErrorEvent>) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  current = -1;
  terminated = false;
  /** Work handed to it so far (runs; cancels not counted): a test can wait until it holds work. */
  posted = 0;
  constructor(readonly behaviour: Behaviour) {
    boot(this);
  }
  postMessage(msg: WorkerRequest) {
    if (msg.type === 'cancel') {
      if (msg.runId === this.current) this.current = -1;
      return;
    }
    this.posted++;
    if (this.behaviour === 'crash') {
      setTimeout(() => this.onerror?.({ message: 'Uncaught RangeError: simulated crash', preventDefault() {} }), 1);
      return;
    }
    if (this.behaviour === 'silent' || this.behaviour === 'noload') return;
    this.current = msg.runId;
    const { runId } = msg;
    let chunks = 0;
    void runRange(msg.levers, msg.seed, msg.from, msg.to, {
      chunkSize: msg.chunkSize,
      yieldControl: () => new Promise((r) => setTimeout(r, 0)),
      isCancelled: () => this.current !== runId || this.terminated,
      onProgress: (done, total) => {
        this.reply({ type: 'progress', runId, done, total });
        if (this.behaviour === 'midcrash' && ++chunks === 2) {
          this.current = -1; // stops the range at its next yield
          this.onerror?.({ message: 'Uncaught RangeError: crashed mid-range', preventDefault() {} });
        }
      },
    }).then(
      (results) =>
        this.behaviour === 'malformed'
          ? this.reply({ type: 'result', runId, from: msg.from, to: msg.to, results: { ...results, month: results.month.subarray(1) }, ms: 0 })
          : this.reply({ type: 'result', runId, from: msg.from, to: msg.to, results, ms: 0 }),
      (e) => {
        if (!isAbort(e)) this.reply({ type: 'error', runId, message: String(e) });
      },
    );
  }
  reply(data: WorkerResponse) {
    if (!this.terminated) this.onmessage?.({ data } as MessageEvent<WorkerResponse>);
  }
  terminate() {
    this.terminated = true;
  }
}

export class JobWorker {
  onmessage: ((e: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((e: Partial<ErrorEvent>) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  /** Jobs handed to it so far: a test can wait until it holds one. */
  posted = 0;
  constructor(readonly behaviour: Behaviour) {
    boot(this);
  }
  postMessage(msg: AnalysisRequest) {
    this.posted++;
    if (this.behaviour === 'crash' || this.behaviour === 'midcrash') {
      setTimeout(() => this.onerror?.({ message: 'simulated analysis crash', preventDefault() {} }), 1);
      return;
    }
    if (this.behaviour === 'silent' || this.behaviour === 'noload') return;
    const { jobId, ...job } = msg;
    setTimeout(() => {
      if (this.terminated) return;
      const data = this.behaviour === 'malformed' ? { type: 'sweepCel', jobId, cell: null } : { ...runJob(job), jobId, ms: 0 };
      this.onmessage?.({ data } as MessageEvent<AnalysisResponse>);
    }, 0);
  }
  terminate() {
    this.terminated = true;
  }
}

export function simPool(size: number, plan: Behaviour[], stallMs?: number) {
  const made: SimWorker[] = [];
  const pool = new WorkerPool(
    size,
    () => {
      const w = new SimWorker(plan[made.length] ?? 'ok');
      made.push(w);
      return w as unknown as Worker;
    },
    { stallMs },
  );
  return { pool, made };
}

export function taskPool(size: number, plan: Behaviour[], stallMs?: number) {
  const made: JobWorker[] = [];
  const reasons: string[] = [];
  const pool = new TaskPool(
    size,
    () => {
      const w = new JobWorker(plan[made.length] ?? 'ok');
      made.push(w);
      return w as unknown as Worker;
    },
    { stallMs, onRestart: (r) => reasons.push(r) },
  );
  return { pool, made, reasons };
}

