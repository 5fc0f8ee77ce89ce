/**
 * Evidence routes: tallies (typed counts, a teacher's list, delete, CSV), what they show (item
 * statistics, misconception prevalence for my classes, my workgroup's or the bank's), and
 * workgroup enquiries with their pre/post results.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'

const Id = z.string().min(1).max(40)
const Slug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9-]{1,80}$/, 'a lower-case slug')
const Day = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
const errors = { ...notFoundError, ...signedInErrors } as const
const csv = (description: string) => ({
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

const Check = z
  .strictObject({
    itemIds: z.array(Slug).min(1).max(20).optional(),
    set: z.strictObject({ setId: Id, version: z.number().int().min(1) }).optional(),
  })
  .refine((c) => (c.itemIds ? 1 : 0) + (c.set ? 1 : 0) === 1, {
    message: 'give either itemIds or set',
  })

const EnquiryInput = z
  .strictObject({
    question: z.string().trim().min(10).max(500),
    misconceptions: z.array(Slug).min(1).max(5),
    pre: Check,
    post: Check,
    preFrom: Day,
    preTo: Day,
    postFrom: Day,
    postTo: Day,
  })
  .superRefine((e, ctx) => {
    if (e.preFrom > e.preTo)
      ctx.addIssue({ code: 'custom', path: ['preTo'], message: 'before preFrom' })
    if (e.postFrom > e.postTo)
      ctx.addIssue({ code: 'custom', path: ['postTo'], message: 'before postFrom' })
    if (e.postFrom < e.preFrom)
      ctx.addIssue({ code: 'custom', path: ['postFrom'], message: 'before the pre check' })
  })

const EnquirySummary = z
  .object({
    id: z.string(),
    question: z.string(),
    status: z.enum(['open', 'closed']),
    preFrom: z.string(),
    postTo: z.string(),
    sharedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('EnquirySummary')

const ProportionSchema = z.object({
  answers: z.number().int(),
  chose: z.number().int(),
  share: z.number().nullable(),
})
const Measure = {
  pre: ProportionSchema,
  post: ProportionSchema,
  change: z
    .object({ difference: z.number(), lower: z.number(), upper: z.number() })
    .nullable()
    .openapi({ description: 'post − pre with Newcombe’s 95% interval; null without both' }),
}

const EnquirySchema = z
  .object({
    id: z.string(),
    workgroupId: z.string().nullable(),
    question: z.string(),
    status: z.enum(['open', 'closed']),
    summary: z.string().nullable(),
    closedAt: z.string().nullable(),
    shared: z.boolean(),
    showClassLabels: z.boolean(),
    dates: z.object({
      preFrom: z.string(),
      preTo: z.string(),
      postFrom: z.string(),
      postTo: z.string(),
    }),
    preItemIds: z.array(z.string()),
    postItemIds: z.array(z.string()),
    focus: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        pooled: z.object(Measure),
        classes: z.array(
          z.object({
            classId: z.string().nullable(),
            label: z.string(),
            school: z.string().nullable(),
            teacherName: z.string().nullable(),
            year: z.number().int(),
            ...Measure,
          }),
        ),
      }),
    ),
    classCount: z.number().int(),
    threads: z.array(z.object({ id: z.string(), title: z.string(), targetId: z.string() })),
    caveat: z.string(),
  })
  .openapi('Enquiry')

const WorkgroupParams = z.object({ workgroupId: Id })
const EnquiryParams = z.object({ enquiryId: Id })

export const createEnquiry = createRoute({
  method: 'post',
  path: '/api/workgroups/{workgroupId}/enquiries',
  tags: ['Enquiries'],
  summary: 'Open an impact enquiry: a question, focus misconceptions, pre and post checks (leads)',
  request: { params: WorkgroupParams, body: jsonBody(EnquiryInput) },
  responses: { 201: jsonResponse('Opened', EnquirySchema), ...errors },
})

export const listEnquiries = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}/enquiries',
  tags: ['Enquiries'],
  summary: 'The workgroup’s enquiries (members)',
  request: { params: WorkgroupParams },
  responses: {
    200: jsonResponse('Enquiries', z.object({ data: z.array(EnquirySummary) })),
    ...errors,
  },
})

export const getEnquiry = createRoute({
  method: 'get',
  path: '/api/enquiries/{enquiryId}',
  tags: ['Enquiries'],
  summary: 'An enquiry with its results (members; anyone once shared, without class labels)',
  request: { params: EnquiryParams },
  responses: { 200: jsonResponse('The enquiry', EnquirySchema), ...notFoundError, ...commonErrors },
})

const ClassParams = EnquiryParams.extend({ classId: Id })

export const addEnquiryClass = createRoute({
  method: 'put',
  path: '/api/enquiries/{enquiryId}/classes/{classId}',
  tags: ['Enquiries'],
  summary: 'A class takes part (its teacher, a member; or a lead for a member’s class)',
  request: { params: ClassParams },
  responses: {
    204: { description: 'Taking part' },
    409: problem('The enquiry is closed'),
    ...errors,
  },
})

export const removeEnquiryClass = createRoute({
  method: 'delete',
  path: '/api/enquiries/{enquiryId}/classes/{classId}',
  tags: ['Enquiries'],
  summary: 'A class stops taking part',
  request: { params: ClassParams },
  responses: { 204: { description: 'Removed' }, ...errors },
})

export const closeEnquiry = createRoute({
  method: 'post',
  path: '/api/enquiries/{enquiryId}/close',
  tags: ['Enquiries'],
  summary: 'Close with a summary; optionally share it publicly (leads)',
  request: {
    params: EnquiryParams,
    body: jsonBody(
      z.strictObject({
        summary: z.string().trim().min(10).max(5000),
        share: z.boolean().default(false),
        showClassLabels: z
          .boolean()
          .default(false)
          .openapi({ description: 'Show class labels and schools publicly; off by default' }),
      }),
    ),
  },
  responses: { 200: jsonResponse('Closed', EnquirySchema), ...errors },
})

export const exportEnquiry = createRoute({
  method: 'get',
  path: '/api/enquiries/{enquiryId}/export',
  tags: ['Enquiries'],
  summary: 'The enquiry’s results as CSV (members; anyone once shared)',
  request: { params: EnquiryParams },
  responses: {
    200: csv('One row per misconception and class, pooled first'),
    ...notFoundError,
    ...commonErrors,
  },
})
