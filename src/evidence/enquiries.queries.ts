/**
 * Impact enquiries: a workgroup asks whether a misconception shrank between a pre check and a
 * post check. A tally counts towards a check when its class takes part, its item is one of the
 * check's items, and it was taken within the check's dates; so checks run live or typed, in any
 * order of classes, simply by being recorded.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { newId } from '../accounts/secrets.ts'
import { classesById } from '../classes/classes.queries.ts'
import {
  type CheckPhase,
  classes,
  enquiries,
  enquiryClasses,
  enquiryItems,
  enquiryMisconceptions,
  misconceptions,
  optionMisconceptions,
  tallies,
  threads,
  users,
} from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { workgroupRole } from '../workgroups/workgroups.queries.ts'
import { newcombeDifference } from './newcombe.ts'
import { currentRevision, toCsv, withCounts } from './tallies.queries.ts'

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

async function enquiryRow(db: Db, enquiryId: string) {
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

export interface Proportion {
  answers: number
  chose: number
  share: number | null
}

export interface Change {
  /** post − pre: negative means the misconception was seen less often after teaching. */
  difference: number
  lower: number
  upper: number
}

const proportion = (chose: number, answers: number): Proportion => ({
  chose,
  answers,
  share: answers > 0 ? chose / answers : null,
})

function change(pre: Proportion, post: Proportion): Change | null {
  if (pre.answers === 0 || post.answers === 0) return null
  return newcombeDifference(post.chose, post.answers, pre.chose, pre.answers)
}

