import { isAbort } from '../../engine';

/** What a task does with its job's outcome. */
export interface TaskHandlers<T> {
  /** The job finished (it may still have been superseded since: check `signal.aborted` if that matters). */
  done: (out: T) => void;
  /** The job failed with something other than an abort: its message, to show. */
  failed: (message: string) => void;
  /** After done or failed, only if no newer job of this task has started and it was not cancelled. */
  settled?: () => void;
}

/**
 * One slot for an analysis: at most one job in flight, and starting another aborts the one before
 * (the latest inputs win). An abort is never reported as a failure; a failed job's signal is aborted
 * too, so the rest of its work (the other cells of a sweep) stops.
 */
export class AbortableTask {
  #current: AbortController | null = null;

  /** Is a job of this task in flight? */
  get running(): boolean {
    return this.#current !== null;
  }

  /** Start `job` with a fresh signal, aborting the job before. Resolves when it has settled; never rejects. */
  async start<T>(job: (signal: AbortSignal) => Promise<T>, on: TaskHandlers<T>): Promise<void> {
    this.#current?.abort();
    const ctl = (this.#current = new AbortController());
    try {
      on.done(await job(ctl.signal));
    } catch (e) {
      ctl.abort();
      if (!isAbort(e)) on.failed(e instanceof Error ? e.message : String(e));
    } finally {
      if (this.#current === ctl) {
        this.#current = null;
        on.settled?.();
      }
    }
  }

  /** Abort the job in flight, if any (its `settled` does not run). */
  cancel(): void {
    this.#current?.abort();
    this.#current = null;
  }
}
