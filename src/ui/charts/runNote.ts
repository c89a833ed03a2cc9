import { LEVERS, formatLeverValue, type Summary } from '../../engine';
import { count } from '../format';

/**
 * One line saying how a chart was made, for downloaded files: trials, seed, engine version and the
 * levers that differ from their defaults ("all levers at defaults" otherwise).
 */
export function runNote(summary: Summary): string {
  const changed = LEVERS.filter((l) => summary.params[l.key] !== l.default).map((l) => `${l.key} ${formatLeverValue(l, summary.params[l.key])}`);
  return `${count(summary.trials)} trials, seed "${summary.seed}", engine ${summary.engineVersion}; ${changed.length ? changed.join(', ') : 'all levers at defaults'}. An explorable model, not a forecast.`;
}
