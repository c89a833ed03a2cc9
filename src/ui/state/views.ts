/**
 * The page's views, in display order: each one's id (`view=` in the address and the local store
 * hold one, and its tab is `data-testid="<id>-tab"`) and its tab's label. The tab list is made from
 * this table; nothing else lists the views.
 */
export const VIEW_TABS = [
  { view: 'explore', label: 'Explore' },
  { view: 'compare', label: 'Compare scenarios' },
  { view: 'sensitivity', label: 'Which levers matter' },
  { view: 'sweep', label: 'Two-lever sweep' },
  { view: 'why', label: 'Why it breaks' },
  { view: 'discover', label: 'Conditions for war' },
  { view: 'robustness', label: 'Robustness' },
  { view: 'report', label: 'Report' },
  { view: 'model', label: 'Model and assumptions' },
] as const;

export type View = (typeof VIEW_TABS)[number]['view'];

/** The views' ids, in display order. */
export const VIEWS: readonly View[] = VIEW_TABS.map((t) => t.view);

/** Whether `text` names a view. */
export function isView(text: string | null | undefined): text is View {
  return text != null && (VIEWS as readonly string[]).includes(text);
}
