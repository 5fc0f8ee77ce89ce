/**
 * Facet counts as the index keeps them while it scores (one typed counter per facet value code)
 * and as the API shows them (value → count, values with no hits left out).
 */
import type { Facets } from './engine.ts'
import { type IndexData, ITEM } from './index-data.ts'

export const FACET_KEYS = ['kind', 'strand', 'topic', 'year', 'misconception'] as const

export interface FacetCounts {
  kind: Uint32Array
  strand: Uint32Array
  topic: Uint32Array
  year: Uint32Array
  misconception: Uint32Array
}

export function emptyFacets(data: IndexData): FacetCounts {
  return {
    kind: new Uint32Array(2),
    strand: new Uint32Array(data.strandSlugs.length),
    topic: new Uint32Array(data.topicSlugs.length),
    year: new Uint32Array(32),
    misconception: new Uint32Array(data.misconceptionSlugs.length),
  }
}

export function count(data: IndexData, d: number, key: keyof FacetCounts, facets: FacetCounts) {
  switch (key) {
    case 'kind':
      facets.kind[data.kinds[d]!]!++
      return
    case 'strand':
      facets.strand[data.strands[d]!]!++
      return
    case 'topic':
      facets.topic[data.topics[d]!]!++
      return
    case 'year': {
      let bits = data.years[d]!
      for (let y = 0; bits !== 0; y++, bits >>>= 1) if (bits & 1) facets.year[y]!++
      return
    }
    case 'misconception':
      for (let k = data.mcStart[d]!; k < data.mcStart[d + 1]!; k++)
        facets.misconception[data.mcCodes[k]!]!++
  }
}

/** Facet counts as the API shows them: value → count, values with no hits left out. */
export function facetRecords(data: IndexData, facets: FacetCounts): Facets {
  const record = (counts: Uint32Array, name: (i: number) => string) => {
    const out: Record<string, number> = {}
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) out[name(i)] = counts[i]!
    return out
  }
  return {
    kind: record(facets.kind, (i) => (i === ITEM ? 'item' : 'misconception')),
    strand: record(facets.strand, (i) => data.strandSlugs[i]!),
    topic: record(facets.topic, (i) => data.topicSlugs[i]!),
    year: record(facets.year, String),
    misconception: record(facets.misconception, (i) => data.misconceptionSlugs[i]!),
  }
}

export function yearsOf(bits: number): number[] {
  const years: number[] = []
  for (let y = 0; bits !== 0; y++, bits >>>= 1) if (bits & 1) years.push(y)
  return years
}
