import { loadPresets } from './presets';

/** Every scenarios/*.json, bundled at build time (a file added later needs a rebuild). */
const modules = import.meta.glob('/scenarios/*.json', { eager: true });

export const PRESETS = loadPresets(modules);
