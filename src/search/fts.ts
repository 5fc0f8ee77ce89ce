/**
 * Search through D1's FTS5 (migration 0006), for a bank larger than an isolate can index: the
 * same `/api/search` answer — ranked page, facet counts, titles and snippets — from SQL, in one
 * batch. Terms are made as the in-isolate index makes them (terms.ts), so word forms and maths
 * notation match alike; documents matching every term come first, then bm25 with the same field
 * weights. What it does not do: typo tolerance and "did you mean" (they need the vocabulary in
 * memory), and browsing sorts by id rather than title.
 */
import type { EngineHit, Facets, SearchFilters } from './engine.ts'
import { textTerms } from '../terms/terms.ts'

const MAX_QUERY_TERMS = 24

interface Row {
  doc: string
  kind: 'item' | 'misconception'
  topic: string
  strand: string
  years: string
  misconceptions: string
  rank: number
  title: string | null
  text: string | null
}

export interface FtsResult {
  total: number
  hits: (EngineHit & { title: string; text: string })[]
  facets: Facets
}

/** The query as FTS5 MATCH expressions: every term (AND) and any term (OR). Null if no terms. */
export function matchExpressions(query: string) {
  const surfaces: string[] = []
  const terms = [...new Set(textTerms(query, (surface) => surfaces.push(surface)))].slice(
    0,
    MAX_QUERY_TERMS,
  )
  if (terms.length === 0) return null
  // Terms hold only letters, digits, '.' and '/', so quoting is enough. The last word typed may
  // be unfinished ("equivalent fra"): it also matches as a prefix.
  const last = terms.length - 1
  const quoted = terms.map((t, i) =>
    i === last && surfaces.length > 0 && t.length >= 2 ? `("${t}" OR "${t}"*)` : `"${t}"`,
  )
  return { all: quoted.join(' AND '), any: quoted.join(' OR '), terms: new Set(terms) }
}

export async function searchFts(
  d1: D1Database,
  query: string,
  filters: SearchFilters,
  offset: number,
  limit: number,
): Promise<FtsResult> {
  const match = matchExpressions(query)
  if (match === null && query.trim() !== '') return { total: 0, hits: [], facets: emptyFacets() }
  // Numbered parameters, shared by every statement of the batch: ?1 any term, ?2 every term.
  const params: (string | number)[] = [match?.any ?? '', match?.all ?? '']
  const param = (value: string | number) => `?${params.push(value)}`
  const hits = match
    ? `SELECT rowid AS id, bm25(search_fts, 3.0, 2.0, 1.0) AS rank,
        rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?2) AS tier
        FROM search_fts WHERE search_fts MATCH ?1`
    : 'SELECT id, 0 AS rank, 0 AS tier FROM search_docs'
  const { kind, strand, topic, year, misconception } = filters
  const conditions: [keyof SearchFilters, string][] = []
  if (kind !== undefined) conditions.push(['kind', `d.kind = ${param(kind)}`])
  if (strand !== undefined) conditions.push(['strand', `d.strand = ${param(strand)}`])
  if (topic !== undefined) conditions.push(['topic', `d.topic = ${param(topic)}`])
  if (year !== undefined)
    conditions.push([
      'year',
      `EXISTS (SELECT 1 FROM json_each(d.years) WHERE value = ${param(year)})`,
    ])
  if (misconception !== undefined)
    conditions.push([
      'misconception',
      `EXISTS (SELECT 1 FROM json_each(d.misconceptions) WHERE value = ${param(misconception)})`,
    ])
  // Each facet counts the hits that pass every other filter.
  const where = (except?: keyof SearchFilters) =>
    ['1 = 1', ...conditions.filter(([key]) => key !== except).map(([, c]) => c)].join(' AND ')
  const from = `(${hits}) h JOIN search_docs d ON d.id = h.id`
  const facet = (key: keyof SearchFilters, value: string, join = '') =>
    `SELECT ${value} AS value, count(*) AS n FROM ${from}${join} WHERE ${where(key)} GROUP BY 1`
  const statements = [
    `SELECT d.doc, d.kind, d.topic, d.strand, d.years, d.misconceptions, h.rank,
      coalesce(i.construct, m.title) AS title, coalesce(i.stem_source, m.description_source) AS text
      FROM ${from}
      LEFT JOIN items i ON d.kind = 'item' AND i.id = substr(d.doc, 6)
      LEFT JOIN misconceptions m ON d.kind = 'misconception' AND m.slug = substr(d.doc, 15)
      WHERE ${where()} ORDER BY h.tier DESC, h.rank, d.doc LIMIT ${param(limit)} OFFSET ${param(offset)}`,
    `SELECT count(*) AS n FROM ${from} WHERE ${where()}`,
    facet('kind', 'd.kind'),
    facet('strand', 'd.strand'),
    facet('topic', 'd.topic'),
    facet('year', 'j.value', ', json_each(d.years) j'),
    facet('misconception', 'j.value', ', json_each(d.misconceptions) j'),
  ]
  // A statement is bound up to the highest parameter it names (SQLite refuses more).
  const bound = (text: string) => {
    const highest = Math.max(0, ...[...text.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])))
    return d1.prepare(text).bind(...params.slice(0, highest))
  }
  const [page, count, kinds, strands, topics, years, misconceptions] = (await d1.batch(
    statements.map(bound),
  )) as [
    D1Result<Row>,
    D1Result<{ n: number }>,
    ...D1Result<{ value: string | number; n: number }>[],
  ]
  const record = (result: D1Result<{ value: string | number; n: number }> | undefined) =>
    Object.fromEntries((result?.results ?? []).map((r) => [String(r.value), r.n]))
  return {
    total: count.results[0]?.n ?? 0,
    hits: page.results.map((row) => ({
      kind: row.kind,
      ref: row.doc.slice(row.kind.length + 1),
      strand: row.strand,
      topic: row.topic,
      years: JSON.parse(row.years) as number[],
      misconceptions: JSON.parse(row.misconceptions) as string[],
      // bm25 is negative, lower is better: shown as a positive score like the index's.
      score: Math.round(-row.rank * 1000) / 1000,
      terms: match?.terms ?? new Set(),
      title: row.title ?? row.doc,
      text: row.text ?? '',
    })),
    facets: {
      kind: record(kinds),
      strand: record(strands),
      topic: record(topics),
      year: record(years),
      misconception: record(misconceptions),
    },
  }
}

const emptyFacets = (): Facets => ({ kind: {}, strand: {}, topic: {}, year: {}, misconception: {} })
