/**
 * Annotations: a workgroup proposes which misconception an item's option reveals; members
 * endorse or dispute; a hub curator accepts it into the bank. Acceptance is one batch: the new
 * misconception (if drafted), the option's link to it, the annotation's record of who accepted
 * it, the audit entry and the bank version bump (so every isolate's search index refreshes).
 * Rejection is one batch too: the decision and its audit entry. Either decision is made once: the
 * first statement changes the row only while it is still proposed, and what follows it is written
 * only if that statement did.
 */
import { and, eq, getTableColumns, is, SQL, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { newId } from '../accounts/secrets.ts'
import { auditIfChanged } from '../audit/audit.queries.ts'
import { contentHash } from '../bank/content-hash.ts'
import { bumpBankVersion } from '../bank/version.ts'
import {
  annotationResponses,
  annotations,
  type EvidenceCounts,
  items,
  misconceptions,
  optionMisconceptions,
  options,
} from '../db/schema.ts'
import { checkEvidence, invalid, renderField } from '../discussions/guards.ts'
import { type Db, orConflict } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'

type Row = typeof annotations.$inferSelect

/**
 * `INSERT … SELECT <values> WHERE <condition>`: a row written only if the condition holds when
 * the statement runs, so it can follow a conditional decision in the same batch. The values are
 * bound in the table's column order, encoded as each column encodes them (JSON included).
 */
function insertIf<T extends SQLiteTable>(
  db: Db,
  table: T,
  condition: SQL,
  values: T['$inferInsert'],
) {
  const given = values as Record<string, unknown>
  // A column not given takes its declared default (as a plain INSERT would), else NULL.
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = given[key] ?? column.default
    if (value === undefined) return sql`null`
    return is(value, SQL) ? value : sql.param(value, column)
  })
  return db.insert(table).select(sql`select ${sql.join(columns, sql`, `)} where ${condition}`)
}

async function misconceptionTitle(db: Db, slug: string) {
  const [row] = await db
    .select({ title: misconceptions.title })
    .from(misconceptions)
    .where(eq(misconceptions.slug, slug))
  return row?.title ?? null
}

export async function propose(
  db: Db,
  workgroupId: string,
  userId: string,
  input: {
    itemId: string
    label: string
    misconceptionSlug?: string
    draft?: { slug: string; title: string; description: string }
    evidence: string
    counts?: EvidenceCounts
  },
) {
  const [option] = await db
    .select({ correct: options.isCorrect })
    .from(options)
    .innerJoin(items, eq(items.id, options.itemId))
    .where(
      and(
        eq(options.itemId, input.itemId),
        eq(options.label, input.label),
        eq(items.status, 'published'),
      ),
    )
  if (!option) throw invalid('label', `item "${input.itemId}" has no option ${input.label}`)
  if (option.correct) throw invalid('label', 'the correct answer reveals no misconception')
  if (input.misconceptionSlug && !(await misconceptionTitle(db, input.misconceptionSlug)))
    throw invalid('misconceptionSlug', 'no such misconception')
  if (input.draft && (await misconceptionTitle(db, input.draft.slug)))
    throw invalid('draft.slug', 'a misconception with this slug already exists')
  await checkEvidence(db, 'counts', input.counts, input.itemId)
  const id = newId()
  await db.insert(annotations).values({
    id,
    workgroupId,
    itemId: input.itemId,
    label: input.label,
    misconceptionSlug: input.misconceptionSlug ?? null,
    draftSlug: input.draft?.slug ?? null,
    draftTitle: input.draft?.title ?? null,
    draftDescriptionSource: input.draft?.description ?? null,
    draftDescriptionHtml: input.draft
      ? await renderField('draft.description', input.draft.description)
      : null,
    evidenceSource: input.evidence,
    evidenceHtml: await renderField('evidence', input.evidence),
    evidenceCounts: input.counts ?? null,
    status: 'proposed',
    proposedBy: userId,
    proposedAt: new Date().toISOString(),
  })
  return id
}

export async function getRow(db: Db, id: string) {
  const [row] = await db.select().from(annotations).where(eq(annotations.id, id))
  return row ?? null
}

export async function respond(
  db: Db,
  row: Row,
  userId: string,
  input: { vote: 'endorse' | 'dispute'; comment: string },
) {
  if (row.status !== 'proposed') throw new ApiError(409, 'This proposal has been decided')
  if (row.proposedBy === userId)
    throw new ApiError(409, 'You proposed this: other members endorse or dispute it')
  const at = new Date().toISOString()
  await db
    .insert(annotationResponses)
    .values({ annotationId: row.id, userId, ...input, at })
    .onConflictDoUpdate({
      target: [annotationResponses.annotationId, annotationResponses.userId],
      set: { ...input, at },
    })
}

