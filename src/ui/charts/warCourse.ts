import type { Summary } from '../../engine';
import { pct } from '../format';

/**
 * What engine 3 says about the wars of a run, in plain words: how often Moscow misjudged (would not
 * have attacked had it known the true balance and who would really fight), which belief was wrong,
 * and how often the offensive succeeded. Null when no trial went to war.
 */
export function warCourseSentence(s: Pick<Summary, 'misjudgedShare' | 'misjudgedBy' | 'offensiveSuccessShare' | 'guarantorsTested'>): string | null {
  if (s.misjudgedShare === null || s.offensiveSuccessShare === null) return null;
  const g = s.guarantorsTested;
  const by = s.misjudgedBy;
  const which =
    by.balance !== null && by.guarantors !== null
      ? by.balance >= by.guarantors
        ? ` Most often it overrated its own strength (the true balance alone would have stopped ${pct(by.balance)} of the wars; knowing who would fight, ${pct(by.guarantors)}).`
        : ` Most often it misread the guarantors (knowing who would really fight would have stopped ${pct(by.guarantors)} of the wars; the true balance alone, ${pct(by.balance)}).`
      : '';
  const tested = g.europeEngaged !== null && g.europeEngaged > 0 ? ` Europe fought in ${pct(g.europeEngaged)} of them (its guarantee tested and honoured).` : '';
  return `${pct(s.misjudgedShare)} of these wars were misjudged: had Moscow known the true balance and who would really fight, it would not have attacked.${which}${tested} The offensive succeeded in ${pct(s.offensiveSuccessShare)} of them.`;
}
