/**
 * What the tallies show: an item's statistics (share of pupils and number of classes per option,
 * facility) and a misconception's prevalence by year group — for one teacher's classes, for a
 * workgroup's members' classes, or bank-wide. Bank-wide figures are shown only when they pool
 * at least 5 classes from at least 3 teachers: fewer could identify a class.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm'
import {
  misconceptions,
  optionMisconceptions,
  tallies,
  tallyCounts,
  workgroupMembers,
} from '../db/schema.ts'
import { getItem } from '../items/items.queries.ts'
import type { Db } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'

export const PUBLIC_THRESHOLD = { classes: 5, teachers: 3 } as const

export type Scope =
  | { kind: 'bank' }
  | { kind: 'mine'; teacherId: string }
  | { kind: 'workgroup'; workgroupId: string }

/** Which tallies a scope pools. A workgroup pools its current members' classes. */
function scopeCondition(scope: Scope): SQL | undefined {
  if (scope.kind === 'mine') return eq(tallies.teacherId, scope.teacherId)
  if (scope.kind === 'workgroup')
    return sql`${tallies.teacherId} IN (SELECT ${workgroupMembers.userId} FROM ${workgroupMembers} WHERE ${workgroupMembers.workgroupId} = ${scope.workgroupId})`
  return undefined
}

/** Whether figures pooled from these classes and teachers may be shown in this scope. */
export const shownIn = (scope: Scope, pooled: { classes: number; teachers: number }) =>
  scope.kind !== 'bank' ||
  (pooled.classes >= PUBLIC_THRESHOLD.classes && pooled.teachers >= PUBLIC_THRESHOLD.teachers)

export async function itemStatistics(db: Db, itemId: string, scope: Scope) {
  const item = await getItem(db, itemId)
  if (!item) throw notFound(`Item "${itemId}"`)
  const where = and(eq(tallies.itemId, itemId), scopeCondition(scope))
  const [totals, perOption, revisions] = await db.batch([
    db
      .select({
        pupils: sql<number>`coalesce(sum(${tallies.pupilsAnswering}), 0)`.mapWith(Number),
        classes: sql<number>`count(DISTINCT ${tallies.classId})`.mapWith(Number),
        teachers: sql<number>`count(DISTINCT ${tallies.teacherId})`.mapWith(Number),
        tallies: sql<number>`count(*)`.mapWith(Number),
      })
      .from(tallies)
      .where(where),
    db
      .select({
        label: tallyCounts.label,
        chose: sql<number>`sum(${tallyCounts.count})`.mapWith(Number),
        classes:
          sql<number>`count(DISTINCT CASE WHEN ${tallyCounts.count} > 0 THEN ${tallies.classId} END)`.mapWith(
            Number,
          ),
      })
      .from(tallies)
      .innerJoin(tallyCounts, eq(tallyCounts.tallyId, tallies.id))
      .where(where)
      .groupBy(tallyCounts.label),
    db
      .selectDistinct({ revision: tallies.itemRevision })
      .from(tallies)
      .where(where)
      .orderBy(tallies.itemRevision),
  ])
  const pooled = totals[0] ?? { pupils: 0, classes: 0, teachers: 0, tallies: 0 }
  const base = { itemId, scope: scope.kind, threshold: PUBLIC_THRESHOLD }
  if (!shownIn(scope, pooled) || pooled.pupils === 0)
    return { ...base, shown: false, totals: null, options: [] }
  const byLabel = new Map(perOption.map((r) => [r.label, r]))
  const options = item.options.map((o) => {
    const row = byLabel.get(o.label)
    return {
      label: o.label,
      textHtml: o.text.html,
      correct: o.correct,
      misconceptions: o.misconceptions,
      chose: row?.chose ?? 0,
      share: (row?.chose ?? 0) / pooled.pupils,
      classes: row?.classes ?? 0,
    }
  })
  const facility = options.filter((o) => o.correct).reduce((sum, o) => sum + o.share, 0)
  return {
    ...base,
    shown: true,
    totals: { ...pooled, facility, revisions: revisions.map((r) => r.revision) },
    options,
  }
}
export type ItemStatistics = Awaited<ReturnType<typeof itemStatistics>>

export interface PrevalenceRow {
  slug: string
  title: string
  year: number
  /** Answers to items that can reveal it (a pupil answering two such items counts twice). */
  answers: number
  /** Of those, answers that chose an option tagged with it. */
  chose: number
  share: number
  classes: number
  teachers: number
}

/**
 * Prevalence by year group: of all answers to items with an option tagged with a misconception,
 * the share that chose such an option. One misconception, or every one the scope has evidence for.
 */
export async function prevalence(
  db: Db,
  scope: Scope,
  slug?: string,
): Promise<{ rows: PrevalenceRow[]; hidden: number }> {
  const diagnosing = db
    .selectDistinct({
      itemId: optionMisconceptions.itemId,
      slug: optionMisconceptions.misconceptionSlug,
    })
    .from(optionMisconceptions)
    .where(slug ? eq(optionMisconceptions.misconceptionSlug, slug) : undefined)
    .as('diagnosing')
  const rows = await db
    .select({
      slug: diagnosing.slug,
      title: misconceptions.title,
      year: tallies.year,
      answers: sql<number>`sum(${tallies.pupilsAnswering})`.mapWith(Number),
      chose:
        sql<number>`sum((SELECT coalesce(sum(tc.count), 0) FROM ${tallyCounts} tc JOIN ${optionMisconceptions} om ON om.item_id = ${tallies.itemId} AND om.label = tc.label AND om.misconception_slug = ${diagnosing.slug} WHERE tc.tally_id = ${tallies.id}))`.mapWith(
          Number,
        ),
      classes: sql<number>`count(DISTINCT ${tallies.classId})`.mapWith(Number),
      teachers: sql<number>`count(DISTINCT ${tallies.teacherId})`.mapWith(Number),
    })
    .from(tallies)
    .innerJoin(diagnosing, eq(diagnosing.itemId, tallies.itemId))
    .innerJoin(misconceptions, eq(misconceptions.slug, diagnosing.slug))
    .where(scopeCondition(scope))
    .groupBy(diagnosing.slug, tallies.year)
    .orderBy(misconceptions.title, tallies.year)
  const shown = rows.filter((r) => shownIn(scope, r) && r.answers > 0)
  return {
    rows: shown.map((r) => ({ ...r, share: r.chose / r.answers })),
    hidden: rows.length - shown.length,
  }
}

export async function misconceptionExists(db: Db, slug: string) {
  const [row] = await db
    .select({ slug: misconceptions.slug })
    .from(misconceptions)
    .where(eq(misconceptions.slug, slug))
  return Boolean(row)
}
