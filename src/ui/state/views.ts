/** The page's views (tabs), in display order; `view=` in the address and the local store hold one. */
export const VIEWS = ['explore', 'compare', 'sensitivity', 'sweep', 'why', 'discover', 'robustness', 'report', 'model'] as const;
export type View = (typeof VIEWS)[number];
