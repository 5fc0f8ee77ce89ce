/**
 * One search index per isolate. It is built on the first search, reused by every request after,
 * and rebuilt only when the bank's version stamp in D1 moves (one indexed one-row read per
 * request). Concurrent requests during a build share the same build.
 */
import { getBankVersion } from '../bank/version.ts'
import type { Db } from '../lib/db.ts'
import { loadSearchDocuments } from './search.queries.ts'
import { SearchIndex } from './engine.ts'

let current: { version: string; index: Promise<SearchIndex> } | undefined

export async function getSearchIndex(db: Db): Promise<SearchIndex> {
  const version = (await getBankVersion(db)) ?? 'empty'
  if (current?.version !== version) {
    const building = loadSearchDocuments(db).then((docs) => new SearchIndex(docs, version))
    current = { version, index: building }
    // A failed build must not be cached: the next request tries again.
    building.catch(() => {
      if (current?.index === building) current = undefined
    })
  }
  return current.index
}
