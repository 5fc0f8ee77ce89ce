/**
 * Workgroup notes on a misconception ("what we saw, what worked"). Private to the workgroup;
 * a lead may share one, and then anyone can read it, credited to the workgroup.
 */
import { and, desc, eq, isNotNull, lt, or } from 'drizzle-orm'
import { newId } from '../accounts/secrets.ts'
import { misconceptions, users, workgroupNotes, workgroups } from '../db/schema.ts'
import { invalid, renderField } from '../discussions/guards.ts'
import type { Db } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'

const columns = {
  note: workgroupNotes,
  authorName: users.displayName,
  workgroupName: workgroups.name,
}

type Joined = {
  note: typeof workgroupNotes.$inferSelect
  authorName: string
  workgroupName: string
}

const toNote = ({ note: n, authorName, workgroupName }: Joined) => ({
  id: n.id,
  workgroup: { id: n.workgroupId, name: workgroupName },
  misconceptionSlug: n.misconceptionSlug,
  author: { id: n.authorId, displayName: authorName },
  body: { source: n.bodySource, html: n.bodyHtml },
  createdAt: n.createdAt,
  shared: n.sharedAt ? { at: n.sharedAt, by: n.sharedBy ?? '' } : null,
})

const from = (db: Db) =>
  db
    .select(columns)
    .from(workgroupNotes)
    .innerJoin(users, eq(users.id, workgroupNotes.authorId))
    .innerJoin(workgroups, eq(workgroups.id, workgroupNotes.workgroupId))

export const noteKey = (n: { createdAt: string; id: string }) => `${n.createdAt}|${n.id}`

function before(after?: string) {
  const [at, id] = (after ?? '').split('|')
  if (!after || at === undefined || id === undefined) return undefined
  return or(
    lt(workgroupNotes.createdAt, at),
    and(eq(workgroupNotes.createdAt, at), lt(workgroupNotes.id, id)),
  )
}

export async function addNote(
  db: Db,
  workgroupId: string,
  authorId: string,
  input: { misconceptionSlug: string; body: string },
) {
  const [m] = await db
    .select({ slug: misconceptions.slug })
    .from(misconceptions)
    .where(eq(misconceptions.slug, input.misconceptionSlug))
  if (!m) throw invalid('misconceptionSlug', 'no such misconception')
  const id = newId()
  await db.insert(workgroupNotes).values({
    id,
    workgroupId,
    misconceptionSlug: input.misconceptionSlug,
    authorId,
    bodySource: input.body,
    bodyHtml: await renderField('body', input.body),
    createdAt: new Date().toISOString(),
  })
  return id
}

export async function getNote(db: Db, workgroupId: string, noteId: string) {
  const [row] = await from(db).where(
    and(eq(workgroupNotes.id, noteId), eq(workgroupNotes.workgroupId, workgroupId)),
  )
  if (!row) throw notFound('That note')
  return toNote(row)
}

export async function setShared(db: Db, noteId: string, leadId: string, shared: boolean) {
  await db
    .update(workgroupNotes)
    .set(
      shared
        ? { sharedAt: new Date().toISOString(), sharedBy: leadId }
        : { sharedAt: null, sharedBy: null },
    )
    .where(eq(workgroupNotes.id, noteId))
}

export async function listNotes(
  db: Db,
  filter: { workgroupId: string; misconception?: string } | { sharedOn: string },
  page: { limit: number; after?: string },
) {
  const rows = await from(db)
    .where(
      and(
        'sharedOn' in filter
          ? and(
              eq(workgroupNotes.misconceptionSlug, filter.sharedOn),
              isNotNull(workgroupNotes.sharedAt),
            )
          : and(
              eq(workgroupNotes.workgroupId, filter.workgroupId),
              filter.misconception
                ? eq(workgroupNotes.misconceptionSlug, filter.misconception)
                : undefined,
            ),
        before(page.after),
      ),
    )
    .orderBy(desc(workgroupNotes.createdAt), desc(workgroupNotes.id))
    .limit(page.limit + 1)
  return rows.map(toNote)
}
