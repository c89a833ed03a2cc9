/** The number of plausible worlds in src/engine/model/worlds.ts, defined by the build (vite.config.ts). */
declare const __PLAUSIBLE_WORLDS__: number;
