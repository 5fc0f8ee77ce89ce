/** The search routes, declared with their schemas. */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { itemFilterQuery, ItemSummarySchema } from '../items/items.routes.ts'
import { commonErrors, notFoundError } from '../lib/errors.ts'
import { pageQuery } from '../lib/pagination.ts'

const FacetCounts = z.record(z.string(), z.number().int())

export const SearchHitSchema = z
  .object({
    kind: z.enum(['item', 'misconception']),
    ref: z.string().openapi({ description: 'Item id or misconception slug' }),
    title: z.string().openapi({ description: "An item's construct or a misconception's title" }),
    titleHtml: z.string().openapi({ description: 'Title, HTML-escaped, matched words in <mark>' }),
    snippetHtml: z.string().openapi({
      description: 'Start of the stem or description, HTML-escaped, matched words in <mark>',
    }),
    strand: z.string(),
    topic: z.string(),
    years: z.array(z.number().int()),
    misconceptions: z.array(z.string()),
    score: z.number(),
  })
  .openapi('SearchHit')

export const search = createRoute({
  method: 'get',
  path: '/api/search',
  tags: ['Search'],
  summary: 'Search items and misconceptions in teachers’ words, with filters and facet counts',
  description:
    'Word forms (adding/add), prefix matching on the last word, typo tolerance, "did you mean", and maths-aware normalisation (×/x/times, ½/1/2/a half, TeX). Results matching every meaningful word come first. "year 7" or "KS3" in the query prefers those year groups. An empty `q` browses by the filters.',
  request: {
    query: z.strictObject({
      q: z
        .string()
        .max(500, 'must be at most 500 characters')
        .default('')
        .openapi({ description: 'What the teacher typed; control characters are ignored' }),
      kind: z.enum(['item', 'misconception']).optional(),
      ...itemFilterQuery,
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      description: 'Ranked results',
      content: {
        'application/json': {
          schema: z.object({
            total: z.number().int(),
            data: z.array(SearchHitSchema),
            nextCursor: z.string().nullable(),
            facets: z.object({
              kind: FacetCounts,
              strand: FacetCounts,
              topic: FacetCounts,
              year: FacetCounts,
              misconception: FacetCounts,
            }),
            didYouMean: z.string().nullable().openapi({
              description:
                'The query with misspelt words replaced by the nearest words in the bank (by spelling and by sound), or null',
            }),
            corrected: z.boolean().openapi({
              description:
                'True when the query found nothing and these are the results of `didYouMean` instead',
            }),
          }),
        },
      },
    },
    ...commonErrors,
  },
})

export const similarItems = createRoute({
  method: 'get',
  path: '/api/items/{id}/similar',
  tags: ['Search', 'Items'],
  summary: 'Items that share misconceptions or a construct with this one',
  request: {
    params: z.object({ id: slug.openapi({ param: { name: 'id', in: 'path' } }) }),
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(20).default(6) }),
  },
  responses: {
    200: {
      description: 'Similar items, most similar first',
      content: {
        'application/json': {
          schema: z.object({
            data: z.array(
              ItemSummarySchema.extend({
                score: z.number(),
                sharedMisconceptions: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    ...notFoundError,
    ...commonErrors,
  },
})
