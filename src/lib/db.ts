/**
 * The one way to reach the database: a drizzle instance over the D1 binding, made once per
 * binding (so once per isolate in practice), with camelCase keys mapped to snake_case columns.
 */
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import * as schema from '../db/schema.ts'
import { ApiError } from './errors.ts'

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

/**
 * Whether a failed write broke a UNIQUE or PRIMARY KEY constraint: how D1 reports that a
 * concurrent write took the same slot first. drizzle wraps D1's error, so its cause is read too.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)/.test(e.message))
      return true
  return false
}

/** Runs a write; if a concurrent one took its unique slot first, a 409 with `detail` instead. */
export async function orConflict<T>(write: Promise<T>, detail: string): Promise<T> {
  try {
    return await write
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, detail)
    throw error
  }
}
