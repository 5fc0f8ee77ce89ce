/** The misconception handlers, each typed against its route in misconceptions.routes.ts. */
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { decodeCursor, toPage } from '../lib/pagination.ts'
import * as queries from './misconceptions.queries.ts'
import type * as routes from './misconceptions.routes.ts'
import type { AppRouteHandler } from '../lib/context.ts'

export const listMisconceptions: AppRouteHandler<typeof routes.listMisconceptions> = async (c) => {
  const { limit, cursor, ...filters } = c.req.valid('query')
  const rows = await queries.listMisconceptions(getDb(c.env.DB), filters, {
    limit,
    afterSlug: decodeCursor(cursor),
  })
  return c.json(
    toPage(rows, limit, (row) => row.slug),
    200,
  )
}

export const getMisconception: AppRouteHandler<typeof routes.getMisconception> = async (c) => {
  const { slug } = c.req.valid('param')
  const misconception = await queries.getMisconception(getDb(c.env.DB), slug)
  if (!misconception) throw notFound(`Misconception "${slug}"`)
  return c.json(misconception, 200)
}
