/**
 * Tallies: one per closed question (live or typed), counts per option with zeros kept, so every
 * figure the product shows can be recomputed from these rows. Only the class's teacher reads or
 * deletes a class's tallies.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { newId } from '../accounts/secrets.ts'
import { classes, itemRevisions, items, options, tallies, tallyCounts } from '../db/schema.ts'
import { type Db, chunk } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'

export interface NewTally {
  /** Deterministic for live questions (`<session>-<position>`), so a retried write is a no-op. */
  id?: string
  teacherId: string
  classId: string
  year: number
  itemId: string
  itemRevision: number
  sessionId: string | null
  source: 'live' | 'typed'
  takenOn: string
  /** Every option's count, zeros included. */
  counts: Record<string, number>
  pupilsAnswering: number
}

/** The statements that write a tally, for one `batch()` (ignored if the id is already there). */
export function tallyStatements(db: Db, tally: NewTally & { id: string }) {
  return [
    db
      .insert(tallies)
      .values({
        id: tally.id,
        teacherId: tally.teacherId,
        classId: tally.classId,
        itemId: tally.itemId,
        itemRevision: tally.itemRevision,
        sessionId: tally.sessionId,
        source: tally.source,
        year: tally.year,
        takenOn: tally.takenOn,
        pupilsAnswering: tally.pupilsAnswering,
      })
      .onConflictDoNothing(),
    db
      .insert(tallyCounts)
      .values(
        Object.entries(tally.counts).map(([label, count]) => ({ tallyId: tally.id, label, count })),
      )
      .onConflictDoNothing(),
  ] as const
}

export async function writeTally(db: Db, tally: NewTally) {
  const id = tally.id ?? newId()
  await db.batch(tallyStatements(db, { ...tally, id }))
  return id
}

/** A published item's current revision and its option labels, or a 400 naming the field. */
export async function currentRevision(db: Db, itemId: string, field = 'itemId') {
  const [item, revision, labels] = await db.batch([
    db
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.id, itemId), eq(items.status, 'published'))),
    db
      .select({ revision: sql<number>`max(${itemRevisions.revision})`.mapWith(Number) })
      .from(itemRevisions)
      .where(and(eq(itemRevisions.itemId, itemId), eq(itemRevisions.status, 'published'))),
    db
      .select({ label: options.label, correct: options.isCorrect })
      .from(options)
      .where(eq(options.itemId, itemId))
      .orderBy(asc(options.label)),
  ])
  if (!item[0])
    throw new ApiError(400, `There is no published item "${itemId}"`, {
      errors: [{ in: 'body', field, message: `no published item "${itemId}"` }],
    })
  return {
    itemId,
    revision: revision[0]?.revision || 1,
    labels: labels.map((l) => l.label),
    correct: labels.filter((l) => l.correct).map((l) => l.label),
  }
}

/** Typed counts must name only the item's options and add up to at most the pupils asked. */
export function checkCounts(labels: string[], counts: Record<string, number>, pupils?: number) {
  const unknown = Object.keys(counts).filter((l) => !labels.includes(l))
  if (unknown.length > 0)
    throw new ApiError(400, `This item's options are ${labels.join(', ')}`, {
      errors: unknown.map((l) => ({
        in: 'body',
        field: `counts.${l}`,
        message: `option ${l} is not one of ${labels.join(', ')}`,
      })),
    })
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const answering = pupils ?? total
  if (total > answering)
    throw new ApiError(400, `The counts add up to ${total}, more than the ${answering} pupils`, {
      errors: [{ in: 'body', field: 'pupilsAnswering', message: `less than the ${total} counted` }],
    })
  if (answering === 0)
    throw new ApiError(400, 'A tally needs at least one pupil answering', {
      errors: [{ in: 'body', field: 'counts', message: 'all counts are zero' }],
    })
  return { counts: Object.fromEntries(labels.map((l) => [l, counts[l] ?? 0])), answering }
}

