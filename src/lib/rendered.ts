/**
 * What crosses the service binding to the renderer Worker (src/renderer/): content that does not
 * render comes back as data, `{ ok: false, problems }`, never as a thrown custom class, because
 * RPC carries only structured-clonable values and an Error loses its class and fields on the
 * way. This is the one place such an answer becomes the 400 an API client sees.
 */
import { env } from 'cloudflare:workers'
import { ApiError } from './errors.ts'

/** A problem with one field of one piece of content. */
export interface FieldProblem {
  field: string
  message: string
}

/** A renderer answer: the value, or every field that does not render and why. */
export type Rendered<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] }

/** The renderer Worker's RPC stub (the RENDERER service binding). */
export const renderer = (): Env['RENDERER'] => env.RENDERER

/** `problems` as the lines a page shows: `field: message`. */
export const problemLines = (problems: FieldProblem[]): string[] =>
  problems.map((p) => `${p.field}: ${p.message}`)

/** The value, or a 400 naming each field (`in` is where the fields were: body, json…). */
export function renderedOr400<T>(result: Rendered<T>, detail: string, where = 'body'): T {
  if (result.ok) return result.value
  throw new ApiError(400, detail, {
    errors: result.problems.map((p) => ({ in: where, ...p })),
  })
}
