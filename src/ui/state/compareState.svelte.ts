import { changedAssumptions, checkRunMemory, sameRun, survivalBand, type AssumptionValues, type Levers, type RunInput } from '../../engine';
import type { Runtime } from './runtime';
import { summarizeRun } from './runView';
import { MAX_COMPARE, type CompareEntry, type CompareRun } from './compareRuns';

const isAbort = (e: unknown) => (e as Error)?.name === 'AbortError';

/** What "current" stands for: the page's levers and the model assumptions they run under. */
export interface CurrentInputs {
  levers: Levers;
  assumptions: AssumptionValues;
}

/** The run of one entry: its levers and model assumptions (none when all are at their defaults), the comparison's seed and trials. */
export function entryInput(entry: CompareEntry, seed: string, trials: number): RunInput {
  const input: RunInput = { levers: entry.levers, seed, trials };
  const a = changedAssumptions(entry.assumptions ?? {});
  if (Object.keys(a).length) input.assumptions = a;
  return input;
}

/**
 * Scenarios compared side by side: the list (at most MAX_COMPARE), the reference the differences
 * are measured from, and their runs, all with one seed and trial count so that every difference
 * is paired trial by trial. Runs go through the page's pool for runs aside (runtime.ts), one scenario after another,
 * and a finished run is kept while its inputs stay the same.
 */
export class CompareState {
  entries = $state.raw<CompareEntry[]>([]);
  /** Key of the entry differences are measured from (the first entry when unset or removed). */
  referenceKey = $state<string | null>(null);
  runs = $state.raw<CompareRun[]>([]);
  busy = $state(false);
  /** Scenarios done of those to run. */
  progress = $state.raw<{ done: number; total: number } | null>(null);
  error = $state<string | null>(null);
  /** Why the last add was refused (the list is full or holds it already). */
  addError = $state<string | null>(null);
  #abort: AbortController | null = null;
  readonly #budget: number;
  readonly #runtime: () => Runtime;

  /** `runtime` gives the page's workers (the runs go on its pool for runs aside, one after another). */
  constructor(memoryBudget: number, runtime: () => Runtime) {
    this.#budget = memoryBudget;
    this.#runtime = runtime;
  }

  get reference(): string | null {
    return this.entries.some((e) => e.key === this.referenceKey) ? this.referenceKey : (this.entries[0]?.key ?? null);
  }

  add(entry: CompareEntry): boolean {
    this.addError = null;
    if (this.entries.some((e) => e.key === entry.key)) {
      this.addError = `${entry.name} is in the comparison already.`;
      return false;
    }
    if (this.entries.length >= MAX_COMPARE) {
      this.addError = `At most ${MAX_COMPARE} scenarios side by side: remove one to add ${entry.name}.`;
      return false;
    }
    this.entries = [...this.entries, entry];
    return true;
  }

  remove(key: string): void {
    this.entries = this.entries.filter((e) => e.key !== key);
    this.runs = this.runs.filter((r) => r.entry.key !== key);
    this.addError = null;
  }

  /** Replace the list (from a link), keeping at most MAX_COMPARE. */
  setEntries(entries: CompareEntry[], reference: string | null = null): void {
    this.entries = entries.slice(0, MAX_COMPARE);
    this.referenceKey = reference;
  }

  /** The entries with their inputs as of now ("current" follows the page's levers and model assumptions). */
  resolved(current: CurrentInputs): CompareEntry[] {
    return this.entries.map((e) => (e.kind === 'current' ? { ...e, levers: current.levers, assumptions: current.assumptions } : e));
  }

  /** Whether the runs shown are for these entries (levers and assumptions), seed and trials. */
  isCurrent(current: CurrentInputs, seed: string, trials: number): boolean {
    const want = this.resolved(current);
    return want.length === this.runs.length && want.every((e, i) => this.runs[i].entry.key === e.key && sameRun(this.runs[i].input, entryInput(e, seed, trials)));
  }

  /** Run every entry not already run with these inputs, one after another, each under its own model assumptions. */
  async run(current: CurrentInputs, seed: string, trials: number): Promise<void> {
    this.cancel();
    const want = this.resolved(current);
    const fits = checkRunMemory(trials, this.#budget, 2 + want.length);
    if (!fits.ok) {
      this.error = `Cannot compare ${want.length} scenarios here: ${fits.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}. Lower the trials.`;
      return;
    }
    const ctl = (this.#abort = new AbortController());
    this.error = null;
    this.busy = true;
    const kept = new Map(this.runs.map((r) => [r.entry.key, r]));
    const out: CompareRun[] = [];
    this.progress = { done: 0, total: want.length };
    try {
      for (const entry of want) {
        const input = entryInput(entry, seed, trials);
        const old = kept.get(entry.key);
        if (old && sameRun(old.input, input)) out.push({ ...old, entry });
        else {
          const r = await this.#runtime().runAside(input, { signal: ctl.signal });
          const summary = summarizeRun(input, r.results);
          out.push({ entry, input, summary, band: survivalBand(summary), results: r.results });
        }
        this.progress = { done: out.length, total: want.length };
        this.runs = [...out];
      }
    } catch (e) {
      if (!isAbort(e)) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (this.#abort === ctl) {
        this.busy = false;
        this.progress = null;
        this.#abort = null;
      }
    }
  }

  cancel(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.busy = false;
  }
}
