/**
 * Cursor pagination, one way for every list. A cursor is the opaque (base64url) sort key of the
 * last row returned; the next page starts after it. `limit` is capped, and out-of-range values
 * are a 400 rather than silently clamped.
 */
import { z } from '@hono/zod-openapi'
import { ApiError } from './errors.ts'

export const MAX_LIMIT = 50

export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(20)
    .openapi({ description: `Results per page, 1–${MAX_LIMIT}` }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page' }),
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })

export const encodeCursor = (key: string): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(key)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    )
  } catch {
    throw new ApiError(400, 'The cursor is not one this API issued', {
      errors: [{ in: 'query', field: 'cursor', message: 'not a valid cursor' }],
    })
  }
}

/** For ranked lists (search), the cursor is the position to continue from. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  const offset = Number(decodeCursor(cursor) ?? 0)
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new ApiError(400, 'The cursor is not one this API issued', {
      errors: [{ in: 'query', field: 'cursor', message: 'not a valid cursor' }],
    })
  }
  return offset
}

/** Given limit + 1 rows fetched, the page and the cursor for the next one. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => string) {
  const data = rows.slice(0, limit)
  const last = data[data.length - 1]
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null }
}
