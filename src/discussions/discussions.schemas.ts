/** Request and response shapes for threads and posts, shared by the discussion routes. */
import { z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { postKinds, threadTargetKinds } from '../db/schema.ts'
import { Rendered } from '../lib/shapes.ts'

export const Id = z.string().min(1).max(40)
export const ThreadParams = z.object({ threadId: Id })
export const PostParams = z.object({ postId: Id })

export const OPTION_LABELS = ['A', 'B', 'C', 'D', 'E'] as const

/** Counts only: how many pupils were asked and how many chose each option. Never names. */
export const EvidenceInput = z
  .strictObject({
    pupilsAsked: z.number().int().min(1).max(1000),
    counts: z.partialRecord(z.enum(OPTION_LABELS), z.number().int().min(0).max(1000)),
  })
  .superRefine((evidence, ctx) => {
    for (const [label, n] of Object.entries(evidence.counts))
      if ((n ?? 0) > evidence.pupilsAsked)
        ctx.addIssue({
          code: 'custom',
          path: ['counts', label],
          message: `${n} is more than the ${evidence.pupilsAsked} pupils asked`,
        })
  })
  .openapi('EvidenceCounts')

export const body = z.string().trim().min(1, 'must not be empty').max(20_000)
const reason = z.string().trim().min(3).max(500)
export const ReasonInput = z.strictObject({ reason })

const postFields = {
  kind: z.enum(postKinds),
  body,
  evidence: EvidenceInput.nullable().optional(),
}
// Structured counts belong to classroom evidence only.
const evidenceOnlyForEvidence = (
  post: { kind?: string; evidence?: unknown },
  ctx: z.RefinementCtx,
) => {
  if (post.evidence && post.kind !== 'evidence')
    ctx.addIssue({
      code: 'custom',
      path: ['evidence'],
      message: 'only evidence posts carry counts',
    })
}

export const NewPostInput = z
  .strictObject({ ...postFields, parentId: Id.optional(), quoteId: Id.optional() })
  .superRefine(evidenceOnlyForEvidence)

export const EditPostInput = z
  .strictObject({
    kind: postFields.kind.optional(),
    body: body.optional(),
    evidence: postFields.evidence,
  })
  .superRefine(evidenceOnlyForEvidence)

export const NewThreadInput = z.strictObject({
  targetKind: z.enum(threadTargetKinds),
  targetId: slug,
  workgroupId: Id.optional().openapi({ description: 'Omit for a public thread' }),
  title: z.string().trim().min(3).max(200),
  post: NewPostInput,
})

const Author = z.object({ id: z.string(), displayName: z.string() })

export const PostSchema = z
  .object({
    id: z.string(),
    threadId: z.string(),
    parentId: z.string().nullable(),
    quote: z
      .object({ postId: z.string(), authorName: z.string(), excerptHtml: z.string() })
      .nullable()
      .openapi({ description: 'The quoted post as a blockquote excerpt; null if it is gone' }),
    kind: z.enum(postKinds),
    author: Author,
    body: Rendered.nullable().openapi({ description: 'Null when deleted or hidden' }),
    evidence: EvidenceInput.nullable(),
    revision: z.number().int(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    deleted: z.boolean(),
    hidden: z.object({ at: z.string(), reason: z.string() }).nullable(),
    endorsements: z.number().int(),
    endorsedByMe: z.boolean(),
    accepted: z.boolean(),
  })
  .openapi('Post')

export const ThreadSchema = z
  .object({
    id: z.string(),
    target: z.object({ kind: z.enum(threadTargetKinds), id: z.string() }),
    workgroupId: z.string().nullable(),
    title: z.string(),
    author: Author,
    createdAt: z.string(),
    lastPostAt: z.string(),
    postCount: z.number().int(),
    acceptedPostId: z.string().nullable(),
    locked: z.object({ at: z.string(), reason: z.string() }).nullable(),
  })
  .openapi('Thread')

export const RevisionSchema = z
  .object({
    revision: z.number().int(),
    kind: z.enum(postKinds),
    body: Rendered,
    evidence: EvidenceInput.nullable(),
    createdAt: z.string(),
  })
  .openapi('PostRevision')
