import { describe, expect, it } from 'vitest';
import { INSTALLED_CHROME, SYSTEM_CHROMIUM, findChromium, type Lookup } from '../scripts/browser/findChromium';

/** A lookup over a fake file system: `files` exist, the bundled browser is at `bundledAt` or fails. */
function fake(env: string | undefined, files: string[], bundledAt: string | Error = new Error('Cannot find package @sparticuz/chromium')): Lookup {
  const set = new Set(files);
  return {
    env,
    exists: (p) => set.has(p),
    bundled: async () => {
      if (bundledAt instanceof Error) throw bundledAt;
      return bundledAt;
    },
  };
}

describe('findChromium', () => {
  const cases: { name: string; env?: string; files: string[]; bundled?: string; path: string; source: string }[] = [
    { name: 'CHROMIUM_PATH wins over everything', env: '/opt/my/chrome', files: ['/opt/my/chrome', SYSTEM_CHROMIUM, '/tmp/chromium'], bundled: '/tmp/chromium', path: '/opt/my/chrome', source: 'CHROMIUM_PATH' },
    { name: "Debian's chromium comes next", files: [SYSTEM_CHROMIUM, INSTALLED_CHROME[0], '/tmp/chromium'], bundled: '/tmp/chromium', path: SYSTEM_CHROMIUM, source: 'system' },
    { name: 'then an installed Chrome', files: [INSTALLED_CHROME[2], '/tmp/chromium'], bundled: '/tmp/chromium', path: INSTALLED_CHROME[2], source: 'installed Chrome' },
    { name: 'then the npm package', files: ['/tmp/chromium'], bundled: '/tmp/chromium', path: '/tmp/chromium', source: '@sparticuz/chromium' },
    { name: 'CHROMIUM_PATH=bundled skips the installed browsers', env: 'bundled', files: [SYSTEM_CHROMIUM, '/tmp/chromium'], bundled: '/tmp/chromium', path: '/tmp/chromium', source: '@sparticuz/chromium' },
  ];
  for (const c of cases) {
    it(`finds a browser: ${c.name}`, async () => {
      expect(await findChromium(fake(c.env, c.files, c.bundled))).toEqual({ path: c.path, source: c.source });
    });
  }

  it('fails, naming every place tried in order, when no browser is found', async () => {
    const err = await findChromium(fake(undefined, [])).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^No browser for the tests\. Tried, in order: CHROMIUM_PATH \(not set\); \/usr\/bin\/chromium; \/usr\/bin\/google-chrome; /);
    expect(msg).toContain('@sparticuz/chromium (Cannot find package @sparticuz/chromium)');
    const order = ['CHROMIUM_PATH', SYSTEM_CHROMIUM, ...INSTALLED_CHROME, '@sparticuz/chromium'].map((p) => msg.indexOf(p));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of trying others', async () => {
    await expect(findChromium(fake('/nope/chrome', [SYSTEM_CHROMIUM]))).rejects.toThrow('CHROMIUM_PATH is set to /nope/chrome, which does not exist');
  });

  it('says when the bundled binary is missing after extraction', async () => {
    await expect(findChromium(fake('bundled', [], '/tmp/gone'))).rejects.toThrow('@sparticuz/chromium (its binary /tmp/gone is missing)');
  });
});
