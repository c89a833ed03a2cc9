import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house's import rules, one table (README.md, "Project layout", shows the same table, and a test
 * below keeps the two equal). A file under `folder` may import nothing under any of `never`
 * (folders of this repository, or `node:` for Node's own modules, however spelt).
 */
export const IMPORT_RULES: readonly { folder: string; never: readonly string[]; why: string }[] = [
  { folder: 'src/engine/', never: ['src/ui/', 'src/workers/', 'src/cli/', 'src/build/', 'scripts/', 'bench/', 'test/', 'node:'], why: 'the engine runs in workers, Node and tests alike: pure TypeScript (and only seedrandom and d3-dsv)' },
  { folder: 'src/ui/state/', never: ['src/ui/views/', 'src/ui/charts/', 'src/ui/controls/'], why: "the page's state is what views, charts and controls show; it knows none of them" },
  { folder: 'src/ui/', never: ['src/cli/', 'node:'], why: 'the page runs in a browser' },
  { folder: 'src/workers/', never: ['src/ui/', 'src/cli/', 'node:'], why: 'the workers run the engine for the page, in the browser, and know nothing of the page' },
  { folder: 'src/cli/', never: ['src/ui/'], why: 'the command line uses the engine, never the page' },
  { folder: 'scripts/', never: ['test/'], why: 'scripts run without the test runner; what they share with the tests lives in scripts/ (scripts/browser/)' },
  { folder: 'bench/', never: ['test/'], why: 'benches likewise' },
];

const ROOT = resolve(__dirname, '..');
const NODE_BUILTINS = new Set(builtinModules);

/** Every source file under `top` (repository-relative, with "/"). */
function sources(top: string): string[] {
  const walkAll = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walkAll(join(d, e.name)) : /\.(ts|mts|mjs|js|svelte)$/.test(e.name) ? [relative(ROOT, join(d, e.name)).split('\\').join('/')] : [],
    );
  return walkAll(join(ROOT, top));
}

/**
 * What `code` (the file `file`) imports, as repository paths ("src/ui/state/x") or `node:…`; other
 * packages by name. Static and dynamic imports, re-exports and `new URL('./…', import.meta.url)`
 * (a worker's entry).
 */
export function importTargets(file: string, code: string): string[] {
  const specs = [
    ...code.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*,\s*import\.meta\.url/g),
  ].map((m) => m[1]);
  return specs.map((s) => {
    if (s.startsWith('.')) return posix.normalize(posix.join(posix.dirname(file), s));
    if (s.startsWith('node:') || NODE_BUILTINS.has(s.split('/')[0])) return `node:${s.replace(/^node:/, '')}`;
    return s;
  });
}

/** The rules `file` breaks by importing `targets`: one message per import and rule. */
export function violations(file: string, targets: readonly string[]): string[] {
  return IMPORT_RULES.filter((r) => file.startsWith(r.folder)).flatMap((r) =>
    targets.filter((t) => r.never.some((n) => t.startsWith(n))).map((t) => `${file} imports ${t}, but ${r.folder} never imports ${r.never.join(', ')}: ${r.why}`),
  );
}

/** The rules as README.md shows them: one Markdown table row per rule. */
export function ruleRows(): string[] {
  return IMPORT_RULES.map((r) => `| \`${r.folder}\` | ${r.never.map((n) => `\`${n}\``).join(', ')} | ${r.why} |`);
}

describe('every folder keeps the import rules', () => {
  const files = ['src', 'scripts', 'bench'].flatMap(sources);
  it('finds the files of every folder with a rule', () => {
    for (const r of IMPORT_RULES) expect(files.filter((f) => f.startsWith(r.folder)).length, r.folder).toBeGreaterThan(0);
  });
  it.each(files)('%s', (f) => {
    expect(violations(f, importTargets(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });
  it('the rules catch what they forbid, however the import is written', () => {
    const bad = [
      ['scripts/soak.ts', "import { launch } from '../test/browser/harness';"],
      ['bench/ui.bench.ts', "const h = await import('../test/browser/harness');"],
      ['src/ui/state/appState.svelte.ts', "import { histogramBins } from '../charts/histogram';"],
      ['src/ui/state/x.ts', "export { axisFor } from '../views/sweepView';"],
      ['src/workers/runJob.ts', "import type { AppState } from '../ui/state/appState.svelte';"],
      ['src/cli/simulate.ts', "import { pct } from '../ui/format';"],
      ['src/engine/run/simulate.ts', "import { readFileSync } from 'fs';"],
      ['src/engine/io/csv.ts', "import { x } from 'node:fs/promises';"],
      ['src/ui/views/ModelView.svelte', "new Worker(new URL('../../cli/cellWorker.ts', import.meta.url))"],
    ] as const;
    for (const [file, code] of bad) expect(violations(file, importTargets(file, code)), `${file}: ${code}`).not.toEqual([]);
    // And allow what they do not: the page imports the engine and the workers; views import state.
    expect(violations('src/ui/views/sweepView.ts', importTargets('src/ui/views/sweepView.ts', "import { axisFor } from '../state/sweepAxis';\nimport { LEVERS } from '../../engine';"))).toEqual([]);
  });
  it('README.md shows the same rules', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const row of ruleRows()) expect(readme, row).toContain(row);
  });
});

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
