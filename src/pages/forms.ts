/** Reading HTML form posts, one way for every page. */
import type { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../lib/context.ts'
import { ApiError } from '../lib/errors.ts'

/** A posted form's text fields (file fields, which no page takes, are dropped). */
export async function formValues(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody()
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
}

/**
 * A form checked by the API's own zod schema: the parsed data, or one message per invalid field
 * in words a teacher can act on (shown inline by `FormErrors`).
 */
export function parseForm<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { data: z.infer<T>; errors?: undefined } | { data?: undefined; errors: string[] } {
  const parsed = schema.safeParse(input)
  if (parsed.success) return { data: parsed.data }
  return {
    errors: parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || 'form'}: ${issue.message}`,
    ),
  }
}

/**
 * Runs a form's action; an ApiError it throws with status 400, 403 or 409 becomes the messages to
 * show inline beside the form (one per invalid field), anything else goes on to the error page.
 */
export async function formAction(action: () => Promise<unknown>): Promise<string[] | null> {
  try {
    await action()
    return null
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 403, 409].includes(error.status)) throw error
    return error.errors?.map((e) => `${e.field}: ${e.message}`) ?? [error.message]
  }
}
