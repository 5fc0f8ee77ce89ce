/** The workgroup handlers, each typed against its route in workgroups.routes.ts. */
import { listAudit } from '../audit/audit.queries.ts'
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { expectedRevision, tagRevision } from '../lib/revisions.ts'
import * as invites from './invites.queries.ts'
import * as queries from './workgroups.queries.ts'
import type * as routes from './workgroups.routes.ts'

async function view(db: Db, workgroupId: string, userId: string) {
  const [workgroup, role] = await Promise.all([
    queries.getWorkgroup(db, workgroupId),
    queries.workgroupRole(db, workgroupId, userId),
  ])
  if (!workgroup || !role) throw notFound('That workgroup')
  return { ...workgroup, role }
}

export const listWorkgroups: AppRouteHandler<typeof routes.listWorkgroups> = async (c) =>
  c.json({ data: await queries.listMyWorkgroups(getDb(c.env.DB), currentUser(c).id) }, 200)

export const createWorkgroup: AppRouteHandler<typeof routes.createWorkgroup> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const id = await queries.createWorkgroup(db, user.id, c.req.valid('json'))
  return c.json(await view(db, id, user.id), 201)
}

export const getWorkgroup: AppRouteHandler<typeof routes.getWorkgroup> = async (c) => {
  const workgroup = await view(getDb(c.env.DB), c.req.valid('param').workgroupId, currentUser(c).id)
  tagRevision(c, workgroup.revision)
  return c.json(workgroup, 200)
}

export const updateWorkgroup: AppRouteHandler<typeof routes.updateWorkgroup> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  const user = currentUser(c)
  await queries.requireWorkgroupRole(db, workgroupId, user.id, 'lead')
  const expected = expectedRevision(c.req.valid('header')['if-match'])
  await queries.updateWorkgroup(db, workgroupId, c.req.valid('json'), expected)
  const workgroup = await view(db, workgroupId, user.id)
  tagRevision(c, workgroup.revision)
  return c.json(workgroup, 200)
}

export const listMembers: AppRouteHandler<typeof routes.listMembers> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  await queries.requireWorkgroupRole(db, workgroupId, currentUser(c).id, 'member')
  return c.json({ data: await queries.listMembers(db, workgroupId) }, 200)
}

export const changeRole: AppRouteHandler<typeof routes.changeRole> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId, userId } = c.req.valid('param')
  const user = currentUser(c)
  await queries.requireWorkgroupRole(db, workgroupId, user.id, 'lead')
  await queries.changeRole(db, user.id, workgroupId, userId, c.req.valid('json').role)
  return c.body(null, 204)
}

export const removeMember: AppRouteHandler<typeof routes.removeMember> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId, userId } = c.req.valid('param')
  const user = currentUser(c)
  // Anyone may leave; only leads may remove someone else.
  await queries.requireWorkgroupRole(
    db,
    workgroupId,
    user.id,
    userId === user.id ? 'member' : 'lead',
  )
  await queries.removeMember(db, user.id, workgroupId, userId)
  return c.body(null, 204)
}

export const listInvites: AppRouteHandler<typeof routes.listInvites> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  await queries.requireWorkgroupRole(db, workgroupId, currentUser(c).id, 'lead')
  return c.json({ data: await invites.listInvites(db, workgroupId) }, 200)
}

export const createInvite: AppRouteHandler<typeof routes.createInvite> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  const user = currentUser(c)
  await queries.requireWorkgroupRole(db, workgroupId, user.id, 'lead')
  const invite = await invites.createInvite(
    db,
    user.id,
    workgroupId,
    c.req.valid('json').expiresInDays,
  )
  c.header('cache-control', 'no-store')
  return c.json({ ...invite, url: `${new URL(c.req.url).origin}/join/${invite.code}` }, 201)
}

export const revokeInvite: AppRouteHandler<typeof routes.revokeInvite> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId, inviteId } = c.req.valid('param')
  const user = currentUser(c)
  await queries.requireWorkgroupRole(db, workgroupId, user.id, 'lead')
  await invites.revokeInvite(db, user.id, workgroupId, inviteId)
  return c.body(null, 204)
}

export const workgroupAudit: AppRouteHandler<typeof routes.workgroupAudit> = async (c) => {
  const db = getDb(c.env.DB)
  const { workgroupId } = c.req.valid('param')
  await queries.requireWorkgroupRole(db, workgroupId, currentUser(c).id, 'lead')
  return c.json({ data: await listAudit(db, { scope: 'workgroup', scopeId: workgroupId }) }, 200)
}

export const acceptInvite: AppRouteHandler<typeof routes.acceptInvite> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const workgroupId = await invites.acceptInvite(db, user.id, c.req.valid('json').code)
  return c.json(await view(db, workgroupId, user.id), 200)
}
