/** The set handlers, each typed against its route in sets.routes.ts. */
import { getItem } from '../items/items.queries.ts'
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { getHub } from '../hubs/hubs.queries.ts'
import { exportResponse } from './export.tsx'
import * as queries from './sets.queries.ts'
import type * as routes from './sets.routes.ts'

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

export const createSet: AppRouteHandler<typeof routes.createSet> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { owner, ...input } = c.req.valid('json')
  await queries.requireOwner(db, owner.type, owner.id, user)
  const id = await queries.createSet(db, owner, user.id, input)
  return c.json(await setView(db, id), 201)
}

export const getSet: AppRouteHandler<typeof routes.getSet> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId } = c.req.valid('param')
  await queries.requireSetManager(db, setId, currentUser(c))
  return c.json(await setView(db, setId), 200)
}

export const updateSet: AppRouteHandler<typeof routes.updateSet> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId } = c.req.valid('param')
  await queries.requireSetManager(db, setId, currentUser(c))
  await queries.updateSet(db, setId, c.req.valid('json'))
  return c.json(await setView(db, setId), 200)
}

export const publishVersion: AppRouteHandler<typeof routes.publishVersion> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId } = c.req.valid('param')
  const user = currentUser(c)
  await queries.requireSetManager(db, setId, user)
  const published = await queries.publishSetVersion(db, setId, user.id)
  c.header('location', `/api/sets/${setId}/versions/${published.version}`)
  return c.json({ ...published, withdrawnAt: null, withdrawnReason: null }, 201)
}

export const listVersions: AppRouteHandler<typeof routes.listVersions> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId } = c.req.valid('param')
  const set = await queries.getSetRow(db, setId)
  if (set?.ownerType !== 'hub') throw notFound('That set')
  return c.json({ data: await queries.listVersions(db, setId) }, 200)
}

export const getVersion: AppRouteHandler<typeof routes.getVersion> = async (c) => {
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
}

export const withdrawVersion: AppRouteHandler<typeof routes.withdrawVersion> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId, version } = c.req.valid('param')
  const user = currentUser(c)
  await queries.requireSetManager(db, setId, user)
  await queries.withdrawVersion(db, setId, version, user.id, c.req.valid('json').reason)
  return c.body(null, 204)
}

export const exportVersion: AppRouteHandler<typeof routes.exportVersion> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId, version } = c.req.valid('param')
  const row = await publicVersion(db, setId, version)
  const res = await exportResponse(db, c.req.valid('query').format, {
    filename: `${setId}-v${version}`,
    title: `${row.title} (v${version})`,
    description: row.description,
    items: row.entries.map((e) => e.item),
    notes: row.entries.map((e) => e.note),
  })
  res.headers.set('cache-control', LONG_CACHE)
  return res
}

export const exportItem: AppRouteHandler<typeof routes.exportItem> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = c.req.valid('param')
  const item = await getItem(db, id)
  if (!item) throw notFound(`Item "${id}"`)
  return exportResponse(db, c.req.valid('query').format, {
    filename: id,
    title: item.construct,
    description: '',
    items: [item],
  })
}

export const listHubSets: AppRouteHandler<typeof routes.listHubSets> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug } = c.req.valid('param')
  if (!(await getHub(db, hubSlug))) throw notFound('That hub')
  return c.json({ data: await queries.listHubSets(db, hubSlug) }, 200)
}
