/** The annotation handlers, each typed against its route in annotations.routes.ts. */
import { type CurrentUser, currentUser, type AppRouteHandler } from '../lib/context.ts'
import { limitNewAccountPosting } from '../discussions/guards.ts'
import { isCuratorOrAdmin, requireCurator } from '../hubs/hubs.queries.ts'
import { requirePublishedItem } from '../items/items.queries.ts'
import { requireMisconception } from '../misconceptions/misconceptions.queries.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { decodeCursor, toPage } from '../lib/pagination.ts'
import { requireWorkgroupRole, workgroupRole } from '../workgroups/workgroups.queries.ts'
import * as queries from './annotations.queries.ts'
import * as read from './annotations.read.ts'
import type * as routes from './annotations.routes.ts'
import * as notes from './notes.queries.ts'

async function visibleAnnotation(db: Db, id: string, user: CurrentUser) {
  const row = await queries.getRow(db, id)
  if (!row) throw notFound('That annotation')
  if (!(await workgroupRole(db, row.workgroupId, user.id)) && !(await isCuratorOrAdmin(db, user)))
    throw notFound('That annotation')
  return row
}

async function shaped(db: Db, id: string) {
  const row = await queries.getRow(db, id)
  const [annotation] = row ? await read.toAnnotations(db, [row]) : []
  if (!annotation) throw notFound('That annotation')
  return annotation
}

export const listWorkgroupAnnotations: AppRouteHandler<
  typeof routes.listWorkgroupAnnotations
> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  const { limit, cursor } = c.req.valid('query')
  await requireWorkgroupRole(db, workgroupId, currentUser(c).id, 'member')
  const rows = await read.listAnnotations(
    db,
    { workgroupId },
    { limit, after: decodeCursor(cursor) },
  )
  return c.json(toPage(rows, limit, read.annotationKey), 200)
}

export const proposeAnnotation: AppRouteHandler<typeof routes.proposeAnnotation> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  const user = currentUser(c)
  await requireWorkgroupRole(db, workgroupId, user.id, 'member')
  await limitNewAccountPosting(c, db, user.id)
  const id = await queries.propose(db, workgroupId, user.id, c.req.valid('json'))
  return c.json(await shaped(db, id), 201)
}

export const reviewQueue: AppRouteHandler<typeof routes.reviewQueue> = async (c) => {
  const db = getDb(c.env.DB)
  if (!(await isCuratorOrAdmin(db, currentUser(c))))
    throw new ApiError(403, 'Only hub curators and site admins review proposals')
  const { limit, cursor } = c.req.valid('query')
  const rows = await read.listAnnotations(
    db,
    { status: 'proposed' },
    { limit, after: decodeCursor(cursor) },
  )
  return c.json(toPage(rows, limit, read.annotationKey), 200)
}

export const getAnnotation: AppRouteHandler<typeof routes.getAnnotation> = async (c) => {
  const db = getDb(c.env.DB)
  const row = await visibleAnnotation(db, c.req.valid('param').annotationId, currentUser(c))
  return c.json(await shaped(db, row.id), 200)
}

export const respond: AppRouteHandler<typeof routes.respond> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const row = await queries.getRow(db, c.req.valid('param').annotationId)
  if (!row || !(await workgroupRole(db, row.workgroupId, user.id)))
    throw notFound('That annotation')
  await queries.respond(db, row, user.id, c.req.valid('json'))
  return c.json(await shaped(db, row.id), 200)
}

export const accept: AppRouteHandler<typeof routes.accept> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { hubSlug } = c.req.valid('json')
  await requireCurator(db, hubSlug, user)
  const row = await queries.getRow(db, c.req.valid('param').annotationId)
  if (!row) throw notFound('That annotation')
  await queries.accept(db, row, user.id, hubSlug)
  return c.json(await shaped(db, row.id), 200)
}

export const reject: AppRouteHandler<typeof routes.reject> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const input = c.req.valid('json')
  await requireCurator(db, input.hubSlug, user)
  const row = await queries.getRow(db, c.req.valid('param').annotationId)
  if (!row) throw notFound('That annotation')
  await queries.reject(db, row, user.id, input)
  return c.json(await shaped(db, row.id), 200)
}

export const itemCredits: AppRouteHandler<typeof routes.itemCredits> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = c.req.valid('param')
  await requirePublishedItem(db, id)
  return c.json({ data: await read.itemCredits(db, id) }, 200)
}

export const listNotes: AppRouteHandler<typeof routes.listNotes> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  const { limit, cursor, misconception } = c.req.valid('query')
  await requireWorkgroupRole(db, workgroupId, currentUser(c).id, 'member')
  const rows = await notes.listNotes(
    db,
    { workgroupId, misconception },
    { limit, after: decodeCursor(cursor) },
  )
  return c.json(toPage(rows, limit, notes.noteKey), 200)
}

export const addNote: AppRouteHandler<typeof routes.addNote> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  const user = currentUser(c)
  await requireWorkgroupRole(db, workgroupId, user.id, 'member')
  await limitNewAccountPosting(c, db, user.id)
  const id = await notes.addNote(db, workgroupId, user.id, c.req.valid('json'))
  return c.json(await notes.getNote(db, workgroupId, id), 201)
}

export const shareNote: AppRouteHandler<typeof routes.shareNote> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId, noteId } = c.req.valid('param')
  const user = currentUser(c)
  await requireWorkgroupRole(db, workgroupId, user.id, 'lead')
  await notes.getNote(db, workgroupId, noteId)
  await notes.setShared(db, noteId, user.id, c.req.valid('json').shared)
  return c.json(await notes.getNote(db, workgroupId, noteId), 200)
}

export const sharedNotes: AppRouteHandler<typeof routes.sharedNotes> = async (c) => {
  const db = getDb(c.env.DB)
  const { slug } = c.req.valid('param')
  const { limit, cursor } = c.req.valid('query')
  await requireMisconception(db, slug)
  const rows = await notes.listNotes(db, { sharedOn: slug }, { limit, after: decodeCursor(cursor) })
  return c.json(toPage(rows, limit, notes.noteKey), 200)
}
