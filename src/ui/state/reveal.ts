/**
 * Bring a control into view and focus it without losing the answer: on a desk the controls scroll
 * on their own (a sticky panel), so only that panel scrolls to the control and the page scrolls to
 * the results, keeping the headline on screen; on a phone (one column) the page scrolls to the
 * control, and the bar at the bottom keeps the answer in view.
 */
export function revealControl(el: HTMLElement | null): HTMLElement | null {
  if (!el) return null;
  const panel = el.closest<HTMLElement>('.side');
  const panelScrolls = panel !== null && getComputedStyle(panel).overflowY === 'auto' && panel.scrollHeight > panel.clientHeight;
  if (panelScrolls) {
    document.getElementById('main')?.scrollIntoView({ block: 'start' });
    const p = panel.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    panel.scrollTop += r.top - p.top - (p.height - r.height) / 2;
  } else el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
  return el;
}
