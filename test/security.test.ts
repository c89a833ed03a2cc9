import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CSP_HEADER, cspText } from '../src/build/csp';

const ROOT = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('no code from data', () => {
  test('the page source never turns text into markup or code', () => {
    const risky = /\{@html|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setTimeout\(\s*['"`]/;
    const hits = files(join(ROOT, 'src'))
      .filter((f) => /\.(ts|svelte)$/.test(f))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => risky.test(line))
      .map(({ f, i, line }) => `${f.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
    expect(hits).toEqual([]);
  });
});

describe('Content-Security-Policy', () => {
  test('allows only the page itself: no inline script, no eval, no other hosts', () => {
    const policy = Object.fromEntries(cspText().split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(policy['default-src']).toBe("'none'");
    expect(policy['script-src']).toBe("'self'");
    expect(policy['connect-src']).toBe("'self'");
    expect(policy['object-src']).toBe("'none'");
    expect(cspText()).not.toMatch(/unsafe-|https?:|\*/);
    expect(CSP_HEADER).toBe(`${cspText()}; frame-ancestors 'none'`);
  });

  test('SECURITY.md states the policy the build uses', () => {
    expect(readFileSync(join(ROOT, 'SECURITY.md'), 'utf8')).toContain(cspText());
  });
});
