/** The search handlers, each typed against its route in search.routes.ts. */
import { getItemSummaries } from '../items/items.queries.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { decodeOffsetCursor, toPage } from '../lib/pagination.ts'
import * as bank from './search-bank.ts'
import type * as routes from './search.routes.ts'
import type { AppRouteHandler } from '../lib/context.ts'

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const { q, limit, cursor, ...filters } = c.req.valid('query')
  const offset = decodeOffsetCursor(cursor)
  // Control characters are noise from copy and paste, not meaning. One hit past the page says
  // whether there is a next one.
  const { total, hits, facets, didYouMean, corrected } = await bank.searchBank(
    getDb(c.env.DB),
    c.env.DB,
    q.replace(/\p{Cc}/gu, ' '),
    filters,
    offset,
    limit + 1,
    bank.searchOptions(c.env),
  )
  const page = toPage(
    hits.map((hit, i) => ({ hit, position: offset + i + 1 })),
    limit,
    (row) => String(row.position),
  )
  return c.json(
    {
      total,
      data: page.data.map((row) => row.hit),
      nextCursor: page.nextCursor,
      facets,
      didYouMean,
      corrected,
    },
    200,
  )
}

export const similarItems: AppRouteHandler<typeof routes.similarItems> = async (c) => {
  const { id } = c.req.valid('param')
  const db = getDb(c.env.DB)
  const similar = await bank.similarItems(
    db,
    id,
    c.req.valid('query').limit,
    bank.searchOptions(c.env),
  )
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
