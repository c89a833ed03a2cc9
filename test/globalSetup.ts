import { rmSync } from 'node:fs';
import { CACHE_DIR } from './fixtures/cacheDir';

/** Once per `vitest run`, before any test file: fixtures shared between files start afresh. */
export default function setup(): void {
  rmSync(CACHE_DIR, { recursive: true, force: true });
}
