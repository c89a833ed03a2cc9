// The engine's public surface, layer by layer (each folder imports only the ones above it in this
// list, and the root files levers.ts and version.ts; test/purity.test.ts keeps that order). Pure
// TypeScript: no DOM, Svelte, d3-selection or Node imports.
export * from './levers';
export * from './version';

// math/: random streams, statistics, rank correlation
export * from './math/rng';
export * from './math/stats';
export * from './math/rankCorrelation';

// model/: the six mechanisms of MODEL.md and compiling them for one set of levers
export * from './model/assumptions';
export * from './model/capability';
export * from './model/credibility';
export * from './model/time';
export * from './model/modes';
export * from './model/uncertainty';
export * from './model/decision';
export * from './model/response';
export * from './model/compile';
export * from './model/trialPath';
export * from './model/beliefs';
export * from './model/world';

// run/: the kernel, the chunked run loop, results, summary, paired comparison, convergence
export * from './run/trialResults';
export * from './run/kernel';
export * from './run/simulate';
export * from './run/summary';
export * from './run/paired';
export * from './run/convergence';
export * from './run/abort';

// io/: errors, validation, formats, scenario files, URL state, CSV, limits, the source articles
export * from './io/fieldErrors';
export * from './io/didYouMean';
export * from './io/format';
export * from './io/validate';
export * from './io/assumptionInput';
export * from './io/articles';
export * from './io/scenario';
export * from './io/urlState';
export * from './io/csv';
export * from './io/trialColumns';
export * from './io/limits';

// analysis/: sensitivity, sweeps, calibration, trial replay, scenario discovery
export * from './analysis/sensitivity';
export * from './analysis/sweep';
export * from './analysis/calibration';
export * from './analysis/calibrationFit';
export * from './analysis/replay';
export * from './analysis/components';
export * from './analysis/discover';
export * from './analysis/prim';
export * from './analysis/worlds';
export * from './analysis/robustness';
