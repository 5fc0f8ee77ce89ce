/** Authoring routes for hub curators: declared with their schemas (the OpenAPI document comes from these). */
import { createRoute, z } from '@hono/zod-openapi'
import { IfMatch, preconditionFailed, RevisionField, revisionedResponse } from '../lib/revisions.ts'
import { itemInputSchema, misconceptionInputSchema, slug } from '../bank/schemas.ts'
import { notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'

const HubParams = z.object({ hubSlug: slug })
const ItemParams = HubParams.extend({ id: slug })
const errors = {
  ...notFoundError,
  409: problem('Conflicts with what is stored'),
  ...signedInErrors,
} as const
const Revision = z.object({
  revision: z.number().int(),
  status: z.string(),
  authorId: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  contentHash: z.string(),
  createdAt: z.string(),
})
const Saved = z.object({ id: z.string(), revision: RevisionField, status: z.string() })
const SavedMisconception = z.object({ slug: z.string(), revision: RevisionField })

export const createItem = createRoute({
  method: 'post',
  path: '/api/hubs/{hubSlug}/items',
  tags: ['Authoring'],
  summary: 'Write a new item as a draft (hub curators); validated exactly as content/ files are',
  request: { params: HubParams, body: jsonBody(itemInputSchema) },
  responses: { 201: jsonResponse('Saved as a draft', Saved), ...errors },
})

export const editItem = createRoute({
  method: 'put',
  path: '/api/hubs/{hubSlug}/items/{id}',
  tags: ['Authoring'],
  summary:
    'Save an edit as a new draft revision; a published item stays as published until this is',
  request: { params: ItemParams, headers: IfMatch, body: jsonBody(itemInputSchema) },
  responses: {
    200: revisionedResponse('Saved as a draft', Saved),
    ...preconditionFailed,
    ...errors,
  },
})

export const submit = createRoute({
  method: 'post',
  path: '/api/hubs/{hubSlug}/items/{id}/submit',
  tags: ['Authoring'],
  summary: 'Send the latest draft for review by a second curator',
  request: { params: ItemParams },
  responses: { 200: jsonResponse('In review', Saved), ...errors },
})

export const publish = createRoute({
  method: 'post',
  path: '/api/hubs/{hubSlug}/items/{id}/publish',
  tags: ['Authoring'],
  summary: 'Publish the revision in review (a curator other than its author)',
  request: { params: ItemParams },
  responses: { 200: jsonResponse('Published', Saved), ...errors },
})

export const revisions = createRoute({
  method: 'get',
  path: '/api/hubs/{hubSlug}/items/{id}/revisions',
  tags: ['Authoring'],
  summary: 'Every revision of a hub item, newest first (hub curators)',
  request: { params: ItemParams },
  responses: { 200: jsonResponse('Revisions', z.object({ data: z.array(Revision) })), ...errors },
})

export const editMisconception = createRoute({
  method: 'put',
  path: '/api/hubs/{hubSlug}/misconceptions/{slug}',
  tags: ['Authoring'],
  summary: 'Change a misconception (hub curators); written at once, the old text is replaced',
  request: {
    params: HubParams.extend({ slug }),
    headers: IfMatch,
    body: jsonBody(misconceptionInputSchema),
  },
  responses: {
    200: revisionedResponse('Saved', SavedMisconception),
    ...preconditionFailed,
    ...errors,
  },
})

export const createMisconception = createRoute({
  method: 'post',
  path: '/api/hubs/{hubSlug}/misconceptions',
  tags: ['Authoring'],
  summary: 'Add a misconception to the bank (hub curators)',
  request: { params: HubParams, body: jsonBody(misconceptionInputSchema) },
  responses: { 201: jsonResponse('Added', z.object({ slug: z.string() })), ...errors },
})

const Change = z.object({
  field: z.string().openapi({ description: 'Where it changed, e.g. `options.1.text`' }),
  published: z
    .unknown()
    .optional()
    .openapi({ description: 'The published value (absent when new)' }),
  draft: z
    .unknown()
    .optional()
    .openapi({ description: 'The value under review (absent when removed)' }),
})

export const review = createRoute({
  method: 'get',
  path: '/api/hubs/{hubSlug}/items/{id}/review',
  tags: ['Authoring'],
  summary:
    'The latest revision as written, beside the published one, with what changed (hub curators)',
  request: { params: ItemParams },
  responses: {
    200: jsonResponse(
      'The revision to review and its changes',
      z.object({
        revision: Revision,
        draft: z.record(z.string(), z.unknown()),
        published: z.record(z.string(), z.unknown()).nullable(),
        changes: z.array(Change),
      }),
    ),
    ...errors,
  },
})