export async function accept(db: Db, row: Row, actorId: string, hubSlug: string) {
  if (row.status !== 'proposed') throw new ApiError(409, 'This proposal has been decided')
  const slug = row.misconceptionSlug ?? row.draftSlug ?? ''
  const exists = Boolean(await misconceptionTitle(db, slug))
  if (row.draftSlug && exists)
    throw new ApiError(409, `A misconception "${slug}" was created since this was proposed`)
  if (!row.draftSlug && !exists) throw new ApiError(409, `Misconception "${slug}" no longer exists`)
  const [item] = await db
    .select({ topicSlug: items.topicSlug })
    .from(items)
    .where(eq(items.id, row.itemId))
  if (!item) throw new ApiError(409, 'The item no longer exists')
  const now = new Date().toISOString()
  // True inside the batch only once its own decision is made: a rejection or another acceptance
  // that got there first leaves no misconception and no link behind.
  const decidedHere = sql`exists (select 1 from ${annotations} where ${and(
    eq(annotations.id, row.id),
    eq(annotations.status, 'accepted'),
    eq(annotations.acceptedBy, actorId),
    eq(annotations.acceptedAt, now),
  )})`
  const created = row.draftSlug
    ? insertIf(db, misconceptions, decidedHere, {
        slug,
        title: row.draftTitle ?? slug,
        topicSlug: item.topicSlug,
        descriptionSource: row.draftDescriptionSource ?? '',
        descriptionHtml: row.draftDescriptionHtml ?? '',
        // A curator writes these later; the bank shows the workgroup's description meanwhile.
        whyItArisesSource: '',
        whyItArisesHtml: '',
        howToAddressSource: '',
        howToAddressHtml: '',
        references: [],
        contentHash: contentHash({ slug, title: row.draftTitle, d: row.draftDescriptionSource }),
        createdAt: now,
        updatedAt: now,
      })
    : null
  // The decision is the first statement and everything else follows it in one batch; the audit
  // row is written only if this batch made the decision (two curators at once: one acceptance).
  const decide = db
    .update(annotations)
    .set({
      status: 'accepted',
      misconceptionSlug: slug,
      acceptedBy: actorId,
      acceptedAt: now,
      acceptedHubSlug: hubSlug,
    })
    .where(and(eq(annotations.id, row.id), eq(annotations.status, 'proposed')))
  const record = auditIfChanged(db, {
    actorId,
    action: 'annotation.accepted',
    scope: 'hub',
    scopeId: hubSlug,
    detail: { annotationId: row.id, workgroupId: row.workgroupId, itemId: row.itemId, slug },
  })
  // The drafted misconception must exist before the option can point at it.
  const link = insertIf(db, optionMisconceptions, decidedHere, {
    itemId: row.itemId,
    label: row.label,
    misconceptionSlug: slug,
  }).onConflictDoNothing()
  const lost = 'This proposal was decided by someone else at the same moment'
  // A second acceptance of a drafted misconception breaks its primary key and rolls back.
  const [decided] = await orConflict<D1Result[]>(
    created
      ? db.batch([decide, record, created, link, bumpBankVersion(db, now)])
      : db.batch([decide, record, link, bumpBankVersion(db, now)]),
    lost,
  )
  if (decided?.meta.changes === 0) throw new ApiError(409, lost)
}

/** The curator's refusal and its audit row, in one batch; 409 once the proposal is decided. */
export async function reject(
  db: Db,
  row: Row,
  actorId: string,
  input: { hubSlug: string; reason: string },
) {
  if (row.status !== 'proposed') throw new ApiError(409, 'This proposal has been decided')
  const now = new Date().toISOString()
  const [decided] = await db.batch([
    db
      .update(annotations)
      .set({
        status: 'rejected',
        rejectedBy: actorId,
        rejectedAt: now,
        rejectedHubSlug: input.hubSlug,
        rejectedReason: input.reason,
      })
      .where(and(eq(annotations.id, row.id), eq(annotations.status, 'proposed'))),
    auditIfChanged(db, {
      actorId,
      action: 'annotation.rejected',
      scope: 'hub',
      scopeId: input.hubSlug,
      detail: { annotationId: row.id, workgroupId: row.workgroupId, itemId: row.itemId },
    }),
  ])
  if (decided.meta.changes === 0)
    throw new ApiError(409, 'This proposal was decided by someone else at the same moment')
}
