import { expect } from 'vitest';
import { typedArrayEquality } from './typedArrayEquality';

// Run before every unit test file (vite.config.ts, setupFiles).
expect.addEqualityTesters([typedArrayEquality]);
