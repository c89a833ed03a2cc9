import { ARTICLES, LEVERS, article, citation, defaultLevers, formatLeverValue, type Levers, type ScenarioSource } from '../../engine';

export interface ReportSource {
  id: string;
  /** Title (or opening words), author, outlet and date, as the text shows them. */
  citation: string;
  /** What the run takes from it: the scenario's claims, then the levers it grounds. */
  claims: string[];
}

/**
 * The sources behind a run, each cited as its text shows it with the claims used: the scenario's
 * cited claims, then every changed lever the article grounds. With neither, all five articles and
 * what the model takes from each.
 */
export function reportSources(scenario: { sources?: readonly ScenarioSource[] } | null, levers: Levers): ReportSource[] {
  const byId = new Map<string, ReportSource>();
  const entry = (ref: string) => {
    const a = article(ref);
    if (!a) return null;
    let s = byId.get(a.id);
    if (!s) byId.set(a.id, (s = { id: a.id, citation: citation(a), claims: [] }));
    return s;
  };
  for (const src of scenario?.sources ?? []) entry(src.file)?.claims.push(`Claim encoded by the scenario: “${src.claim}”`);
  const d = defaultLevers();
  const grounds = new Map<string, string[]>();
  for (const l of LEVERS) {
    if (levers[l.key] === d[l.key]) continue;
    for (const ref of l.sources) {
      const s = entry(ref);
      if (s) grounds.set(s.id, [...(grounds.get(s.id) ?? []), `${l.label} (${formatLeverValue(l, levers[l.key])})`]);
    }
  }
  for (const [id, list] of grounds) byId.get(id)!.claims.push(`Grounds the ${list.length === 1 ? 'lever' : 'levers'} set here: ${list.join('; ')}.`);
  if (byId.size === 0) for (const a of ARTICLES) entry(a.id)!.claims.push(`What the model takes from it: ${a.summary}`);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
