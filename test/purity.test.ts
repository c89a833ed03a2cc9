import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engine runs in a worker, in Node and in tests: it must import nothing of the page or of Node.
// Inside it, folders are layers: each imports only from layers before it in LAYERS (and from the
// root files: the lever vocabulary and the version, which import only each other), never upward.
const dir = resolve(__dirname, '../src/engine');
const LAYERS = ['math', 'model', 'run', 'io', 'analysis'] as const;
const ROOT_FILES = ['levers.ts', 'leverKinds.ts', 'leverGroups.ts', 'runSettings.ts', 'version.ts'];

function walk(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [relative(dir, join(d, e.name)).split('\\').join('/')] : [],
  );
}
const files = walk(dir);
const importsOf = (f: string) => [...readFileSync(join(dir, f), 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
/** The layer index of an engine file (−1: a root file). */
const layerOf = (f: string): number => (f.includes('/') ? LAYERS.indexOf(f.split('/')[0] as (typeof LAYERS)[number]) : -1);

describe('the engine', () => {
  it('keeps every file in a layer folder, except the registry, the version and the index', () => {
    const stray = files.filter((f) => layerOf(f) < 0 && !f.includes('/') && ![...ROOT_FILES, 'index.ts'].includes(f));
    const unknownFolders = files.filter((f) => f.includes('/') && layerOf(f) < 0);
    expect(stray).toEqual([]);
    expect(unknownFolders).toEqual([]);
    expect(files.filter((f) => f.startsWith('model/')).length).toBeGreaterThan(5);
  });
  it.each(files)('%s imports only the engine, seedrandom and d3-dsv', (f) => {
    for (const spec of importsOf(f)) expect(spec, `${f} imports ${spec}`).toMatch(/^(\.\.?\/|seedrandom$|d3-dsv$)/);
  });
  it.each(files.filter((f) => f !== 'index.ts'))('%s imports no layer after its own', (f) => {
    const own = layerOf(f);
    for (const spec of importsOf(f).filter((s) => s.startsWith('.'))) {
      const target = posix.normalize(posix.join(posix.dirname(f), spec));
      const t = layerOf(target.endsWith('.ts') ? target : `${target}.ts`);
      if (own < 0 && !ROOT_FILES.includes(target.endsWith('.ts') ? target : `${target}.ts`)) expect.fail(`${f} is a root file and must import only the other root files, but imports ${spec}`);
      if (own < 0) continue;
      expect(t, `${f} (layer ${LAYERS[own]}) imports ${spec} (layer ${t < 0 ? 'root' : LAYERS[t]})`).toBeLessThanOrEqual(own);
    }
  });
  it('index.ts only re-exports, naming each export (no export *, which hides what is public)', () => {
    const code = readFileSync(join(dir, 'index.ts'), 'utf8').replace(/\/\/.*$/gm, '').trim();
    const statements = code.split(';').map((st) => st.trim()).filter(Boolean);
    for (const st of statements) expect(st).toMatch(/^export \{[\s\w,]+\} from '\.\/[a-z]+(\/[A-Za-z]+|[A-Za-z]*)'$/);
    expect(statements.length).toBeGreaterThan(40);
  });
  it.each(files)('%s uses no DOM, Node or Math.random global', (f) => {
    const code = readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(code).not.toMatch(/\b(document|window|localStorage|process|require|Buffer)\s*[.(]/);
    expect(code).not.toMatch(/Math\.random/);
  });
  it('the purity rule itself catches an upward import', () => {
    // analysis → run is allowed; run → analysis is not.
    expect(layerOf('analysis/sweep.ts')).toBeGreaterThan(layerOf('run/simulate.ts'));
    expect(layerOf('levers.ts')).toBe(-1);
  });
});
