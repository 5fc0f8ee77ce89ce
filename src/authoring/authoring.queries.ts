/**
 * Curators author items through the API: draft → in review → published, the review done by a
 * second curator. An edit to a published item is a new draft revision; the public item changes
 * only when that revision is published, and every earlier revision is kept.
 *
 * Writes go through the same compile (render) and seed statements as content/, in one batch.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { requireRevision } from '../lib/revisions.ts'
import type { ItemRecord, MisconceptionRecord } from '../bank/compile.ts'
import type { ItemInput, MisconceptionInput } from '../bank/schemas.ts'
import {
  applyStatements,
  revisionStatementFor,
  type RevisionOptions,
  seedStatements,
} from '../bank/seed.ts'
import { itemRevisions, items, misconceptions, topics } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { ApiError, notFound, type InvalidField } from '../lib/errors.ts'
import { type Rendered, renderedOr400, renderer } from '../lib/rendered.ts'

const EMPTY_TAXONOMY = { strands: [], topics: [] }

/** Topics and misconceptions an input names must exist: a 400 naming each field otherwise. */
async function checkReferences(
  db: Db,
  input: { topic: string; options?: ItemInput['options']; related?: string[] },
) {
  const slugs = [
    ...new Set([
      ...(input.options ?? []).flatMap((o) => o.misconceptions),
      ...(input.related ?? []),
    ]),
  ]
  const [topicRows, found] = await Promise.all([
    db.select({ slug: topics.slug }).from(topics).where(eq(topics.slug, input.topic)),
    slugs.length > 0
      ? db
          .select({ slug: misconceptions.slug })
          .from(misconceptions)
          .where(inArray(misconceptions.slug, slugs.slice(0, 90)))
      : [],
  ])
  const known = new Set(found.map((r) => r.slug))
  const errors: InvalidField[] = []
  if (topicRows.length === 0)
    errors.push({ in: 'body', field: 'topic', message: `unknown topic "${input.topic}"` })
  input.options?.forEach((o, i) =>
    o.misconceptions.forEach((slug, j) => {
      if (!known.has(slug))
        errors.push({
          in: 'body',
          field: `options.${i}.misconceptions.${j}`,
          message: `unknown misconception "${slug}"`,
        })
    }),
  )
  input.related?.forEach((slug, i) => {
    if (!known.has(slug))
      errors.push({ in: 'body', field: `related.${i}`, message: `unknown misconception "${slug}"` })
  })
  if (errors.length > 0)
    throw new ApiError(400, 'The item refers to things the bank does not have', { errors })
}

/** Compile (render) an item in the renderer Worker; TeX and diagram problems are a 400 by field. */
async function compile(
  input: ItemInput,
  status: ItemInput['status'],
  hubSlug: string,
): Promise<ItemRecord> {
  const result = await renderer().compileItem({ ...input, status })
  const record = renderedOr400(result as Rendered<ItemRecord>, 'The item does not render')
  record.row.hubSlug = hubSlug
  return record
}

export async function getAuthoredItem(db: Db, hubSlug: string, id: string) {
  const [row] = await db
    .select({ id: items.id, status: items.status })
    .from(items)
    .where(and(eq(items.id, id), eq(items.hubSlug, hubSlug)))
  if (!row) throw notFound(`Item "${id}" of this hub`)
  return row
}

export async function latestRevision(db: Db, id: string) {
  const [row] = await db
    .select()
    .from(itemRevisions)
    .where(eq(itemRevisions.itemId, id))
    .orderBy(desc(itemRevisions.revision))
    .limit(1)
  if (!row) throw notFound(`Revisions of "${id}"`)
  return row
}

/**
 * Everyone who wrote a revision since the item was last published (or ever, if it never was):
 * the publisher must be none of them, so nobody publishes their own words.
 */
async function unpublishedAuthors(db: Db, id: string): Promise<Set<string>> {
  const rows = await db
    .select({ authorId: itemRevisions.authorId })
    .from(itemRevisions)
    .where(
      and(
        eq(itemRevisions.itemId, id),
        sql`${itemRevisions.revision} > coalesce((select max(revision) from ${itemRevisions} p
          where p.item_id = ${id} and p.status in ('published', 'superseded')), 0)`,
      ),
    )
  return new Set(rows.flatMap((r) => (r.authorId ? [r.authorId] : [])))
}

export async function listRevisions(db: Db, id: string) {
  return db
    .select({
      revision: itemRevisions.revision,
      status: itemRevisions.status,
      authorId: itemRevisions.authorId,
      reviewedBy: itemRevisions.reviewedBy,
      contentHash: itemRevisions.contentHash,
      createdAt: itemRevisions.createdAt,
    })
    .from(itemRevisions)
    .where(eq(itemRevisions.itemId, id))
    .orderBy(desc(itemRevisions.revision))
}

export async function createItem(
  db: Db,
  d1: D1Database,
  hubSlug: string,
  authorId: string,
  input: ItemInput,
) {
  const [existing] = await db.select({ id: items.id }).from(items).where(eq(items.id, input.id))
  if (existing) throw new ApiError(409, `An item "${input.id}" already exists`)
  await checkReferences(db, input)
  const record = await compile(input, 'draft', hubSlug)
  await applyStatements(
    d1,
    seedStatements(
      { taxonomy: EMPTY_TAXONOMY, misconceptions: [], items: [{ ...record, at: 'api' }] },
      undefined,
      { status: 'draft', authorId },
    ),
  )
}

/**
 * Save an edit. Unpublished items change in place (with a new draft revision); a published
 * item keeps showing its published revision until the new draft is reviewed and published.
 */
