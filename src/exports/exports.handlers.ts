/** The export handlers, each typed against its route in exports.routes.ts. */
import { getItem } from '../items/items.queries.ts'
import type { AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { PUBLISHED_CACHE, publicVersion } from '../sets/sets.queries.ts'
import type * as routes from './exports.routes.ts'
import { exportResponse } from './render.tsx'

export const exportVersion: AppRouteHandler<typeof routes.exportVersion> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId, version } = c.req.valid('param')
  const row = await publicVersion(db, setId, version)
  const { format, shuffle } = c.req.valid('query')
  const res = await exportResponse(
    db,
    c.env.MEDIA,
    format,
    {
      filename: `${setId}-v${version}`,
      title: `${row.title} (v${version})`,
      description: row.description,
      items: row.entries.map((e) => e.item),
      notes: row.entries.map((e) => e.note),
      category: `${row.title} (v${version})`,
    },
    { shuffle: shuffle === 'true' },
  )
  res.headers.set('cache-control', PUBLISHED_CACHE)
  return res
}

export const exportItem: AppRouteHandler<typeof routes.exportItem> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = c.req.valid('param')
  const item = await getItem(db, id)
  if (!item) throw notFound(`Item "${id}"`)
  const { format, shuffle } = c.req.valid('query')
  return exportResponse(
    db,
    c.env.MEDIA,
    format,
    { filename: id, title: item.construct, description: '', items: [item] },
    { shuffle: shuffle === 'true' },
  )
}
