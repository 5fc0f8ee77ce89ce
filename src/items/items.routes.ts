/** The item routes: declared with their schemas (the OpenAPI document comes from these). */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { itemPurposes } from '../db/schema.ts'
import { commonErrors, notFoundError } from '../lib/errors.ts'
import { pageQuery, pageSchema } from '../lib/pagination.ts'
import { Ref, Rendered } from '../lib/shapes.ts'

export const ItemSummarySchema = z
  .object({
    id: z.string(),
    construct: z.string(),
    topic: Ref,
    strand: Ref,
    years: z.array(z.number().int()),
    stem: Rendered,
    hasDiagram: z.boolean(),
    misconceptions: z
      .array(z.string())
      .openapi({ description: 'Slugs of the misconceptions its wrong options reveal' }),
    updatedAt: z.string(),
  })
  .openapi('ItemSummary')

export const ItemSchema = z
  .object({
    id: z.string(),
    construct: z.string(),
    topic: Ref,
    strand: Ref,
    years: z.array(z.number().int()),
    stem: Rendered,
    diagramSvg: z.string().nullable(),
    multipleAnswers: z.boolean(),
    purpose: z.enum(itemPurposes).openapi({
      description:
        '`diagnostic`: for a class to vote on, each wrong answer naming a misconception; `discussion`: for teachers to talk about (e.g. a correct answer a misconception also produces)',
    }),
    options: z.array(
      z.object({
        label: z.string(),
        text: Rendered,
        correct: z.boolean(),
        explanation: Rendered,
        misconceptions: z.array(z.object({ slug: z.string(), title: z.string() })),
      }),
    ),
    source: z.string(),
    licence: z.string(),
    status: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Item')

export const itemFilterQuery = {
  strand: slug.optional().openapi({ description: 'Strand slug, e.g. `measurement`' }),
  topic: slug.optional().openapi({ description: 'Topic slug, e.g. `perimeter`' }),
  year: z.coerce
    .number()
    .int()
    .min(1)
    .max(11)
    .optional()
    .openapi({ description: 'Year group, 1–11' }),
  misconception: slug.optional().openapi({ description: 'Misconception slug' }),
}

export const listItems = createRoute({
  method: 'get',
  path: '/api/items',
  tags: ['Items'],
  summary: 'List published items, filtered and paginated',
  request: { query: z.strictObject({ ...itemFilterQuery, ...pageQuery }) },
  responses: {
    200: {
      description: 'A page of items',
      content: { 'application/json': { schema: pageSchema(ItemSummarySchema) } },
    },
    ...commonErrors,
  },
})

export const getItem = createRoute({
  method: 'get',
  path: '/api/items/{id}',
  tags: ['Items'],
  summary: 'One item with its options, explanations and misconceptions',
  request: { params: z.object({ id: slug.openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'The item', content: { 'application/json': { schema: ItemSchema } } },
    ...notFoundError,
    ...commonErrors,
  },
})
