/**
 * `POST /api/hubs/{hubSlug}/import`: curators import a diagnostic-question CSV (with its
 * misconceptions CSV when it uses their ids), a Moodle XML file, a GIFT file or one of our JSON
 * exports. The same pipeline as `npm run import`: bad rows are skipped and reported by row
 * number, the good ones are written in one D1 batch (all or nothing) with a bump of the bank
 * version, so search sees them on the next request. Images the file carries go to the MEDIA
 * bucket first, so no item ever points at an image that is not there.
 *
 * A CSV may be sent as text or as its bytes in base64 (`questionsBase64`): only bytes let the
 * encoding be detected, since a client that decoded the file wrongly has already lost characters.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { prepareImport, type ImportSource } from './prepare.ts'
import { applyStatements, seedStatements } from '../bank/seed.ts'
import { itemStatuses, misconceptions } from '../db/schema.ts'
import { requireCurator } from '../hubs/hubs.queries.ts'
import { currentUser } from '../lib/auth.ts'
import { createRouter } from '../lib/create-app.ts'
import { getDb } from '../lib/db.ts'
import { ApiError, notFoundError } from '../lib/errors.ts'
import { putMedia } from '../media/media.queries.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'
import { taxonomyRecord } from '../taxonomy/taxonomy.queries.ts'

/** Imports larger than this go through the CLI, which has no request size or time limit. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024

const base64 = z.base64().openapi({ description: "The file's bytes, base64-encoded" })

const Source = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('diagnostic-csv'),
    name: z.string().max(200).default('questions.csv'),
    questions: z.string().min(1).optional(),
    questionsBase64: base64.optional(),
    misconceptions: z.string().optional(),
    misconceptionsBase64: base64.optional(),
  }),
  z.strictObject({
    format: z.literal('gift'),
    name: z.string().max(200).default('questions.gift'),
    text: z.string().min(1),
  }),
  z.strictObject({
    format: z.literal('moodle-xml'),
    name: z.string().max(200).default('questions.xml'),
    xml: z.string().min(1),
  }),
  z.strictObject({
    format: z.literal('json'),
    name: z.string().max(200).default('export.json'),
    text: z.string().min(1),
  }),
])

const Problem = z.object({
  source: z.string(),
  row: z.number().int().nullable(),
  message: z.string(),
})

export const importRoute = createRoute({
  method: 'post',
  path: '/api/hubs/{hubSlug}/import',
  tags: ['Import', 'Hubs'],
  summary: 'Import items and misconceptions (hub curators); per-row, re-importing changes nothing',
  request: {
    params: z.object({ hubSlug: slug }),
    body: jsonBody(
      z.strictObject({
        source: Source,
        dryRun: z.boolean().default(false),
        status: z.enum(itemStatuses).default('published'),
        licence: z.string().trim().min(1).max(60).default('CC-BY-4.0'),
        topic: slug.optional().openapi({
          description:
            'Topic for questions whose category, subject or tags match none of ours (e.g. Moodle’s own "Default for …" categories)',
        }),
      }),
    ),
  },
  responses: {
    200: jsonResponse(
      'What was (or, in a dry run, would be) imported, and what was skipped and why',
      z.object({
        dryRun: z.boolean(),
        items: z.number().int(),
        misconceptions: z.number().int(),
        skipped: z.array(Problem),
        flagged: z.array(Problem),
        files: z.array(
          z.object({
            source: z.string(),
            format: z.string(),
            encoding: z.string().optional(),
            delimiter: z.string().optional(),
          }),
        ),
        images: z.number().int(),
      }),
    ),
    ...notFoundError,
    ...signedInErrors,
  },
})

const bytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** The request's source as the import pipeline takes it, or a 400 naming what is missing. */
function importSource(source: z.infer<typeof Source>): ImportSource {
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

export const importsRouter = createRouter().openapi(importRoute, async (c) => {
  const db = getDb(c.env.DB)
  await requireCurator(db, c.req.valid('param').hubSlug, currentUser(c))
  const { source, dryRun, status, licence, topic } = c.req.valid('json')
  const taxonomy = await taxonomyRecord(db)
  if (topic && !taxonomy.topics.some((t) => t.slug === topic)) {
    throw new ApiError(400, `There is no topic "${topic}"`, {
      errors: [
        { in: 'json', field: 'topic', message: `unknown topic "${topic}" (see /api/topics)` },
      ],
    })
  }
  const known = await db.select({ slug: misconceptions.slug }).from(misconceptions)
  const { bank, report, media } = prepareImport([importSource(source)], taxonomy, {
    status,
    licence,
    defaultTopic: topic,
    knownMisconceptions: new Set(known.map((m) => m.slug)),
  })
  if (!dryRun && (bank.items.length > 0 || bank.misconceptions.length > 0)) {
    await putMedia(c.env.MEDIA, media)
    // One batch: D1 runs it as a single transaction, so the good rows land together or not at all.
    await applyStatements(c.env.DB, seedStatements(bank))
  }
  return c.json({ dryRun, ...report }, 200)
})
