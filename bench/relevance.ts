/**
 * The relevance benchmark: how well search ranks the graded teacher queries of
 * test/search-relevance.json over the starter bank (content/), as MRR@10 and nDCG@5, for the
 * index the app uses and for the MiniSearch index it replaced (bench/baseline/), in one run.
 *
 *   npm run bench:relevance            # writes the "Search relevance" section of docs/benchmarks.md
 *
 * Both indexes are built in Node from content/ exactly as the Worker builds them from D1 (the
 * FTS5 path is scored against the same file by test/worker/search-fts.test.ts).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadContent } from '../src/bank/content-files.ts'
import { searchSourceOf } from '../src/search/bank-source.ts'
import { type SearchFilters, SearchIndex } from '../src/search/engine.ts'
import { searchDocuments } from './baseline/minisearch-documents.ts'
import { SearchIndex as MiniSearchIndex } from './baseline/minisearch-engine.ts'
import { writeSection } from './markdown-section.ts'
import {
  type QueryScore,
  type RelevanceQuery,
  scoreQuery,
  summarize,
  summarizeBy,
} from './relevance-metrics.ts'

const ROOT = join(import.meta.dirname, '..')
const file = JSON.parse(await readFile(join(ROOT, 'test', 'search-relevance.json'), 'utf8')) as {
  queries: RelevanceQuery[]
}
const { bank, problems } = await loadContent(join(ROOT, 'content'), { quality: false })
if (problems.length > 0) throw new Error('content/ has problems: run npm run content:check')
const source = searchSourceOf(bank)

type Ranker = (q: string, filters: SearchFilters) => string[]
const index = SearchIndex.build(source, 'relevance')
const baseline = new MiniSearchIndex(searchDocuments(source), 'relevance')
const rankers: { name: string; rank: Ranker }[] = [
  {
    name: 'index (src/search/engine.ts)',
    rank: (q, f) => index.search(q, f, 0, 10).hits.map((h) => `${h.kind}:${h.ref}`),
  },
  {
    name: 'MiniSearch baseline',
    rank: (q, f) =>
      baseline.present(baseline.search(q, f).hits.slice(0, 10)).map((h) => `${h.kind}:${h.ref}`),
  },
]
const scored = rankers.map(({ name, rank }) => ({
  name,
  scores: file.queries.map((query) =>
    scoreQuery(query, rank(query.q, (query.filters ?? {}) as SearchFilters)),
  ),
}))

const f3 = (x: number) => x.toFixed(3)
const pct = (x: number) => `${Math.round(x * 100)}%`
const table = (header: string[], rows: string[][]) =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
const row = (label: string, groups: ReturnType<typeof summarize>[]) => [
  label,
  String(groups[0]!.queries),
  ...groups.flatMap((g) => [f3(g.mrr10), f3(g.ndcg5), pct(g.hitAt5)]),
]
const header = [
  'Queries',
  'Count',
  ...scored.flatMap(({ name }) => [`MRR@10 (${name})`, `nDCG@5`, `top-5 hit`]),
]
const by = (key: (q: RelevanceQuery) => string) => {
  const groups = scored.map(({ scores }) => summarizeBy(scores, key))
  return groups[0]!.map((g, i) =>
    row(
      g.name,
      groups.map((list) => list[i]!),
    ),
  )
}
const [ours] = scored
const weakest = [...ours!.scores].sort((a, b) => a.ndcg - b.ndcg).slice(0, 8)
const shown = (s: QueryScore) =>
  `| \`${s.query.q}\` | ${s.query.style} | ${f3(s.ndcg)} | ${s.top
    .slice(0, 3)
    .map((r) => `\`${r}\``)
    .join(', ')} |`

const out = [
  '## Search relevance',
  `Written by \`npm run bench:relevance\` (bench/relevance.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ` +
    `${file.queries.length} graded teacher queries (test/search-relevance.json) over the starter bank (${source.items.length} published items, ${source.misconceptions.length} misconceptions). ` +
    'MRR@10: the mean of 1/rank of the first relevant result in the top 10. nDCG@5: the top five’s graded gain (2^grade − 1, discounted by log2 of the rank) against the best possible. Top-5 hit: a relevant result in the top 5.',
  table(header, [
    row(
      'all',
      scored.map(({ scores }) => summarize(scores)),
    ),
    ...by((q) => `set: ${q.set}`),
    ...by((q) => `style: ${q.style}`),
  ]),
  'The weakest queries for the index, and what it put first:',
  ['| Query | Style | nDCG@5 | Top 3 |', '| --- | --- | --- | --- |', ...weakest.map(shown)].join(
    '\n',
  ),
]
const written = await writeSection(
  join(ROOT, 'docs', 'benchmarks.md'),
  'Search relevance',
  out.join('\n\n') + '\n',
)
process.stdout.write(written)
