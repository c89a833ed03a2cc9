// The source articles live in the engine, which validates scenario sources against them.
export { ARTICLES, article, type Article } from '../../engine/io/articles';
