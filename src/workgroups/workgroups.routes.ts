/** Workgroup routes: private groups of teachers, their members, invites and audit trail. */
import { createRoute, z } from '@hono/zod-openapi'
import { workgroupRoles } from '../db/schema.ts'
import { notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { IfMatch, preconditionFailed, RevisionField, revisionedResponse } from '../lib/revisions.ts'

const WorkgroupId = z.object({ workgroupId: z.string().max(40) })
const MemberParams = WorkgroupId.extend({ userId: z.string().max(40) })
const errors = { ...notFoundError, ...signedInErrors } as const

export const Workgroup = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    memberCount: z.number().int(),
    role: z.enum(workgroupRoles).openapi({ description: 'Your role in it' }),
    revision: RevisionField,
    createdAt: z.string(),
  })
  .openapi('Workgroup')

const Member = z
  .object({
    id: z.string(),
    displayName: z.string(),
    school: z.string().nullable(),
    role: z.enum(workgroupRoles),
    joinedAt: z.string(),
  })
  .openapi('WorkgroupMember')

const Invite = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  uses: z.number().int(),
  createdBy: z.string(),
})

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    action: z.string(),
    scope: z.string(),
    scopeId: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    subjectUserId: z.string().nullable(),
    subjectName: z.string().nullable().openapi({ description: 'Whom it is about, if anyone' }),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry')

const name = z.string().trim().min(3).max(120)
const description = z.string().trim().max(2000)

export const listWorkgroups = createRoute({
  method: 'get',
  path: '/api/workgroups',
  tags: ['Workgroups'],
  summary: 'The workgroups you belong to',
  responses: {
    200: jsonResponse('Your workgroups', z.object({ data: z.array(Workgroup) })),
    ...signedInErrors,
  },
})

/** A new workgroup, as the API and the page's form both take it. */
export const WorkgroupInput = z.strictObject({ name, description: description.optional() })

export const createWorkgroup = createRoute({
  method: 'post',
  path: '/api/workgroups',
  tags: ['Workgroups'],
  summary: 'Create a private workgroup; you become its lead',
  request: { body: jsonBody(WorkgroupInput) },
  responses: { 201: jsonResponse('Created', Workgroup), ...signedInErrors },
})

export const getWorkgroup = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}',
  tags: ['Workgroups'],
  summary: 'A workgroup you belong to (404 otherwise)',
  request: { params: WorkgroupId },
  responses: { 200: revisionedResponse('The workgroup', Workgroup), ...errors },
})

export const updateWorkgroup = createRoute({
  method: 'patch',
  path: '/api/workgroups/{workgroupId}',
  tags: ['Workgroups'],
  summary: 'Rename or describe a workgroup (leads)',
  request: {
    params: WorkgroupId,
    headers: IfMatch,
    body: jsonBody(z.strictObject({ name: name.optional(), description: description.optional() })),
  },
  responses: { 200: revisionedResponse('Updated', Workgroup), ...preconditionFailed, ...errors },
})

export const listMembers = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}/members',
  tags: ['Workgroups'],
  summary: 'Members and their roles (members)',
  request: { params: WorkgroupId },
  responses: { 200: jsonResponse('Members', z.object({ data: z.array(Member) })), ...errors },
})

export const changeRole = createRoute({
  method: 'patch',
  path: '/api/workgroups/{workgroupId}/members/{userId}',
  tags: ['Workgroups'],
  summary: "Change a member's role (leads)",
  request: {
    params: MemberParams,
    body: jsonBody(z.strictObject({ role: z.enum(workgroupRoles) })),
  },
  responses: {
    204: { description: 'Changed' },
    409: problem('Would leave the workgroup without a lead'),
    ...errors,
  },
})

export const removeMember = createRoute({
  method: 'delete',
  path: '/api/workgroups/{workgroupId}/members/{userId}',
  tags: ['Workgroups'],
  summary: 'Remove a member (leads), or leave (yourself)',
  request: { params: MemberParams },
  responses: {
    204: { description: 'Removed' },
    409: problem('Would leave the workgroup without a lead'),
    ...errors,
  },
})

export const listInvites = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}/invites',
  tags: ['Workgroups'],
  summary: 'Invites, live and past (leads); codes are never shown again',
  request: { params: WorkgroupId },
  responses: { 200: jsonResponse('Invites', z.object({ data: z.array(Invite) })), ...errors },
})

export const createInvite = createRoute({
  method: 'post',
  path: '/api/workgroups/{workgroupId}/invites',
  tags: ['Workgroups'],
  summary: 'Create an invite code and link that expires (leads); shown once',
  request: {
    params: WorkgroupId,
    body: jsonBody(z.strictObject({ expiresInDays: z.number().int().min(1).max(30).default(7) })),
  },
  responses: {
    201: jsonResponse(
      'Created',
      z.object({
        id: z.string(),
        code: z.string(),
        url: z.string(),
        createdAt: z.string(),
        expiresAt: z.string(),
      }),
    ),
    ...errors,
  },
})

export const revokeInvite = createRoute({
  method: 'delete',
  path: '/api/workgroups/{workgroupId}/invites/{inviteId}',
  tags: ['Workgroups'],
  summary: 'Revoke an invite (leads)',
  request: { params: WorkgroupId.extend({ inviteId: z.string().max(40) }) },
  responses: { 204: { description: 'Revoked' }, ...errors },
})

export const workgroupAudit = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}/audit',
  tags: ['Workgroups'],
  summary: 'Every membership and role change, newest first (leads)',
  request: { params: WorkgroupId },
  responses: {
    200: jsonResponse('Audit trail', z.object({ data: z.array(AuditEntry) })),
    ...errors,
  },
})

export const acceptInvite = createRoute({
  method: 'post',
  path: '/api/invites/accept',
  tags: ['Workgroups'],
  summary: 'Join a workgroup with an invite code',
  request: { body: jsonBody(z.strictObject({ code: z.string().min(10).max(100) })) },
  responses: { 200: jsonResponse('Joined', Workgroup), ...errors },
})
