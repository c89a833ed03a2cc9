/**
 * Whether the first-visit guide was dismissed, kept in this browser under its own key (beside the
 * page's store, so a damaged or cleared store never brings the guide back by itself). A browser
 * that refuses storage shows the guide until it is dismissed in this visit.
 */
export const GUIDE_KEY = 'ceasefire-sim:guide';

export function guideDismissed(storage: () => Storage | undefined = () => globalThis.localStorage): boolean {
  try {
    return storage()?.getItem(GUIDE_KEY) === 'dismissed';
  } catch {
    return false;
  }
}

export function rememberGuide(dismissed: boolean, storage: () => Storage | undefined = () => globalThis.localStorage): void {
  try {
    if (dismissed) storage()?.setItem(GUIDE_KEY, 'dismissed');
    else storage()?.removeItem(GUIDE_KEY);
  } catch {
    // Storage full or disabled: the guide's state lasts for this visit only.
  }
}
