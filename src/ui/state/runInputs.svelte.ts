import { RUN_SETTINGS, changedAssumptions, defaultLevers, sameAssumptions, sameRun, type AssumptionKey, type AssumptionValues, type Levers, type RunInput } from '../../engine';

const EMPTY: AssumptionValues = {};

/**
 * The page's run inputs: the levers, the model assumptions changed from their calibrated defaults,
 * the seed and the trials. Every view runs these; `input()` is their stable copy (the same object
 * until one of them changes). The setters say whether anything changed; AppState decides when to run.
 */
export class RunInputs {
  levers = $state.raw<Levers>(defaultLevers());
  /** Model assumptions changed from their calibrated defaults (changedAssumptions: none by default). */
  assumptions = $state.raw<AssumptionValues>({});
  trials = $state<number>(RUN_SETTINGS.trials.default);
  seed = $state<string>(RUN_SETTINGS.seed.default);

  #cached: RunInput | null = null;

  /** The inputs as one RunInput (no `assumptions` key when none is changed); the same object until an input changes. */
  input(): RunInput {
    const { levers, seed, trials, assumptions } = this;
    const c = this.#cached;
    if (c && c.levers === levers && c.seed === seed && c.trials === trials && (c.assumptions ?? EMPTY) === (Object.keys(assumptions).length ? assumptions : EMPTY)) return c;
    const out: RunInput = { levers, seed, trials };
    if (Object.keys(assumptions).length) out.assumptions = assumptions;
    return (this.#cached = out);
  }

  /** Set all four at once; true if the run they make changed. */
  set(run: RunInput): boolean {
    const next: RunInput = { levers: run.levers, seed: run.seed, trials: run.trials, assumptions: changedAssumptions(run.assumptions ?? {}) };
    const changed = !sameRun(next, this.input());
    this.levers = next.levers;
    this.assumptions = next.assumptions!;
    this.seed = next.seed;
    this.trials = next.trials;
    return changed;
  }

  setLever<K extends keyof Levers>(key: K, value: Levers[K]): boolean {
    if (this.levers[key] === value) return false;
    this.levers = { ...this.levers, [key]: value };
    return true;
  }

  setTrials(n: number): boolean {
    if (n === this.trials) return false;
    this.trials = n;
    return true;
  }

  setSeed(s: string): boolean {
    if (s === this.seed) return false;
    this.seed = s;
    return true;
  }

  /** Change one assumption (its default value removes the change); true if the set changed. */
  setAssumption(key: AssumptionKey, value: number): boolean {
    return this.setAssumptions({ ...this.assumptions, [key]: value });
  }

  /** Replace the assumption changes; true if they changed. */
  setAssumptions(values: AssumptionValues): boolean {
    const next = changedAssumptions(values);
    if (sameAssumptions(next, this.assumptions)) return false;
    this.assumptions = next;
    return true;
  }

  /** Put one assumption back to its calibrated default, or all of them; true if that changed anything. */
  resetAssumptions(key?: AssumptionKey): boolean {
    if (!key) return this.setAssumptions({});
    const next: AssumptionValues = { ...this.assumptions };
    delete next[key];
    return this.setAssumptions(next);
  }
}
