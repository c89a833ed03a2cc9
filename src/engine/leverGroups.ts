/**
 * The groups the levers are shown under. A root file of the engine: it imports nothing.
 */

/** The groups controls are shown under, in display order. */
export const LEVER_GROUPS = [
  { id: 'europe', label: 'European force' },
  { id: 'us', label: 'US backstop' },
  { id: 'sanctions', label: 'Sanctions and money' },
  { id: 'ukraine', label: "Ukraine's strength" },
  { id: 'agreement', label: 'Agreement terms' },
  { id: 'moscow', label: 'Moscow' },
  { id: 'run', label: 'Run settings' },
] as const;

export type LeverGroup = (typeof LEVER_GROUPS)[number]['id'];
