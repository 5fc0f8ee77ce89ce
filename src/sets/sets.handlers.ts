/** The set handlers, each typed against its route in sets.routes.ts. */
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { getHub } from '../hubs/hubs.queries.ts'
import { expectedRevision, requireRevision, tagRevision } from '../lib/revisions.ts'
import * as queries from './sets.queries.ts'
import type * as routes from './sets.routes.ts'

async function setView(db: Db, setId: string) {
  const set = await queries.getSet(db, setId)
  if (!set) throw notFound('That set')
  return set
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
  const set = await setView(db, setId)
  tagRevision(c, set.revision)
  return c.json(set, 200)
}

export const updateSet: AppRouteHandler<typeof routes.updateSet> = async (c) => {
  const db = getDb(c.env.DB)
  const { setId } = c.req.valid('param')
  const current = await queries.requireSetManager(db, setId, currentUser(c))
  const expected = expectedRevision(c.req.valid('header')['if-match'])
  requireRevision(current.revision, expected)
  // Without If-Match the edit is based on the revision just read: a write in between still wins.
  await queries.updateSet(db, setId, c.req.valid('json'), expected ?? current.revision)
  const set = await setView(db, setId)
  tagRevision(c, set.revision)
  return c.json(set, 200)
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
  const row = await queries.publicVersion(getDb(c.env.DB), setId, version)
  c.header('cache-control', queries.PUBLISHED_CACHE)
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

export const listHubSets: AppRouteHandler<typeof routes.listHubSets> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug } = c.req.valid('param')
  if (!(await getHub(db, hubSlug))) throw notFound('That hub')
  return c.json({ data: await queries.listHubSets(db, hubSlug) }, 200)
}
