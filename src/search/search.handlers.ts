/** The search handlers, each typed against its route in search.routes.ts. */
import { getItemSummaries } from '../items/items.queries.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { decodeOffsetCursor, toPage } from '../lib/pagination.ts'
import { getSearchIndex } from './search-cache.ts'
import type * as routes from './search.routes.ts'
import type { AppRouteHandler } from '../lib/context.ts'

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const { q, limit, cursor, ...filters } = c.req.valid('query')
  const index = await getSearchIndex(getDb(c.env.DB))
  // Control characters are noise from copy and paste, not meaning.
  const { total, hits, facets } = index.search(q.replace(/\p{Cc}/gu, ' '), filters)
  const offset = decodeOffsetCursor(cursor)
  const window = index.present(hits.slice(offset, offset + limit + 1))
  const page = toPage(
    window.map((hit, i) => ({ hit, position: offset + i + 1 })),
    limit,
    (row) => String(row.position),
  )
  return c.json(
    { total, data: page.data.map((row) => row.hit), nextCursor: page.nextCursor, facets },
    200,
  )
}

export const similarItems: AppRouteHandler<typeof routes.similarItems> = async (c) => {
  const { id } = c.req.valid('param')
  const db = getDb(c.env.DB)
  const similar = (await getSearchIndex(db)).similar(id, c.req.valid('query').limit)
  if (!similar) throw notFound(`Item "${id}"`)
  const summaries = new Map(
    (
      await getItemSummaries(
        db,
        similar.map((s) => s.ref),
      )
    ).map((s) => [s.id, s]),
  )
  const data = similar.flatMap(({ ref, score, sharedMisconceptions }) => {
    const summary = summaries.get(ref)
    return summary ? [{ ...summary, score, sharedMisconceptions }] : []
  })
  return c.json({ data }, 200)
}
