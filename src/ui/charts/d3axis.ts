import { axisBottom, axisLeft, select } from 'd3';
import type { Axis, AxisDomain, NumberValue, ScaleLinear } from 'd3';
import { yearTicks } from './chartTheme';

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

/** The time axis of the survival charts: months on the scale, labelled in years after the ceasefire. */
export function yearsAxis(x: ScaleLinear<number, number>, horizonMonths: number, innerWidth: number): Axis<NumberValue> {
  return axisBottom(x)
    .tickValues(yearTicks(horizonMonths, innerWidth))
    .tickFormat((d) => String(+d / 12));
}

/** A vertical axis of shares (0–1), labelled in whole percent. */
export function shareAxis(y: ScaleLinear<number, number>, ticks = 5): Axis<NumberValue> {
  return axisLeft(y)
    .ticks(ticks)
    .tickFormat((d) => `${Math.round(+d * 100)}%`);
}
