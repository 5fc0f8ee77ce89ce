/**
 * The index in Node, without a Worker or a database: the same `SearchIndex` class, built from
 * what `loadSearchSource` would read, stored and loaded through the same codec, and searched the
 * way `/api/search` does (strip control characters, rank one page, highlight its titles and
 * snippets; reading those from D1 is measured end to end). The MiniSearch index it replaced
 * (bench/baseline/) is measured beside it, on the same bank, in the same run.
 */
import type { TaxonomyRecord } from '../src/bank/compile.ts'
import { plainText } from '../src/lib/render.ts'
import type { SearchSource } from '../src/search/build-index.ts'
import { type SearchFilters, SearchIndex } from '../src/search/engine.ts'
import { highlight } from '../src/search/highlight.ts'
import { decodeIndex, encodeIndex } from '../src/search/index-codec.ts'
import { searchDocuments } from './baseline/minisearch-documents.ts'
import { SearchIndex as MiniSearchIndex } from './baseline/minisearch-engine.ts'
import { QUERY_MIX } from './queries.ts'
import { median, type Summary, summarize } from './stats.ts'
import { generateBank, toSearchSource } from './synthetic-bank.ts'

/** The route ranks `limit + 1` hits (to know whether there is a next page); limit is 20. */
const PAGE = 21

export interface IsolateOptions {
  /** Timed passes over the whole query mix. */
  iterations: number
  /** Untimed passes first, so the JIT has compiled the search path. */
  warmup: number
  /** Index builds (and loads) timed; the median is reported. */
  builds: number
  /** Timed browses (empty query). */
  browses: number
  /** Also measure the MiniSearch baseline (skipped where it would not fit, e.g. 200k). */
  baseline: boolean
}

export interface EngineFigures {
  /** Median build from the bank's rows. */
  buildMs: number
  /** Median load of the stored index (decode and set up), what an isolate does after a change. */
  loadMs: number | null
  storedBytes: number | null
  /** V8 heap plus array buffers the index keeps alive, as loaded in the Worker. */
  memoryBytes: number
  mix: Summary
  queries: { kind: string; q: string; hits: number; latency: Summary }[]
  browse: Summary
}

export interface IsolateResult {
  items: number
  documents: number
  builds: number
  engine: EngineFigures
  baseline: EngineFigures | null
}

function collectGarbage() {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:search does)')
  // Twice: the first pass can leave objects that only the second finds unreachable.
  gc()
  gc()
}

const memory = () => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

type Search = (q: string, filters: SearchFilters) => number

function timeSearches(search: Search, options: IsolateOptions) {
  for (let i = 0; i < options.warmup; i++) {
    for (const query of QUERY_MIX) search(query.q, query.filters)
  }
  const perQuery = QUERY_MIX.map(() => [] as number[])
  const hits = QUERY_MIX.map(() => 0)
  const all: number[] = []
  // Interleave the queries, as traffic would, rather than running each one hot in a loop.
  for (let i = 0; i < options.iterations; i++) {
    QUERY_MIX.forEach((query, q) => {
      const started = performance.now()
      hits[q] = search(query.q.replace(/\p{Cc}/gu, ' '), query.filters)
      const elapsed = performance.now() - started
      perQuery[q]!.push(elapsed)
      all.push(elapsed)
    })
  }
  const browse: number[] = []
  for (let i = 0; i < options.browses; i++) {
    const started = performance.now()
    search('', {})
    browse.push(performance.now() - started)
  }
  return {
    mix: summarize(all),
    queries: QUERY_MIX.map((query, q) => ({
      kind: query.kind,
      q: query.q,
      hits: hits[q]!,
      latency: summarize(perQuery[q]!),
    })),
    browse: summarize(browse),
  }
}

function benchEngine(source: SearchSource, options: IsolateOptions): EngineFigures {
  // What D1 returns for a page of hits: titles and snippet text, looked up by the route.
  const details = new Map<string, { title: string; snippet: string }>()
  for (const item of source.items)
    details.set(`item:${item.id}`, { title: item.construct, snippet: item.stem })
  for (const m of source.misconceptions)
    details.set(`misconception:${m.slug}`, { title: m.title, snippet: m.description })

  const buildTimes: number[] = []
  let bytes: Uint8Array | undefined
  for (let i = 0; i < options.builds; i++) {
    collectGarbage()
    const started = performance.now()
    const index = SearchIndex.build(source, 'bench')
    buildTimes.push(performance.now() - started)
    bytes = encodeIndex(index.indexData)
  }
  if (!bytes) throw new Error('options.builds must be at least 1')
  const loadTimes: number[] = []
  for (let i = 0; i < options.builds; i++) {
    const copy = bytes.slice() // as read from D1: fresh bytes every time
    const started = performance.now()
    new SearchIndex(decodeIndex(copy)!)
    loadTimes.push(performance.now() - started)
  }
  const storedBytes = bytes.length
  collectGarbage()
  const before = memory()
  // As the Worker holds it: loaded from fresh bytes, whose buffer the index's arrays view.
  let stored: Uint8Array | undefined = bytes.slice()
  const index = new SearchIndex(decodeIndex(stored)!)
  stored = undefined
  collectGarbage()
  const memoryBytes = memory() - before

  const search: Search = (q, filters) => {
    const { total, hits } = index.search(q, filters, 0, PAGE)
    for (const hit of hits) {
      const detail = details.get(`${hit.kind}:${hit.ref}`)!
      highlight(detail.title, hit.terms)
      highlight(plainText(detail.snippet.slice(0, 440)).slice(0, 220), hit.terms)
    }
    return total
  }
  return {
    buildMs: median(buildTimes),
    loadMs: median(loadTimes),
    storedBytes,
    memoryBytes,
    ...timeSearches(search, options),
  }
}

function benchBaseline(source: SearchSource, options: IsolateOptions): EngineFigures {
  collectGarbage()
  const before = memory()
  let documents: ReturnType<typeof searchDocuments> | undefined = searchDocuments(source)
  const buildTimes: number[] = []
  let index: MiniSearchIndex | undefined
  for (let i = 0; i < options.builds; i++) {
    index = undefined
    collectGarbage()
    const started = performance.now()
    index = new MiniSearchIndex(documents, 'bench')
    buildTimes.push(performance.now() - started)
  }
  index = undefined
  // What it keeps alive once its input documents are garbage, as in the Worker.
  const kept = new MiniSearchIndex(documents!, 'bench')
  documents = undefined
  collectGarbage()
  const memoryBytes = memory() - before
  const search: Search = (q, filters) => {
    const { total, hits } = kept.search(q, filters)
    kept.present(hits.slice(0, PAGE))
    return total
  }
  return {
    buildMs: median(buildTimes),
    loadMs: null,
    storedBytes: null,
    memoryBytes,
    ...timeSearches(search, options),
  }
}

export function benchIsolate(
  taxonomy: TaxonomyRecord,
  itemCount: number,
  options: IsolateOptions,
): IsolateResult {
  const source = toSearchSource(generateBank(taxonomy, itemCount))
  return {
    items: itemCount,
    documents: source.items.length + source.misconceptions.length,
    builds: options.builds,
    engine: benchEngine(source, options),
    baseline: options.baseline ? benchBaseline(source, options) : null,
  }
}
