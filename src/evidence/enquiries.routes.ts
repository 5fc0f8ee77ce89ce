/** Workgroup enquiry routes: open, list, read with results, classes in and out, close, CSV. */
import { createRoute, z } from '@hono/zod-openapi'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse } from '../lib/openapi.ts'
import { csv, Day, errors, Id, Slug } from './evidence.routes.ts'

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
