/** Authoring routes for hub curators: create and edit items (draft → review → published) and misconceptions. */
import { createRoute, z } from '@hono/zod-openapi'
import { itemInputSchema, misconceptionInputSchema, slug } from '../bank/schemas.ts'
import { requireCurator } from '../hubs/hubs.queries.ts'
import { currentUser } from '../lib/context.ts'
import { createRouter } from '../lib/create-app.ts'
import { getDb } from '../lib/db.ts'
import { ApiError, notFoundError } from '../lib/errors.ts'
import { jsonBody, jsonResponse, problem, signedInErrors } from '../lib/openapi.ts'
import * as queries from './authoring.queries.ts'

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
const Saved = z.object({ id: z.string(), revision: z.number().int(), status: z.string() })

const routes = {
  createItem: createRoute({
    method: 'post',
    path: '/api/hubs/{hubSlug}/items',
    tags: ['Authoring'],
    summary: 'Write a new item as a draft (hub curators); validated exactly as content/ files are',
    request: { params: HubParams, body: jsonBody(itemInputSchema) },
    responses: { 201: jsonResponse('Saved as a draft', Saved), ...errors },
  }),
  editItem: createRoute({
    method: 'put',
    path: '/api/hubs/{hubSlug}/items/{id}',
    tags: ['Authoring'],
    summary:
      'Save an edit as a new draft revision; a published item stays as published until this is',
    request: { params: ItemParams, body: jsonBody(itemInputSchema) },
    responses: { 200: jsonResponse('Saved as a draft', Saved), ...errors },
  }),
  submit: createRoute({
    method: 'post',
    path: '/api/hubs/{hubSlug}/items/{id}/submit',
    tags: ['Authoring'],
    summary: 'Send the latest draft for review by a second curator',
    request: { params: ItemParams },
    responses: { 200: jsonResponse('In review', Saved), ...errors },
  }),
  publish: createRoute({
    method: 'post',
    path: '/api/hubs/{hubSlug}/items/{id}/publish',
    tags: ['Authoring'],
    summary: 'Publish the revision in review (a curator other than its author)',
    request: { params: ItemParams },
    responses: { 200: jsonResponse('Published', Saved), ...errors },
  }),
  revisions: createRoute({
    method: 'get',
    path: '/api/hubs/{hubSlug}/items/{id}/revisions',
    tags: ['Authoring'],
    summary: 'Every revision of a hub item, newest first (hub curators)',
    request: { params: ItemParams },
    responses: { 200: jsonResponse('Revisions', z.object({ data: z.array(Revision) })), ...errors },
  }),
  editMisconception: createRoute({
    method: 'put',
    path: '/api/hubs/{hubSlug}/misconceptions/{slug}',
    tags: ['Authoring'],
    summary: 'Change a misconception (hub curators); written at once, the old text is replaced',
    request: { params: HubParams.extend({ slug }), body: jsonBody(misconceptionInputSchema) },
    responses: { 200: jsonResponse('Saved', z.object({ slug: z.string() })), ...errors },
  }),
  createMisconception: createRoute({
    method: 'post',
    path: '/api/hubs/{hubSlug}/misconceptions',
    tags: ['Authoring'],
    summary: 'Add a misconception to the bank (hub curators)',
    request: { params: HubParams, body: jsonBody(misconceptionInputSchema) },
    responses: { 201: jsonResponse('Added', z.object({ slug: z.string() })), ...errors },
  }),
}

export const authoringRouter = createRouter()
  .openapi(routes.createItem, async (c) => {
    const db = getDb(c.env.DB)
    const user = currentUser(c)
    const { hubSlug } = c.req.valid('param')
    await requireCurator(db, hubSlug, user)
    const input = c.req.valid('json')
    await queries.createItem(db, c.env.DB, hubSlug, user.id, input)
    return c.json({ id: input.id, revision: 1, status: 'draft' }, 201)
  })
  .openapi(routes.editItem, async (c) => {
    const db = getDb(c.env.DB)
    const user = currentUser(c)
    const { hubSlug, id } = c.req.valid('param')
    await requireCurator(db, hubSlug, user)
    const input = c.req.valid('json')
    if (input.id !== id)
      throw new ApiError(400, 'The id in the body must match the URL', {
        errors: [{ in: 'body', field: 'id', message: `must be "${id}"` }],
      })
    await queries.editItem(db, c.env.DB, hubSlug, user.id, input)
    return c.json(
      { id, revision: (await queries.latestRevision(db, id)).revision, status: 'draft' },
      200,
    )
  })
  .openapi(routes.submit, async (c) => {
    const db = getDb(c.env.DB)
    const { hubSlug, id } = c.req.valid('param')
    await requireCurator(db, hubSlug, currentUser(c))
    return c.json(
      { id, revision: await queries.submitForReview(db, hubSlug, id), status: 'review' },
      200,
    )
  })
  .openapi(routes.publish, async (c) => {
    const db = getDb(c.env.DB)
    const user = currentUser(c)
    const { hubSlug, id } = c.req.valid('param')
    await requireCurator(db, hubSlug, user)
    return c.json(
      {
        id,
        revision: await queries.publishItem(db, c.env.DB, hubSlug, user.id, id),
        status: 'published',
      },
      200,
    )
  })
  .openapi(routes.revisions, async (c) => {
    const db = getDb(c.env.DB)
    const { hubSlug, id } = c.req.valid('param')
    await requireCurator(db, hubSlug, currentUser(c))
    await queries.getAuthoredItem(db, hubSlug, id)
    return c.json({ data: await queries.listRevisions(db, id) }, 200)
  })
  .openapi(routes.createMisconception, async (c) => {
    const db = getDb(c.env.DB)
    await requireCurator(db, c.req.valid('param').hubSlug, currentUser(c))
    const input = c.req.valid('json')
    await queries.saveMisconception(db, c.env.DB, input, 'create')
    return c.json({ slug: input.slug }, 201)
  })
  .openapi(routes.editMisconception, async (c) => {
    const db = getDb(c.env.DB)
    const { hubSlug, slug: target } = c.req.valid('param')
    await requireCurator(db, hubSlug, currentUser(c))
    const input = c.req.valid('json')
    if (input.slug !== target)
      throw new ApiError(400, 'The slug in the body must match the URL', {
        errors: [{ in: 'body', field: 'slug', message: `must be "${target}"` }],
      })
    await queries.saveMisconception(db, c.env.DB, input, 'edit')
    return c.json({ slug: target }, 200)
  })
