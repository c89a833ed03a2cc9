import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engine runs in a worker, in Node and in tests: it must import nothing of the page or of Node.
const dir = resolve(__dirname, '../src/engine');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('the engine', () => {
  it.each(files)('%s imports only the engine, seedrandom and d3-dsv', (f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec, `${f} imports ${spec}`).toMatch(/^(\.\/|seedrandom$|d3-dsv$)/);
  });
  it.each(files)('%s uses no DOM, Node or Math.random global', (f) => {
    const code = readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(code).not.toMatch(/\b(document|window|localStorage|process|require|Buffer)\s*[.(]/);
    expect(code).not.toMatch(/Math\.random/);
  });
});
