/**
 * The one way to reach the database: a drizzle instance over the D1 binding, made once per
 * binding (so once per isolate in practice), with camelCase keys mapped to snake_case columns.
 */
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import * as schema from '../db/schema.ts'

export type Db = DrizzleD1Database<typeof schema>

const cache = new WeakMap<D1Database, Db>()

export function getDb(d1: D1Database): Db {
  let db = cache.get(d1)
  if (!db) {
    db = drizzle(d1, { schema, casing: 'snake_case' })
    cache.set(d1, db)
  }
  return db
}

/** D1 allows at most 100 bound parameters per statement: split long lists before binding. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size))
  return chunks
}
