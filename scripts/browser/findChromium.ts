import { existsSync } from 'node:fs';

/**
 * Where the browser tests look for a Chromium, in order. Each place is tried only if the ones
 * before it found nothing; none found is an error naming every place tried (the tests then fail,
 * never skip).
 */
export const INSTALLED_CHROME = ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/chromium-browser'];
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** CHROMIUM_PATH=bundled asks for the npm package's browser directly (the CI's smoke test of that path). */
export const BUNDLED = 'bundled';

export interface FoundChromium {
  path: string;
  /** Which place it came from, for the test log. */
  source: 'CHROMIUM_PATH' | 'system' | 'installed Chrome' | '@sparticuz/chromium';
}

export interface Lookup {
  env: string | undefined;
  exists: (path: string) => boolean;
  /** The bundled browser's path (extracted on first use), or an error saying why it is not there. */
  bundled: () => Promise<string>;
}

async function bundledChromium(): Promise<string> {
  // Linux x64 only; extracts its binary to the temp folder on first use (about 1.5 s).
  const mod = (await import('@sparticuz/chromium')) as { default: { executablePath: () => Promise<string> } };
  return mod.default.executablePath();
}

const defaults: Lookup = { env: process.env.CHROMIUM_PATH, exists: existsSync, bundled: bundledChromium };

/**
 * Find a Chromium: a CHROMIUM_PATH the user sets (it must exist: a wrong path is an error, not a
 * reason to try others), /usr/bin/chromium, an installed Chrome, then the Linux Chromium inside
 * the `@sparticuz/chromium` devDependency.
 */
export async function findChromium(look: Lookup = defaults): Promise<FoundChromium> {
  const tried: string[] = [];
  if (look.env && look.env !== BUNDLED) {
    if (look.exists(look.env)) return { path: look.env, source: 'CHROMIUM_PATH' };
    throw new Error(`No browser for the tests: CHROMIUM_PATH is set to ${look.env}, which does not exist. Fix or unset it.`);
  }
  if (look.env !== BUNDLED) {
    tried.push('CHROMIUM_PATH (not set)');
    tried.push(SYSTEM_CHROMIUM);
    if (look.exists(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' };
    for (const p of INSTALLED_CHROME) {
      tried.push(p);
      if (look.exists(p)) return { path: p, source: 'installed Chrome' };
    }
  }
  try {
    const path = await look.bundled();
    if (look.exists(path)) return { path, source: '@sparticuz/chromium' };
    tried.push(`@sparticuz/chromium (its binary ${path} is missing)`);
  } catch (e) {
    tried.push(`@sparticuz/chromium (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  throw new Error(
    `No browser for the tests. Tried, in order: ${tried.join('; ')}. Set CHROMIUM_PATH to a Chromium or Chrome, install Debian's (apt-get install -y chromium), or run npm ci to get @sparticuz/chromium.`,
  );
}
