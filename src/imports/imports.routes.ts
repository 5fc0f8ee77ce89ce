/** The import route for hub curators, declared with its schemas. */
import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../bank/schemas.ts'
import { notFoundError } from '../lib/errors.ts'
import { jsonBody, jsonResponse, signedInErrors } from '../lib/openapi.ts'

/** Imports larger than this go through the CLI, which has no request size or time limit. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024

const base64 = z.base64().openapi({ description: "The file's bytes, base64-encoded" })

const Source = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('diagnostic-csv'),
    name: z.string().max(200).default('questions.csv'),
    questions: z.string().min(1).max(MAX_IMPORT_BYTES).optional(),
    questionsBase64: base64.max(MAX_IMPORT_BYTES * 2).optional(),
    misconceptions: z.string().max(MAX_IMPORT_BYTES).optional(),
    misconceptionsBase64: base64.max(MAX_IMPORT_BYTES * 2).optional(),
  }),
  z.strictObject({
    format: z.literal('gift'),
    name: z.string().max(200).default('questions.gift'),
    text: z.string().min(1).max(MAX_IMPORT_BYTES),
  }),
  z.strictObject({
    format: z.literal('moodle-xml'),
    name: z.string().max(200).default('questions.xml'),
    xml: z.string().min(1).max(MAX_IMPORT_BYTES),
  }),
  z.strictObject({
    format: z.literal('json'),
    name: z.string().max(200).default('export.json'),
    text: z.string().min(1).max(MAX_IMPORT_BYTES),
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
        status: z.enum(['draft', 'review']).default('review').openapi({
          description:
            'Imported items land as drafts or in review; a second curator publishes them, as for authored items',
        }),
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
