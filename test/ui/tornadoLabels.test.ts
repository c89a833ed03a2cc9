import { describe, expect, it } from 'vitest';
import { valueLabelPlace, wrapLabel } from '../../src/ui/views/sensitivityView';

describe('tornado labels', () => {
  it('wraps a long label at spaces into lines that fit, never cutting a word', () => {
    expect(wrapLabel("Share of Ukraine's defence need funded", 20)).toEqual(['Share of Ukraine\'s', 'defence need funded']);
    expect(wrapLabel('Rapid reinforcement', 8)).toEqual(['Rapid', 'reinforcement']);
    expect(wrapLabel('Horizon', 40)).toEqual(['Horizon']);
  });
  it('keeps a value label inside the chart by moving it across the zero line when it would be clipped', () => {
    expect(valueLabelPlace(100, 200, true, 50, 400)).toEqual({ x: 97, anchor: 'end' });
    expect(valueLabelPlace(30, 200, true, 50, 400)).toEqual({ x: 203, anchor: 'start' });
    expect(valueLabelPlace(300, 200, false, 50, 400)).toEqual({ x: 303, anchor: 'start' });
    expect(valueLabelPlace(380, 200, false, 50, 400)).toEqual({ x: 197, anchor: 'end' });
  });
  it('never runs a value label over the row names left of the plot (issue 20: "1,100,000 troops" over "Ukraine\'s standing army")', () => {
    // The plot starts at 260 px; a label of 96 px ending at 337 would reach 241: into the names.
    expect(valueLabelPlace(340, 500, true, 96, 900, 260)).toEqual({ x: 503, anchor: 'start' });
    expect(valueLabelPlace(400, 500, true, 96, 900, 260)).toEqual({ x: 397, anchor: 'end' });
  });
});
