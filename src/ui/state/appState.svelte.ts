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
  defaultLevers,
  formatErrors,
  isAbort,
  maxTrialsFor,
  sameAssumptions,
  sameRun,
  type AssumptionKey,
  type AssumptionValues,
  type FieldError,
  type LeverKey,
  type LeverSpec,
  type Levers,
  type LoadedScenario,
  type Result,
  type RunInput,
} from '../../engine';
import { decodeUrlState, encodeUrlState } from '../../engine/io/urlState';
import { PAGE_KEYS, pageQuery, parsePageOptions, type PageOptions } from './pageOptions';
import { RunScheduler } from './scheduler';
import { WorkerPool } from '../../workers/pool';
import { scenarioName, type Named, type ScenarioName } from './scenarioName';
import { DEFAULT_THRESHOLD, parseThresholdPoints } from './threshold';
import { PREVIEW_ABOVE, PREVIEW_TRIALS, browserMemoryBudget, runAside, runView, type RunView } from './runView';

export { PREVIEW_ABOVE, PREVIEW_TRIALS, type RunView } from './runView';

import { VIEWS, type View } from './views';
import { measureLatest } from './timing';
import { capUrlErrors } from './urlErrors';
import { revealControl } from './reveal';

export { DEFAULT_THRESHOLD, THRESHOLD_POINTS } from './threshold';

export { VIEWS, type View };

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
    this.urlErrors = capUrlErrors(errors);
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

  /** Pin the baseline a link names. A failure is reported with the link's other problems. */
  async pinLinked(input: RunInput, name: string): Promise<void> {
    try {
      this.baseline = await runAside(input, (n) => this.fitTrials(n));
      this.baselineName = name;
    } catch (e) {
      this.addUrlErrors([{ field: 'base', message: `the linked baseline could not be run (${e instanceof Error ? e.message : String(e)}); nothing is pinned` }]);
    }
  }

  /** A baseline rerun under the current assumptions is on its way. */
  rebasing = $state(false);
  /** Why the last rerun of the baseline failed (the old baseline stays pinned). */
  rebaseError = $state<string | null>(null);

  /**
   * Run the pinned baseline's levers, seed and trials again under the current model assumptions and
   * pin that instead, so that the comparison measures the levers alone.
   */
  async rerunBaselineUnderCurrentAssumptions(): Promise<void> {
    const b = this.baseline;
    if (!b || this.rebasing) return;
    const input: RunInput = { levers: b.input.levers, seed: b.input.seed, trials: b.input.trials, assumptions: this.assumptions };
    this.rebasing = true;
    this.rebaseError = null;
    try {
      const view = await runAside(input, (n) => this.fitTrials(n));
      if (this.baseline !== b) return; // unpinned or replaced meanwhile
      this.baseline = view;
      const named = scenarioName(input.levers, null, this.presets, this.assumptions).name;
      this.baselineName = named === 'your levers' ? this.baselineName.replace(/ \(other model assumptions\)$/, '') : named;
    } catch (e) {
      this.rebaseError = `The baseline could not be run again (${e instanceof Error ? e.message : String(e)}); the old one stays pinned.`;
    } finally {
      this.rebasing = false;
    }
  }

  /** Report more problems with the page's address (the list stays capped: capUrlErrors). */
  addUrlErrors(errors: readonly FieldError[]): void {
    if (errors.length) this.urlErrors = capUrlErrors([...this.urlErrors, ...errors]);
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
    const r = parseThresholdPoints(points);
    if (r.ok) this.threshold = r.value;
    return r;
  }

  /**
   * Move keyboard focus to a lever's control: open the advanced levers if it is one of them and
   * leave the model view (which has no controls). Returns the focused element, if any.
   */
  focusLever(key: LeverKey): HTMLElement | null {
    const spec = LEVERS.find((l) => l.key === key);
    if (!spec) return null;
    if (!spec.basic) this.showAdvanced = true;
    return this.#focusControl(leverControlSelector(spec));
  }

  /** Focus the control of a tornado entry: a lever's, or an assumption's field in the Assumptions panel. */
  focusItem(kind: 'lever' | 'assumption', key: string): HTMLElement | null {
    if (kind === 'lever') return this.focusLever(key as LeverKey);
    this.assumptionsOpen = true;
    const group = ASSUMPTION_GROUPS.find((g) => (g.keys as readonly string[]).includes(key));
    if (group) this.assumptionGroupsOpen[group.id] = true;
    return this.#focusControl(`[data-assumption="${CSS.escape(key)}"]`);
  }

  /** Unfold the controls (leaving the model view, which has none), then scroll to and focus the element `selector` names. */
  #focusControl(selector: string): HTMLElement | null {
    this.controlsOpen = true;
    if (this.view === 'model') this.view = 'explore';
    flushSync();
    return revealControl(document.querySelector<HTMLElement>(selector));
  }

  clearBaseline(): void {
    this.baseline = null;
    this.rebaseError = null;
  }
}
