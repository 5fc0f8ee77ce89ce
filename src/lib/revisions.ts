/**
 * Optimistic concurrency for everything that can be edited. Each editable resource carries a
 * revision, sent as its ETag (`"7"`, or `"7.<digest>"` on a read); a PUT or PATCH may name it in
 * If-Match, and an edit based on anything but the current revision is refused with 412 and the
 * current ETag, so nobody silently overwrites what someone else saved meanwhile.
 *
 * Without If-Match an edit applies to whatever is current (last write wins), as plain HTML forms
 * and old clients expect; the pages send the revision they showed as a hidden field instead.
 */
import { z } from '@hono/zod-openapi'
import { eq, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Context, MiddlewareHandler } from 'hono'
import { ApiError, notFound, problem } from './errors.ts'
import { jsonResponse } from './openapi.ts'

/** The request header, declared on every editing route so the OpenAPI document shows it. */
export const IfMatch = z.object({
  'if-match': z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'The ETag you last read; if it has moved on since, 412' }),
})

export const preconditionFailed = {
  412: problem('If-Match names a revision that is no longer current; ETag gives the current one'),
} as const

/** A JSON response that carries the resource's revision as its ETag. */
export const revisionedResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  ...jsonResponse(description, schema),
  headers: z.object({
    ETag: z.string().openapi({ description: 'The revision, for If-Match on the next edit' }),
  }),
})

/** The revision as a field too, for lists and for forms that send it back. */
export const RevisionField = z.number().int().openapi({ description: 'Sent as the ETag' })

export const revisionTag = (revision: number) => `"${revision}"`

/**
 * A read answers `"7.<digest>"`: the revision for If-Match, and a digest of the body so that a
 * conditional GET (If-None-Match → 304) still notices what changes without an edit (a hub's
 * curators, a workgroup's member count). Registered inside hono's etag(), before it compares.
 */
export const revisionedReads: MiddlewareHandler = async (c, next) => {
  await next()
  const tag = c.res.headers.get('ETag')
  if (c.req.method !== 'GET' || !c.res.ok || !tag || !/^"\d+"$/.test(tag)) return
  const digest = await crypto.subtle.digest('SHA-1', await c.res.clone().arrayBuffer())
  const hex = [...new Uint8Array(digest).slice(0, 8)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  c.res.headers.set('ETag', `${tag.slice(0, -1)}.${hex}"`)
}

export function tagRevision(c: Context, revision: number): void {
  c.header('ETag', revisionTag(revision))
}

/**
 * The revision an If-Match header names; undefined when there is none or it is `*`. A weak tag or
 * a list can never match a strong comparison (RFC 9110 §13.1.1), so they are refused at once.
 */
export function expectedRevision(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  const tag = /^\s*"(\d{1,9})(?:\.[0-9a-f]{1,40})?"\s*$/.exec(header)
  if (!tag) throw new ApiError(412, `If-Match ${header} names no revision of this resource`)
  return Number(tag[1])
}

/** The revision a form sent back (a hidden field), read like an If-Match. */
export function formRevision(value: string | undefined): number | undefined {
  return value && /^\d{1,9}$/.test(value) ? Number(value) : undefined
}

export function stale(current: number): ApiError {
  return new ApiError(
    412,
    `This was changed meanwhile and is now at revision ${current}; reload it and make your change again`,
    { headers: { ETag: revisionTag(current) } },
  )
}

/** The WHERE condition of a conditional edit: the row as the caller saw it, or any revision. */
export const atRevision = (column: SQLiteColumn, expected: number | undefined) =>
  expected === undefined ? undefined : eq(column, expected)

/** The SET value of every edit. */
export const nextRevision = (column: SQLiteColumn) => sql`${column} + 1`

/**
 * What a conditional UPDATE … RETURNING revision came to: the new revision, or, when it changed
 * no row, 404 if the resource is gone and 412 with its current revision if it moved on.
 */
export async function editedRevision(
  updated: { revision: number }[],
  current: () => Promise<{ revision: number }[]>,
  what: string,
): Promise<number> {
  if (updated[0]) return updated[0].revision
  const [row] = await current()
  if (!row) throw notFound(what)
  throw stale(row.revision)
}

/** For a read-then-write edit: 412 unless the revision read is the one the caller expected. */
export function requireRevision(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) throw stale(current)
}
