/**
 * A teacher's list of items for a lesson: add, remove, rename and reorder. Each write changes the
 * whole row in one statement, so two tabs adding at once never lose an item, and moves its
 * revision, so a reorder based on an older list is refused rather than dropping the new item.
 */
import { eq, sql } from 'drizzle-orm'
import { teacherLists } from '../db/schema.ts'
import { getItemSummaries, requirePublishedItem } from '../items/items.queries.ts'
import type { Db } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { atRevision, editedRevision, nextRevision } from '../lib/revisions.ts'

/** A live session takes at most 50 questions, so a list holds no more. */
export const MAX_LIST_ITEMS = 50

export interface ListInput {
  name: string
  itemIds: string[]
}

/** The teacher's list with item summaries in their order (items since withdrawn are left out). */
export async function getList(db: Db, teacherId: string) {
  const [row] = await db.select().from(teacherLists).where(eq(teacherLists.teacherId, teacherId))
  const items = await getItemSummaries(db, row?.itemIds ?? [])
  return {
    name: row?.name ?? '',
    items: items.map((i) => ({ id: i.id, construct: i.construct, topic: i.topic, years: i.years })),
    /** 0 before the first save. */
    revision: row?.revision ?? 0,
    updatedAt: row?.updatedAt ?? null,
  }
}
export type TeacherList = Awaited<ReturnType<typeof getList>>

/**
 * Replaces the name and the order, if the list is still at the revision the caller saw; every
 * item must be published (400 names those that are not).
 */
export async function saveList(db: Db, teacherId: string, input: ListInput, expected?: number) {
  const itemIds = [...new Set(input.itemIds)]
  if (itemIds.length > MAX_LIST_ITEMS)
    throw new ApiError(400, `A list holds at most ${MAX_LIST_ITEMS} items`)
  const found = new Set((await getItemSummaries(db, itemIds)).map((i) => i.id))
  const missing = itemIds.filter((id) => !found.has(id))
  if (missing.length > 0)
    throw new ApiError(400, `No published item with the id ${missing.join(', ')}`, {
      errors: missing.map((id) => ({
        in: 'json',
        field: 'itemIds',
        message: `unknown item ${id}`,
      })),
    })
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
  const saved = await db
    .insert(teacherLists)
    .values({ teacherId, name: input.name, itemIds })
    .onConflictDoUpdate({
      target: teacherLists.teacherId,
      set: {
        name: input.name,
        itemIds,
        revision: nextRevision(teacherLists.revision),
        updatedAt: now,
      },
      setWhere: atRevision(teacherLists.revision, expected),
    })
    .returning({ revision: teacherLists.revision })
  return editedRevision(
    saved,
    () =>
      db
        .select({ revision: teacherLists.revision })
        .from(teacherLists)
        .where(eq(teacherLists.teacherId, teacherId)),
    'Your list',
  )
}

/**
 * Adds an item at the end (a no-op if it is there already). The append happens inside SQLite, so
 * concurrent adds each land; a full list answers 409.
 */
export async function addToList(db: Db, teacherId: string, itemId: string) {
  await requirePublishedItem(db, itemId)
  const one = JSON.stringify([itemId])
  const result = await db.run(sql`
    INSERT INTO teacher_lists (teacher_id, item_ids) VALUES (${teacherId}, ${one})
    ON CONFLICT (teacher_id) DO UPDATE SET
      item_ids = json_insert(teacher_lists.item_ids, '$[#]', ${itemId}),
      revision = teacher_lists.revision + 1,
      updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE NOT EXISTS (SELECT 1 FROM json_each(teacher_lists.item_ids) WHERE value = ${itemId})
      AND json_array_length(teacher_lists.item_ids) < ${MAX_LIST_ITEMS}`)
  if (result.meta.changes === 0) {
    const { items } = await getList(db, teacherId)
    if (!items.some((i) => i.id === itemId))
      throw new ApiError(409, `Your list is full: it holds at most ${MAX_LIST_ITEMS} items`)
  }
}

/** Takes an item off the list, keeping the others in their order. */
export async function removeFromList(db: Db, teacherId: string, itemId: string) {
  await db.run(sql`
    UPDATE teacher_lists SET
      item_ids = (SELECT json_group_array(value) FROM
        (SELECT value FROM json_each(teacher_lists.item_ids) WHERE value != ${itemId} ORDER BY key)),
      revision = revision + 1,
      updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE teacher_id = ${teacherId}`)
}

/** The order after moving one item up or down a place (unchanged at either end). */
export function moved(itemIds: string[], itemId: string, direction: 'up' | 'down'): string[] {
  const at = itemIds.indexOf(itemId)
  const to = direction === 'up' ? at - 1 : at + 1
  if (at < 0 || to < 0 || to >= itemIds.length) return itemIds
  const order = [...itemIds]
  ;[order[at], order[to]] = [order[to] as string, order[at] as string]
  return order
}
