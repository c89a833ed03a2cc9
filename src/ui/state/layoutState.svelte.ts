import { flushSync } from 'svelte';
import { ASSUMPTION_GROUPS, LEVERS, type LeverKey, type LeverSpec } from '../../engine';
import { revealControl } from './reveal';
import type { View } from './views';

/** The selector of the element that takes focus for a lever's control (the checked radio for a choice). */
export function leverControlSelector(spec: LeverSpec): string {
  return spec.kind === 'choice' ? `[data-lever=${spec.key}] input[type=radio]:checked` : `#lever-${spec.key}`;
}

/**
 * How the page is laid out, apart from what it computes: the open view, which panels are unfolded,
 * whether the advanced levers show, and moving keyboard focus to a control.
 */
export class LayoutState {
  view = $state<View>('explore');
  /** The controls panel is unfolded (on a phone it folds away when a view's tab is tapped). */
  controlsOpen = $state(true);
  /** Whether the Assumptions panel is open (collapsed by default). */
  assumptionsOpen = $state(false);
  /** The Assumptions panel's groups (ASSUMPTION_GROUPS ids) that are unfolded. */
  assumptionGroupsOpen = $state<Record<string, boolean>>({});
  /** The advanced levers show beside the basic ones. */
  showAdvanced = $state(false);

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
}
