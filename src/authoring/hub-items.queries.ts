/**
 * What a hub's curators see of their own items: each item with its latest revision (its status
 * and who wrote it), for the hub dashboard and the review queue. The writes stay in
 * authoring.queries.ts; these are reads only.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { itemRevisions, items, users } from '../db/schema.ts'
import type { ItemInput } from '../bank/schemas.ts'
import type { Db } from '../lib/db.ts'

/** A hub's items, most recently revised first, each with its latest revision. */
export async function listHubItems(db: Db, hubSlug: string, only?: 'review' | 'draft') {
  const rows = await db
    .select({
      id: items.id,
      construct: items.construct,
      itemStatus: items.status,
      revision: itemRevisions.revision,
      revisionStatus: itemRevisions.status,
      authorId: itemRevisions.authorId,
      authorName: users.displayName,
      revisedAt: itemRevisions.createdAt,
    })
    .from(items)
    .innerJoin(itemRevisions, eq(itemRevisions.itemId, items.id))
    .leftJoin(users, eq(users.id, itemRevisions.authorId))
    .where(
      and(
        eq(items.hubSlug, hubSlug),
        // The latest revision only: no later one exists for the same item.
        sql`${itemRevisions.revision} = (select max(r.revision) from ${itemRevisions} r where r.item_id = ${items.id})`,
        only ? eq(itemRevisions.status, only) : undefined,
      ),
    )
    .orderBy(desc(itemRevisions.createdAt))
    .limit(200)
  return rows.map((r) => ({ ...r, authorName: r.authorName ?? 'an import' }))
}
export type HubItem = Awaited<ReturnType<typeof listHubItems>>[number]

/** The latest written input of each of a hub's items, for the key-position rule over the hub. */
export async function hubItemInputs(db: Db, hubSlug: string) {
  const rows = await db
    .select({ input: itemRevisions.input })
    .from(items)
    .innerJoin(itemRevisions, eq(itemRevisions.itemId, items.id))
    .where(
      and(
        eq(items.hubSlug, hubSlug),
        sql`${itemRevisions.revision} = (select max(r.revision) from ${itemRevisions} r where r.item_id = ${items.id})`,
      ),
    )
    .limit(500)
  return rows.map((r) => r.input as unknown as ItemInput)
}