export interface TallyView {
  id: string
  classId: string
  classLabel: string
  year: number
  itemId: string
  itemRevision: number
  sessionId: string | null
  source: 'live' | 'typed'
  takenOn: string
  pupilsAnswering: number
  counts: Record<string, number>
}

/** What a tally shows, with its class's label. */
const tallyColumns = {
  id: tallies.id,
  classId: tallies.classId,
  classLabel: classes.label,
  year: tallies.year,
  itemId: tallies.itemId,
  itemRevision: tallies.itemRevision,
  sessionId: tallies.sessionId,
  source: tallies.source,
  takenOn: tallies.takenOn,
  pupilsAnswering: tallies.pupilsAnswering,
}

/** A teacher's tallies, newest first; optionally one class's or one item's. */
export async function listTallies(
  db: Db,
  teacherId: string,
  filter: { classId?: string; itemId?: string; limit?: number } = {},
): Promise<TallyView[]> {
  const rows = await db
    .select(tallyColumns)
    .from(tallies)
    .innerJoin(classes, eq(classes.id, tallies.classId))
    .where(
      and(
        eq(tallies.teacherId, teacherId),
        filter.classId ? eq(tallies.classId, filter.classId) : undefined,
        filter.itemId ? eq(tallies.itemId, filter.itemId) : undefined,
      ),
    )
    .orderBy(desc(tallies.takenOn), desc(tallies.createdAt))
    .limit(filter.limit ?? 500)
  return withCounts(db, rows)
}

/** Attach each tally's counts (in chunks: D1 binds at most 100 parameters). */
export async function withCounts<T extends { id: string }>(
  db: Db,
  rows: T[],
): Promise<(T & { counts: Record<string, number> })[]> {
  const counts = new Map<string, Record<string, number>>()
  for (const ids of chunk(
    rows.map((r) => r.id),
    90,
  )) {
    const found = await db
      .select()
      .from(tallyCounts)
      .where(inArray(tallyCounts.tallyId, ids))
      .orderBy(asc(tallyCounts.label))
    for (const row of found)
      counts.set(row.tallyId, { ...counts.get(row.tallyId), [row.label]: row.count })
  }
  return rows.map((row) => ({ ...row, counts: counts.get(row.id) ?? {} }))
}

/** One of the caller's own tallies, or 404. */
export async function requireOwnTally(db: Db, tallyId: string, teacherId: string) {
  const rows = await db
    .select(tallyColumns)
    .from(tallies)
    .innerJoin(classes, eq(classes.id, tallies.classId))
    .where(and(eq(tallies.id, tallyId), eq(tallies.teacherId, teacherId)))
  const [row] = await withCounts(db, rows)
  if (!row) throw notFound('That tally')
  return row
}

export async function deleteTally(db: Db, tallyId: string, teacherId: string) {
  await requireOwnTally(db, tallyId, teacherId)
  await db.delete(tallies).where(and(eq(tallies.id, tallyId), eq(tallies.teacherId, teacherId)))
}

/** A CSV cell: quoted when it holds a comma, quote or newline; formula-looking text defused. */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value)
  // Text a spreadsheet would run as a formula is defused; a plain number is left as it is.
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

/** A class's tallies as CSV: one row per tally, one column per option label. */
export function talliesCsv(rows: TallyView[]): string {
  const labels = [...new Set(rows.flatMap((r) => Object.keys(r.counts)))].sort()
  return toCsv(
    [
      'taken_on',
      'class',
      'year',
      'item_id',
      'item_revision',
      'source',
      'pupils_answering',
      ...labels.map((l) => `count_${l}`),
    ],
    rows.map((r) => [
      r.takenOn,
      r.classLabel,
      r.year,
      r.itemId,
      r.itemRevision,
      r.source,
      r.pupilsAnswering,
      ...labels.map((l) => r.counts[l] ?? null),
    ]),
  )
}
