/** Set routes wired to their handlers. */
import { getItem } from '../items/items.queries.ts'
import { currentUser } from '../lib/auth.ts'
import { createRouter } from '../lib/create-app.ts'
import { type Db, getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { getHub } from '../hubs/hubs.queries.ts'
import { exportResponse } from './export.tsx'
import * as queries from './sets.queries.ts'
import * as routes from './sets.routes.ts'

/** Published versions never change (withdrawal aside), so caches may keep them for a day. */
const LONG_CACHE = 'public, max-age=86400, stale-while-revalidate=604800'

async function setView(db: Db, setId: string) {
  const set = await queries.getSet(db, setId)
  if (!set) throw notFound('That set')
  return set
}

/** A published version of a hub set; anything else is not public. */
async function publicVersion(db: Db, setId: string, version: number) {
  const set = await queries.getSetRow(db, setId)
  const row = set?.ownerType === 'hub' ? await queries.getVersion(db, setId, version) : null
  if (!row) throw notFound(`Version ${version} of that set`)
  return row
}

export const setsRouter = createRouter()
  .openapi(routes.createSet, async (c) => {
    const db = getDb(c.env.DB)
    const user = currentUser(c)
    const { owner, ...input } = c.req.valid('json')
    await queries.requireOwner(db, owner.type, owner.id, user)
    const id = await queries.createSet(db, owner, user.id, input)
    return c.json(await setView(db, id), 201)
  })
  .openapi(routes.getSet, async (c) => {
    const db = getDb(c.env.DB)
    const { setId } = c.req.valid('param')
    await queries.requireSetManager(db, setId, currentUser(c))
    return c.json(await setView(db, setId), 200)
  })
  .openapi(routes.updateSet, async (c) => {
    const db = getDb(c.env.DB)
    const { setId } = c.req.valid('param')
    await queries.requireSetManager(db, setId, currentUser(c))
    await queries.updateSet(db, setId, c.req.valid('json'))
    return c.json(await setView(db, setId), 200)
  })
  .openapi(routes.publishVersion, async (c) => {
    const db = getDb(c.env.DB)
    const { setId } = c.req.valid('param')
    const user = currentUser(c)
    await queries.requireSetManager(db, setId, user)
    const published = await queries.publishSetVersion(db, setId, user.id)
    c.header('location', `/api/sets/${setId}/versions/${published.version}`)
    return c.json({ ...published, withdrawnAt: null, withdrawnReason: null }, 201)
  })
  .openapi(routes.listVersions, async (c) => {
    const db = getDb(c.env.DB)
    const { setId } = c.req.valid('param')
    const set = await queries.getSetRow(db, setId)
    if (set?.ownerType !== 'hub') throw notFound('That set')
    return c.json({ data: await queries.listVersions(db, setId) }, 200)
  })
  .openapi(routes.getVersion, async (c) => {
    const { setId, version } = c.req.valid('param')
    const row = await publicVersion(getDb(c.env.DB), setId, version)
    c.header('cache-control', LONG_CACHE)
    return c.json(
      {
        setId: row.setId,
        version: row.version,
        title: row.title,
        description: row.description,
        years: row.years,
        changelog: row.changelog,
        publishedAt: row.publishedAt,
        withdrawnAt: row.withdrawnAt,
        withdrawnReason: row.withdrawnReason,
        entries: row.entries,
      },
      200,
    )
  })
  .openapi(routes.withdrawVersion, async (c) => {
    const db = getDb(c.env.DB)
    const { setId, version } = c.req.valid('param')
    const user = currentUser(c)
    await queries.requireSetManager(db, setId, user)
    await queries.withdrawVersion(db, setId, version, user.id, c.req.valid('json').reason)
    return c.body(null, 204)
  })
  .openapi(routes.exportVersion, async (c) => {
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
    res.headers.set('cache-control', LONG_CACHE)
    return res
  })
  .openapi(routes.exportItem, async (c) => {
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
  })
  .openapi(routes.listHubSets, async (c) => {
    const db = getDb(c.env.DB)
    const { hubSlug } = c.req.valid('param')
    if (!(await getHub(db, hubSlug))) throw notFound('That hub')
    return c.json({ data: await queries.listHubSets(db, hubSlug) }, 200)
  })
