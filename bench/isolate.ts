/**
 * The index in Node, without a Worker or a database: the same `SearchIndex` class, built from
 * the documents `loadSearchDocuments` would return, and searched the way `/api/search` does
 * (strip control characters, search, then present one page of hits).
 */
import type { TaxonomyRecord } from '../src/bank/compile.ts'
import { type SearchDocument, type SearchFilters, SearchIndex } from '../src/search/engine.ts'
import { QUERY_MIX } from './queries.ts'
import { median, type Summary, summarize } from './stats.ts'
import { generateBank, type SyntheticBank, toSearchDocuments } from './synthetic-bank.ts'

/** The route presents `limit + 1` hits (to know whether there is a next page); limit is 20. */
const PAGE = 21

export interface IsolateOptions {
  /** Timed passes over the whole query mix. */
  iterations: number
  /** Untimed passes first, so the JIT has compiled the search path. */
  warmup: number
  /** Index builds timed; the median is reported. */
  builds: number
  /** Timed browses (empty query), which sort every document. */
  browses: number
}

export interface IsolateResult {
  items: number
  documents: number
  /** Median of `builds` builds. */
  buildMs: number
  builds: number
  /** Heap the index keeps alive once its input documents are garbage, as in the Worker. */
  heapBytes: number
  mix: Summary
  queries: { kind: string; q: string; hits: number; latency: Summary }[]
  browse: Summary
}

function collectGarbage() {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:search does)')
  // Twice: the first pass can leave objects that only the second finds unreachable.
  gc()
  gc()
}

/** One search as the route does it, returning the total so the caller can report it. */
function searchLikeTheRoute(index: SearchIndex, q: string, filters: SearchFilters): number {
  const { total, hits } = index.search(q.replace(/\p{Cc}/gu, ' '), filters)
  index.present(hits.slice(0, PAGE))
  return total
}

export function benchIsolate(
  taxonomy: TaxonomyRecord,
  itemCount: number,
  options: IsolateOptions,
): IsolateResult {
  collectGarbage()
  const heapBefore = process.memoryUsage().heapUsed

  let bank: SyntheticBank | undefined = generateBank(taxonomy, itemCount)
  let documents: SearchDocument[] | undefined = toSearchDocuments(bank)
  bank = undefined
  const documentCount = documents.length

  let index: SearchIndex | undefined
  const buildTimes: number[] = []
  for (let i = 0; i < options.builds; i++) {
    index = undefined // the previous build must not count towards this one's GC pressure
    collectGarbage()
    const started = performance.now()
    index = new SearchIndex(documents, 'bench')
    buildTimes.push(performance.now() - started)
  }
  if (!index) throw new Error('options.builds must be at least 1')

  // In the Worker the documents are garbage once the index is built; whatever the index still
  // references (stored fields, snippets) stays counted.
  documents = undefined
  collectGarbage()
  const heapBytes = process.memoryUsage().heapUsed - heapBefore

  for (let i = 0; i < options.warmup; i++) {
    for (const query of QUERY_MIX) searchLikeTheRoute(index, query.q, query.filters)
  }
  const perQuery = QUERY_MIX.map(() => [] as number[])
  const hits = QUERY_MIX.map(() => 0)
  const all: number[] = []
  // Interleave the queries, as traffic would, rather than running each one hot in a loop.
  for (let i = 0; i < options.iterations; i++) {
    QUERY_MIX.forEach((query, q) => {
      const started = performance.now()
      hits[q] = searchLikeTheRoute(index, query.q, query.filters)
      const elapsed = performance.now() - started
      perQuery[q]!.push(elapsed)
      all.push(elapsed)
    })
  }

  const browseTimes: number[] = []
  for (let i = 0; i < options.browses; i++) {
    const started = performance.now()
    searchLikeTheRoute(index, '', {})
    browseTimes.push(performance.now() - started)
  }

  return {
    items: itemCount,
    documents: documentCount,
    buildMs: median(buildTimes),
    builds: buildTimes.length,
    heapBytes,
    mix: summarize(all),
    queries: QUERY_MIX.map((query, q) => ({
      kind: query.kind,
      q: query.q,
      hits: hits[q]!,
      latency: summarize(perQuery[q]!),
    })),
    browse: summarize(browseTimes),
  }
}
