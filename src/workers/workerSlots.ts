/**
 * Times a piece of work (a run's range, an analysis job) is run again after its worker crashed;
 * crashing a worker once more fails it: then the inputs themselves are likely what crashes it.
 */
export const MAX_RETRIES = 1;

/** What a worker posts once its script has loaded (before any job), so a load failure can be told from a crash. */
export const READY = 'ready';

/**
 * A fixed number of worker slots that always hold a live worker: a worker that crashes (an uncaught
 * error or a failed load: the `error` event), sends a message that cannot be read or is malformed
 * (`accept` says no), or is declared dead by its pool (`replace`) is terminated and a fresh one takes
 * its slot. Messages from a replaced worker are dropped. Both pools (runs and analysis jobs) keep
 * their workers here.
 */
export class WorkerSlots<Out> {
  readonly size: number;
  #factory: () => Worker;
  /** null: the slot's worker died and a fresh one is started when work is next posted to it. */
  #workers: (Worker | null)[];
  #what: string;
  #onMessage: (slot: number, data: Out) => void;
  #onCrash: (slot: number, reason: string) => void;
  #accept: (data: unknown) => data is Out;
  /** Whether each slot's worker has said anything yet (its READY, or any message). */
  #loaded: boolean[];
  /** Workers replaced over the slots' life (for tests and diagnostics). */
  restarts = 0;

  constructor(
    size: number,
    factory: () => Worker,
    /** What the workers are, for crash reasons ("worker", "analysis worker"). */
    what: string,
    onMessage: (slot: number, data: Out) => void,
    /** A slot's worker died and has been replaced already. */
    onCrash: (slot: number, reason: string) => void,
    /** Is a message well formed? One that is not counts as a crash. */
    accept: (data: unknown) => data is Out = (_: unknown): _ is Out => true,
  ) {
    this.size = size;
    this.#factory = factory;
    this.#what = what;
    this.#onMessage = onMessage;
    this.#onCrash = onCrash;
    this.#accept = accept;
    this.#loaded = new Array<boolean>(size).fill(false);
    this.#workers = Array.from({ length: size }, (_, i) => this.#spawn(i));
  }

  #spawn(i: number): Worker {
    const w = this.#factory();
    this.#loaded[i] = false;
    w.onmessage = (e: MessageEvent<unknown>) => {
      if (this.#workers[i] !== w) return; // a replaced worker's last words
      this.#loaded[i] = true;
      const data = e.data;
      if ((data as { type?: unknown } | null)?.type === READY) return;
      if (!this.#accept(data)) {
        this.replace(i, `the ${this.#what} sent a malformed message`);
        return;
      }
      this.#onMessage(i, data);
    };
    w.onerror = (e) => {
      // Handled here (the page reports it), so the browser need not log it as uncaught.
      e.preventDefault?.();
      if (this.#workers[i] !== w) return;
      // A worker that never said anything failed to load its script (offline, blocked, missing).
      const reason = this.#loaded[i]
        ? e.message || `the ${this.#what} crashed`
        : `the ${this.#what} could not load${e.message ? ` (${e.message})` : ''}; if the page is offline, reconnect and retry`;
      this.replace(i, reason);
    };
    w.onmessageerror = () => {
      if (this.#workers[i] === w) this.replace(i, `a message from the ${this.#what} could not be read`);
    };
    return w;
  }

  /**
   * Terminate slot `i`'s worker, then report the crash. Its replacement starts when work is next
   * posted to the slot, not at once: a worker that cannot load (offline, blocked) would otherwise be
   * respawned, and fail, in an endless loop while idle.
   */
  replace(i: number, reason: string): void {
    this.#workers[i]?.terminate();
    this.#workers[i] = null;
    this.restarts++;
    this.#onCrash(i, reason);
  }

  post(i: number, msg: unknown): void {
    (this.#workers[i] ??= this.#spawn(i)).postMessage(msg);
  }

  terminate(): void {
    for (const w of this.#workers) w?.terminate();
  }
}
