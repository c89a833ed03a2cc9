/**
 * The five source articles the model is built from (late 2025 news and opinion pieces on security
 * guarantees for Ukraine), summarised in our own words (nothing is fetched at run time). Lever and
 * scenario sources refer to them by number ("000") or by the file name the project received them
 * under; scenario files may cite only these (validateScenario checks). `title`, `author`, `outlet`
 * and `date` are as the texts show them: null where a text does not show one.
 */
export interface Article {
  id: string;
  file: string;
  kind: string;
  /** The headline as the text shows it, or null when the text has none. */
  title: string | null;
  /** The text's first words, to identify an untitled piece. */
  opening: string;
  author: string | null;
  outlet: string | null;
  /** Publication date when the text shows one ("3 December 2025"). */
  date: string | null;
  summary: string;
}

export const ARTICLES: readonly Article[] = [
  {
    id: '000',
    file: '000_b0e7e584cf9cccfd.txt',
    kind: 'Opinion piece',
    title: null,
    opening: 'The latest round of talks on a ceasefire to end the Ukraine war have yet to produce a tolerable agreement',
    author: 'Amar Singh Bhandal',
    outlet: null,
    date: null,
    summary:
      'Argues that a UK- and France-led European tripwire force must hold the ceasefire because US attention is transactional and fades once a deal is signed; expects Russia to use the pause to rebuild and to come back through deniable grey-zone means (proxies, sabotage, cognitive warfare) that may not trigger a US response; without long-range missiles Ukraine has no deep strike.',
  },
  {
    id: '001',
    file: '001_9b6250080ad1fe8d.txt',
    kind: 'News and opinion piece from a US outlet',
    title: null,
    opening: 'President Donald Trump, Ukrainian President Volodymyr Zelensky, and various European leaders are focused on “security guarantees”',
    author: null,
    outlet: null,
    date: null,
    summary:
      'Surveys the options, from European troops to pledges "like Article 5"; the US offers air power, logistics and intelligence but no ground forces; Moscow calls any Western troops unacceptable; sanctions alone will not do, so it points to secondary sanctions on energy buyers and to Ukraine\'s own drone and missile industry, paid for with frozen Russian assets.',
  },
  {
    id: '002',
    file: '002_cd66bbd22f13a7ed.txt',
    kind: 'Analysis piece',
    title: 'As Ukraine demands ironclad security guarantees, the US distances itself while Europe scrambles for a response. Will any nation step up',
    opening: 'Ukraine’s President Volodymyr Zelensky has spent the past week relentlessly pushing for security guarantees',
    author: null,
    outlet: null,
    date: null,
    summary:
      'Doubts European unity and US commitment; estimates that a credible mission needs at least 100,000 troops for a 1,000 km front (KFOR had 48,000 for a far smaller area); warns that a small force with unclear rules of engagement ("bluff and pray") would be disastrous, and that it needs counter-drone, electronic-warfare and intelligence support to survive.',
  },
  {
    id: '003',
    file: '003_c4f10d3762449928.txt',
    kind: 'News feature',
    title: 'Ukraine Can Only Rely on Its Own Military, Not Security Guarantees from Trump or Europe',
    opening: 'Any potential peace agreement to end Russia’s war with Ukraine would likely include some form of security guarantees',
    author: null,
    outlet: null,
    date: '3 December 2025',
    summary:
      'Questions whether guarantees would be credible and argues for a "steel porcupine" Ukraine; recalls the first US plan (army capped at 600,000, fortified Donbas ceded, no NATO, no European troops) and the failed 1994 Budapest guarantees; notes the 31-country coalition is unsure what it would do if its troops were hit, frozen assets above $300 bn, a $70–100 bn yearly defence need and 110,000 AWOL cases in seven months of 2025.',
  },
  {
    id: '004',
    file: '004_10d25530270a4bc6.txt',
    kind: 'Editorial board opinion',
    title: null,
    opening: 'With high-stakes summits in Anchorage and Washington, the White House has injected new energy into efforts to end Russia’s brutal assault on Ukraine',
    author: 'The Editorial Board',
    outlet: 'Bloomberg Opinion',
    date: null,
    summary:
      "Holds that Ukraine's own strength is the first guarantee but that an outside deterrent is still needed: Article 5-like pledges, limited European tripwire forces, US intelligence, logistics and rapid reinforcement if allied troops are attacked; rejects Moscow's wish to be a guarantor with a veto, as in the 2022 draft treaty; further US economic pressure may be needed.",
  },
];

/**
 * How to cite an article, from what its text shows: title (or, untitled, its opening words),
 * author, outlet, date, and its kind. "Amar Singh Bhandal, untitled opinion piece beginning “The
 * latest round of talks…”".
 */
export function citation(a: Article): string {
  const kind = a.kind.charAt(0).toLowerCase() + a.kind.slice(1);
  const what = a.title ? `“${a.title}”` : `untitled ${kind} beginning “${a.opening}…”`;
  const parts = [a.author, what, a.outlet, a.date].filter((x): x is string => !!x);
  const text = `${parts.join(', ')}${a.title ? ` (${kind})` : ''}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The article for a lever source id ("000") or a scenario source file name. */
export function article(ref: string): Article | undefined {
  return ARTICLES.find((a) => a.id === ref || a.file === ref);
}
