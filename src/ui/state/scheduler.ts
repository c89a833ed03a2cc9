/**
 * Merges rapid input changes into runs: the latest inputs win and at most one run is pending.
 *
 * - A change while idle starts a run at once (so a single click or key press feels instant).
 * - Changes while a run is going or a change was just made are debounced (`debounceMs`, ~100 ms
 *   while dragging); when the timer fires, the stale run is cancelled and the newest inputs run.
 * - A result is delivered only if its run is still the newest one.
 *
 * Pure: timers are injectable so tests drive it with fake ones.
 */
export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions<I, O> {
  /** Runs one set of inputs; must reject (or resolve, ignored) once `signal` aborts. */
  run: (input: I, signal: AbortSignal) => Promise<O>;
  onResult: (output: O, input: I) => void;
  onError?: (error: unknown, input: I) => void;
  /** Called when work appears (true: inputs wait or a run goes) and when all is done (false). */
  onBusy?: (busy: boolean) => void;
  debounceMs?: number;
  timers?: SchedulerTimers;
}

export class RunScheduler<I, O> {
  #opts: SchedulerOptions<I, O>;
  #timers: SchedulerTimers;
  #pending: { input: I } | null = null;
  #timer: unknown = null;
  #running: { input: I; controller: AbortController; token: number } | null = null;
  #token = 0;
  #busy = false;
  /** Number of runs started (for tests and diagnostics). */
  started = 0;

  constructor(opts: SchedulerOptions<I, O>) {
    this.#opts = opts;
    this.#timers = opts.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
  }

  /** True while a run is going or inputs wait to run. */
  get busy(): boolean {
    return this.#running !== null || this.#pending !== null;
  }

  /** Ask for a run with these inputs (debounced unless idle). */
  request(input: I): void {
    this.#pending = { input };
    this.#notify();
    if (this.#running === null && this.#timer === null) {
      this.#flush();
      // Later changes within the debounce window wait for it.
      this.#timer = this.#timers.setTimeout(() => this.#onTimer(), this.#opts.debounceMs ?? 100);
      return;
    }
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = this.#timers.setTimeout(() => this.#onTimer(), this.#opts.debounceMs ?? 100);
  }

  /** Run these inputs now, cancelling anything older (no debounce). */
  runNow(input: I): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = { input };
    this.#notify();
    this.#flush();
  }

  /** Cancel everything: the running run, the pending inputs, the timer. */
  cancel(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
    if (this.#running) {
      this.#running.controller.abort();
      this.#running = null;
    }
    this.#notify();
  }

  #notify(): void {
    const busy = this.busy;
    if (busy !== this.#busy) {
      this.#busy = busy;
      this.#opts.onBusy?.(busy);
    }
  }

  #onTimer(): void {
    this.#timer = null;
    this.#flush();
  }

  #flush(): void {
    const next = this.#pending;
    if (!next) return;
    this.#pending = null;
    // A newer change cancels the older run.
    this.#running?.controller.abort();
    const controller = new AbortController();
    const token = ++this.#token;
    this.#running = { input: next.input, controller, token };
    this.started++;
    this.#opts.run(next.input, controller.signal).then(
      (out) => this.#settle(token, () => this.#opts.onResult(out, next.input)),
      (err) => this.#settle(token, () => this.#opts.onError?.(err, next.input)),
    );
  }

  #settle(token: number, deliver: () => void): void {
    if (this.#running?.token !== token) return; // stale: a newer run superseded it
    this.#running = null;
    deliver();
    if (this.#pending && this.#timer === null) this.#flush();
    this.#notify();
  }
}
