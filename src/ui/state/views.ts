/** The page's views (tabs), in display order; `view=` in the address and the local store hold one. */
export const VIEWS = ['explore', 'sensitivity', 'sweep', 'why', 'discover', 'model'] as const;
export type View = (typeof VIEWS)[number];
