/** The taxonomy route, declared with its schema. */
import { createRoute, z } from '@hono/zod-openapi'
import { commonErrors } from '../lib/errors.ts'

const Topic = z.object({
  slug: z.string(),
  name: z.string(),
  keyStages: z.array(z.number().int()),
  itemCount: z.number().int(),
})
const Strand = z
  .object({
    slug: z.string(),
    name: z.string(),
    itemCount: z.number().int(),
    topics: z.array(Topic),
  })
  .openapi('Strand')

export const listTopics = createRoute({
  method: 'get',
  path: '/api/topics',
  tags: ['Taxonomy'],
  summary: 'Strands and topics (England National Curriculum, KS1–KS4) with published item counts',
  request: { query: z.strictObject({}) },
  responses: {
    200: {
      description: 'The taxonomy',
      content: { 'application/json': { schema: z.object({ strands: z.array(Strand) }) } },
    },
    ...commonErrors,
  },
})
