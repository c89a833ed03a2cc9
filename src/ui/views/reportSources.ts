import { ARTICLES, LEVERS, article, citation, defaultLevers, formatLeverValue, type Levers, type ScenarioSource } from '../../engine';

export interface ReportSource {
  id: string;
  /** Title (or opening words), author, outlet and date, as the text shows them. */
  citation: string;
  /** What the run takes from it: the scenario's claims, then the levers it grounds. */
  claims: string[];
}

/**
 * The sources behind a run, each cited as its text shows it with the claims used: the loaded
 * preset's cited claims, then the preset's own levers each article grounds (levers still at the
 * preset's value). A lever the user set is the user's, never credited to an article: the report
 * lists it as "your change". With no preset claim to cite, all five articles and what the model
 * takes from each.
 */
export function reportSources(scenario: { sources?: readonly ScenarioSource[]; resolved?: Levers } | null, levers: Levers): ReportSource[] {
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
  const preset = scenario?.resolved;
  if (preset && scenario?.sources?.length) {
    for (const l of LEVERS) {
      // Only the preset's own values, and only where the preset cites the article.
      if (levers[l.key] === d[l.key] || levers[l.key] !== preset[l.key]) continue;
      for (const ref of l.sources) {
        const a = article(ref);
        if (!a || !byId.has(a.id)) continue;
        grounds.set(a.id, [...(grounds.get(a.id) ?? []), `${l.label} (${formatLeverValue(l, levers[l.key])})`]);
      }
    }
  }
  for (const [id, list] of grounds) byId.get(id)!.claims.push(`Grounds the preset's ${list.length === 1 ? 'lever' : 'levers'}: ${list.join('; ')}.`);
  if (byId.size === 0) for (const a of ARTICLES) entry(a.id)!.claims.push(`What the model takes from it: ${a.summary}`);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
