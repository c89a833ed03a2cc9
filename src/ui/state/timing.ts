/**
 * A user-timing entry (seen in devtools' Performance panel) that replaces the previous entry of the
 * same name. The browser keeps every `performance.measure` until it is cleared, so a page that
 * measures each run would otherwise grow its performance timeline by a few entries per run for as
 * long as it stays open (the soak test saw about 4 entries, 0.5 KB, per run).
 */
export function measureLatest(name: string, start: number, end: number): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  performance.clearMeasures(name);
  performance.measure(name, { start, end });
}

/**
 * Call `fn` once `delayMs` have passed and `busy()` is false (checked every `pollMs`), but no later
 * than `maxWaitMs`: work that can wait (writing the address, the local store) stays off the main
 * thread while a run's results are coming in. Returns a cancel function.
 */
export function whenQuiet(fn: () => void, busy: () => boolean, delayMs: number, maxWaitMs = 2_000, pollMs = 100): () => void {
  const t0 = Date.now();
  let timer: ReturnType<typeof setTimeout> = setTimeout(function tick() {
    if (busy() && Date.now() - t0 < maxWaitMs) timer = setTimeout(tick, pollMs);
    else fn();
  }, delayMs);
  return () => clearTimeout(timer);
}
