/**
 * The Worker the end-to-end benchmark runs: the real app, unchanged, plus bench-only routes that
 * answer the same queries straight from D1, so the in-memory index can be compared with what
 * SQL alone would give. Never deployed: the benchmark bundles it in place of `main` with the
 * project's own wrangler.toml (so bindings cannot drift from the real Worker's) and serves the
 * bundle with `wrangler dev`.
 *
 * - `/bench/fts?q=&strand=&year=`: an FTS5 table (bench/fts.sql) ranked by bm25.
 * - `/bench/like?q=&strand=&year=`: `LIKE '%term%'` over the same columns, unranked.
 * - `/bench/isolate`: an id fixed for the life of this isolate, so the benchmark can tell if
 *   wrangler reloaded the Worker (e.g. a file changed) in the middle of a measurement.
 *
 * Both search routes return `{ total, data }` with at most 21 rows (a page of 20 plus one, as the
 * app's route fetches) and use the app's tokenizer, so each path sees the same terms. Neither
 * computes facets, highlights or fuzzy matches: they do less work than `/api/search`.
 */
import app from '../src/index.ts'
import { processTerm, tokenize } from '../src/search/normalize.ts'

// Durable Object classes and the like must be exported from the entry module too.
export * from '../src/index.ts'

// Made on the first request: the runtime allows no random values at global scope.
let isolate: string | undefined
const PAGE = 21
const MAX_TERMS = 24

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url)
    switch (url.pathname) {
      case '/bench/fts':
        return Response.json(await ftsSearch(env.DB, filtersOf(url)))
      case '/bench/like':
        return Response.json(await likeSearch(env.DB, filtersOf(url)))
      case '/bench/isolate':
        isolate ??= crypto.randomUUID()
        return Response.json({ isolate })
      default:
        return app.fetch(request, env, ctx)
    }
  },
} satisfies ExportedHandler<Env>

interface BenchFilters {
  terms: string[]
  strand: string | null
  year: number | null
}

function filtersOf(url: URL): BenchFilters {
  const q = url.searchParams.get('q') ?? ''
  const year = url.searchParams.get('year')
  return {
    terms: tokenize(q)
      .map(processTerm)
      .filter((t): t is string => Boolean(t))
      .slice(0, MAX_TERMS),
    strand: url.searchParams.get('strand'),
    year: year === null ? null : Number(year),
  }
}

// Filters as SQL over `i` (items) and `t` (topics); ?1 is the strand, ?2 the year.
const FILTERS = `i.status = 'published'
  AND (?1 IS NULL OR t.strand_slug = ?1)
  AND (?2 IS NULL OR EXISTS (SELECT 1 FROM item_years y WHERE y.item_id = i.id AND y.year = ?2))`

type Row = { ref: string; title: string; score?: number }

async function ftsSearch(db: D1Database, { terms, strand, year }: BenchFilters) {
  if (terms.length === 0) return { total: 0, data: [] }
  // OR of the terms with the last one as a prefix, as the app's index matches while typing.
  // Terms are letters, digits, `.` and `/` only, so quoting them is enough.
  const match = terms
    .map((term, i) => `"${term}"${i === terms.length - 1 && term.length >= 2 ? '*' : ''}`)
    .join(' OR ')
  const from = `bench_fts f JOIN items i ON i.id = f.item_id JOIN topics t ON t.slug = i.topic_slug
    WHERE bench_fts MATCH ?3 AND ${FILTERS}`
  const [rows, count] = await db.batch([
    // Column weights follow the app's boosts: construct 3, stem 1, misconception names 2.5.
    db
      .prepare(
        `SELECT f.item_id AS ref, i.construct AS title, bm25(bench_fts, 0, 3, 1, 2.5) AS score
         FROM ${from} ORDER BY score LIMIT ${PAGE}`,
      )
      .bind(strand, year, match),
    db.prepare(`SELECT count(*) AS total FROM ${from}`).bind(strand, year, match),
  ])
  return { total: (count?.results[0] as { total: number }).total, data: rows?.results as Row[] }
}

async function likeSearch(db: D1Database, { terms, strand, year }: BenchFilters) {
  if (terms.length === 0) return { total: 0, data: [] }
  // Any term in the construct, the stem or the title of a misconception the item reveals.
  const anyTerm = terms
    .map((_, i) => {
      const p = `?${i + 3}`
      return `(i.construct LIKE ${p} ESCAPE '\\' OR i.stem_source LIKE ${p} ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM option_misconceptions om
          JOIN misconceptions m ON m.slug = om.misconception_slug
          WHERE om.item_id = i.id AND m.title LIKE ${p} ESCAPE '\\'))`
    })
    .join(' OR ')
  const patterns = terms.map((term) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  const from = `items i JOIN topics t ON t.slug = i.topic_slug WHERE ${FILTERS} AND (${anyTerm})`
  const [rows, count] = await db.batch([
    db
      .prepare(`SELECT i.id AS ref, i.construct AS title FROM ${from} ORDER BY i.id LIMIT ${PAGE}`)
      .bind(strand, year, ...patterns),
    db.prepare(`SELECT count(*) AS total FROM ${from}`).bind(strand, year, ...patterns),
  ])
  return { total: (count?.results[0] as { total: number }).total, data: rows?.results as Row[] }
}
