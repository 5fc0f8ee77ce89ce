/**
 * Impact enquiries: a workgroup asks whether a misconception shrank between a pre check and a
 * post check. A tally counts towards a check when its class takes part, its item is one of the
 * check's items, and it was taken within the check's dates; so checks run live or typed, in any
 * order of classes, simply by being recorded. This file opens them and manages who takes part;
 * their results are in enquiry-results.queries.ts.
 */
import { and, desc, eq, inArray } from 'drizzle-orm'
import { newId } from '../accounts/secrets.ts'
import { classesById } from '../classes/classes.queries.ts'
import {
  type CheckPhase,
  enquiries,
  enquiryClasses,
  enquiryItems,
  enquiryMisconceptions,
  misconceptions,
} from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { workgroupRole } from '../workgroups/workgroups.queries.ts'
import { currentRevision } from './tallies.queries.ts'

export interface EnquiryInput {
  question: string
  misconceptions: string[]
  preItemIds: string[]
  postItemIds: string[]
  preFrom: string
  preTo: string
  postFrom: string
  postTo: string
}

export async function createEnquiry(
  db: Db,
  workgroupId: string,
  userId: string,
  input: EnquiryInput,
) {
  const found = await db
    .select({ slug: misconceptions.slug })
    .from(misconceptions)
    .where(inArray(misconceptions.slug, input.misconceptions))
  const known = new Set(found.map((m) => m.slug))
  const missing = input.misconceptions.map((s, i) => ({ s, i })).filter(({ s }) => !known.has(s))
  if (missing.length > 0)
    throw new ApiError(400, 'Some focus misconceptions are not in the bank', {
      errors: missing.map(({ s, i }) => ({
        in: 'body',
        field: `misconceptions.${i}`,
        message: `no misconception "${s}"`,
      })),
    })
  for (const [phase, ids] of [
    ['preItemIds', input.preItemIds],
    ['postItemIds', input.postItemIds],
  ] as const)
    for (const [i, id] of ids.entries()) await currentRevision(db, id, `${phase}.${i}`)
  const id = newId()
  const itemRows = (phase: CheckPhase, ids: string[]) =>
    ids.map((itemId, position) => ({ enquiryId: id, phase, position, itemId }))
  await db.batch([
    db.insert(enquiries).values({
      id,
      workgroupId,
      question: input.question,
      createdBy: userId,
      preFrom: input.preFrom,
      preTo: input.preTo,
      postFrom: input.postFrom,
      postTo: input.postTo,
    }),
    db
      .insert(enquiryMisconceptions)
      .values(
        input.misconceptions.map((misconceptionSlug) => ({ enquiryId: id, misconceptionSlug })),
      ),
    db
      .insert(enquiryItems)
      .values([...itemRows('pre', input.preItemIds), ...itemRows('post', input.postItemIds)]),
  ])
  return id
}

export async function listEnquiries(db: Db, workgroupId: string) {
  return db
    .select({
      id: enquiries.id,
      question: enquiries.question,
      status: enquiries.status,
      preFrom: enquiries.preFrom,
      postTo: enquiries.postTo,
      sharedAt: enquiries.sharedAt,
      createdAt: enquiries.createdAt,
    })
    .from(enquiries)
    .where(eq(enquiries.workgroupId, workgroupId))
    .orderBy(desc(enquiries.createdAt))
}

/** An enquiry's own row, or null; callers decide who may see it. */
export async function enquiryRow(db: Db, enquiryId: string) {
  const [row] = await db.select().from(enquiries).where(eq(enquiries.id, enquiryId))
  return row ?? null
}

/**
 * Who may see an enquiry: its workgroup's members; anyone once the lead has shared it. Everyone
 * else gets 404, as for everything in a private workgroup.
 */
export async function visibleEnquiry(db: Db, enquiryId: string, userId: string | null) {
  const row = await enquiryRow(db, enquiryId)
  if (!row) throw notFound('That enquiry')
  const role = userId ? await workgroupRole(db, row.workgroupId, userId) : null
  if (!role && !row.sharedAt) throw notFound('That enquiry')
  return { row, role }
}

export async function requireEnquiryRole(
  db: Db,
  enquiryId: string,
  userId: string,
  needed: 'member' | 'lead',
) {
  const { row, role } = await visibleEnquiry(db, enquiryId, userId)
  if (!role) throw notFound('That enquiry')
  if (needed === 'lead' && role !== 'lead')
    throw new ApiError(403, 'Only a lead of this workgroup may do this')
  return row
}

/** A class joins an enquiry: its own teacher (a member), or a lead for a member's class. */
export async function addClass(db: Db, enquiryId: string, classId: string, userId: string) {
  const row = await requireEnquiryRole(db, enquiryId, userId, 'member')
  if (row.status === 'closed') throw new ApiError(409, 'This enquiry is closed')
  const [klass] = await classesById(db, [classId])
  const teacherRole = klass ? await workgroupRole(db, row.workgroupId, klass.teacherId) : null
  const callerRole = await workgroupRole(db, row.workgroupId, userId)
  if (!klass || !teacherRole || (klass.teacherId !== userId && callerRole !== 'lead'))
    throw notFound('That class')
  await db
    .insert(enquiryClasses)
    .values({ enquiryId, classId, addedBy: userId, addedAt: new Date().toISOString() })
    .onConflictDoNothing()
}

export async function removeClass(db: Db, enquiryId: string, classId: string, userId: string) {
  const row = await requireEnquiryRole(db, enquiryId, userId, 'member')
  const [klass] = await classesById(db, [classId])
  const callerRole = await workgroupRole(db, row.workgroupId, userId)
  if (!klass || (klass.teacherId !== userId && callerRole !== 'lead')) throw notFound('That class')
  await db
    .delete(enquiryClasses)
    .where(and(eq(enquiryClasses.enquiryId, enquiryId), eq(enquiryClasses.classId, classId)))
}

export async function closeEnquiry(
  db: Db,
  enquiryId: string,
  userId: string,
  input: { summary: string; share: boolean; showClassLabels: boolean },
) {
  await requireEnquiryRole(db, enquiryId, userId, 'lead')
  const now = new Date().toISOString()
  await db
    .update(enquiries)
    .set({
      status: 'closed',
      summary: input.summary,
      closedAt: now,
      sharedAt: input.share ? now : null,
      showClassLabels: input.showClassLabels,
    })
    .where(eq(enquiries.id, enquiryId))
}
