/**
 * The import handler. An API import writes only what its hub may: new items, and items the hub
 * already owns; a row whose id belongs to the starter bank or to another hub is skipped with the
 * reason (import it under a new id). What lands is the hub's, as a draft or in review, and is
 * published by a second curator exactly as authored items are.
 */
import type { z } from '@hono/zod-openapi'
import { requireCurator } from '../hubs/hubs.queries.ts'
import { type AppRouteHandler, currentUser } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { taxonomyRecord } from '../taxonomy/taxonomy.queries.ts'
import { importIntoHub } from './imports.queries.ts'
import type * as routes from './imports.routes.ts'
import type { ImportSource } from './prepare.ts'

type Source = z.infer<
  (typeof routes.importRoute.request.body.content)['application/json']['schema']
>['source']

const bytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** The request's source as the import pipeline takes it, or a 400 naming what is missing. */
function importSource(source: Source): ImportSource {
  if (source.format !== 'diagnostic-csv') return source
  const questions =
    source.questionsBase64 !== undefined ? bytes(source.questionsBase64) : source.questions
  if (questions === undefined || (source.questions !== undefined && source.questionsBase64)) {
    throw new ApiError(400, 'Send the questions CSV as questions (text) or questionsBase64', {
      errors: [
        {
          in: 'json',
          field: 'source.questions',
          message: 'give exactly one of questions, questionsBase64',
        },
      ],
    })
  }
  const misconceptions =
    source.misconceptionsBase64 !== undefined
      ? bytes(source.misconceptionsBase64)
      : source.misconceptions || undefined
  return { format: source.format, name: source.name, questions, misconceptions }
}

export const importRoute: AppRouteHandler<typeof routes.importRoute> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug } = c.req.valid('param')
  const user = currentUser(c)
  await requireCurator(db, hubSlug, user)
  const { source, dryRun, status, licence, topic } = c.req.valid('json')
  const taxonomy = await taxonomyRecord(db)
  if (topic && !taxonomy.topics.some((t) => t.slug === topic)) {
    throw new ApiError(400, `There is no topic "${topic}"`, {
      errors: [
        { in: 'json', field: 'topic', message: `unknown topic "${topic}" (see /api/topics)` },
      ],
    })
  }
  const report = await importIntoHub(db, c.env.DB, c.env.MEDIA, importSource(source), {
    hubSlug,
    importerId: user.id,
    dryRun,
    licence,
    status,
    defaultTopic: topic,
  })
  return c.json({ dryRun, ...report }, 200)
}
