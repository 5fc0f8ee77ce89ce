/**
 * The query mix every search path is measured with, in-isolate and end to end. Each kind stresses
 * a different part of the index: few matches, thousands of matches, prefix expansion of the last
 * word, fuzzy expansion of a typo, and filters that discard most matches.
 */
import type { SearchFilters } from '../src/search/engine.ts'

export interface BenchQuery {
  kind: string
  q: string
  filters: Pick<SearchFilters, 'strand' | 'year'>
}

export const QUERY_MIX: BenchQuery[] = [
  { kind: 'selective', q: 'perimeter of a rectangle', filters: {} },
  { kind: 'broad', q: 'fraction', filters: {} },
  { kind: 'prefix', q: 'equivalent fra', filters: {} },
  { kind: 'fuzzy', q: 'perimiter', filters: {} },
  { kind: 'filtered', q: 'area', filters: { strand: 'measurement', year: 5 } },
]

/** The query string for a search route (`/api/search`, `/bench/fts`, `/bench/like`). */
export function queryString(query: BenchQuery): string {
  const params = new URLSearchParams({ q: query.q })
  if (query.filters.strand) params.set('strand', query.filters.strand)
  if (query.filters.year !== undefined) params.set('year', String(query.filters.year))
  return params.toString()
}

/** How a query reads in the report: the text typed, and its filters if any. */
export function describe(query: BenchQuery): string {
  const filters = Object.entries(query.filters).map(([key, value]) => `${key} ${value}`)
  return `\`${query.q}\`${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`
}
