/** Annotation and workgroup-note routes, declared with their schemas. */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { annotationStatuses, annotationVotes } from '../db/schema.ts'
import { body, EvidenceInput, Id, OPTION_LABELS } from '../discussions/discussions.schemas.ts'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { pageQuery, pageSchema } from '../lib/pagination.ts'
import { Rendered } from '../lib/shapes.ts'

const errors = { ...notFoundError, ...signedInErrors } as const
const conflict = { 409: problem('Not in a state that allows this') } as const
const tags = ['Annotations']
const WorkgroupId = z.object({ workgroupId: Id })
const AnnotationParams = z.object({ annotationId: Id })
const Person = z.object({ id: z.string(), displayName: z.string() })

export const NewAnnotationInput = z
  .strictObject({
    itemId: slug,
    label: z.enum(OPTION_LABELS),
    misconceptionSlug: slug.optional().openapi({ description: 'An existing misconception' }),
    draft: z
      .strictObject({ slug, title: z.string().trim().min(3).max(160), description: body })
      .optional()
      .openapi({ description: 'Or a new misconception the workgroup drafts' }),
    evidence: body.openapi({ description: 'What the workgroup saw (Markdown with TeX)' }),
    counts: EvidenceInput.optional(),
  })
  .superRefine((input, ctx) => {
    if (Boolean(input.misconceptionSlug) === Boolean(input.draft))
      ctx.addIssue({
        code: 'custom',
        path: ['misconceptionSlug'],
        message: 'give either misconceptionSlug or draft, not both',
      })
  })

export const AnnotationSchema = z
  .object({
    id: z.string(),
    workgroup: z.object({ id: z.string(), name: z.string() }),
    itemId: z.string(),
    label: z.string(),
    misconception: z.object({ slug: z.string(), title: z.string() }).nullable(),
    draft: z.object({ slug: z.string(), title: z.string(), description: Rendered }).nullable(),
    evidence: Rendered,
    counts: EvidenceInput.nullable(),
    status: z.enum(annotationStatuses),
    proposedBy: Person,
    proposedAt: z.string(),
    responses: z.array(
      z.object({
        user: Person,
        vote: z.enum(annotationVotes),
        comment: z.string(),
        at: z.string(),
      }),
    ),
    accepted: z.object({ by: Person, at: z.string(), hubSlug: z.string() }).nullable(),
    rejected: z
      .object({ by: Person, at: z.string(), hubSlug: z.string(), reason: z.string() })
      .nullable(),
  })
  .openapi('Annotation')

/** Endorse or dispute, with an optional comment. */
export const ResponseInput = z.strictObject({
  vote: z.enum(annotationVotes),
  comment: z.string().trim().max(2000).default(''),
})

/** Why a curator turns a proposal down: the workgroup reads it, so it is required. */
export const RejectInput = z.strictObject({
  hubSlug: slug,
  reason: z
    .string()
    .trim()
    .min(3, 'say why, in a few words')
    .max(1000)
    .openapi({ description: 'Why it is not accepted; the workgroup reads it' }),
})

export const CreditSchema = z
  .object({
    label: z.string(),
    misconception: z.object({ slug: z.string(), title: z.string() }),
    workgroup: z.object({ id: z.string(), name: z.string() }),
    proposedBy: Person,
    proposedAt: z.string(),
    endorsedBy: z.array(Person.extend({ at: z.string() })),
    acceptedBy: Person,
    acceptedAt: z.string(),
    hubSlug: z.string(),
  })
  .openapi('AnnotationCredit')

export const NoteSchema = z
  .object({
    id: z.string(),
    workgroup: z.object({ id: z.string(), name: z.string() }),
    misconceptionSlug: z.string(),
    author: Person,
    body: Rendered,
    createdAt: z.string(),
    shared: z.object({ at: z.string(), by: z.string() }).nullable(),
  })
  .openapi('WorkgroupNote')

export const listWorkgroupAnnotations = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}/annotations',
  tags,
  summary: "A workgroup's annotations, newest first (members)",
  request: { params: WorkgroupId, query: z.strictObject(pageQuery) },
  responses: { 200: jsonResponse('A page', pageSchema(AnnotationSchema)), ...errors },
})

