/** Item set routes: build a set, publish immutable numbered versions, withdraw, export. */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { setOwnerTypes } from '../db/schema.ts'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { IfMatch, preconditionFailed, RevisionField, revisionedResponse } from '../lib/revisions.ts'
import { ItemSchema } from '../items/items.routes.ts'
import { MAX_SET_ITEMS } from './sets.queries.ts'

const SetParams = z.object({ setId: z.string().max(40) })
const VersionParams = SetParams.extend({ version: z.coerce.number().int().min(1).max(100_000) })
const errors = { ...notFoundError, ...signedInErrors } as const

const SetFields = {
  title: z.string().trim().min(3).max(160),
  description: z.string().trim().max(4000).default(''),
  years: z.array(z.number().int().min(1).max(11)).max(11).default([]),
  entries: z
    .array(z.strictObject({ itemId: slug, note: z.string().trim().max(1000).default('') }))
    .max(MAX_SET_ITEMS)
    .default([]),
}

export const SetInputSchema = z.strictObject(SetFields)

const Version = z.object({
  version: z.number().int(),
  title: z.string(),
  changelog: z.array(z.string()),
  publishedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
})

export const ItemSetSchema = z
  .object({
    id: z.string(),
    ownerType: z.enum(setOwnerTypes),
    ownerId: z.string(),
    title: z.string(),
    description: z.string(),
    years: z.array(z.number().int()),
    revision: RevisionField,
    entries: z.array(
      z.object({
        position: z.number().int(),
        itemId: z.string(),
        note: z.string(),
        construct: z.string(),
      }),
    ),
    versions: z.array(Version),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ItemSet')

export const SetVersionSchema = z
  .object({
    setId: z.string(),
    version: z.number().int(),
    title: z.string(),
    description: z.string(),
    years: z.array(z.number().int()),
    changelog: z.array(z.string()),
    publishedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
    entries: z.array(
      z.object({
        itemId: z.string(),
        revision: z.number().int(),
        note: z.string(),
        item: ItemSchema,
      }),
    ),
  })
  .openapi('ItemSetVersion')

export const createSet = createRoute({
  method: 'post',
  path: '/api/sets',
  tags: ['Sets'],
  summary: 'Create a set for a hub (its curators) or a workgroup (its members)',
  request: {
    body: jsonBody(
      z.strictObject({
        owner: z.strictObject({ type: z.enum(setOwnerTypes), id: z.string().min(1).max(80) }),
        ...SetFields,
      }),
    ),
  },
  responses: { 201: jsonResponse('Created', ItemSetSchema), ...errors },
})

export const getSet = createRoute({
  method: 'get',
  path: '/api/sets/{setId}',
  tags: ['Sets'],
  summary: 'A set’s working draft and its versions (those who manage it)',
  request: { params: SetParams },
  responses: { 200: revisionedResponse('The set', ItemSetSchema), ...errors },
})

export const updateSet = createRoute({
  method: 'put',
  path: '/api/sets/{setId}',
  tags: ['Sets'],
  summary: 'Replace the draft: title, description, years, and the ordered items with notes',
  request: { params: SetParams, headers: IfMatch, body: jsonBody(SetInputSchema) },
  responses: {
    200: revisionedResponse('Updated', ItemSetSchema),
    ...preconditionFailed,
    ...errors,
  },
})

export const publishVersion = createRoute({
  method: 'post',
  path: '/api/sets/{setId}/versions',
  tags: ['Sets'],
  summary: 'Publish the draft as the next immutable version (hub curators)',
  request: { params: SetParams },
  responses: {
    201: jsonResponse('Published', SetVersionSchema),
    409: problem('Not a hub set, or empty'),
    ...errors,
  },
})

export const listVersions = createRoute({
  method: 'get',
  path: '/api/sets/{setId}/versions',
  tags: ['Sets'],
  summary: 'Published versions of a hub set, newest first',
  request: { params: SetParams },
  responses: {
    200: jsonResponse('Versions', z.object({ data: z.array(Version) })),
    ...notFoundError,
    ...commonErrors,
  },
})

export const getVersion = createRoute({
  method: 'get',
  path: '/api/sets/{setId}/versions/{version}',
  tags: ['Sets'],
  summary: 'A published version, exactly as published (cacheable for a long time)',
  request: { params: VersionParams },
  responses: {
    200: jsonResponse('The version', SetVersionSchema),
    ...notFoundError,
    ...commonErrors,
  },
})

export const withdrawVersion = createRoute({
  method: 'post',
  path: '/api/sets/{setId}/versions/{version}/withdraw',
  tags: ['Sets'],
  summary: 'Withdraw a version: it stays readable, marked withdrawn (hub curators)',
  request: {
    params: VersionParams,
    body: jsonBody(z.strictObject({ reason: z.string().trim().min(3).max(500) })),
  },
  responses: { 204: { description: 'Withdrawn' }, 409: problem('Already withdrawn'), ...errors },
})

export const listHubSets = createRoute({
  method: 'get',
  path: '/api/hubs/{hubSlug}/sets',
  tags: ['Sets', 'Hubs'],
  summary: 'A hub’s published sets with their latest version',
  request: { params: z.object({ hubSlug: slug }) },
  responses: {
    200: jsonResponse(
      'Sets',
      z.object({
        data: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            description: z.string(),
            years: z.array(z.number().int()),
            latestVersion: z.number().int().nullable(),
          }),
        ),
      }),
    ),
    ...notFoundError,
    ...commonErrors,
  },
})
