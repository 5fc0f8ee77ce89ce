/**
 * Evidence routes: tallies (typed counts, a teacher's list, delete, CSV) and what they show (item
 * statistics, misconception prevalence for my classes, my workgroup's or the bank's). Workgroup
 * enquiries with their pre/post results are declared in enquiries.routes.ts.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'

// Shared with enquiries.routes.ts.
export const Id = z.string().min(1).max(40)
export const Slug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9-]{1,80}$/, 'a lower-case slug')
export const Day = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
export const errors = { ...notFoundError, ...signedInErrors } as const
export const csv = (description: string) => ({
  description,
  content: { 'text/csv': { schema: z.string() } },
})

export const TallySchema = z
  .object({
    id: z.string(),
    classId: z.string(),
    classLabel: z.string(),
    year: z.number().int(),
    itemId: z.string(),
    itemRevision: z.number().int(),
    sessionId: z.string().nullable(),
    source: z.enum(['live', 'typed']),
    takenOn: z.string(),
    pupilsAnswering: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
  })
  .openapi('Tally')

export const recordTally = createRoute({
  method: 'post',
  path: '/api/tallies',
  tags: ['Evidence'],
  summary: 'Record hands-up or whiteboard counts for one of your classes (the same record as live)',
  request: {
    body: jsonBody(
      z.strictObject({
        classId: Id,
        itemId: Slug,
        takenOn: Day.optional().openapi({ description: 'Defaults to today' }),
        pupilsAnswering: z.number().int().min(1).max(1000).optional().openapi({
          description: 'Defaults to the sum of the counts',
        }),
        counts: z.record(
          z.string().regex(/^[A-E]$/, 'an option letter, A–E'),
          z.number().int().min(0).max(1000),
        ),
      }),
    ),
  },
  responses: { 201: jsonResponse('Recorded', TallySchema), ...errors },
})

export const listTallies = createRoute({
  method: 'get',
  path: '/api/tallies',
  tags: ['Evidence'],
  summary: 'Your tallies, newest first',
  request: { query: z.object({ classId: Id.optional(), itemId: Slug.optional() }) },
  responses: {
    200: jsonResponse('Your tallies', z.object({ data: z.array(TallySchema) })),
    ...signedInErrors,
  },
})

export const deleteTally = createRoute({
  method: 'delete',
  path: '/api/tallies/{tallyId}',
  tags: ['Evidence'],
  summary: 'Delete one of your tallies',
  request: { params: z.object({ tallyId: z.string().min(1).max(80) }) },
  responses: { 204: { description: 'Deleted' }, ...errors },
})

export const exportClassTallies = createRoute({
  method: 'get',
  path: '/api/classes/{classId}/export',
  tags: ['Evidence'],
  summary: 'A class’s tallies as CSV (yours only)',
  request: { params: z.object({ classId: Id }) },
  responses: { 200: csv('One row per tally, one column per option'), ...errors },
})

const ScopeQuery = z.object({
  scope: z
    .enum(['bank', 'mine', 'workgroup'])
    .default('bank')
    .openapi({ description: 'bank (public, thresholded), mine, or workgroup (with workgroupId)' }),
  workgroupId: Id.optional(),
})
const Threshold = z.object({ classes: z.number().int(), teachers: z.number().int() })

const ItemStatisticsSchema = z
  .object({
    itemId: z.string(),
    scope: z.enum(['bank', 'mine', 'workgroup']),
    threshold: Threshold,
    shown: z.boolean().openapi({
      description: 'False when there is nothing to show, or (bank-wide) too few classes pool',
    }),
    totals: z
      .object({
        pupils: z.number().int(),
        classes: z.number().int(),
        teachers: z.number().int(),
        tallies: z.number().int(),
        facility: z.number().openapi({ description: 'Share choosing a correct option' }),
        revisions: z.array(z.number().int()),
      })
      .nullable(),
    options: z.array(
      z.object({
        label: z.string(),
        textHtml: z.string(),
        correct: z.boolean(),
        misconceptions: z.array(z.object({ slug: z.string(), title: z.string() })),
        chose: z.number().int(),
        share: z.number(),
        classes: z.number().int(),
      }),
    ),
  })
  .openapi('ItemStatistics')

const PrevalenceSchema = z
  .object({
    scope: z.enum(['bank', 'mine', 'workgroup']),
    threshold: Threshold,
    rows: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        year: z.number().int(),
        answers: z.number().int(),
        chose: z.number().int(),
        share: z.number(),
        classes: z.number().int(),
        teachers: z.number().int(),
      }),
    ),
    hidden: z.number().int().openapi({ description: 'Year groups left out: below the threshold' }),
  })
  .openapi('Prevalence')

const scopeErrors = {
  401: problem('Sign in to see your own or your workgroup’s figures'),
  ...notFoundError,
  ...commonErrors,
}

export const itemStatistics = createRoute({
  method: 'get',
  path: '/api/items/{id}/statistics',
  tags: ['Evidence'],
  summary: 'Per option: share of pupils and number of classes; facility',
  request: { params: z.object({ id: Slug }), query: ScopeQuery },
  responses: { 200: jsonResponse('Item statistics', ItemStatisticsSchema), ...scopeErrors },
})

export const misconceptionPrevalence = createRoute({
  method: 'get',
  path: '/api/misconceptions/{slug}/prevalence',
  tags: ['Evidence'],
  summary: 'Share of answers revealing this misconception, by year group',
  request: { params: z.object({ slug: Slug }), query: ScopeQuery },
  responses: { 200: jsonResponse('Prevalence', PrevalenceSchema), ...scopeErrors },
})

export const workgroupPrevalence = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}/prevalence',
  tags: ['Evidence'],
  summary: 'Every misconception the members’ classes have shown, by year group (members)',
  request: { params: z.object({ workgroupId: Id }) },
  responses: { 200: jsonResponse('Prevalence', PrevalenceSchema), ...errors },
})
