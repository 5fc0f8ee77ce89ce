/**
 * A search as `/api/search` and the search page both run it. Two paths, one answer:
 * - In the isolate (banks up to `maxIndexedDocuments`): the index ranks and counts, then one D1
 *   round trip reads the page's titles and snippets together with the bank's version stamp. When
 *   the isolate already holds an index (the usual case) the version is only checked in that same
 *   round trip, so a search costs D1 one round trip, as `/api/health` does; if the bank moved
 *   meanwhile, the search is run again on the new index.
 * - FTS5 in D1 (larger banks, fts.ts): one batch, always current.
 * Which path a bank takes is decided once per bank version from the number of FTS5 documents
 * (and looked at again every minute while on the FTS5 path, whose answers never go stale).
 */
import type { Db } from '../lib/db.ts'
import { plainText } from '../lib/plain-text.ts'
import type { EngineHit, EngineResult, SearchFilters, SearchIndex, SearchKind } from './engine.ts'
import { highlight } from './highlight.ts'
import {
  getSearchIndex,
  indexForVersion,
  loadedSearchIndex,
  STORAGE_SUFFIX,
} from './search-cache.ts'
import { searchFts } from './fts.ts'
import {
  bankVersionStatement,
  hitDetailStatements,
  readSearchState,
  similarItemsBySql,
} from './search.queries.ts'

const SNIPPET_LENGTH = 220

export interface SearchHit {
  kind: SearchKind
  ref: string
  title: string
  titleHtml: string
  snippetHtml: string
  strand: string
  topic: string
  years: number[]
  misconceptions: string[]
  score: number
}

export type SearchPage = Omit<EngineResult, 'hits'> & { hits: SearchHit[] }

/** Which path the bank takes, decided for one version of it (see the module comment). */
let path: { version: string; fts: boolean; at: number } | undefined
const FTS_RECHECK_MS = 60_000

export interface SearchOptions {
  /** Above this many documents the bank is searched through FTS5 (wrangler.toml explains). */
  maxIndexedDocuments: number
}

/** The options as wrangler.toml sets them. */
export function searchOptions(env: Pick<Env, 'SEARCH_MAX_INDEXED_DOCUMENTS'>): SearchOptions {
  const max = Number(env.SEARCH_MAX_INDEXED_DOCUMENTS)
  return { maxIndexedDocuments: Number.isFinite(max) && max > 0 ? max : 60_000 }
}

export async function searchBank(
  db: Db,
  d1: D1Database,
  query: string,
  filters: SearchFilters,
  offset: number,
  limit: number,
  options: SearchOptions,
): Promise<SearchPage> {
  if (path?.fts && Date.now() - path.at < FTS_RECHECK_MS)
    return searchThroughFts(d1, query, filters, offset, limit)
  const loaded = loadedSearchIndex()
  if (loaded && path && !path.fts) {
    const index = await loaded
    const result = index.search(query, filters, offset, limit)
    const [version, details] = await readDetails(db, result.hits, true)
    // The same version, or an older one from a replica catching up: this index answers.
    if (version === index.version || (await indexForVersion(db, version ?? 'empty')) === index)
      return present(result, details)
  }
  // No index yet, or the bank moved: its version, size and stored index in one round trip.
  const { version, documents, stored } = await readSearchState(db, STORAGE_SUFFIX)
  path = { version, fts: documents > options.maxIndexedDocuments, at: Date.now() }
  if (path.fts) return searchThroughFts(d1, query, filters, offset, limit)
  return run(await indexForVersion(db, version, stored), db, query, filters, offset, limit)
}

/**
 * Items like this one, from the index when the bank is held in the isolate, else from SQL
 * (shared misconceptions only). Null when the item is not published.
 */
export async function similarItems(
  db: Db,
  itemId: string,
  limit: number,
  options: SearchOptions,
): Promise<{ ref: string; score: number; sharedMisconceptions: string[] }[] | null> {
  const loaded = loadedSearchIndex()
  if (!loaded || !path || path.fts) {
    const { version, documents, stored } = await readSearchState(db, STORAGE_SUFFIX)
    path = { version, fts: documents > options.maxIndexedDocuments, at: Date.now() }
    if (path.fts) return similarItemsBySql(db, itemId, limit)
    return (await indexForVersion(db, version, stored)).similar(itemId, limit)
  }
  return (await getSearchIndex(db)).similar(itemId, limit)
}

/** A search through FTS5 alone, whatever the bank's size (tests and benchmarks compare the paths). */
export async function searchThroughFts(
  d1: D1Database,
  query: string,
  filters: SearchFilters,
  offset: number,
  limit: number,
): Promise<SearchPage> {
  const { total, hits, facets } = await searchFts(d1, query, filters, offset, limit)
  const details: Details = new Map(hits.map((h) => [`${h.kind}:${h.ref}`, h]))
  return present({ total, hits, facets, didYouMean: null, corrected: false }, details)
}

async function run(
  index: SearchIndex,
  db: Db,
  query: string,
  filters: SearchFilters,
  offset: number,
  limit: number,
) {
  const result = index.search(query, filters, offset, limit)
  const [, details] = await readDetails(db, result.hits, false)
  return present(result, details)
}

type Details = Map<string, { title: string; text: string }>

async function readDetails(
  db: Db,
  hits: EngineHit[],
  withVersion: boolean,
): Promise<[string | null, Details]> {
  const ids = hits.filter((h) => h.kind === 'item').map((h) => h.ref)
  const slugs = hits.filter((h) => h.kind === 'misconception').map((h) => h.ref)
  const details: Details = new Map()
  if (!withVersion && hits.length === 0) return [null, details]
  const [itemRows, misconceptionRows] = hitDetailStatements(db, ids, slugs)
  const [versionRows, found, foundMisconceptions] = await db.batch([
    bankVersionStatement(db),
    itemRows,
    misconceptionRows,
  ])
  for (const row of found) details.set(`item:${row.ref}`, row)
  for (const row of foundMisconceptions) details.set(`misconception:${row.ref}`, row)
  return [versionRows[0]?.value ?? null, details]
}

function present(result: EngineResult, details: Details): SearchPage {
  const hits = result.hits.map((hit): SearchHit => {
    const detail = details.get(`${hit.kind}:${hit.ref}`)
    const title = detail?.title ?? hit.ref
    // Only the start is shown: render no more of the source than can reach it.
    const snippet = plainText((detail?.text ?? '').slice(0, SNIPPET_LENGTH * 2)).slice(
      0,
      SNIPPET_LENGTH,
    )
    return {
      kind: hit.kind,
      ref: hit.ref,
      title,
      titleHtml: highlight(title, hit.terms),
      snippetHtml: highlight(snippet, hit.terms),
      strand: hit.strand,
      topic: hit.topic,
      years: hit.years,
      misconceptions: hit.misconceptions,
      score: hit.score,
    }
  })
  return { ...result, hits }
}
