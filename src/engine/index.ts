// The engine's public surface, each name listed (as d3-array's index does): what the page, the
// workers, the command line, the scripts, the benchmarks and the tests use. A name not listed is
// internal to its module; add it here when a caller outside the engine needs it.
// Layer by layer: each folder imports only the ones above it in this list, and the root files only
// each other (test/purity.test.ts keeps that order). Pure TypeScript: no DOM, Svelte, d3-selection
// or Node imports.

// Root files: the lever registry, the kinds of lever and their directions, the groups, the run
// settings and a run's inputs, the engine version
export {
  type LeverSpec, EU_POSTURES, type EuPosture, US_TIERS, type UsTier, type Levers, type LeverKey, LEVERS,
  LEVER_KEYS, leverSpec, changedLevers, defaultLevers
} from './levers';
export {
  type Direction, type NumberLever, type BooleanLever, type ChoiceLever, type MonthLever, choiceValues
} from './leverKinds';
export { LEVER_GROUPS, type LeverGroup } from './leverGroups';
export { RUN_SETTINGS, type RunSettings, type RunInput, sameRun } from './runSettings';
export { ENGINE_VERSION } from './version';

// math/: random streams, statistics, rank correlation
export { trialRng, normalQuantile } from './math/rng';
export { Z95, wilson, worstCaseHalfWidth, quantileSorted } from './math/stats';
export { argsort, averageRanks, spearman } from './math/rankCorrelation';

// model/: the six mechanisms of MODEL.md and compiling them for one set of levers
export {
  type Assumption, ASSUMPTIONS, type AssumptionKey, type ModelParams, ASSUMPTION_KEYS, type AssumptionValues, assumptionSet,
  modelParams, DEFAULT_PARAMS, changedAssumptions, sameAssumptions, ASSUMPTION_GROUPS, CALIBRATED_KEYS
} from './model/assumptions';
export {
  ukraineArmyFactor, ukraineDefence, europeanCoverage, postureDenial, postureCommitment, enablerSurvival,
  europeanForceValue, europeanDenial, usCombatPower, offensiveSuccess
} from './model/capability';
export {
  vetoFactor, beyondToken, europeEngagementProbability, europeEngagementCost, usHonourProbability,
  usEngagementCost, snapbackProbability, snapbackCost, peaceValue
} from './model/credibility';
export {
  horizonMonths, usAttention, addMonths, electionMonths, MAX_TERMS, termByMonth, sanctionsPath,
  russianCapacityPath, ukraineFunding, readinessTarget, ukraineReadinessPath, monthName
} from './model/time';
export { MODE_KEYS, type ModeKey, MODE_CODE, MODES, type ModeShape, modeShape, modeGain, modeWarCost, modeTerms } from './model/modes';
export {
  FIVE_LEVELS, MAX_INCIDENTS, MAX_YEARS, UPFRONT_DRAWS, type RawDraws, drawTrial, emptyDraws, incidentMonths,
  trialResolve, resolvePath, trialCredibilities, trialGreyTaste, reliefPace, reconstitutionYears, yearOf, yearsFor
} from './model/uncertainty';
export {
  balanceStrengthLevels, balanceLevelPath, priorOdds, signalFirm, oddsToProbability, posteriorBelief
} from './model/beliefs';
export {
  type MonthContext, type ModeAnalysis, analyseMode, analyseGreyZone, zkThreshold, noiseScale, CHOICE, chooseMonth,
  choiceProbabilities
} from './model/decision';
export {
  FLAG_EUROPE, FLAG_US, FLAG_SNAPBACK, FLAG_DELIBERATE, FLAG_GREY_EUROPE, FLAG_GREY_US, FLAG_GREY_SNAPBACK,
  FLAG_SUCCEEDED, FLAG_MISJUDGED, FLAG_WRONG_BALANCE, FLAG_WRONG_GUARANTORS, guarantorResponse, trueWarSuccess
} from './model/response';
export {
  CLASSES, LEVELS, TRUTH_LEVEL, trialClass, classLevels, COEF, type CompiledModel, compileModel, explainMonth, monthContext,
  staticContext, analyseMonth, rowOffset
} from './model/compile';
export { type TrialPath, trialPath } from './model/trialPath';
export { type World, WORLD_KEYS } from './model/world';

