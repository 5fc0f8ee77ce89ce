/**
 * A search as `/api/search` and the search page both run it: the index ranks and counts, then one
 * D1 round trip reads the page's titles and snippets together with the bank's version stamp. When
 * the isolate already holds an index (the usual case) the version is only checked in that same
 * round trip, so a search costs D1 one round trip, as `/api/health` does; if the bank moved
 * meanwhile, the search is run again on the new index.
 */
import type { Db } from '../lib/db.ts'
import { plainText } from '../lib/render.ts'
import type { EngineHit, EngineResult, SearchFilters, SearchIndex, SearchKind } from './engine.ts'
import { highlight } from './highlight.ts'
import { getSearchIndex, indexForVersion, loadedSearchIndex } from './search-cache.ts'
import { bankVersionStatement, hitDetailStatements } from './search.queries.ts'

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

export async function searchBank(
  db: Db,
  query: string,
  filters: SearchFilters,
  offset: number,
  limit: number,
): Promise<SearchPage> {
  const loaded = loadedSearchIndex()
  if (loaded) {
    const index = await loaded
    const result = index.search(query, filters, offset, limit)
    const [version, details] = await readDetails(db, result.hits, true)
    if (version === index.version) return present(result, details)
    return run(await indexForVersion(db, version ?? 'empty'), db, query, filters, offset, limit)
  }
  return run(await getSearchIndex(db), db, query, filters, offset, limit)
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
    const snippet = plainText(detail?.text ?? '').slice(0, SNIPPET_LENGTH)
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
