/** Hub routes: public profiles of hubs; site admins create them and name curators. */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { IfMatch, preconditionFailed, RevisionField, revisionedResponse } from '../lib/revisions.ts'
import { AuditEntry } from '../workgroups/workgroups.routes.ts'
import { PublicProfile } from '../accounts/accounts.routes.ts'

const HubParams = z.object({ hubSlug: slug })
const CuratorParams = HubParams.extend({ userId: z.string().max(40) })
const errors = { ...notFoundError, ...signedInErrors } as const

export const Hub = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    curators: z.array(PublicProfile),
    revision: RevisionField,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Hub')

const name = z.string().trim().min(3).max(120)
const description = z.string().trim().max(2000)

export const listHubs = createRoute({
  method: 'get',
  path: '/api/hubs',
  tags: ['Hubs'],
  summary: 'Hubs and their curators',
  responses: { 200: jsonResponse('Hubs', z.object({ data: z.array(Hub) })), ...commonErrors },
})

export const createHub = createRoute({
  method: 'post',
  path: '/api/hubs',
  tags: ['Hubs'],
  summary: 'Create a hub (site admins)',
  request: { body: jsonBody(z.strictObject({ slug, name, description: description.optional() })) },
  responses: {
    201: jsonResponse('Created', Hub),
    409: problem('That slug is taken'),
    ...signedInErrors,
  },
})

export const getHub = createRoute({
  method: 'get',
  path: '/api/hubs/{hubSlug}',
  tags: ['Hubs'],
  summary: 'A hub and its curators',
  request: { params: HubParams },
  responses: { 200: revisionedResponse('The hub', Hub), ...notFoundError, ...commonErrors },
})

export const updateHub = createRoute({
  method: 'patch',
  path: '/api/hubs/{hubSlug}',
  tags: ['Hubs'],
  summary: 'Rename or describe a hub (its curators, site admins)',
  request: {
    params: HubParams,
    headers: IfMatch,
    body: jsonBody(z.strictObject({ name: name.optional(), description: description.optional() })),
  },
  responses: { 200: revisionedResponse('Updated', Hub), ...preconditionFailed, ...errors },
})

export const addCurator = createRoute({
  method: 'put',
  path: '/api/hubs/{hubSlug}/curators/{userId}',
  tags: ['Hubs'],
  summary: 'Name a curator (site admins)',
  request: { params: CuratorParams },
  responses: { 204: { description: 'Added (or already a curator)' }, ...errors },
})

export const removeCurator = createRoute({
  method: 'delete',
  path: '/api/hubs/{hubSlug}/curators/{userId}',
  tags: ['Hubs'],
  summary: 'Remove a curator (site admins)',
  request: { params: CuratorParams },
  responses: { 204: { description: 'Removed' }, ...errors },
})

export const hubAudit = createRoute({
  method: 'get',
  path: '/api/hubs/{hubSlug}/audit',
  tags: ['Hubs'],
  summary: "Every change to the hub's curators, newest first (curators, site admins)",
  request: { params: HubParams },
  responses: {
    200: jsonResponse('Audit trail', z.object({ data: z.array(AuditEntry) })),
    ...errors,
  },
})

export const siteAudit = createRoute({
  method: 'get',
  path: '/api/admin/audit',
  tags: ['Admin'],
  summary: 'Every membership and role change across the site (site admins)',
  responses: {
    200: jsonResponse('Audit trail', z.object({ data: z.array(AuditEntry) })),
    ...signedInErrors,
  },
})