// run/: the kernel, the chunked run loop, results, summary, paired comparison, convergence
export {
  type TrialResults, STORED_TERMS, BYTES_PER_TRIAL, allocateResults, TRIAL_ARRAYS, resultBuffers,
  resultsView, mergeChunk
} from './run/trialResults';
export { runTrials, warCourse } from './run/kernel';
export { chunkedTrials, simulate, simulateAsync } from './run/simulate';
export { paramsLevers, type Summary, type SummaryModel, summarize, summaryModel, survivalBand, resumedBy, warBy } from './run/summary';
export { pairedDifference, independentDifference, warIndicator } from './run/paired';
export { type ConvergencePoint, checkpoints, convergence, compareRuns } from './run/convergence';
export { AbortError, isAbort } from './run/abort';

// io/: errors, validation, formats, scenario files, URL state, CSV, limits, the source articles
export { type FieldError, type Result, ok, fail, formatErrors } from './io/fieldErrors';
export { didYouMean } from './io/didYouMean';
export { formatNumber, formatLeverValue, describeAllowed } from './io/format';
export {
  checkLeverValue, parseLeverText, unknownLeverError, clipName, resolveLevers, checkTrials, parseTrialsText,
  checkSeed, resolveRunSettings, quoteName, escapeControls
} from './io/validate';
export {
  formatAssumptionValue, assumptionRangeText, describeAssumptionRange, parseAssumptionText,
  resolveAssumptions, parseAssumePairs, assumptionList, RETIRED_ASSUMPTIONS, layerAssumptions, assumptionSpec, unknownAssumptionError,
  checkAssumptionValue
} from './io/assumptionInput';
export { ARTICLES, citation, article } from './io/articles';
export {
  type ScenarioSource, type Scenario, type LoadedScenario, MAX_SCENARIO_BYTES, utf8Bytes, scenarioSizeError,
  validateScenario, parseScenario, scenarioLabel, scenarioFromLevers, SCENARIO_ID_RE, controlCharacterError
} from './io/scenario';
export { encodeUrlState, decodeUrlState } from './io/urlState';
export { trialCsvHeader, safeCsvText, trialRowsCsv } from './io/csv';
export { TRIAL_COLUMNS, dataDictionaryMarkdown } from './io/trialColumns';
export {
  MAX_ANALYSIS_TRIALS, RUN_COPIES, runMemoryBytes, maxTrialsFor, checkRunMemory, checkAnalysisSize,
  memoryBudget
} from './io/limits';

// analysis/: sensitivity, sweeps, calibration, trial replay and components, scenario discovery and
// PRIM, plausible worlds, robustness across them
export {
  type LeverSwing, type SensitivityResult, swingValues, type SensitivityGroup, SENSITIVITY_ITEMS,
  SENSITIVITY_KEYS, planSensitivity, combineSensitivity, sensitivity
} from './analysis/sensitivity';
export {
  MAX_SWEEP_STEPS, type SweepAxis, parseAxis, defaultAxes, cellLevers, type SweepCell, runSweepCell,
  type SweepResult, runSweep, SWEEP_CSV_COLUMNS, sweepCsv
} from './analysis/sweep';
export { CALIBRATION_CASES, CALIBRATION_RUN, evaluateCalibration, worldCalibrationFigures } from './analysis/calibration';
export { calibrationLoss, inBand, bandMiss, formatBand, formatCalibrationValue } from './analysis/calibrationFit';
export { type MonthStory, WINDOW_LABELS, type TrialStory, type TrialOutcome, replayTrial } from './analysis/replay';
export { narrate, guarantorBeliefSentence, misjudgedReason } from './analysis/narrate';
export {
  COMPONENT_KEYS, type ComponentKey, COMPONENT_LABELS, type ComponentBand, type ComponentsOverTime,
  evenSample, componentsOverTime
} from './analysis/components';
export { trialFeatures, timeToWar, outcomeIndicator, type Discovery, type DiscoverOptions, discover } from './analysis/discover';
export { type PrimFeature, type PrimLimit, type PrimBox, prim, boxMembers } from './analysis/prim';
export {
  type WorldCell, WORLD_TRIALS, worldLevers, runInWorld, type WorldSpread, worldSpread, acrossWorlds,
  survivalBandAcrossWorlds
} from './analysis/worlds';
export {
  type RobustnessPackage, type RobustnessMatrix, type Spread, type FailureRule, type PackageRobustness,
  type Decides, type RobustnessResult, planRobustness, matrixFromCells, bestAndRegret, MAX_DECIDING,
  decidingFeatures, summarizeRobustness, runRobustness, robustnessCsv, robustnessMatrix
} from './analysis/robustness';
export { evpi, partialEvpi, valueOfInformation, type ValueOfInformation } from './analysis/valueOfInformation';
