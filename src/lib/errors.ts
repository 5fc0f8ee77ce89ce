/**
 * The one error type, and its rendering as RFC 9457 problem details (`application/problem+json`).
 * Handlers throw `ApiError`; `onError` in the app factory renders it. Anything else that escapes
 * becomes a 500 that says nothing about the internals.
 */
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
}

/** One invalid field: where it was (`query`, `json`, `param`…), its path, and what is wrong. */
export interface InvalidField {
  in: string
  field: string
  message: string
}

export class ApiError extends Error {
  readonly status: ContentfulStatusCode
  readonly errors?: InvalidField[]
  readonly headers?: Record<string, string>
  constructor(
    status: ContentfulStatusCode,
    detail: string,
    extra: { errors?: InvalidField[]; headers?: Record<string, string> } = {},
  ) {
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.errors = extra.errors
    this.headers = extra.headers
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} was not found`)

export function problemResponse(c: Context, error: ApiError): Response {
  const body = {
    type: 'about:blank',
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    instance: new URL(c.req.url).pathname,
    ...(error.errors ? { errors: error.errors } : {}),
  }
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
  })
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z
      .array(z.object({ in: z.string(), field: z.string(), message: z.string() }))
      .optional(),
  })
  .openapi('Problem')

/** An error response for a route's schema: problem+json, described. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
})

/** Error responses every route can give, declared once and spread into each route. */
export const commonErrors = {
  400: problem('Invalid request: one entry in `errors` per invalid field'),
  500: problem('Unexpected error; nothing internal is revealed'),
} as const

export const notFoundError = { 404: problem('No such resource') } as const
