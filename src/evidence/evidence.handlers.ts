/** Evidence handlers: thin, each checking whose figures the caller may see before reading them. */
import type { Context } from 'hono'
import { requireOwnClass } from '../classes/classes.queries.ts'
import { currentUser, type AppEnv, type AppRouteHandler } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { getVersion } from '../sets/sets.queries.ts'
import { requireWorkgroupRole } from '../workgroups/workgroups.queries.ts'
import * as enquiries from './enquiries.queries.ts'
import { enquiryCsv, enquiryResults } from './enquiry-results.queries.ts'
import type * as enquiryRoutes from './enquiries.routes.ts'
import type * as routes from './evidence.routes.ts'
import { resolveScope } from './scope.ts'
import {
  itemStatistics,
  misconceptionExists,
  PUBLIC_THRESHOLD,
  prevalence,
} from './statistics.queries.ts'
import * as tallies from './tallies.queries.ts'

const private_ = (c: Context<AppEnv>) => c.header('cache-control', 'private, no-store')

export const recordTally: AppRouteHandler<typeof routes.recordTally> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const input = c.req.valid('json')
  const klass = await requireOwnClass(db, input.classId, user.id)
  const { revision, labels } = await tallies.currentRevision(db, input.itemId)
  const { counts, answering } = tallies.checkCounts(labels, input.counts, input.pupilsAnswering)
  const id = await tallies.writeTally(db, {
    teacherId: user.id,
    classId: klass.id,
    year: klass.year,
    itemId: input.itemId,
    itemRevision: revision,
    sessionId: null,
    source: 'typed',
    takenOn: input.takenOn ?? new Date().toISOString().slice(0, 10),
    counts,
    pupilsAnswering: answering,
  })
  return c.json(await tallies.requireOwnTally(db, id, user.id), 201)
}

export const listTallies: AppRouteHandler<typeof routes.listTallies> = async (c) =>
  c.json(
    {
      data: await tallies.listTallies(getDb(c.env.DB), currentUser(c).id, c.req.valid('query')),
    },
    200,
  )

export const deleteTally: AppRouteHandler<typeof routes.deleteTally> = async (c) => {
  await tallies.deleteTally(getDb(c.env.DB), c.req.valid('param').tallyId, currentUser(c).id)
  return c.body(null, 204)
}

export const exportClassTallies: AppRouteHandler<typeof routes.exportClassTallies> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const klass = await requireOwnClass(db, c.req.valid('param').classId, user.id)
  const rows = await tallies.listTallies(db, user.id, { classId: klass.id, limit: 5000 })
  private_(c)
  c.header('content-type', 'text/csv; charset=utf-8')
  c.header('content-disposition', `attachment; filename="tallies-${klass.id}.csv"`)
  return c.body(tallies.talliesCsv(rows), 200) as never
}

export const itemStatisticsHandler: AppRouteHandler<typeof routes.itemStatistics> = async (c) => {
  const db = getDb(c.env.DB)
  const scope = await resolveScope(c, db, c.req.valid('query'))
  if (scope.kind !== 'bank') private_(c)
  return c.json(await itemStatistics(db, c.req.valid('param').id, scope), 200)
}

export const misconceptionPrevalence: AppRouteHandler<
  typeof routes.misconceptionPrevalence
> = async (c) => {
  const db = getDb(c.env.DB)
  const scope = await resolveScope(c, db, c.req.valid('query'))
  if (scope.kind !== 'bank') private_(c)
  const { slug } = c.req.valid('param')
  if (!(await misconceptionExists(db, slug))) throw notFound(`Misconception "${slug}"`)
  const result = await prevalence(db, scope, slug)
  return c.json({ scope: scope.kind, threshold: PUBLIC_THRESHOLD, ...result }, 200)
}

export const workgroupPrevalence: AppRouteHandler<typeof routes.workgroupPrevalence> = async (
  c,
) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  await requireWorkgroupRole(db, workgroupId, currentUser(c).id, 'member')
  private_(c)
  const result = await prevalence(db, { kind: 'workgroup', workgroupId })
  return c.json({ scope: 'workgroup' as const, threshold: PUBLIC_THRESHOLD, ...result }, 200)
}

/** A check's items: given directly, or every item of a published set version. */
async function checkItems(
  db: Db,
  check: { itemIds?: string[]; set?: { setId: string; version: number } },
) {
  if (check.itemIds) return check.itemIds
  const version = check.set ? await getVersion(db, check.set.setId, check.set.version) : null
  if (!version) throw notFound('That published set version')
  return version.entries.map((e) => e.itemId)
}

async function enquiryFor(c: Context<AppEnv>, db: Db, enquiryId: string) {
  const user = c.get('user')
  const { role } = await enquiries.visibleEnquiry(db, enquiryId, user?.id ?? null)
  if (role) private_(c)
  return enquiryResults(db, enquiryId, { member: role !== null })
}

export const createEnquiry: AppRouteHandler<typeof enquiryRoutes.createEnquiry> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { workgroupId } = c.req.valid('param')
  await requireWorkgroupRole(db, workgroupId, user.id, 'lead')
  const { pre, post, ...input } = c.req.valid('json')
  const id = await enquiries.createEnquiry(db, workgroupId, user.id, {
    ...input,
    preItemIds: await checkItems(db, pre),
    postItemIds: await checkItems(db, post),
  })
  return c.json(await enquiryFor(c, db, id), 201)
}

export const listEnquiries: AppRouteHandler<typeof enquiryRoutes.listEnquiries> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  await requireWorkgroupRole(db, workgroupId, currentUser(c).id, 'member')
  return c.json({ data: await enquiries.listEnquiries(db, workgroupId) }, 200)
}

export const getEnquiry: AppRouteHandler<typeof enquiryRoutes.getEnquiry> = async (c) =>
  c.json(await enquiryFor(c, getDb(c.env.DB), c.req.valid('param').enquiryId), 200)

export const addEnquiryClass: AppRouteHandler<typeof enquiryRoutes.addEnquiryClass> = async (c) => {
  const { enquiryId, classId } = c.req.valid('param')
  await enquiries.addClass(getDb(c.env.DB), enquiryId, classId, currentUser(c).id)
  return c.body(null, 204)
}

export const removeEnquiryClass: AppRouteHandler<typeof enquiryRoutes.removeEnquiryClass> = async (
  c,
) => {
  const { enquiryId, classId } = c.req.valid('param')
  await enquiries.removeClass(getDb(c.env.DB), enquiryId, classId, currentUser(c).id)
  return c.body(null, 204)
}

export const closeEnquiry: AppRouteHandler<typeof enquiryRoutes.closeEnquiry> = async (c) => {
  const db = getDb(c.env.DB)
  const { enquiryId } = c.req.valid('param')
  await enquiries.closeEnquiry(db, enquiryId, currentUser(c).id, c.req.valid('json'))
  return c.json(await enquiryFor(c, db, enquiryId), 200)
}

export const exportEnquiry: AppRouteHandler<typeof enquiryRoutes.exportEnquiry> = async (c) => {
  const results = await enquiryFor(c, getDb(c.env.DB), c.req.valid('param').enquiryId)
  c.header('content-type', 'text/csv; charset=utf-8')
  c.header('content-disposition', `attachment; filename="enquiry-${results.id}.csv"`)
  return c.body(enquiryCsv(results), 200) as never
}
