/**
 * Response bodies typed from the route declarations themselves, so a test reads the API as the
 * OpenAPI document describes it: `Body<typeof routes.getItem>` is what `GET /api/items/{id}` answers.
 */
import type { z } from '@hono/zod-openapi'
import type { ProblemSchema } from '../../src/lib/errors.ts'

type JsonSchema<R, S extends number> = R extends {
  responses: { [K in S]: { content: { 'application/json': { schema: infer Z } } } }
}
  ? Z extends z.ZodType
    ? z.infer<Z>
    : never
  : never

/** The JSON a route answers with `status` (200 unless given). */
export type Body<R, S extends number = 200> = JsonSchema<R, S>

/** An RFC 9457 problem, as every error is. */
export type Problem = z.infer<typeof ProblemSchema>
