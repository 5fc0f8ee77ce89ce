/**
 * The bank's version stamp: one row, bumped by every write to the bank (seed, import, authoring).
 * Reading it is the cheap check an isolate makes to know whether its search index is stale.
 */
import { eq } from 'drizzle-orm'
import { bankMeta } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'

export async function getBankVersion(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ value: bankMeta.value })
    .from(bankMeta)
    .where(eq(bankMeta.key, 'bank_version'))
  return row?.value ?? null
}

/** The statement that bumps the version; put it in the same batch as the write it records. */
export function bumpBankVersion(db: Db, version = new Date().toISOString()) {
  return db
    .insert(bankMeta)
    .values({ key: 'bank_version', value: version })
    .onConflictDoUpdate({ target: bankMeta.key, set: { value: version } })
}
