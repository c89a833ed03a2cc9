import { validateScenario, type FieldError, type LoadedScenario } from '../../engine';

export interface Preset extends LoadedScenario {
  /** File name in scenarios/ ("baseline.json"). */
  file: string;
}

export interface PresetLoad {
  presets: Preset[];
  /** Files that failed validation, with every problem named. */
  invalid: { file: string; errors: FieldError[] }[];
}

/**
 * Validate bundled scenario modules (path → module or parsed JSON). Invalid files are reported and
 * skipped, never fatal; a baseline preset comes first, the rest by title.
 */
export function loadPresets(modules: Record<string, unknown>): PresetLoad {
  const presets: Preset[] = [];
  const invalid: PresetLoad['invalid'] = [];
  for (const [path, mod] of Object.entries(modules)) {
    const file = path.split('/').pop() ?? path;
    const data = mod !== null && typeof mod === 'object' && 'default' in mod ? (mod as { default: unknown }).default : mod;
    const r = validateScenario(data);
    if (r.ok) presets.push({ ...r.value, file });
    else invalid.push({ file, errors: r.errors });
  }
  const seen = new Set<string>();
  for (const p of presets) {
    if (seen.has(p.id)) invalid.push({ file: p.file, errors: [{ field: 'id', message: `${JSON.stringify(p.id)} is used by another preset` }] });
    seen.add(p.id);
  }
  const unique = presets.filter((p, i) => presets.findIndex((q) => q.id === p.id) === i);
  unique.sort((a, b) => (a.id === 'baseline' ? -1 : b.id === 'baseline' ? 1 : a.title.localeCompare(b.title)));
  return { presets: unique, invalid };
}