export async function editItem(
  db: Db,
  d1: D1Database,
  hubSlug: string,
  authorId: string,
  input: ItemInput,
  expected?: number,
) {
  const item = await getAuthoredItem(db, hubSlug, input.id)
  // Checked before the batch (a revision is the next row of an append-only history, so two
  // edits racing past this check both land, one after the other, and neither is lost).
  requireRevision((await latestRevision(db, input.id)).revision, expected)
  await checkReferences(db, input)
  const revision: RevisionOptions = { status: 'draft', authorId }
  const record = await compile(input, item.status === 'published' ? 'published' : 'draft', hubSlug)
  const statements =
    item.status === 'published'
      ? revisionStatementFor(record, revision)
      : seedStatements(
          { taxonomy: EMPTY_TAXONOMY, misconceptions: [], items: [{ ...record, at: 'api' }] },
          undefined,
          revision,
        )
  // Saving the same content again still returns the revision to draft for another look, but
  // it stays the work of whoever wrote it: re-saving makes nobody its author.
  statements.push({
    sql: "UPDATE item_revisions SET status = 'draft' WHERE item_id = ? AND revision = (SELECT MAX(revision) FROM item_revisions WHERE item_id = ?) AND status <> 'published'",
    params: [input.id, input.id],
  })
  await applyStatements(d1, statements)
}

export async function submitForReview(db: Db, hubSlug: string, id: string) {
  const item = await getAuthoredItem(db, hubSlug, id)
  const latest = await latestRevision(db, id)
  if (latest.status !== 'draft')
    throw new ApiError(409, `Revision ${latest.revision} is ${latest.status}, not a draft`)
  await db.batch([
    db
      .update(itemRevisions)
      .set({ status: 'review' })
      .where(and(eq(itemRevisions.itemId, id), eq(itemRevisions.revision, latest.revision))),
    db
      .update(items)
      .set({ status: item.status === 'published' ? 'published' : 'review' })
      .where(eq(items.id, id)),
  ])
  return latest.revision
}

/** Publish the revision in review; the reviewer must not be its author. */
export async function publishItem(
  db: Db,
  d1: D1Database,
  hubSlug: string,
  reviewerId: string,
  id: string,
) {
  await getAuthoredItem(db, hubSlug, id)
  const latest = await latestRevision(db, id)
  if (latest.status !== 'review')
    throw new ApiError(
      409,
      `Revision ${latest.revision} is ${latest.status}; submit it for review first`,
    )
  if ((await unpublishedAuthors(db, id)).has(reviewerId))
    throw new ApiError(403, 'A second curator must review and publish what you wrote')
  const record = await compile(latest.input as ItemInput, 'published', hubSlug)
  const statements = seedStatements({
    taxonomy: EMPTY_TAXONOMY,
    misconceptions: [],
    items: [{ ...record, at: 'api' }],
  })
  statements.push(
    {
      sql: "UPDATE item_revisions SET status = 'superseded' WHERE item_id = ? AND status = 'published' AND revision < ?",
      params: [id, latest.revision],
    },
    {
      sql: "UPDATE item_revisions SET status = 'published', reviewed_by = ? WHERE item_id = ? AND revision = ?",
      params: [reviewerId, id, latest.revision],
    },
  )
  await applyStatements(d1, statements)
  return latest.revision
}

/**
 * Add or change a misconception. Misconceptions are shared by every hub and carry no answer to
 * get wrong, so they are written straight away rather than going through review.
 */
export async function saveMisconception(
  db: Db,
  d1: D1Database,
  input: MisconceptionInput,
  mode: 'create' | 'edit',
  expected?: number,
): Promise<number> {
  const [existing] = await db
    .select({ slug: misconceptions.slug, revision: misconceptions.revision })
    .from(misconceptions)
    .where(eq(misconceptions.slug, input.slug))
  if (mode === 'create' && existing)
    throw new ApiError(409, `A misconception "${input.slug}" already exists`)
  if (mode === 'edit' && !existing) throw notFound(`Misconception "${input.slug}"`)
  if (existing) requireRevision(existing.revision, expected)
  await checkReferences(db, input)
  const record = renderedOr400(
    (await renderer().compileMisconception(input)) as Rendered<MisconceptionRecord>,
    'The misconception does not render',
  )
  const statements = seedStatements({
    taxonomy: EMPTY_TAXONOMY,
    misconceptions: [{ ...record, at: 'api' }],
    items: [],
  })
  if (existing)
    statements.push({
      sql: 'UPDATE misconceptions SET revision = revision + 1 WHERE slug = ?',
      params: [input.slug],
    })
  await applyStatements(d1, statements)
  return existing ? existing.revision + 1 : 1
}

/** The latest revision as written, the published one beside it, and every field that differs. */
export async function reviewRevision(db: Db, id: string) {
  const revisions = await db
    .select()
    .from(itemRevisions)
    .where(eq(itemRevisions.itemId, id))
    .orderBy(desc(itemRevisions.revision))
  const latest = revisions[0]
  if (!latest) throw notFound(`Revisions of "${id}"`)
  const published = revisions.find((r) => r.status === 'published' && r !== latest) ?? null
  const { input, ...revision } = latest
  return {
    revision,
    draft: input,
    published: published?.input ?? null,
    changes: diffFields(published?.input ?? {}, input),
  }
}

/** Leaf-by-leaf differences between two written items (arrays by position), for a reviewer. */
export function diffFields(
  before: unknown,
  after: unknown,
  path = '',
): {
  field: string
  published?: unknown
  draft?: unknown
}[] {
  const isTree = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
  if (isTree(before) && isTree(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => diffFields(before[k], after[k], path ? `${path}.${k}` : k))
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return []
  return [{ field: path || '(item)', published: before, draft: after }]
}
