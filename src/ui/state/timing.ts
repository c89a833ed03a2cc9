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
