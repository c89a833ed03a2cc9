import { flushSync } from 'svelte';
import {
  ASSUMPTION_GROUPS,
  ASSUMPTION_KEYS,
  ENGINE_VERSION,
  LEVERS,
  RUN_SETTINGS,
  changedAssumptions,
  changedLevers,
  checkRunMemory,
  compileModel,
  defaultLevers,
  formatErrors,
  isAbort,
  maxTrialsFor,
  memoryBudget,
  sameAssumptions,
  sameRun,
  summarize,
  survivalBand,
  type AssumptionKey,
  type AssumptionValues,
  type CompiledModel,
  type FieldError,
  type LeverKey,
  type LeverSpec,
  type Levers,
  type LoadedScenario,
  type Result,
  type RunInput,
  type Summary,
  type TrialResults,
} from '../../engine';
import { decodeUrlState, encodeUrlState } from '../../engine/io/urlState';
import { PAGE_KEYS, pageQuery, parsePageOptions, type PageOptions } from './pageOptions';
import { RunScheduler } from './scheduler';
import { WorkerPool } from '../../workers/pool';
import { histogramBins, histogramEvents, type HistBin } from './histogram';
import { scenarioName, type Named, type ScenarioName } from './scenarioName';
import { DEFAULT_THRESHOLD, THRESHOLD_POINTS } from './threshold';

/** The browser's memory hints (Chromium: performance.memory, navigator.deviceMemory) as a budget. */
function browserMemoryBudget(): number {
  const perf = (globalThis.performance as { memory?: { jsHeapSizeLimit?: number } } | undefined)?.memory;
  const nav = globalThis.navigator as { deviceMemory?: number } | undefined;
  return memoryBudget({ jsHeapSizeLimit: perf?.jsHeapSizeLimit, deviceMemoryGb: nav?.deviceMemory });
}
import { VIEWS, type View } from './views';
import { measureLatest } from './timing';

/** Everything the charts need from a finished run (computed once, kept in $state.raw). */
export interface RunView {
  id: number;
  input: RunInput;
  summary: Summary;
  band: { lo: number[]; hi: number[] };
  bins: HistBin[];
  model: CompiledModel;
  /** Trial rows (for the CSV, convergence and the paired comparison with a baseline). */
  results: TrialResults | null;
  ms: number;
  /** Workers the run was split across. */
  workers: number;
  /** True for the quick first look at a big run: its first PREVIEW_TRIALS trials only. */
  preview: boolean;
}

/**
 * Runs above this many trials first show a preview of their first PREVIEW_TRIALS trials. Trials
 * have their own random streams, so the preview is exactly the run with fewer trials.
 */
export const PREVIEW_ABOVE = 50_000;
export const PREVIEW_TRIALS = 10_000;

export { DEFAULT_THRESHOLD, THRESHOLD_POINTS } from './threshold';

export { VIEWS, type View };

/** A finished run as the charts need it: its model, summary, band and histogram, computed once. */
function runView(id: number, input: RunInput, out: { results: TrialResults; ms: number; workers: number }): RunView {
  const t0 = performance.now();
  const model = compileModel(input.levers, input.assumptions);
  const t1 = performance.now();
  const summary = summarize(model, out.results, input.seed);
  const t2 = performance.now();
  // User-timing entries: how long the page spends on a finished run (seen in devtools and the bench).
  measureLatest('compileModel', t0, t1);
  measureLatest('summarize', t1, t2);
  return {
    id,
    input,
    summary,
    band: survivalBand(summary),
    bins: histogramBins(histogramEvents(out.results), summary.horizonMonths),
    model,
    results: out.results,
    ms: out.ms,
    workers: out.workers,
    preview: false,
  };
}

/** The id of the element that takes focus for a lever's control (the checked radio for a choice). */
export function leverControlSelector(spec: LeverSpec): string {
  return spec.kind === 'choice' ? `[data-lever=${spec.key}] input[type=radio]:checked` : `#lever-${spec.key}`;
}

