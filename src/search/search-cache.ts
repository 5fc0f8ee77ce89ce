/**
 * One search index per isolate, kept until the bank's version stamp in D1 moves. A new version's
 * index is loaded from D1 when one is stored for it (one read of a few MB, no tokenising), and
 * otherwise built from the bank and stored, so that only the first isolate after a change pays
 * for the build. Concurrent requests during a load share it; a failed load is not kept.
 */
import { getBankVersion } from '../bank/version.ts'
import type { Db } from '../lib/db.ts'
import { SearchIndex } from './engine.ts'
import { decodeIndex, encodeIndex, INDEX_FORMAT } from './index-codec.ts'
import { loadSearchSource, readStoredIndex, writeStoredIndex } from './search.queries.ts'

let current: { version: string; index: Promise<SearchIndex> } | undefined

/** Stored indexes are keyed by bank version and format: `<version>/format-<n>`. */
export const STORAGE_SUFFIX = `/format-${INDEX_FORMAT}`
const storageKey = (version: string) => `${version}${STORAGE_SUFFIX}`

/** The index of the bank as it is now (one indexed one-row read when it is already loaded). */
export async function getSearchIndex(db: Db): Promise<SearchIndex> {
  const version = (await getBankVersion(db)) ?? 'empty'
  return indexForVersion(db, version)
}

/** The loaded index, whatever its version: a caller checks the version itself. */
export const loadedSearchIndex = (): Promise<SearchIndex> | undefined => current?.index

// Version stamps are ISO times (bank/version.ts), so they order as strings.
const ISO_TIME = /^\d{4}-\d\d-\d\dT/
/**
 * True when `version` is older than the one held: a read replica that has not caught up yet
 * (d1-sessions.ts). The newer index is kept rather than swapped back and forth.
 */
const isOlder = (version: string, than: string) =>
  ISO_TIME.test(version) && ISO_TIME.test(than) && version < than

/**
 * The index for this version of the bank: the one held, or loaded (from `stored` when the caller
 * has already read the stored bytes, else from D1), or built.
 */
export function indexForVersion(
  db: Db,
  version: string,
  stored?: Uint8Array | null,
): Promise<SearchIndex> {
  if (current && isOlder(version, current.version)) return current.index
  if (current?.version !== version) {
    const loading = loadIndex(db, version, stored)
    current = { version, index: loading }
    // A failed load must not be kept: the next request tries again.
    loading.catch(() => {
      if (current?.index === loading) current = undefined
    })
  }
  return current.index
}

async function loadIndex(
  db: Db,
  version: string,
  preloaded: Uint8Array | null | undefined,
): Promise<SearchIndex> {
  const stored =
    preloaded === undefined ? await readStoredIndex(db, storageKey(version)) : preloaded
  const data = stored && decodeIndex(stored)
  if (data && data.version === version) return new SearchIndex(data)
  return rebuildSearchIndex(db)
}

/**
 * Build the index from the bank as it is now and store it for every isolate after. Called on
 * the first search after a change; a write path may call it ahead of time.
 */
export async function rebuildSearchIndex(db: Db): Promise<SearchIndex> {
  const { source, version } = await loadSearchSource(db)
  const index = SearchIndex.build(source, version)
  try {
    await writeStoredIndex(db, storageKey(version), encodeIndex(index.indexData))
  } catch (error) {
    // Searching still works from this isolate's copy; the next isolate builds its own.
    console.warn('search: could not store the index', error)
  }
  return index
}
