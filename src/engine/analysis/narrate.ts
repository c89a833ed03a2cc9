/**
 * The plain-language account of a replayed trial ("Why it breaks"): the paragraph under a trial's
 * story and the sentences that say which of Moscow's beliefs was wrong in a misjudged war.
 */
import type { CompiledModel } from '../model/compile';
import type { ModeKey } from '../model/modes';
import { monthName } from '../model/time';
import { WINDOW_LABELS, type StoryEvent, type TrialOutcome, type TrialStory } from './replay';

const PHRASE: Record<ModeKey, string> = {
  greyZone: 'a grey-zone campaign',
  limited: 'a limited offensive',
  fullScale: 'a full-scale offensive',
};

const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The one-paragraph plain-language account of a replayed trial. */
export function narrate(story: TrialStory, model: CompiledModel): string {
  const { draws, outcome, events } = story;
  const parts: string[] = [];
  const last = story.months.length ? story.months[story.months.length - 1].resolve : draws.resolve;
  parts.push(
    `Trial ${story.trial}: Moscow's resolve drew ${f2(draws.resolve)} (mean ${f2(model.levers.ruResolve)})` +
      (Math.abs(last - draws.resolve) >= 0.05 ? ` and drifted to ${f2(last)}` : '') +
      `; Russia rebuilds with a ${draws.reconstitutionYears.toFixed(1)}-year time constant and sanctions erode ${(100 * draws.reliefPerYear).toFixed(1)}% a year`,
  );
  for (const e of events) {
    if (e.type === 'election') parts.push(`the US administration elected in ${monthName(e.date)} honours its backstop with probability ${f2(e.credibility)} (was ${f2(e.previous)})`);
  }
  const incidents = events.filter((e) => e.type === 'incident');
  if (incidents.length) {
    const lastInc = incidents[incidents.length - 1] as Extract<StoryEvent, { type: 'incident' }>;
    const firstInc = incidents[0] as Extract<StoryEvent, { type: 'incident' }>;
    parts.push(
      `after ${incidents.length} incident${incidents.length > 1 ? 's' : ''} Moscow believed Europe would fight with probability ${pct(lastInc.bEurope)} (at first ${pct(firstInc.previousEurope)})`,
    );
  }
  const probe = events.find((e) => e.type === 'greyZone');
  if (probe) parts.push(`Moscow ran a grey-zone campaign in ${monthName(probe.date)}`);
  if (!outcome.war) {
    let top = story.months[0];
    for (const mo of story.months) if (mo.modes[mo.best].margin > top.modes[top.best].margin) top = mo;
    const m = top.modes[top.best].margin;
    parts.push(
      m > 0
        ? `no war by month ${story.horizon}: war was worth more than peace in some months (best margin ${m.toFixed(3)} in ${monthName(top.date)}) but the tremble never tipped it`
        : `no war by month ${story.horizon}: war was never worth more than peace (its best margin, ${m.toFixed(3)}, came in ${monthName(top.date)})`,
    );
    return parts.join('; ') + '.';
  }
  const mo = story.months[story.months.length - 1];
  const chosen = mo.modes[outcome.warModeCode - 1];
  parts.push(
    outcome.deliberate
      ? `Moscow chose ${PHRASE[outcome.warMode!]} in ${monthName(outcome.warDate!)} (month ${outcome.warMonth}) deliberately: it was worth ${chosen.margin.toFixed(3)} more than peace, because ${WINDOW_LABELS[outcome.window!]}`
      : `Moscow launched ${PHRASE[outcome.warMode!]} in ${monthName(outcome.warDate!)} (month ${outcome.warMonth}) although peace was worth ${(-chosen.margin).toFixed(3)} more: the tremble in its choice tipped it`,
  );
  parts.push(`Moscow put its odds of success at ${pct(outcome.perceivedSuccess)}; against the forces that actually fought they were ${pct(outcome.trueSuccess)}, and the offensive ${outcome.succeeded ? 'succeeded' : 'failed'}`);
  parts.push(guarantorBeliefSentence('Europe', outcome.beliefEurope, outcome.europeEngaged));
  if (model.levers.usTier !== 'none') parts.push(guarantorBeliefSentence('the US', outcome.beliefUs, outcome.usEngaged));
  parts.push(outcome.snapback ? 'sanctions snapped back' : 'sanctions did not snap back');
  if (outcome.misjudged) parts.push(`the war was misjudged: ${misjudgedReason(outcome)}`);
  return parts.join('; ') + '.';
}

/** "Moscow expected Europe not to fight; it did", and the like. */
export function guarantorBeliefSentence(who: string, belief: number, engaged: boolean): string {
  const expected = belief >= 0.5 ? 'to fight' : 'not to fight';
  const matched = (belief >= 0.5) === engaged;
  return `Moscow expected ${who} ${expected} (${pct(belief)}); ${engaged ? (matched ? 'it did' : 'it did fight') : matched ? 'it did not' : 'it did not fight'}`;
}

/** Which belief was wrong in a misjudged war, in words. */
export function misjudgedReason(o: Pick<TrialOutcome, 'wrongBalance' | 'wrongGuarantors'>): string {
  if (o.wrongBalance && o.wrongGuarantors) return 'with the true balance, or with the guarantors as they really were, Moscow would not have attacked';
  if (o.wrongBalance) return 'Moscow overrated its own strength: with the true balance it would not have attacked';
  if (o.wrongGuarantors) return 'Moscow misread the guarantors: knowing who would really fight, it would not have attacked';
  return 'only the true balance and the guarantors\u2019 true types together would have stopped it';
}
