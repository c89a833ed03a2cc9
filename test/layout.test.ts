// The README's "Project layout" is true: every file and folder of src/, scripts/ and bench/ is named
// there (or its folder is, described whole), and every path it names exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
/** The folders whose every file the layout accounts for. */
const COVERED = ['src', 'scripts', 'bench'];

/** The "## Project layout" section of README.md, up to the next "## " heading. */
export function layoutSection(readme: string): string {
  const start = readme.indexOf('\n## Project layout');
  if (start < 0) throw new Error('README.md has no "## Project layout" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/**
 * The paths the layout's tree names (repository-relative; folders end in "/"; "*" is a wildcard).
 * A line of the tree is a name (or names, comma-separated) then two or more spaces and what it is;
 * a line indented by 2 names something in the last folder at indent 0; deeper lines continue the
 * description above.
 */
export function layoutPaths(section: string): string[] {
  const block = section.match(/```\n([\s\S]*?)```/);
  if (!block) throw new Error('the layout section has no code block');
  const out: string[] = [];
  let folder = '';
  for (const line of block[1].split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (!line.trim() || indent > 2) continue;
    const names = line.trim().split(/\s{2,}/)[0].split(/,\s*/);
    for (const name of names) {
      const path = indent === 0 ? name : posix.join(folder, name); // join keeps a trailing "/"
      out.push(path);
      if (indent === 0 && name.endsWith('/')) folder = name;
    }
  }
  return out;
}

/** Every file and folder under `top` (folders end in "/"). */
function tree(top: string): string[] {
  return readdirSync(join(ROOT, top), { withFileTypes: true }).flatMap((e) => {
    const p = `${top}/${e.name}`;
    return e.isDirectory() ? [`${p}/`, ...tree(p)] : [p];
  });
}

const globToRegExp = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/** Which of `paths` the layout `listed` accounts for not: listed themselves, or their nearest listed folder lists nothing under it. */
export function uncovered(paths: readonly string[], listed: readonly string[]): string[] {
  const named = (p: string) => listed.some((l) => (l.includes('*') ? globToRegExp(l).test(p) : l === p));
  const leaf = (folder: string) => !listed.some((l) => l !== folder && l.startsWith(folder));
  return paths.filter((p) => {
    if (named(p)) return false;
    for (let d = posix.dirname(p.replace(/\/$/, '')); d !== '.' && d !== '/'; d = posix.dirname(d)) if (listed.includes(`${d}/`)) return !leaf(`${d}/`);
    return true;
  });
}

/** Which of `listed` name nothing on disk (a wildcard must match a file). */
export function missing(listed: readonly string[], files: readonly string[]): string[] {
  return listed.filter((l) => {
    if (l.includes('*')) return !files.some((f) => globToRegExp(l).test(f));
    const abs = join(ROOT, l);
    return !existsSync(abs) || statSync(abs).isDirectory() !== l.endsWith('/');
  });
}

describe("the README's project layout", () => {
  const section = layoutSection(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const listed = layoutPaths(section);
  const files = COVERED.flatMap(tree);

  it('names every file and folder of src/, scripts/ and bench/, or its folder as a whole', () => {
    expect(listed.length).toBeGreaterThan(20);
    expect(uncovered(files, listed)).toEqual([]);
  });

  it('names only paths that exist', () => {
    expect(missing(listed, files)).toEqual([]);
  });

  it('names only files that exist in its tables (the data flow)', () => {
    const spans = [...section.matchAll(/`((?:src|scripts|bench|test|docs)\/[^`\s]*)`/g)].map((m) => m[1]);
    expect(spans.length).toBeGreaterThan(5);
    expect(spans.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('shows the data flow from the registry to the chart, in order', () => {
    const steps = [...section.matchAll(/^\| (registry|compiled model|kernel|trial results|summary|view model|chart) \|/gm)].map((m) => m[1]);
    expect(steps).toEqual(['registry', 'compiled model', 'kernel', 'trial results', 'summary', 'view model', 'chart']);
  });

  it('the check itself catches an unlisted file, a partial folder listing and a path that does not exist', () => {
    const tiny = layoutPaths('```\nsrc/cli/     the command line\n  simulate.ts  one command\nsrc/engine/   the engine\nbench/        benches\n```\n');
    expect(tiny).toEqual(['src/cli/', 'src/cli/simulate.ts', 'src/engine/', 'bench/']);
    // src/cli/ lists a file, so it must list them all; src/engine/ lists none, so it covers its files.
    expect(uncovered(['src/cli/simulate.ts', 'src/cli/robustness.ts', 'src/engine/levers.ts', 'scripts/soak.ts'], tiny)).toEqual(['src/cli/robustness.ts', 'scripts/soak.ts']);
    expect(uncovered(['src/cli/robustnessShard.ts'], ['src/cli/', 'src/cli/robustness*.ts'])).toEqual([]);
    expect(missing(['src/cli/nothing.ts', 'src/cli/nothing*.ts', 'src/cli/simulate.ts/', 'src/cli/simulate.ts'], files)).toEqual(['src/cli/nothing.ts', 'src/cli/nothing*.ts', 'src/cli/simulate.ts/']);
  });
});
