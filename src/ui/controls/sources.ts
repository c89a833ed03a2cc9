// The source articles live in the engine, which validates scenario sources against them.
import { ARTICLES } from '../../engine/io/articles';

export { ARTICLES, article, type Article } from '../../engine/io/articles';

/**
 * Each article's short name for running text, by outlet, author or title (the full citation is in
 * the scenario's sources and the Model view): scenario notes cite articles by number ("(004)"),
 * which means nothing to a reader.
 */
export const SHORT_SOURCE_NAMES: Readonly<Record<string, string>> = {
  '000': 'Bhandal’s opinion piece',
  '001': 'the US outlet’s survey of the options',
  '002': 'the analysis “As Ukraine demands ironclad security guarantees…”',
  '003': 'the feature “Ukraine Can Only Rely on Its Own Military…”',
  '004': 'Bloomberg Opinion’s editorial',
};

const name = (id: string) => SHORT_SOURCE_NAMES[id] ?? `source ${id}`;

/**
 * Text with its article numbers in words: "article 004", "articles 002, 003" and a citation in brackets,
 * "(004)", "(000, 003)", "(002: an effective mission)", become the articles' short names. Numbers
 * that are not citations ("100,000", "(KFOR was 48,000 …)") are left alone.
 */
export function plainCitations(text: string): string {
  return text
    .replace(/\barticles? (\d{3}(?:(?:, | and )\d{3})*)\b/g, (m, ids: string) => {
      const list = ids.split(/, | and /);
      return list.every((id) => ARTICLES.some((a) => a.id === id)) ? list.map(name).join(list.length > 2 ? '; ' : ' and ') : m;
    })
    .replace(/\(([^()]*)\)/g, (m, inner: string) => {
      const out = inner.replace(/(^|, )(\d{3})(?=$|[,:])/g, (t, lead: string, id: string) => (ARTICLES.some((a) => a.id === id) ? `${lead}${name(id)}` : t));
      return out === inner ? m : `(${out.replace(/, /g, '; ')})`;
    });
}
