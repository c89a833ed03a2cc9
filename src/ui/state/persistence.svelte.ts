import { RUN_SETTINGS, defaultLevers, formatErrors, sameRun, type FieldError, type LoadedScenario, type RunInput } from '../../engine';
import { withRun, type Address } from './address';
import type { AppState } from './appState.svelte';
import type { PresetLoad } from './presets';
import { whenQuiet } from './timing';
import {
  MAX_SAVED,
  STORE_KEY,
  addScenario,
  readStore,
  scenarioFile,
  scenarioFromTitle,
  writeStore,
  type CurrentRef,
  type StorageSource,
  type StoredState,
} from './store';

export { hasRunState } from './address';

function isDefaultRun(r: RunInput): boolean {
  return sameRun(r, { levers: defaultLevers(), seed: RUN_SETTINGS.seed.default, trials: RUN_SETTINGS.trials.default });
}

/** Wait this long after the last change before writing the store (a drag writes once). */
const WRITE_DELAY_MS = 250;

/**
 * Keeps the page's work in the browser's local storage: restores the levers, seed, trials, view and
 * loaded scenario on load (a link's run state wins), keeps "Your scenarios" (saved and imported),
 * and reports every storage problem in the page instead of failing.
 */
export class Persistence {
  /** The user's saved and imported scenarios, newest first. */
  saved = $state.raw<LoadedScenario[]>([]);
  /** Problems found reading the store on load (it was reset or repaired), or why it cannot be used. */
  readProblems = $state.raw<FieldError[]>([]);
  /** The last write failed (storage full or disabled); cleared by the next write that succeeds. */
  writeError = $state.raw<FieldError | null>(null);
  /** A link replaced the levers this browser had kept; they can be brought back. */
  /** A link replaced the levers, seed and trials this browser had kept; they can be brought back. */
  previous = $state.raw<RunInput | null>(null);
  /** The outcome of the last action in "Your scenarios". */
  message = $state.raw<{ text: string; error: boolean } | null>(null);
  /** The last deleted scenario and its place in the list, for Undo. */
  deleted = $state.raw<{ scenario: LoadedScenario; index: number } | null>(null);

  /** The storage cannot be used at all (disabled, blocked): nothing is written. */
  unavailable = $state(false);

  #ready = $state(false);
  /** Cancels the pending write's timer. */
  #timer: (() => void) | null = null;
  #pending: StoredState | null = null;
  #app: AppState;
  #presets: PresetLoad;
  #storage: StorageSource;

  constructor(app: AppState, presets: PresetLoad, storage: StorageSource = () => globalThis.localStorage) {
    this.#app = app;
    this.#presets = presets;
    this.#storage = storage;
  }

  /**
   * Read the store before the first run and return the address the page should start from: the
   * address itself if it carries run state (a link wins) or nothing was kept, else the kept run and
   * view with the address's page keys (its view wins over the kept one).
   */
  restore(address: Address): Address {
    const presetIds = this.#presets.presets.map((p) => p.id);
    const r = readStore(this.#storage, presetIds);
    this.unavailable = r.unavailable;
    this.readProblems = r.problems;
    if (r.rewrite) this.#report(writeStore(this.#storage, r.state));
    this.#ready = true;
    const state = r.state;
    if (!state) return address;
    this.saved = state.scenarios;
    const kept: RunInput = { levers: state.levers, seed: state.seed, trials: state.trials };
    if (state.assumptions) kept.assumptions = state.assumptions;
    if (address.hasRun) {
      // A reload of this page's own address: the same run, so the loaded scenario still applies.
      if (sameRun(kept, address.run)) this.#restoreCurrent(state.current);
      else if (!isDefaultRun(kept)) this.previous = kept;
      return address;
    }
    this.#restoreCurrent(state.current);
    return withRun(address, kept, address.options.view ?? (state.view !== 'explore' ? state.view : null));
  }

  #restoreCurrent(current: CurrentRef | null): void {
    if (!current) return;
    const list: readonly LoadedScenario[] = current.kind === 'saved' ? this.saved : this.#presets.presets;
    const s = list.find((x) => x.id === current.id);
    if (s) this.#app.markLoaded(s);
  }

  /** Which scenario is loaded, as the store names it. */
  #current(): CurrentRef | null {
    const s = this.#app.scenario;
    if (!s) return null;
    if (this.#presets.presets.some((p) => p === s)) return { kind: 'preset', id: s.id };
    if (this.saved.some((x) => x === s)) return { kind: 'saved', id: s.id };
    return null;
  }

