/** List routes: the signed-in teacher's own list of items for a lesson (only ever their own). */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { IfMatch, preconditionFailed, RevisionField, revisionedResponse } from '../lib/revisions.ts'
import { MAX_LIST_ITEMS } from './lists.queries.ts'

export const ListInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .max(160)
    .default('')
    .openapi({ description: 'What the list is for, e.g. "Y5 fractions starter"' }),
  itemIds: z
    .array(slug)
    .max(MAX_LIST_ITEMS)
    .openapi({ description: 'Item ids in the order they will be shown' }),
})

export const ListSchema = z
  .object({
    name: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        construct: z.string(),
        topic: z.object({ slug: z.string(), name: z.string() }),
        years: z.array(z.number().int()),
      }),
    ),
    revision: RevisionField,
    updatedAt: z.string().nullable(),
  })
  .openapi('TeacherList')

const ItemParams = z.object({ itemId: slug })

export const getList = createRoute({
  method: 'get',
  path: '/api/me/list',
  tags: ['Lists'],
  summary: 'Your list of items for a lesson, in your order',
  responses: { 200: revisionedResponse('Your list', ListSchema), ...signedInErrors },
})

export const saveList = createRoute({
  method: 'put',
  path: '/api/me/list',
  tags: ['Lists'],
  summary: 'Rename and reorder your list: the whole order at once',
  request: { headers: IfMatch, body: jsonBody(ListInputSchema) },
  responses: {
    200: revisionedResponse('Saved', ListSchema),
    ...preconditionFailed,
    ...signedInErrors,
  },
})

export const addToList = createRoute({
  method: 'put',
  path: '/api/me/list/items/{itemId}',
  tags: ['Lists'],
  summary: 'Add an item at the end of your list (once; adding it again changes nothing)',
  request: { params: ItemParams },
  responses: {
    200: jsonResponse('Your list', ListSchema),
    409: problem('The list is full'),
    ...notFoundError,
    ...signedInErrors,
  },
})

export const removeFromList = createRoute({
  method: 'delete',
  path: '/api/me/list/items/{itemId}',
  tags: ['Lists'],
  summary: 'Take an item off your list',
  request: { params: ItemParams },
  responses: { 200: revisionedResponse('Your list', ListSchema), ...signedInErrors },
})