/** The page's shared state: inputs, the latest run, the pinned baseline, messages. */
export class AppState {
  levers = $state.raw<Levers>(defaultLevers());
  /** Model assumptions changed from their calibrated defaults (changedAssumptions: none by default). */
  assumptions = $state.raw<AssumptionValues>({});
  /** Whether the Assumptions panel is open (collapsed by default). */
  assumptionsOpen = $state(false);
  /** The Assumptions panel's groups (ASSUMPTION_GROUPS ids) that are unfolded. */
  assumptionGroupsOpen = $state<Record<string, boolean>>({});
  trials = $state<number>(RUN_SETTINGS.trials.default);
  seed = $state<string>(RUN_SETTINGS.seed.default);
  run = $state.raw<RunView | null>(null);
  baseline = $state.raw<RunView | null>(null);
  running = $state(false);
  /** Trials done of the run in progress (0–trials). */
  progressDone = $state(0);
  progressTotal = $state(0);
  runError = $state<string | null>(null);
  urlErrors = $state.raw<FieldError[]>([]);
  importErrors = $state.raw<{ file: string; errors: FieldError[] } | null>(null);
  scenario = $state.raw<LoadedScenario | null>(null);
  showAdvanced = $state(false);
  /** The controls panel is unfolded (on a phone it folds away when a view's tab is tapped). */
  controlsOpen = $state(true);
  view = $state<View>('explore');
  /** The engine version a link was made with, when it differs from this page's. */
  linkEngine = $state<string | null>(null);
  /** What happened to a worker (crashed and restarted), until dismissed. */
  workerNotice = $state<string | null>(null);
  /** The last run was cancelled by the user (no result for the current inputs beyond any preview). */
  cancelled = $state(false);
  /** Bytes this browser can spare for a run's trial arrays (see limits.ts). */
  readonly memoryBudget = browserMemoryBudget();
  /** The most trials this device has the memory for (RUN_SETTINGS.trials.max on most). */
  readonly maxTrialsHere = maxTrialsFor(this.memoryBudget);
  /** The page's options from its address (view, workers), read once by `init`. */
  options: PageOptions = { view: null, workers: null };
  /** Called with each finished full run (not a preview), after it is drawn: the worlds band starts from here. */
  onRun: ((view: RunView) => void) | null = null;
  /** Runs finished (the charts mark the id they drew, for tests and the benchmark). */
  #runCount = 0;
  #scheduler: RunScheduler<RunInput, RunView> | null = null;
  #pool: WorkerPool | null = null;
  /** Why a worker of the current run was restarted (told once the run's outcome is known). */
  #restartReason: string | null = null;

  /** The bundled presets, to name levers that equal one (given by the page; none in tests that build an AppState). */
  presets: readonly Named[] = [];
  /** The smallest difference that matters, as a share (0.02 = 2 points): the results sentence's threshold. */
  threshold = $state(DEFAULT_THRESHOLD);
  /** The pinned baseline's name ("Coalition tripwire", "Full package (modified)", "your levers"). */
  baselineName = $state('');
  /** What the current levers are called: the loaded scenario (modified or not), a preset they equal, or "your levers". */
  currentName = $derived<ScenarioName>(scenarioName(this.levers, this.scenario, this.presets, this.assumptions));

  constructor(presets: readonly Named[] = []) {
    this.presets = presets;
  }

  /** Levers that differ from the loaded scenario's resolved levers. */
  changedSinceScenario = $derived.by(() => {
    const s = this.scenario;
    if (!s) return [] as string[];
    return changedLevers(s.resolved, this.levers);
  });

  /** Model assumptions that differ from those of the scenario the levers are named after (its own, else the calibrated defaults). */
  assumptionsChangedSinceScenario = $derived.by(() => {
    const s = this.currentName.scenario;
    if (!s) return [] as string[];
    return ASSUMPTION_KEYS.filter((k) => !sameAssumptions({ [k]: s.assumptions?.[k] }, { [k]: this.assumptions[k] }));
  });