  /** The state to keep (reads the page's reactive state, so an effect re-runs on every change), or null before restore. */
  snapshot(): StoredState | null {
    if (!this.#ready) return null;
    const { inputs, layout } = this.#app;
    const out: StoredState = { levers: inputs.levers, seed: inputs.seed, trials: inputs.trials, view: layout.view, scenarios: this.saved, current: this.#current() };
    if (Object.keys(inputs.assumptions).length) out.assumptions = inputs.assumptions;
    return out;
  }

  /**
   * Write `state` after a short quiet time (each change replaces the pending one), and not while
   * `busy()` (a run's results coming in) unless that lasts (see whenQuiet); leaving the page writes at once.
   */
  schedule(state: StoredState, busy: () => boolean = () => false): void {
    this.#pending = state;
    this.#timer?.();
    this.#timer = whenQuiet(() => this.flush(), busy, WRITE_DELAY_MS);
  }

  /** Write the pending state now (on page hide, and after a change to the list); false if it could not be stored. */
  flush(): boolean {
    this.#timer?.();
    this.#timer = null;
    const state = this.#pending;
    this.#pending = null;
    if (this.unavailable) return false;
    if (!state) return true;
    const w = writeStore(this.#storage, state);
    this.#report(w);
    return w.ok;
  }

  /** Write the list now; true only if the browser stored it. */
  #writeNow(): boolean {
    const s = this.snapshot();
    if (!s) return false;
    this.#pending = s;
    return this.flush();
  }

  /**
   * The outcome of a change to "Your scenarios": `done` only if the browser stored it; else the
   * change holds for this tab only, and the message says so (the write error is shown beside it).
   */
  #outcome(done: string, tabOnly: string): void {
    this.message = this.#writeNow() ? { text: done, error: false } : { text: `${tabOnly} ${this.#notStored()}`, error: true };
  }

  #notStored(): string {
    const why = this.unavailable ? 'this browser’s storage cannot be used' : (this.writeError?.message ?? 'the browser refused to store it');
    return `it could not be stored in this browser (${why}), so it is kept only for this tab and will be gone after a reload.`;
  }

  #report(w: ReturnType<typeof writeStore>): void {
    this.writeError = w.ok ? null : w.error;
  }

  /** Another tab changed the store: take its list of scenarios (this tab's levers stay its own). */
  adoptOtherTab(): void {
    const r = readStore(this.#storage, this.#presets.presets.map((p) => p.id));
    if (!r.state) return;
    // Unchanged lists are not re-assigned: that would write again and echo between tabs.
    const text = (l: readonly LoadedScenario[]) => JSON.stringify(l.map(scenarioFile));
    if (text(r.state.scenarios) !== text(this.saved)) this.saved = r.state.scenarios;
  }

  /** The storage key, for the `storage` event. */
  get key(): string {
    return STORE_KEY;
  }

  /** Save the current levers and model assumptions as a scenario (see scenarioFromTitle); it becomes the loaded scenario. */
  save(title: string, summary: string): FieldError[] {
    const r = scenarioFromTitle(title, summary, this.#app.inputs.levers, this.saved.map((s) => s.id), new Date(), this.#app.inputs.assumptions);
    if (!r.ok) return r.errors;
    const added = addScenario(this.saved, r.value);
    if (!added.ok) {
      this.message = { text: added.message, error: true };
      return [{ field: 'scenarios', message: added.message }];
    }
    this.saved = added.list;
    this.#app.markLoaded(r.value);
    this.deleted = null;
    this.#outcome(`Saved “${r.value.title}” in your scenarios.`, `“${r.value.title}” was not saved:`);
    return [];
  }

  /** An imported file was loaded: keep it in the list (a file with the same id replaces the old one). */
  addImported(s: LoadedScenario): void {
    const added = addScenario(this.saved, s);
    if (!added.ok) {
      this.message = { text: `Imported “${s.title}”, but did not keep it. ${added.message}`, error: true };
      return;
    }
    this.saved = added.list;
    this.#outcome(
      added.replaced ? `Imported “${s.title}”; it replaces your scenario with the same id (${s.id}).` : `Imported “${s.title}” and kept it in your scenarios.`,
      `Imported “${s.title}”, but it was not saved:`,
    );
  }

  load(id: string): void {
    const s = this.saved.find((x) => x.id === id);
    if (!s) return;
    this.#app.loadScenario(s);
    this.message = { text: `Loaded “${s.title}”.`, error: false };
  }

  remove(id: string): void {
    const index = this.saved.findIndex((x) => x.id === id);
    if (index < 0) return;
    const scenario = this.saved[index];
    this.saved = this.saved.filter((_, i) => i !== index);
    this.deleted = { scenario, index };
    const stored = this.#writeNow();
    this.message = stored
      ? { text: `Deleted “${scenario.title}”.`, error: false }
      : { text: `Deleted “${scenario.title}” in this tab only: the change could not be stored (${this.unavailable ? 'this browser’s storage cannot be used' : (this.writeError?.message ?? 'refused')}), so it comes back after a reload.`, error: true };
  }

  undoRemove(): void {
    const d = this.deleted;
    if (!d) return;
    this.deleted = null;
    if (this.saved.some((x) => x.id === d.scenario.id)) {
      this.message = { text: `Could not restore “${d.scenario.title}”: a scenario with its id (${d.scenario.id}) was saved since.`, error: true };
      return;
    }
    if (this.saved.length >= MAX_SAVED) {
      this.message = { text: `Could not restore “${d.scenario.title}”: your scenarios are full (at most ${MAX_SAVED}).`, error: true };
      return;
    }
    const list = [...this.saved];
    list.splice(Math.min(d.index, list.length), 0, d.scenario);
    this.saved = list;
    this.#outcome(`Restored “${d.scenario.title}”.`, `Restored “${d.scenario.title}”, but it was not saved:`);
  }

  /** Bring back the levers and run settings a link replaced. */
  restorePrevious(): void {
    const p = this.previous;
    if (!p) return;
    this.previous = null;
    const refused = this.#app.setRun({ ...p, levers: { ...p.levers } });
    if (refused.length) this.message = { text: `Restored your previous levers and seed; ${formatErrors(refused, '; ')}`, error: true };
  }
}
