/** Response pieces shared by several routes' schemas. */
import { z } from '@hono/zod-openapi'

/** A piece of Markdown with TeX, and the HTML rendered from it when it was written. */
export const Rendered = z
  .object({ source: z.string().openapi({ description: 'Markdown with TeX' }), html: z.string() })
  .openapi('Rendered')

/** A link to a topic or strand. */
export const Ref = z.object({ slug: z.string(), name: z.string() }).openapi('Ref')