/** An enquiry with its results: per focus misconception, per class and pooled, pre and post. */
export async function enquiryResults(db: Db, enquiryId: string, viewer: { member: boolean }) {
  const row = await enquiryRow(db, enquiryId)
  if (!row) throw notFound('That enquiry')
  const [focus, itemRows, classRows] = await db.batch([
    db
      .select({ slug: misconceptions.slug, title: misconceptions.title })
      .from(enquiryMisconceptions)
      .innerJoin(misconceptions, eq(misconceptions.slug, enquiryMisconceptions.misconceptionSlug))
      .where(eq(enquiryMisconceptions.enquiryId, enquiryId))
      .orderBy(asc(misconceptions.title)),
    db
      .select()
      .from(enquiryItems)
      .where(eq(enquiryItems.enquiryId, enquiryId))
      .orderBy(asc(enquiryItems.phase), asc(enquiryItems.position)),
    db
      .select({
        id: classes.id,
        label: classes.label,
        year: classes.year,
        school: classes.school,
        teacherName: users.displayName,
      })
      .from(enquiryClasses)
      .innerJoin(classes, eq(classes.id, enquiryClasses.classId))
      .innerJoin(users, eq(users.id, classes.teacherId))
      .where(eq(enquiryClasses.enquiryId, enquiryId))
      .orderBy(asc(classes.year), asc(classes.label)),
  ])
  const phaseItems = {
    pre: itemRows.filter((r) => r.phase === 'pre').map((r) => r.itemId),
    post: itemRows.filter((r) => r.phase === 'post').map((r) => r.itemId),
  }
  const allItems = [...new Set([...phaseItems.pre, ...phaseItems.post])]
  const classIds = classRows.map((c) => c.id)
  const tallyRows =
    classIds.length === 0 || allItems.length === 0
      ? []
      : await withCounts(
          db,
          await db
            .select({
              id: tallies.id,
              classId: tallies.classId,
              itemId: tallies.itemId,
              takenOn: tallies.takenOn,
              pupilsAnswering: tallies.pupilsAnswering,
            })
            .from(tallies)
            .where(
              and(
                inArray(tallies.classId, classIds.slice(0, 45)),
                inArray(tallies.itemId, allItems.slice(0, 45)),
              ),
            ),
        )
  const tags =
    allItems.length === 0 || focus.length === 0
      ? []
      : await db
          .select()
          .from(optionMisconceptions)
          .where(
            and(
              inArray(optionMisconceptions.itemId, allItems.slice(0, 45)),
              inArray(
                optionMisconceptions.misconceptionSlug,
                focus.map((f) => f.slug),
              ),
            ),
          )
  const phaseOf = (t: { itemId: string; takenOn: string }): CheckPhase | null =>
    phaseItems.pre.includes(t.itemId) && t.takenOn >= row.preFrom && t.takenOn <= row.preTo
      ? 'pre'
      : phaseItems.post.includes(t.itemId) && t.takenOn >= row.postFrom && t.takenOn <= row.postTo
        ? 'post'
        : null
  const measure = (slug: string, classId?: string) => {
    const sums = { pre: { answers: 0, chose: 0 }, post: { answers: 0, chose: 0 } }
    for (const t of tallyRows) {
      const phase = phaseOf(t)
      if (!phase || (classId && t.classId !== classId)) continue
      const labels = tags.filter((g) => g.itemId === t.itemId && g.misconceptionSlug === slug)
      if (labels.length === 0) continue
      sums[phase].answers += t.pupilsAnswering
      sums[phase].chose += labels.reduce((n, g) => n + (t.counts[g.label] ?? 0), 0)
    }
    const pre = proportion(sums.pre.chose, sums.pre.answers)
    const post = proportion(sums.post.chose, sums.post.answers)
    return { pre, post, change: change(pre, post) }
  }
  const showLabels = viewer.member || row.showClassLabels
  const relatedThreads = viewer.member
    ? await db
        .select({ id: threads.id, title: threads.title, targetId: threads.targetId })
        .from(threads)
        .where(
          and(
            eq(threads.workgroupId, row.workgroupId),
            eq(threads.targetKind, 'misconception'),
            inArray(threads.targetId, focus.length > 0 ? focus.map((f) => f.slug) : ['']),
          ),
        )
        .orderBy(desc(threads.lastPostAt))
        .limit(20)
    : []
  return {
    id: row.id,
    workgroupId: viewer.member ? row.workgroupId : null,
    question: row.question,
    status: row.status,
    summary: row.summary,
    closedAt: row.closedAt,
    shared: row.sharedAt !== null,
    showClassLabels: row.showClassLabels,
    dates: { preFrom: row.preFrom, preTo: row.preTo, postFrom: row.postFrom, postTo: row.postTo },
    preItemIds: phaseItems.pre,
    postItemIds: phaseItems.post,
    focus: focus.map((m) => ({
      slug: m.slug,
      title: m.title,
      pooled: measure(m.slug),
      classes: classRows.map((c, i) => ({
        classId: viewer.member ? c.id : null,
        label: showLabels ? c.label : `Class ${i + 1}`,
        school: showLabels ? c.school : null,
        teacherName: viewer.member ? c.teacherName : null,
        year: c.year,
        ...measure(m.slug, c.id),
      })),
    })),
    classCount: classRows.length,
    threads: relatedThreads,
    caveat:
      'The pre and post answers are treated as independent samples (the same pupils answer both, and one pupil may answer several items), so the interval is approximate. This is evidence about these classes, not proof of what caused any change.',
  }
}
export type EnquiryResults = Awaited<ReturnType<typeof enquiryResults>>

export function enquiryCsv(results: EnquiryResults): string {
  const rows: (string | number | null)[][] = []
  for (const m of results.focus)
    for (const line of [{ label: 'All classes', year: null, ...m.pooled }, ...m.classes])
      rows.push([
        m.slug,
        line.label,
        line.year,
        line.pre.answers,
        line.pre.chose,
        line.post.answers,
        line.post.chose,
        line.change ? line.change.difference.toFixed(4) : null,
        line.change ? line.change.lower.toFixed(4) : null,
        line.change ? line.change.upper.toFixed(4) : null,
      ])
  return toCsv(
    [
      'misconception',
      'class',
      'year',
      'pre_answers',
      'pre_chose',
      'post_answers',
      'post_chose',
      'change',
      'change_lower_95',
      'change_upper_95',
    ],
    rows,
  )
}
