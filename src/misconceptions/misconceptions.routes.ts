/** The misconception routes, declared with their schemas. */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { commonErrors, notFoundError } from '../lib/errors.ts'
import { pageQuery, pageSchema } from '../lib/pagination.ts'
import { Ref, Rendered } from '../lib/shapes.ts'

export const MisconceptionSummarySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    topic: Ref,
    strand: Ref,
    descriptionHtml: z.string(),
    itemCount: z.number().int().openapi({ description: 'Published items that diagnose it' }),
  })
  .openapi('MisconceptionSummary')

export const MisconceptionSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    topic: Ref,
    strand: Ref,
    description: Rendered,
    whyItArises: Rendered,
    howToAddress: Rendered,
    references: z.array(z.object({ citation: z.string(), url: z.string().optional() })),
    related: z.array(z.object({ slug: z.string(), title: z.string() })),
    items: z
      .array(
        z.object({
          id: z.string(),
          construct: z.string(),
          stemHtml: z.string(),
          options: z.array(z.string()),
        }),
      )
      .openapi({
        description: 'Published items with an option that reveals it, and which options',
      }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Misconception')

export const listMisconceptions = createRoute({
  method: 'get',
  path: '/api/misconceptions',
  tags: ['Misconceptions'],
  summary: 'List misconceptions, filtered and paginated',
  request: {
    query: z.strictObject({
      strand: slug.optional(),
      topic: slug.optional(),
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      description: 'A page of misconceptions',
      content: { 'application/json': { schema: pageSchema(MisconceptionSummarySchema) } },
    },
    ...commonErrors,
  },
})

export const getMisconception = createRoute({
  method: 'get',
  path: '/api/misconceptions/{slug}',
  tags: ['Misconceptions'],
  summary: 'One misconception, with the items that diagnose it',
  request: { params: z.object({ slug: slug.openapi({ param: { name: 'slug', in: 'path' } }) }) },
  responses: {
    200: {
      description: 'The misconception',
      content: { 'application/json': { schema: MisconceptionSchema } },
    },
    ...notFoundError,
    ...commonErrors,
  },
})
