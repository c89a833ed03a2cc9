// The page's user-timing entries (compileModel, summarize, render, the band) replace their last one.
export { measureLatest } from '../../workers/pool';

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
