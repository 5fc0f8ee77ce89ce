/**
 * The Worker the end-to-end benchmark runs: the real app, unchanged, plus bench-only routes that
 * answer the same queries straight from D1, so the in-memory index can be compared with what
 * SQL alone would give. Never deployed: the benchmark bundles it in place of `main` with the
 * project's own wrangler.toml (so bindings cannot drift from the real Worker's) and serves the
 * bundle with `wrangler dev`.
 *
 * - `/bench/fts?q=&strand=&year=`: the app's own FTS5 path (src/search/fts.ts), which
 *   `/api/search` takes for banks above SEARCH_MAX_INDEXED_DOCUMENTS: same fields, same page.
 * - `/bench/like?q=&strand=&year=`: `LIKE '%term%'` over the item text, unranked.
 * - `/bench/isolate`: an id fixed for the life of this isolate, so the benchmark can tell if
 *   wrangler reloaded the Worker (e.g. a file changed) in the middle of a measurement.
 *
 * `/bench/fts` answers as `/api/search` does (a page of 21, facets, highlighting). `/bench/like`
 * returns `{ total, data }` with at most 21 rows, no facets and no ranking.
 */
import app from '../src/index.ts'
import { processTerm, tokenize } from '../src/terms/normalize.ts'
import { searchThroughFts } from '../src/search/search-bank.ts'

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
      case '/bench/fts': {
        const { q, ...filters } = searchParams(url)
        const page = await searchThroughFts(env.DB, q, filters, 0, PAGE)
        return Response.json({ total: page.total, data: page.hits, facets: page.facets })
      }
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

function searchParams(url: URL) {
  const year = url.searchParams.get('year')
  return {
    q: url.searchParams.get('q') ?? '',
    strand: url.searchParams.get('strand') ?? undefined,
    year: year === null ? undefined : Number(year),
  }
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
