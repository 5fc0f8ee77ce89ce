/** Reading HTML form posts, one way for every page. */
import type { Context } from 'hono'
import type { AppEnv } from '../lib/context.ts'

/** A posted form's text fields (file fields, which no page takes, are dropped). */
export async function formValues(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody()
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
}
