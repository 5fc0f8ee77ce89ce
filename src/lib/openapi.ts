/** Small helpers for declaring routes: JSON bodies and responses, the errors of signed-in routes. */
import type { z } from '@hono/zod-openapi'
import { commonErrors, problem } from './errors.ts'

/** A required JSON request body: anything that is not JSON is a 400, not an empty object. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
})

export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
})

/** Errors every signed-in route can give. */
export const signedInErrors = {
  401: problem('Not signed in'),
  403: problem('Not allowed'),
  ...commonErrors,
} as const
