/** What an import needs to know of the bank before it writes: who owns the items it would touch. */
import { inArray } from 'drizzle-orm'
import { items } from '../db/schema.ts'
import { chunk, type Db } from '../lib/db.ts'

/** Each existing item's owning hub (null for the starter bank and CLI imports), by id. */
export async function itemOwners(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  const owners = new Map<string, string | null>()
  for (const part of chunk([...new Set(ids)], 90)) {
    const rows = await db
      .select({ id: items.id, hubSlug: items.hubSlug })
      .from(items)
      .where(inArray(items.id, part))
    for (const row of rows) owners.set(row.id, row.hubSlug)
  }
  return owners
}