export const proposeAnnotation = createRoute({
  method: 'post',
  path: '/api/workgroups/{workgroupId}/annotations',
  tags,
  summary: "Propose the misconception an item's option reveals, with evidence (members)",
  request: { params: WorkgroupId, body: jsonBody(NewAnnotationInput) },
  responses: { 201: jsonResponse('Proposed', AnnotationSchema), ...conflict, ...errors },
})

export const reviewQueue = createRoute({
  method: 'get',
  path: '/api/annotations',
  tags,
  summary: 'Proposals awaiting a curator, oldest first (hub curators and site admins)',
  request: { query: z.strictObject(pageQuery) },
  responses: { 200: jsonResponse('A page', pageSchema(AnnotationSchema)), ...errors },
})

export const getAnnotation = createRoute({
  method: 'get',
  path: '/api/annotations/{annotationId}',
  tags,
  summary: 'One annotation (its workgroup, hub curators and site admins)',
  request: { params: AnnotationParams },
  responses: { 200: jsonResponse('The annotation', AnnotationSchema), ...errors },
})

export const respond = createRoute({
  method: 'put',
  path: '/api/annotations/{annotationId}/response',
  tags,
  summary: 'Endorse or dispute a proposal (members other than its proposer)',
  request: {
    params: AnnotationParams,
    body: jsonBody(ResponseInput),
  },
  responses: { 200: jsonResponse('The annotation', AnnotationSchema), ...conflict, ...errors },
})

export const accept = createRoute({
  method: 'post',
  path: '/api/annotations/{annotationId}/accept',
  tags,
  summary: 'Accept a proposal into the shared bank, credited to the workgroup (hub curators)',
  request: { params: AnnotationParams, body: jsonBody(z.strictObject({ hubSlug: slug })) },
  responses: { 200: jsonResponse('Accepted', AnnotationSchema), ...conflict, ...errors },
})

export const reject = createRoute({
  method: 'post',
  path: '/api/annotations/{annotationId}/reject',
  tags,
  summary: 'Turn a proposal down, with the reason its workgroup reads (hub curators)',
  request: { params: AnnotationParams, body: jsonBody(RejectInput) },
  responses: { 200: jsonResponse('Rejected', AnnotationSchema), ...conflict, ...errors },
})

export const itemCredits = createRoute({
  method: 'get',
  path: '/api/items/{id}/credits',
  tags,
  summary: "Accepted annotations on an item's options: who proposed, endorsed and accepted",
  request: { params: z.object({ id: slug }) },
  responses: {
    200: jsonResponse('Credits', z.object({ data: z.array(CreditSchema) })),
    ...notFoundError,
    ...commonErrors,
  },
})

export const listNotes = createRoute({
  method: 'get',
  path: '/api/workgroups/{workgroupId}/notes',
  tags,
  summary: "A workgroup's notes on misconceptions, newest first (members)",
  request: {
    params: WorkgroupId,
    query: z.strictObject({ misconception: slug.optional(), ...pageQuery }),
  },
  responses: { 200: jsonResponse('A page', pageSchema(NoteSchema)), ...errors },
})

export const addNote = createRoute({
  method: 'post',
  path: '/api/workgroups/{workgroupId}/notes',
  tags,
  summary: 'Note what you saw and what worked, on a misconception (members)',
  request: {
    params: WorkgroupId,
    body: jsonBody(z.strictObject({ misconceptionSlug: slug, body })),
  },
  responses: { 201: jsonResponse('Noted', NoteSchema), ...errors },
})

export const shareNote = createRoute({
  method: 'put',
  path: '/api/workgroups/{workgroupId}/notes/{noteId}/shared',
  tags,
  summary: 'Share a note publicly, or stop sharing it (leads)',
  request: {
    params: WorkgroupId.extend({ noteId: Id }),
    body: jsonBody(z.strictObject({ shared: z.boolean() })),
  },
  responses: { 200: jsonResponse('The note', NoteSchema), ...errors },
})

export const sharedNotes = createRoute({
  method: 'get',
  path: '/api/misconceptions/{slug}/notes',
  tags,
  summary: 'Notes workgroups have shared on a misconception, newest first',
  request: { params: z.object({ slug }), query: z.strictObject(pageQuery) },
  responses: {
    200: jsonResponse('A page', pageSchema(NoteSchema)),
    ...notFoundError,
    ...commonErrors,
  },
})
