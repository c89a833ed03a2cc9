/**
 * The one cancellation error. Whatever stops on request (a run's chunk loop, a worker's range, a
 * pool's job, an analysis) throws an AbortError, and whoever waits asks `isAbort(e)`: a
 * cancellation is not a failure, so it is never shown as an error.
 */
export class AbortError extends Error {
  constructor(message = 'run cancelled') {
    super(message);
    // The platform's name for the same thing (a DOMException from an aborted signal), so both read alike.
    this.name = 'AbortError';
  }
}

/** Was `e` a cancellation: our AbortError, or the platform's (a DOMException named AbortError)? */
export function isAbort(e: unknown): boolean {
  return e instanceof AbortError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError');
}
