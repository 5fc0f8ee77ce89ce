/** Search filters resolved to index codes, and the per-document check that also counts facets. */
import type { SearchFilters } from './engine.ts'
import { count, FACET_KEYS, type FacetCounts } from './facets.ts'
import type { IndexData } from './index-data.ts'

/** Codes of the active filters, resolved once per search. Null codes can match nothing. */
export function filterCheck(data: IndexData, filters: SearchFilters) {
  const code = (list: string[], value: string | undefined) =>
    value === undefined ? undefined : list.indexOf(value)
  return {
    any: Object.values(filters).some((v) => v !== undefined),
    kind: filters.kind === undefined ? undefined : filters.kind === 'item' ? 0 : 1,
    strand: code(data.strandSlugs, filters.strand),
    topic: code(data.topicSlugs, filters.topic),
    year: filters.year === undefined ? undefined : filters.year < 32 ? 1 << filters.year : 0,
    misconception: code(data.misconceptionSlugs, filters.misconception),
  }
}

export type FilterCheck = ReturnType<typeof filterCheck>

/**
 * Count a matching document into the facets and say whether it passes every filter. With one
 * filter failing, it still counts towards that filter's own facet.
 */
export function tally(data: IndexData, d: number, keep: FilterCheck, facets: FacetCounts) {
  const fails = (key: keyof SearchFilters): boolean => {
    switch (key) {
      case 'kind':
        return keep.kind !== undefined && data.kinds[d] !== keep.kind
      case 'strand':
        return keep.strand !== undefined && data.strands[d] !== keep.strand
      case 'topic':
        return keep.topic !== undefined && data.topics[d] !== keep.topic
      case 'year':
        return keep.year !== undefined && (data.years[d]! & keep.year) === 0
      case 'misconception': {
        if (keep.misconception === undefined) return false
        for (let k = data.mcStart[d]!; k < data.mcStart[d + 1]!; k++)
          if (data.mcCodes[k] === keep.misconception) return false
        return true
      }
    }
  }
  if (!keep.any) {
    // No filters (the common case): every match is a hit and counts in every facet.
    facets.kind[data.kinds[d]!]!++
    facets.strand[data.strands[d]!]!++
    facets.topic[data.topics[d]!]!++
    for (let bits = data.years[d]!, y = 0; bits !== 0; y++, bits >>>= 1)
      if (bits & 1) facets.year[y]!++
    for (let k = data.mcStart[d]!; k < data.mcStart[d + 1]!; k++)
      facets.misconception[data.mcCodes[k]!]!++
    return true
  }
  let failed: keyof SearchFilters | null = null
  for (const key of FACET_KEYS) {
    if (!fails(key)) continue
    if (failed !== null) return false
    failed = key
  }
  for (const key of FACET_KEYS) if (failed === null || failed === key) count(data, d, key, facets)
  return failed === null
}