  /** Read the URL (bad fields fall back to defaults and are reported), start the workers. */
  init(search: string): void {
    const { state, errors, engine } = decodeUrlState(search, PAGE_KEYS);
    // A link may ask for more trials than this device can hold: refused before anything starts
    // (the trials stay at their default).
    errors.push(...this.setRun(state));
    this.urlErrors = errors;
    this.options = parsePageOptions(search);
    if (this.options.view) this.view = this.options.view;
    if (engine !== null && engine !== ENGINE_VERSION) this.linkEngine = engine;
    this.#pool = new WorkerPool(this.options.workers ?? WorkerPool.defaultSize());
    this.#scheduler = new RunScheduler<RunInput, RunView>({
      debounceMs: 100,
      run: (input, signal) => this.#execute(input, signal),
      onResult: (view) => {
        const t = performance.now();
        this.run = view;
        this.runError = null;
        this.cancelled = false;
        if (this.#restartReason) {
          this.workerNotice = `A simulation worker stopped (${this.#restartReason}). It was restarted and its trials were run again, so the results shown are complete.`;
          this.#restartReason = null;
        }
        // Draw now, inside this task, so the time to updated charts can be measured.
        flushSync();
        measureLatest('render', t, performance.now());
        this.onRun?.(view);
      },
      onError: (err) => {
        if (isAbort(err)) return;
        this.runError = err instanceof Error ? err.message : String(err);
        this.#restartReason = null; // the error says what happened
        this.#dropStale();
      },
      onBusy: (busy) => {
        this.running = busy;
        if (!busy) this.progressDone = this.progressTotal;
      },
    });
    this.#scheduler.runNow(this.input());
  }

  input(): RunInput {
    const out: RunInput = { levers: this.levers, seed: this.seed, trials: this.trials };
    if (Object.keys(this.assumptions).length) out.assumptions = this.assumptions;
    return out;
  }

  /** The query string for the current inputs (v=1, seed, trials, non-default levers), the view and the page's own keys (linkState.ts). */
  query(page: readonly [string, string][] = []): string {
    const extra = page.length ? `&${new URLSearchParams(page as [string, string][]).toString()}` : '';
    return encodeUrlState(this.input()) + pageQuery({ view: this.view === 'explore' ? null : this.view, workers: null }) + extra;
  }

  /** Whether this device can hold a run of `trials` trials (checkRunMemory against its budget). */
  fitTrials(trials: number): Result<number> {
    return checkRunMemory(trials, this.memoryBudget);
  }

  /** Whether the run shown is for the current levers and seed (a preview counts: fewer trials, same inputs). */
  runIsCurrent(run: RunView | null = this.run): boolean {
    return !!run && sameRun(run.input, run.preview ? { ...this.input(), trials: run.input.trials } : this.input());
  }

  /** After a cancelled or failed run, results for other inputs must not stay on screen as if current. */
  #dropStale(): void {
    if (this.run && !this.runIsCurrent()) this.run = null;
  }

  /** Stop the run in progress (and any change waiting to run); the charts keep only results for these inputs. */
  cancelRun(): void {
    if (!this.running) return;
    this.#scheduler?.cancel();
    this.cancelled = true;
    this.#dropStale();
  }

  /** Run the current inputs again (after a cancel or a failure). */
  rerun(): void {
    this.cancelled = false;
    this.#request(true);
  }

  async #execute(input: RunInput, signal: AbortSignal): Promise<RunView> {
    if (!this.#pool) throw new Error('workers not started');
    const fits = this.fitTrials(input.trials);
    if (!fits.ok) throw new Error(formatErrors(fits.errors, '; '));
    if (input.trials > PREVIEW_ABOVE) {
      const preview = await this.#simulate({ ...input, trials: PREVIEW_TRIALS }, signal, input.trials);
      if (!signal.aborted) this.run = { ...preview, preview: true };
    }
    return this.#simulate(input, signal, input.trials);
  }

  async #simulate(input: RunInput, signal: AbortSignal, shownTotal: number): Promise<RunView> {
    this.progressDone = 0;
    this.progressTotal = shownTotal;
    const out = await this.#pool!.run(input.levers, input.seed, input.trials, {
      signal,
      assumptions: input.assumptions ?? {},
      onProgress: (done) => {
        if (input.trials === shownTotal) this.progressDone = done;
      },
      onRestart: (reason) => {
        this.#restartReason = reason;
      },
    });
    return runView(++this.#runCount, input, out);
  }

  /**
   * Pin the baseline a link names: run on workers of its own, so the page's run is not disturbed.
   * A failure is reported with the link's other problems.
   */
  async pinLinked(input: RunInput, name: string): Promise<void> {
    const pool = new WorkerPool(WorkerPool.defaultSize());
    try {
      const fits = this.fitTrials(input.trials);
      if (!fits.ok) throw new Error(fits.errors.map((e) => e.message).join('; '));
      this.baseline = runView(0, input, await pool.run(input.levers, input.seed, input.trials, { assumptions: input.assumptions ?? {} }));
      this.baselineName = name;
    } catch (e) {
      this.urlErrors = [...this.urlErrors, { field: 'base', message: `the linked baseline could not be run (${e instanceof Error ? e.message : String(e)}); nothing is pinned` }];
    } finally {
      pool.terminate();
    }
  }

  #request(now = false): void {
    if (!this.#scheduler) return;
    this.cancelled = false;
    if (now) this.#scheduler.runNow(this.input());
    else this.#scheduler.request(this.input());
  }

  setLever<K extends keyof Levers>(key: K, value: Levers[K]): void {
    if (this.levers[key] === value) return;
    this.levers = { ...this.levers, [key]: value };
    this.#request();
  }

  setLevers(levers: Levers): void {
    this.levers = levers;
    this.#request(true);
  }

  /**
   * Set the levers, seed and trials at once (one run, not three). Trials this device has not the
   * memory for (fitTrials) are refused: the levers and seed are set, the trials stay, and the
   * problems are returned (empty when all was set).
   */
  setRun(run: RunInput): FieldError[] {
    const fits = this.fitTrials(run.trials);
    const next: RunInput = { levers: run.levers, seed: run.seed, trials: fits.ok ? run.trials : this.trials, assumptions: changedAssumptions(run.assumptions ?? {}) };
    const changed = !sameRun(next, this.input());
    this.levers = next.levers;
    this.assumptions = next.assumptions!;
    this.seed = next.seed;
    this.trials = next.trials;
    if (changed) this.#request(true);
    return fits.ok ? [] : fits.errors;
  }

  /** Mark `s` as the loaded scenario without touching the levers (they already are its levers), or none. */
  markLoaded(s: LoadedScenario | null): void {
    this.scenario = s;
  }

  setTrials(n: number): void {
    if (n === this.trials) return;
    this.trials = n;
    this.#request(true);
  }

  setSeed(s: string): void {
    if (s === this.seed) return;
    this.seed = s;
    this.#request(true);
  }

  loadScenario(s: LoadedScenario): void {
    this.scenario = s;
    this.importErrors = null;
    // A scenario brings its assumptions (none: the calibrated defaults).
    this.assumptions = changedAssumptions(s.assumptions ?? {});
    this.setLevers({ ...s.resolved });
  }

  /** Change one assumption (validated by the caller: parseAssumptionText); its default value removes the change. */
  setAssumption(key: AssumptionKey, value: number): void {
    const next = changedAssumptions({ ...this.assumptions, [key]: value });
    if (sameAssumptions(next, this.assumptions)) return;
    this.assumptions = next;
    this.#request();
  }

  /** Put one assumption back to its calibrated default, or all of them. */
  resetAssumptions(key?: AssumptionKey): void {
    const next: AssumptionValues = { ...this.assumptions };
    if (key) delete next[key];
    const changed = key ? changedAssumptions(next) : {};
    if (sameAssumptions(changed, this.assumptions)) return;
    this.assumptions = changed;
    this.#request(true);
  }

  pinBaseline(): void {
    // The baseline keeps its trial arrays: the paired comparison needs them trial by trial.
    if (!this.run) return;
    this.baseline = { ...this.run };
    this.baselineName = scenarioName(this.run.input.levers, this.scenario, this.presets, this.run.input.assumptions as AssumptionValues | undefined).name;
  }

  /** Set the threshold from points typed by the reader; a bad value is refused with the field and range named. */
  setThresholdPoints(points: number): Result<number> {
    if (!Number.isFinite(points) || points < THRESHOLD_POINTS.min || points > THRESHOLD_POINTS.max) {
      return { ok: false, errors: [{ field: 'threshold', message: `${points} is out of range; expected ${THRESHOLD_POINTS.min}–${THRESHOLD_POINTS.max} points` }] };
    }
    this.threshold = points / 100;
    return { ok: true, value: this.threshold };
  }

  /**
   * Move keyboard focus to a lever's control: open the advanced levers if it is one of them and
   * leave the model view (which has no controls). Returns the focused element, if any.
   */
  focusLever(key: LeverKey): HTMLElement | null {
    const spec = LEVERS.find((l) => l.key === key);
    if (!spec) return null;
    if (!spec.basic) this.showAdvanced = true;
    this.controlsOpen = true;
    if (this.view === 'model') this.view = 'explore';
    flushSync();
    const el = document.querySelector<HTMLElement>(leverControlSelector(spec));
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
    return el;
  }

  /** Focus the control of a tornado entry: a lever's, or an assumption's field in the Assumptions panel. */
  focusItem(kind: 'lever' | 'assumption', key: string): HTMLElement | null {
    if (kind === 'lever') return this.focusLever(key as LeverKey);
    this.assumptionsOpen = true;
    const group = ASSUMPTION_GROUPS.find((g) => (g.keys as readonly string[]).includes(key));
    if (group) this.assumptionGroupsOpen[group.id] = true;
    this.controlsOpen = true;
    if (this.view === 'model') this.view = 'explore';
    flushSync();
    const el = document.querySelector<HTMLElement>(`[data-assumption="${CSS.escape(key)}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
    return el;
  }

  clearBaseline(): void {
    this.baseline = null;
  }
}
