import { select } from 'd3';
import type { Axis, AxisDomain } from 'd3';

/**
 * Svelte action drawing a d3 axis into a <g>; redrawn when the axis (new scale or ticks) changes.
 * d3-axis needs a selection, so this is the one place the charts touch d3-selection.
 */
export function axis<D extends AxisDomain>(node: SVGGElement, a: Axis<D>) {
  const draw = (x: Axis<D>) => {
    select(node).call(x);
    select(node).selectAll('text').attr('font-size', 12);
  };
  draw(a);
  return { update: draw };
}
