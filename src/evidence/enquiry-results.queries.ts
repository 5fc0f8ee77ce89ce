/** An enquiry's results: each focus misconception's share pre and post, per class and pooled; CSV. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import {
  type CheckPhase,
  classes,
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
import { notFound } from '../lib/errors.ts'
import { enquiryRow } from './enquiries.queries.ts'
import { newcombeDifference } from './newcombe.ts'
import { toCsv, withCounts } from './tallies.queries.ts'

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
