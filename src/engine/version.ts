/**
 * Version of the model's equations and random-number use. Bump it whenever a change can alter any
 * result for the same levers and seed (and regenerate the golden snapshots on purpose).
 */
export const ENGINE_VERSION = '3.0.0';
