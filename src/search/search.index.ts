/** Search routes wired to their handlers. */
import { getItemSummaries } from '../items/items.queries.ts'
import { createRouter } from '../lib/create-app.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { decodeOffsetCursor, toPage } from '../lib/pagination.ts'
import { searchBank, searchOptions, similarItems } from './search-bank.ts'
import * as routes from './search.routes.ts'

export const searchRouter = createRouter()
  .openapi(routes.search, async (c) => {
    const { q, limit, cursor, ...filters } = c.req.valid('query')
    const offset = decodeOffsetCursor(cursor)
    // Control characters are noise from copy and paste, not meaning. One hit past the page says
    // whether there is a next one.
    const { total, hits, facets, didYouMean, corrected } = await searchBank(
      getDb(c.env.DB),
      c.env.DB,
      q.replace(/\p{Cc}/gu, ' '),
      filters,
      offset,
      limit + 1,
      searchOptions(c.env),
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
  })
  .openapi(routes.similarItems, async (c) => {
    const { id } = c.req.valid('param')
    const db = getDb(c.env.DB)
    const similar = await similarItems(db, id, c.req.valid('query').limit, searchOptions(c.env))
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
  })
