/** The authoring handlers, each typed against its route in authoring.routes.ts. */
import { requireCurator } from '../hubs/hubs.queries.ts'
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { expectedRevision, tagRevision } from '../lib/revisions.ts'
import * as queries from './authoring.queries.ts'

import type * as routes from './authoring.routes.ts'

export const createItem: AppRouteHandler<typeof routes.createItem> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { hubSlug } = c.req.valid('param')
  await requireCurator(db, hubSlug, user)
  const input = c.req.valid('json')
  await queries.createItem(db, c.env.DB, hubSlug, user.id, input)
  tagRevision(c, 1)
  return c.json({ id: input.id, revision: 1, status: 'draft' }, 201)
}

export const editItem: AppRouteHandler<typeof routes.editItem> = async (c) => {
  const db = getDb(c.env.DB)
  const user = currentUser(c)
  const { hubSlug, id } = c.req.valid('param')
  await requireCurator(db, hubSlug, user)
  const input = c.req.valid('json')
  if (input.id !== id)
    throw new ApiError(400, 'The id in the body must match the URL', {
      errors: [{ in: 'body', field: 'id', message: `must be "${id}"` }],
    })
  const expected = expectedRevision(c.req.valid('header')['if-match'])
  await queries.editItem(db, c.env.DB, hubSlug, user.id, input, expected)
  const { revision } = await queries.latestRevision(db, id)
  tagRevision(c, revision)
  return c.json({ id, revision, status: 'draft' }, 200)
}

export const submit: AppRouteHandler<typeof routes.submit> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug, id } = c.req.valid('param')
  await requireCurator(db, hubSlug, currentUser(c))
  return c.json(
    { id, revision: await queries.submitForReview(db, hubSlug, id), status: 'review' },
    200,
  )
}

export const publish: AppRouteHandler<typeof routes.publish> = async (c) => {
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
}

export const revisions: AppRouteHandler<typeof routes.revisions> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug, id } = c.req.valid('param')
  await requireCurator(db, hubSlug, currentUser(c))
  await queries.getAuthoredItem(db, hubSlug, id)
  return c.json({ data: await queries.listRevisions(db, id) }, 200)
}

export const review: AppRouteHandler<typeof routes.review> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug, id } = c.req.valid('param')
  await requireCurator(db, hubSlug, currentUser(c))
  await queries.getAuthoredItem(db, hubSlug, id)
  return c.json(await queries.reviewRevision(db, id), 200)
}

export const createMisconception: AppRouteHandler<typeof routes.createMisconception> = async (
  c,
) => {
  const db = getDb(c.env.DB)
  await requireCurator(db, c.req.valid('param').hubSlug, currentUser(c))
  const input = c.req.valid('json')
  await queries.saveMisconception(db, c.env.DB, input, 'create')
  tagRevision(c, 1)
  return c.json({ slug: input.slug, revision: 1 }, 201)
}

export const editMisconception: AppRouteHandler<typeof routes.editMisconception> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug, slug: target } = c.req.valid('param')
  await requireCurator(db, hubSlug, currentUser(c))
  const input = c.req.valid('json')
  if (input.slug !== target)
    throw new ApiError(400, 'The slug in the body must match the URL', {
      errors: [{ in: 'body', field: 'slug', message: `must be "${target}"` }],
    })
  const expected = expectedRevision(c.req.valid('header')['if-match'])
  const revision = await queries.saveMisconception(db, c.env.DB, input, 'edit', expected)
  tagRevision(c, revision)
  return c.json({ slug: target, revision }, 200)
}
