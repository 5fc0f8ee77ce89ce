/**
 * Every set a hub is building, drafts included, for its curators' dashboard (listHubSets in
 * sets.queries.ts lists only the published ones, for the public).
 */
import { and, asc, eq, max } from 'drizzle-orm'
import { itemSetEntries, itemSets, itemSetVersions } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'

export async function listHubSetDrafts(db: Db, hubSlug: string) {
  const [sets, counts] = await Promise.all([
    db
      .select({
        id: itemSets.id,
        title: itemSets.title,
        updatedAt: itemSets.updatedAt,
        latestVersion: max(itemSetVersions.version),
      })
      .from(itemSets)
      .leftJoin(itemSetVersions, eq(itemSetVersions.setId, itemSets.id))
      .where(and(eq(itemSets.ownerType, 'hub'), eq(itemSets.ownerId, hubSlug)))
      .groupBy(itemSets.id)
      .orderBy(asc(itemSets.title)),
    db
      .select({ setId: itemSetEntries.setId, n: max(itemSetEntries.position) })
      .from(itemSetEntries)
      .innerJoin(itemSets, eq(itemSets.id, itemSetEntries.setId))
      .where(and(eq(itemSets.ownerType, 'hub'), eq(itemSets.ownerId, hubSlug)))
      .groupBy(itemSetEntries.setId),
  ])
  const size = new Map(counts.map((c) => [c.setId, c.n ?? 0]))
  return sets.map((s) => ({ ...s, itemCount: size.get(s.id) ?? 0 }))
}
